import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, docx, safeEdits, type Edit } from '../../server/src/engine';
import { builtinDictionary, ROOT } from '../helpers/dictionary';
import {
  deleted,
  endnoteReference,
  field,
  footnoteReference,
  inserted,
  makeDocx,
  simpleField,
  type DocSpec,
} from '../helpers/docx';

/**
 * A real word processor reads what `medterm lint --fix` writes: LibreOffice Writer (headless, driven over
 * UNO by test/helpers/libreoffice.py) opens each fixed copy of a corpus of .docx files (made by the test
 * generator and by LibreOffice itself from HTML and ODF), sees MedTerm's tracked changes, and gives the
 * fixed text after "accept all", the original after "reject all", and the same text and changes after a
 * round trip through .odt/.docx.
 */

const CLI = join(ROOT, 'dist', 'cli.js');
const SCRIPT = join(ROOT, 'test', 'helpers', 'libreoffice.py');
const PYTHON = '/usr/bin/python3';

interface View {
  redlines: { author: string; type: string }[];
  load: string[];
  accept: string[];
  reject: string[];
  acceptRedlines: number;
  rejectRedlines: number;
  roundTrip: string[];
  roundTripRedlines: number;
}

const GENERATED: Record<string, DocSpec> = {
  // Split runs (埃雷 bold, 妥珠单抗 plain), formatting, a table, notes, an image, a header. (Comments are
  // read by the unit tests: LibreOffice 7.4 loads no document with comments over UNO when headless.)
  'generated-structure': {
    body: [
      ['多发性骨髓瘤的治疗进展'],
      [
        { text: '埃雷', bold: true },
        '妥珠单抗与',
        { text: '利那度胺', italic: true },
        '联合。',
        footnoteReference(1),
        endnoteReference(1),
      ],
      {
        table: [
          [['方案'], ['药物']],
          [['DRd'], ['达雷木单抗']],
        ],
      },
    ],
    footnotes: [['脚注中的利那度胺。']],
    endnotes: [['尾注：达雷木单抗。']],
    header: ['综述'],
    image: true,
  },
  // Fields, hidden text and a reviewer's earlier tracked changes.
  'generated-fields-revisions': {
    body: [
      [
        '参见',
        field('HYPERLINK "https://example.org/利那度胺"', '链接'),
        '。患者服用达雷木单抗。',
        { text: '利那度胺', hidden: true },
        deleted('埃雷妥珠单抗'),
        inserted('审稿人新增的文字'),
      ],
      ['结果：', simpleField('DOCPROPERTY Title', '硼替佐米'), '，其后埃雷妥珠单抗获批。'],
    ],
  },
  // Astral characters, escaped XML characters and spaces around the fixes.
  'generated-escapes': { body: [['😀利那度胺 & <注> 达雷木单抗'], [' 前有空格的利那度胺 ']] },
};

const HTML =
  '<html><head><meta charset="utf-8"><title>t</title></head><body><h1>多发性骨髓瘤</h1><p>患者接受达雷<b>木</b>单抗治疗，联合利那度胺。</p><ul><li>硼替佐米</li></ul><table border="1"><tr><td>方案</td><td>利那度胺</td></tr></table></body></html>';

