import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docx } from '../../server/src/engine';
import { ROOT } from '../helpers/dictionary';
import { footnoteReference, makeDocx } from '../helpers/docx';

const CLI = join(ROOT, 'dist', 'cli.js');

function medterm(args: string[], cwd: string, locale: 'zh-cn' | 'en' = 'zh-cn') {
  const result = spawnSync(process.execPath, [CLI, '--locale', locale, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function folder(): string {
  const directory = mkdtempSync(join(tmpdir(), 'medterm-docx-cli-'));
  writeFileSync(
    join(directory, 'paper.docx'),
    makeDocx({
      body: [
        ['硼替佐米是蛋白酶体抑制剂。'],
        [{ text: '埃雷', bold: true }, '妥珠单抗与利那度胺联合。', footnoteReference(1)],
        { table: [[['指标'], ['达雷木单抗']]] },
      ],
      footnotes: [['脚注：利那度胺。']],
      image: true,
    }),
  );
  return directory;
}

describe('medterm lint on Word documents', () => {
  it('says where each finding is in Word (paragraph, table cell, footnote) with a line of context', () => {
    const result = medterm(['lint', 'paper.docx'], folder());
    expect(result.status).toBe(1);
    const lines = result.stdout.split('\n');
    const at = (label: string) => lines.findIndex((line) => line.trimStart().startsWith(label));
    expect(lines[at('第 2 段')]).toContain('“埃雷妥珠单抗”是非标准写法');
    expect(lines[at('第 2 段') + 1]!.trim()).toBe('埃雷妥珠单抗与利那度胺联合。');
    expect(lines[at('表 1 第 1 行第 2 列（第 4 段）')]).toContain('“达雷木单抗”');
    expect(lines[at('脚注 1')]).toContain('“利那度胺”');
    expect(lines[at('脚注 1') + 1]!.trim()).toBe('脚注：利那度胺。');
  });

  it('prints locations and context in JSON, and SARIF regions with the paragraph as snippet', () => {
    const directory = folder();
    const json = JSON.parse(medterm(['lint', '--format', 'json', 'paper.docx'], directory, 'en').stdout) as {
      file: string;
      findings: { text: string; location: Record<string, unknown>; context: string; line: number; column: number }[];
    }[];
    const findings = json[0]!.findings;
    expect(findings.map((finding) => [finding.line, finding.column])).toEqual([
      [2, 1],
      [2, 8],
      [4, 1],
      [5, 5],
    ]);
    expect(findings.map((finding) => [finding.text, finding.location])).toEqual([
      ['埃雷妥珠单抗', { kind: 'body', part: 'word/document.xml', paragraph: 2, label: 'paragraph 2' }],
      ['利那度胺', { kind: 'body', part: 'word/document.xml', paragraph: 2, label: 'paragraph 2' }],
      [
        '达雷木单抗',
        {
          kind: 'body',
          part: 'word/document.xml',
          paragraph: 4,
          table: { table: 1, row: 1, cell: 2 },
          label: 'table 1, row 1, cell 2 (paragraph 4)',
        },
      ],
      ['利那度胺', { kind: 'footnote', part: 'word/footnotes.xml', paragraph: 1, note: 1, label: 'footnote 1' }],
    ]);
    const sarif = JSON.parse(medterm(['lint', '--format', 'sarif', 'paper.docx'], directory, 'en').stdout);
    const result = sarif.runs[0].results[2];
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('paper.docx');
    expect(result.locations[0].physicalLocation.region).toEqual({
      startLine: 4,
      startColumn: 1,
      endLine: 4,
      endColumn: 6,
      snippet: { text: '达雷木单抗' },
    });
    expect(result.locations[0].logicalLocations).toEqual([
      { name: 'table 1, row 1, cell 2 (paragraph 4)', kind: 'element' },
    ]);
    // A SARIF fix replaces characters of a text file: a .docx is not one, so none is offered.
    expect(result.fixes).toBeUndefined();
  });

  it('lists the first use of each term in the glossary by paragraph', () => {
    const result = medterm(['glossary', '--all-terms', 'paper.docx'], folder());
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\| 硼替佐米 \| bortezomib \| paper\.docx:第 1 段 \|/);
  });
});

describe('medterm lint --fix on Word documents', () => {
  it('writes paper.medterm.docx with tracked changes, leaves the original alone, and reports what is left', () => {
    const directory = folder();
    const original = readFileSync(join(directory, 'paper.docx'));
    const result = medterm(['lint', '--fix', 'paper.docx'], directory);
    expect(result.stderr).toContain('已写入 4 处修订（作者 MedTerm）：paper.medterm.docx');
    expect(result.stdout).toContain('未发现问题');
    expect(result.status).toBe(0);
    expect(readFileSync(join(directory, 'paper.docx')).equals(original)).toBe(true);
    const fixed = docx.readDocx(readFileSync(join(directory, 'paper.medterm.docx')));
    expect(fixed.text).toBe(
      '硼替佐米是蛋白酶体抑制剂。\n\n埃罗妥珠单抗与来那度胺联合。\n\n指标\n\n达雷妥尤单抗\n\n脚注：来那度胺。'.replace(
        '\n\n脚注',
        '\n\n 脚注',
      ),
    );
    expect(readdirSync(directory).sort()).toEqual(['paper.docx', 'paper.medterm.docx']);
  });

  it('writes to --output, or over the file with --in-place', () => {
    const directory = folder();
    expect(medterm(['lint', '--fix', '--output', 'out/checked.docx', 'paper.docx'], directory).status).toBe(0);
    expect(docx.readDocx(readFileSync(join(directory, 'out', 'checked.docx'))).text).toContain('埃罗妥珠单抗');
    expect(medterm(['lint', '--fix', '--in-place', 'paper.docx'], directory).status).toBe(0);
    expect(docx.readDocx(readFileSync(join(directory, 'paper.docx'))).text).toContain('埃罗妥珠单抗');
    expect(existsSync(join(directory, 'paper.medterm.docx'))).toBe(false);
    expect(medterm(['lint', '--fix', '--in-place', '--output', 'x.docx', 'paper.docx'], directory).status).toBe(2);
  });

  it('exits 2 with a clear message for .doc, encrypted and damaged files, and writes nothing', () => {
    const directory = mkdtempSync(join(tmpdir(), 'medterm-docx-bad-'));
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    writeFileSync(join(directory, 'old.docx'), ole);
    const encrypted = ole.slice();
    encrypted.set(strToU8('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0'), 600);
    writeFileSync(join(directory, 'locked.docx'), encrypted);
    writeFileSync(join(directory, 'broken.docx'), 'PK\u0003\u0004 not really a zip');
    const zh = medterm(['lint', '--fix', 'old.docx', 'locked.docx', 'broken.docx'], directory);
    expect(zh.status).toBe(2);
    expect(zh.stdout).toContain('old.docx：未检查：这是旧版 Word 97–2003 二进制文档（.doc），不支持');
    expect(zh.stdout).toContain('locked.docx：未检查：Word 文档受密码保护');
    expect(zh.stdout).toContain('broken.docx：未检查：不是有效的 Word 文档');
    const en = medterm(['lint', '--format', 'json', 'locked.docx'], directory, 'en');
    expect(en.status).toBe(2);
    expect(en.stderr).toContain('the Word document is password-protected');
    expect(readdirSync(directory).sort()).toEqual(['broken.docx', 'locked.docx', 'old.docx']);
  });

  it('refuses a document over the size limit before reading it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'medterm-docx-huge-'));
    // A sparse file: the size is checked before a byte is read.
    writeFileSync(join(directory, 'huge.docx'), '');
    truncateSync(join(directory, 'huge.docx'), docx.DOCX_LIMITS.fileBytes + 1);
    const result = medterm(['lint', 'huge.docx'], directory, 'en');
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('huge.docx: not checked: the Word document is too large (64.1 MB, limit 64 MB)');
  });

  it('skips Word lock files and its own fixed copies when a folder is linted', () => {
    const directory = folder();
    writeFileSync(join(directory, '~$paper.docx'), 'lock');
    expect(medterm(['lint', '--fix', 'paper.docx'], directory).status).toBe(0);
    const json = JSON.parse(medterm(['lint', '--format', 'json', '.'], directory).stdout) as { file: string }[];
    expect(json.map((report) => report.file)).toEqual(['paper.docx']);
  });
});
