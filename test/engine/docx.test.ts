import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyze, docx, formatMessage, safeEdits } from '../../server/src/engine';
import { dictionaryOf } from '../helpers/dictionary';
import {
  commented,
  deleted,
  docxParts,
  endnoteReference,
  field,
  footnoteReference,
  inserted,
  makeDocx,
  revisedText,
  simpleField,
} from '../helpers/docx';

const { readDocx, writeTrackedChanges, locationMessage, contextOf, DocxError } = docx;
const DATE = '2026-12-07T00:00:00Z';

// The names below, inline (their shipped forms are tested in test/data/rules.test.ts): three variants with safe fixes.
const note = { zh: '测试用的说明', en: 'a note for the test' };
const dictionary = dictionaryOf(
  { id: 'bortezomib', category: 'drug', zh: '硼替佐米', en: 'bortezomib', classes: ['proteasome-inhibitor'] },
  { id: 'proteasome-inhibitor', category: 'drug-class', zh: '蛋白酶体抑制剂', en: 'proteasome inhibitor' },
  {
    id: 'elotuzumab',
    category: 'drug',
    zh: '埃罗妥珠单抗',
    en: 'elotuzumab',
    variants: [{ text: '埃雷妥珠单抗', kind: 'nonstandard-transliteration', note }],
  },
  {
    id: 'lenalidomide',
    category: 'drug',
    zh: '来那度胺',
    en: 'lenalidomide',
    variants: [{ text: '利那度胺', kind: 'nonstandard-transliteration', note }],
  },
  {
    id: 'daratumumab',
    category: 'drug',
    zh: '达雷妥尤单抗',
    en: 'daratumumab',
    variants: [{ text: '达雷木单抗', kind: 'outdated', note }],
  },
);

function findings(bytes: Uint8Array) {
  const document = readDocx(bytes);
  const analysis = analyze(document.text, dictionary, { languageId: docx.DOCX_LANGUAGE_ID });
  return {
    document,
    analysis,
    list: analysis.findings.map((finding) => ({
      rule: finding.ruleId,
      text: document.text.slice(finding.span.start, finding.span.end),
      where: formatMessage(locationMessage(docx.paragraphAt(document, finding.span.start)!.location), 'en'),
    })),
  };
}

function fix(bytes: Uint8Array) {
  const { document, analysis } = findings(bytes);
  const result = writeTrackedChanges(document, safeEdits(analysis.findings), { date: DATE });
  return { document, analysis, result };
}