const FODT = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>
<office:body><office:text>
<text:h text:outline-level="1">综述</text:h>
<text:p>FDA 批准了<text:span text:style-name="T1">埃雷</text:span>妥珠单抗。<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>脚注中写作利那度胺。</text:p></text:note-body></text:note></text:p>
<table:table table:name="T"><table:table-column table:number-columns-repeated="2"/><table:table-row><table:table-cell><text:p>药物</text:p></table:table-cell><table:table-cell><text:p>达雷木单抗</text:p></table:table-cell></table:table-row></table:table>
</office:text></office:body></office:document>
`;

let office: ChildProcess | undefined;
let pipe = '';
let directory = '';
const corpus: string[] = [];

function python(args: string[]): unknown {
  const result = spawnSync(PYTHON, [SCRIPT, pipe, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`libreoffice.py failed (${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

function medterm(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, '--locale', 'en', ...args], { cwd: directory, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The edits MedTerm writes for a file (the engine, as the CLI runs it). */
function appliedEdits(file: string): { document: docx.DocxDocument; applied: readonly Edit[] } {
  const document = docx.readDocx(readFileSync(file));
  const analysis = analyze(document.text, builtinDictionary(), { languageId: docx.DOCX_LANGUAGE_ID });
  const result = docx.writeTrackedChanges(document, safeEdits(analysis.findings), { date: '2026-01-01T00:00:00Z' });
  return { document, applied: result.applied };
}

/** Apply replacements (old → new, in document order) to LibreOffice's paragraphs, each after the previous. */
function replaceInOrder(
  paragraphs: readonly string[],
  replacements: readonly { old: string; new: string }[],
): string[] {
  let text = paragraphs.join('\n');
  let cursor = 0;
  for (const replacement of replacements) {
    const at = text.indexOf(replacement.old, cursor);
    if (at < 0) throw new Error(`“${replacement.old}” not found after ${cursor} in ${text}`);
    text = text.slice(0, at) + replacement.new + text.slice(at + replacement.old.length);
    cursor = at + replacement.new.length;
  }
  return text.split('\n');
}

beforeAll(() => {
  // Fail loudly rather than skip: `npm run test:e2e` installs LibreOffice first (scripts/setup-editors.sh).
  if (spawnSync('soffice', ['--version']).status !== 0)
    throw new Error('soffice is missing: run scripts/setup-editors.sh');
  if (spawnSync(PYTHON, ['-c', 'import uno']).status !== 0)
    throw new Error('python3-uno is missing: run scripts/setup-editors.sh');
  directory = process.env['MEDTERM_LO_KEEP'] ?? mkdtempSync(join(tmpdir(), 'medterm-lo-'));
  pipe = `medterm_${process.pid}_${Date.now()}`;
  office = spawn(
    'soffice',
    [
      '--headless',
      '--invisible',
      '--nologo',
      '--norestore',
      '--nodefault',
      `-env:UserInstallation=file://${join(directory, 'profile')}`,
      `--accept=pipe,name=${pipe};urp;`,
    ],
    { stdio: 'ignore', detached: true },
  );
  for (const [name, spec] of Object.entries(GENERATED)) {
    writeFileSync(join(directory, `${name}.docx`), makeDocx(spec));
    corpus.push(`${name}.docx`);
  }
  const sources = join(directory, 'sources');
  mkdirSync(sources);
  writeFileSync(join(sources, 'libreoffice-from-html.html'), HTML);
  writeFileSync(join(sources, 'libreoffice-from-odt.fodt'), FODT);
  python([
    'convert',
    directory,
    join(sources, 'libreoffice-from-html.html'),
    join(sources, 'libreoffice-from-odt.fodt'),
  ]);
  corpus.push('libreoffice-from-html.docx', 'libreoffice-from-odt.docx');
}, 180_000);

afterAll(() => {
  // soffice was started in its own process group: end that group (and only it).
  if (office?.pid) {
    try {
      process.kill(-office.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});

describe('MedTerm and LibreOffice on .docx files', () => {
  it('lints the corpus with locations where Word shows them', () => {
    const result = medterm(['lint', '--format', 'json', ...corpus]);
    expect(result.status).toBe(1);
    const reports = JSON.parse(result.stdout) as {
      file: string;
      findings: {
        text: string;
        location: { kind: string; table?: unknown; note?: number; label: string };
        context: string;
      }[];
    }[];
    const where = (file: string): string[] =>
      reports
        .find((report) => report.file === file)!
        .findings.map((finding) => `${finding.text} @ ${finding.location.label}`);
    expect(where('generated-structure.docx')).toEqual(
      expect.arrayContaining([
        '埃雷妥珠单抗 @ paragraph 2',
        '达雷木单抗 @ table 1, row 2, cell 2 (paragraph 6)',
        '利那度胺 @ footnote 1',
        '达雷木单抗 @ endnote 1',
      ]),
    );
    // Field instructions, hidden text and a reviewer's deletion are not prose.
    expect(where('generated-fields-revisions.docx').sort()).toEqual(
      ['埃雷妥珠单抗 @ paragraph 2', '达雷木单抗 @ paragraph 1'].sort(),
    );
    expect(where('libreoffice-from-html.docx')).toEqual(
      expect.arrayContaining(['达雷木单抗 @ paragraph 2', '利那度胺 @ paragraph 2']),
    );
    expect(
      where('libreoffice-from-html.docx').some((entry) => entry.startsWith('利那度胺 @ table 1, row 1, cell 2')),
    ).toBe(true);
    expect(where('libreoffice-from-odt.docx')).toEqual(
      expect.arrayContaining(['埃雷妥珠单抗 @ paragraph 2', '利那度胺 @ footnote 1']),
    );
    expect(
      where('libreoffice-from-odt.docx').some((entry) => entry.startsWith('达雷木单抗 @ table 1, row 1, cell 2')),
    ).toBe(true);
  });

  it('writes tracked changes that LibreOffice accepts (fixed text) and rejects (original), keeping every other part', () => {
    const fixed = corpus.map((file) => file.replace(/\.docx$/, '.medterm.docx'));
    const result = medterm(['lint', '--fix', ...corpus]);
    expect(result.stderr).not.toContain('not written');
    const views = python(['inspect', ...[...corpus, ...fixed].map((file) => join(directory, file))]) as Record<
      string,
      View
    >;
    for (const [index, file] of corpus.entries()) {
      const original = views[join(directory, file)]!;
      const changed = views[join(directory, fixed[index]!)]!;
      const { document, applied } = appliedEdits(join(directory, file));
      expect(applied.length, file).toBeGreaterThan(0);
      const minimal = applied.map((edit) => docx.minimalEdit(document.text, edit));
      const mine = changed.redlines.filter((redline) => redline.author === 'MedTerm');
      expect(mine.filter((redline) => redline.type === 'Delete').length, file).toBe(
        minimal.filter((edit) => edit.span.end > edit.span.start).length,
      );
      expect(mine.filter((redline) => redline.type === 'Insert').length, file).toBe(
        minimal.filter((edit) => edit.newText !== '').length,
      );
      expect(changed.redlines.length - mine.length, file).toBe(original.redlines.length);
      const replacements = applied.map((edit) => ({
        old: document.text.slice(edit.span.start, edit.span.end),
        new: edit.newText,
      }));
      expect(changed.accept, file).toEqual(replaceInOrder(original.accept, replacements));
      expect(changed.reject, file).toEqual(original.reject);
      expect(changed.acceptRedlines + changed.rejectRedlines, file).toBe(0);
      expect(changed.roundTrip, file).toEqual(changed.load);
      expect(changed.roundTripRedlines, file).toBe(changed.redlines.length);
      // Every part without a fix is byte-identical.
      const touched = new Set(applied.map((edit) => docx.paragraphAt(document, edit.span.start)!.location.part));
      const before = unzipSync(readFileSync(join(directory, file)));
      const after = unzipSync(readFileSync(join(directory, fixed[index]!)));
      expect(Object.keys(after).sort(), file).toEqual(Object.keys(before).sort());
      for (const name of Object.keys(before))
        if (!touched.has(name))
          expect(Buffer.from(after[name]!).equals(Buffer.from(before[name]!)), `${file}: ${name}`).toBe(true);
    }
  });
});