function errorId(bytes: Uint8Array): string {
  try {
    readDocx(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(DocxError);
    return (error as InstanceType<typeof DocxError>).userMessage.id;
  }
  return 'no error';
}

describe('docx reading', () => {
  it('joins text split across runs (埃雷 bold + 妥珠单抗 plain) and maps it to its paragraph', () => {
    const { document, list } = findings(
      makeDocx({ body: [['硼替佐米是蛋白酶体抑制剂。'], [{ text: '埃雷', bold: true }, '妥珠单抗获批。']] }),
    );
    expect(document.text).toBe('硼替佐米是蛋白酶体抑制剂。\n\n埃雷妥珠单抗获批。');
    expect(list).toContainEqual({ rule: 'nonstandard-name', text: '埃雷妥珠单抗', where: 'paragraph 2' });
    const segments = document.paragraphs[1]!.segments;
    expect(segments.map((segment) => [segment.start, segment.text, segment.run?.index])).toEqual([
      [15, '埃雷', 1],
      [17, '妥珠单抗获批。', 2],
    ]);
  });

  it('numbers table cells, footnotes, endnotes, headers and footers', () => {
    const bytes = makeDocx({
      body: [
        ['正文。', footnoteReference(1), endnoteReference(1)],
        {
          table: [
            [['表头'], ['其他']],
            [['数据'], ['达雷木单抗']],
          ],
        },
      ],
      footnotes: [['脚注中的利那度胺。']],
      endnotes: [['尾注中的达雷木单抗。']],
      header: ['页眉利那度胺'],
      footer: ['页脚达雷木单抗'],
    });
    const { list } = findings(bytes);
    expect(
      list.filter((finding) => finding.rule === 'nonstandard-name').map((finding) => [finding.text, finding.where]),
    ).toEqual([
      ['达雷木单抗', 'table 1, row 2, cell 2 (paragraph 5)'],
      ['利那度胺', 'footnote 1'],
      ['达雷木单抗', 'endnote 1'],
      ['利那度胺', 'header (header1.xml)'],
      ['达雷木单抗', 'footer (footer1.xml)'],
    ]);
  });

  it('reads no field instructions, hidden text, deleted text or comments as prose', () => {
    const bytes = makeDocx({
      body: [
        [
          '参见',
          field('REF 利那度胺 \\h', '表1'),
          '。',
          { text: '利那度胺', hidden: true },
          deleted('达雷木单抗'),
          simpleField('DOCPROPERTY 利那度胺', '结果'),
          commented(1, '正文'),
        ],
      ],
      comments: { '1': '批注中的达雷木单抗' },
    });
    const { document, list } = findings(bytes);
    expect(document.text).toBe('参见表1。结果正文');
    expect(list).toEqual([]);
  });

  it('reads earlier insertions as text but does not fix inside them or in field results', () => {
    const { document, analysis, result } = fix(
      makeDocx({ body: [['前文', inserted('利那度胺'), '，', field('SEQ x', '达雷木单抗')]] }),
    );
    expect(document.text).toBe('前文利那度胺，达雷木单抗');
    expect(safeEdits(analysis.findings)).toHaveLength(2);
    expect(result.applied).toHaveLength(0);
    expect(result.skipped).toHaveLength(2);
    expect(result.bytes).toBeUndefined();
  });

  it('gives a line of context around the finding', () => {
    const long = `${'前'.repeat(80)}达雷木单抗${'后'.repeat(80)}`;
    const { document, analysis } = findings(makeDocx({ body: [[long]] }));
    const context = contextOf(document, analysis.findings[0]!.span, 30);
    expect(context).toMatch(/^…前+达雷木单抗后+…$/);
    expect(context.length).toBe(32);
  });
});

describe('docx errors', () => {
  it('names a .doc, an encrypted file, a damaged zip and a package without a body', () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(errorId(ole)).toBe('docx.error.binaryDoc');
    const encrypted = ole.slice();
    encrypted.set(strToU8('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0'), 1024);
    expect(errorId(encrypted)).toBe('docx.error.encrypted');
    expect(errorId(strToU8('hello'))).toBe('docx.error.notZip');
    const good = makeDocx({ body: [['正文']] });
    expect(errorId(good.slice(0, good.length - 30))).toBe('docx.error.damaged');
    const corrupt = good.slice();
    const body = docx.openZip(good).entries.find((entry) => entry.name === 'word/document.xml')!;
    corrupt[body.rawEnd - 5] = corrupt[body.rawEnd - 5]! ^ 0xff;
    expect(errorId(corrupt)).toBe('docx.error.damaged');
    expect(errorId(zipSync({ 'a.txt': strToU8('x') }))).toBe('docx.error.notWord');
    const parts = docxParts({ body: [['正文']] });
    parts['word/document.xml'] = strToU8(
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>',
    );
    expect(errorId(zipSync(parts))).toBe('docx.error.xml');
  });

  it('refuses a part that inflates beyond the limit (zip bomb) before inflating it', () => {
    const bytes = makeDocx({ body: [['正文']] });
    const archive = docx.openZip(bytes);
    const body = archive.entries.find((entry) => entry.name === 'word/document.xml')!;
    const central =
      archive.centralStart +
      archive.entries.slice(0, archive.entries.indexOf(body)).reduce((sum, entry) => sum + entry.central.length, 0);
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(central + 24, docx.DOCX_LIMITS.partBytes + 1, true);
    expect(errorId(bytes)).toBe('docx.error.tooLarge');
  });
});

describe('docx tracked changes', () => {
  const spec = {
    body: [
      ['硼替佐米是蛋白酶体抑制剂。'],
      [{ text: '埃雷', bold: true }, '妥珠单抗与', { text: '利那度胺', italic: true }, '联合 & 达雷木单抗。'],
      { table: [[['达雷木单抗']]] },
    ] as never,
    footnotes: [['脚注：利那度胺。']],
    comments: { '1': '批注' },
    image: true,
  };

  it('accept all gives the fixed text, reject all the original, other parts byte-identical', () => {
    const bytes = makeDocx(spec);
    const { document, analysis, result } = fix(bytes);
    const edits = safeEdits(analysis.findings);
    expect(result.applied).toHaveLength(edits.length);
    expect(result.skipped).toEqual([]);
    const before = unzipSync(bytes);
    const after = unzipSync(result.bytes!);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const name of Object.keys(before)) {
      if (name === 'word/document.xml' || name === 'word/footnotes.xml') continue;
      expect(after[name], name).toEqual(before[name]);
    }
    const expectedFixed = docx.readDocx(bytes).text;
    const fixedText = edits
      .slice()
      .sort((a, b) => b.span.start - a.span.start)
      .reduce((text, edit) => text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end), expectedFixed);
    expect(readDocx(result.bytes!).text).toBe(fixedText);
    expect(fixedText).toContain('埃罗妥珠单抗与来那度胺联合 & 达雷妥尤单抗。');
    for (const part of ['word/document.xml', 'word/footnotes.xml']) {
      const original = strFromU8(before[part]!);
      const fixed = strFromU8(after[part]!);
      expect(revisedText(fixed, 'reject'), part).toEqual(revisedText(original, 'accept'));
      expect(revisedText(fixed, 'accept').join('\n\n'), part).not.toEqual(revisedText(original, 'accept').join('\n\n'));
    }
    expect(document.text).not.toBe(fixedText);
  });

  it('writes minimal deletions and insertions by MedTerm, keeping the run formatting', () => {
    const { result } = fix(makeDocx(spec));
    const xml = strFromU8(unzipSync(result.bytes!)['word/document.xml']!);
    // 埃雷 (bold) → 埃罗: only 雷 is deleted and 罗 inserted, both bold (ids above the footnote's w:id 1).
    expect(xml).toContain(
      '<w:del w:id="2" w:author="MedTerm" w:date="2026-12-07T00:00:00Z"><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:delText xml:space="preserve">雷</w:delText></w:r></w:del><w:ins w:id="3" w:author="MedTerm" w:date="2026-12-07T00:00:00Z"><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">罗</w:t></w:r></w:ins>',
    );
    // 利那度胺 (italic) → 来那度胺.
    expect(xml).toMatch(
      /<w:delText xml:space="preserve">利<\/w:delText><\/w:r><\/w:del><w:ins [^>]*><w:r><w:rPr><w:i\/><\/w:rPr><w:t xml:space="preserve">来<\/w:t>/,
    );
    // The escaped & around the fix stays escaped.
    expect(xml).toContain('联合 &amp; 达雷');
  });

  it('numbers new revisions above every existing w:id', () => {
    const { result } = fix(makeDocx({ body: [['利那度胺', inserted('文字', 41)]] }));
    const xml = strFromU8(unzipSync(result.bytes!)['word/document.xml']!);
    expect(xml).toContain('<w:del w:id="42"');
    expect(xml).toContain('<w:ins w:id="43"');
  });

  it('keeps entries it does not change byte-identical in the zip (copied raw, same order)', () => {
    const bytes = makeDocx(spec);
    const { result } = fix(bytes);
    const before = docx.openZip(bytes);
    const after = docx.openZip(result.bytes!);
    expect(after.entries.map((entry) => entry.name)).toEqual(before.entries.map((entry) => entry.name));
    for (const [index, entry] of before.entries.entries()) {
      if (entry.name === 'word/document.xml' || entry.name === 'word/footnotes.xml') continue;
      const other = after.entries[index]!;
      expect(
        Buffer.from(result.bytes!.subarray(other.localOffset, other.rawEnd)).equals(
          Buffer.from(bytes.subarray(entry.localOffset, entry.rawEnd)),
        ),
        entry.name,
      ).toBe(true);
    }
  });
});

describe('docx structures', () => {
  const W =
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"';
  const withBody = (body: string, namespaces = W): Uint8Array => {
    const parts = docxParts({ body: [['占位']] });
    parts['word/document.xml'] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${namespaces}><w:body>${body}</w:body></w:document>`,
    );
    return zipSync(parts);
  };

  it('reads and fixes runs in hyperlinks, smart tags and content controls; a text box once (not its fallback copy)', () => {
    const textBox = '<w:txbxContent><w:p><w:r><w:t>框中利那度胺</w:t></w:r></w:p></w:txbxContent>';
    const bytes = withBody(
      `<w:p><w:hyperlink w:history="1"><w:r><w:t>链接达雷木单抗</w:t></w:r></w:hyperlink><w:smartTag w:uri="x" w:element="y"><w:r><w:t>，利那度胺</w:t></w:r></w:smartTag><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>，埃雷妥珠单抗</w:t></w:r></w:sdtContent></w:sdt></w:p>` +
        `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>${textBox}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>${textBox}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>`,
    );
    const { document, result } = fix(bytes);
    // Paragraphs in the order they start: the text box's after the paragraph that anchors it.
    expect(document.text).toBe('链接达雷木单抗，利那度胺，埃雷妥珠单抗\n\n正文\n\n框中利那度胺');
    expect(result.applied).toHaveLength(4);
    expect(readDocx(result.bytes!).text).toBe('链接达雷妥尤单抗，来那度胺，埃罗妥珠单抗\n\n正文\n\n框中来那度胺');
  });

  it('reads a part whose WordprocessingML is the default namespace, but does not edit it', () => {
    const bytes = withBody(
      '<p><r><t>达雷木单抗</t></r></p>',
      'xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
    );
    const { document, result } = fix(bytes);
    expect(document.text).toBe('达雷木单抗');
    expect(result.applied).toHaveLength(0);
    expect(result.skipped).toHaveLength(1);
  });
});
