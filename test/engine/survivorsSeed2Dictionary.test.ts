import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  applyEdits,
  compareSpans,
  crossFileFindings,
  docx,
  fileForms,
  formatMessage,
  parseDictionary,
  parseTermFile,
} from '../../server/src/engine';
import { dictionaryOf } from '../helpers/dictionary';

// Survivors of the second sampled mutation run (--seed 2) in the term-file reader, the Word reader and writer,
// collections.ts and workspace.ts: each test fails under the mutant it names (file:line:column → replacement).
const { openZip, readDocx, contextOf, writeTrackedChanges } = docx;
type DocxDocument = ReturnType<typeof readDocx>;

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`;
const documentXml = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}</w:body></w:document>`;
const p = (text: string): string => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

function zipped(parts: Record<string, string | Uint8Array>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(parts))
    zippable[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(zippable, { mtime: new Date('2026-01-01T00:00:00Z') });
}

describe('collections.ts:32 compareSpans (→ false: no order at all)', () => {
  it('orders spans by start, then by end', () => {
    const spans = [{ span: { start: 5, end: 9 } }, { span: { start: 1, end: 4 } }, { span: { start: 5, end: 6 } }];
    expect([...spans].sort(compareSpans).map((item) => [item.span.start, item.span.end])).toEqual([
      [1, 4],
      [5, 6],
      [5, 9],
    ]);
  });

  it('applyEdits applies edits given out of document order', () => {
    const edits = [
      { span: { start: 4, end: 5 }, newText: 'X' },
      { span: { start: 0, end: 1 }, newText: 'Y' },
    ];
    expect(applyEdits('abcdef', edits)).toBe('YbcdXf');
  });
});

describe('dictionary/parse.ts:270 JSON error wording (^JSON\\.parse: → anywhere)', () => {
  it('keeps "JSON.parse: " where it is the file text quoted by the message, not another engine\'s prefix', () => {
    // V8 quotes the text it could not read: "JSON.parse: x" is the file, and stays whole in the problem.
    const problems = parseDictionary('JSON.parse: x', 'terms.json', 'workspace').problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^JSON syntax error: /);
    expect(problems[0]!.message).toContain('"JSON.parse: x"');
  });
});

describe('dictionary/termFile.ts:15 byte order mark (^\\ufeff → anywhere)', () => {
  it('parseTermFile drops a mark that opens the file only, and keeps one inside a value', () => {
    const text =
      'entries:\n  - id: drug-a\n    category: drug\n    zh: "甲\ufeff药"\n    en: drug-a\n    cite: [{ source: house guide }]\n';
    const parsed = parseTermFile(text, 'terms.yaml', 'workspace', { allowPatterns: false });
    expect(parsed.problems).toEqual([]);
    expect(parsed.concepts.map((concept) => concept.zh)).toEqual(['甲\ufeff药']);
    const opened = parseTermFile(`\ufeff${text}`, 'terms.yaml', 'workspace', { allowPatterns: false });
    expect(opened.concepts.map((concept) => concept.zh)).toEqual(['甲\ufeff药']);
  });
});

describe('docx/document.ts: relationships and part encodings', () => {
  it('101 (endsWith → startsWith): reads relationships written with a namespace prefix (pr:Relationship)', () => {
    const rels = `<?xml version="1.0" encoding="UTF-8"?><pr:Relationships xmlns:pr="${RELS_NS}"><pr:Relationship Id="rId1" Type="${REL}/officeDocument" Target="doc/main.xml"/></pr:Relationships>`;
    const document = readDocx(zipped({ '_rels/.rels': rels, 'doc/main.xml': documentXml(p('正文')) }));
    expect(document.text).toBe('正文');
    expect([...document.parts.keys()]).toEqual(['doc/main.xml']);
    expect(document.paragraphs[0]!.location.part).toBe('doc/main.xml');
  });

  it('70 (ignoreBOM → default): a second byte order mark after the first is part of the XML, kept', () => {
    const bom = [0xef, 0xbb, 0xbf];
    const bytes = new Uint8Array([...bom, ...bom, ...strToU8(documentXml(p('正文')))]);
    const document = readDocx(zipped({ '_rels/.rels': PACKAGE_RELS, 'word/document.xml': bytes }));
    expect(document.text).toBe('正文');
    const part = document.parts.get('word/document.xml')!;
    expect(part.encoding).toBe('utf-8-bom');
    expect(part.xml.startsWith('\ufeff<?xml')).toBe(true);
  });

  it('292 (from > 0 → from >= 0): a context that starts at the paragraph start is not moved before it', () => {
    // Defensive: readDocx never yields a lone low surrogate (decoders give U+FFFD; saxes refuses &#xDC00;), so the
    // document is built by hand; contextOf is exported and reads only text and paragraphs.
    const text = `\udc00${'a'.repeat(100)}`;
    const document = {
      text,
      paragraphs: [
        { span: { start: 0, end: text.length }, location: { kind: 'body', part: 'p', paragraph: 1 }, segments: [] },
      ],
    } as unknown as DocxDocument;
    expect(contextOf(document, { start: 1, end: 2 }, 10)).toBe(`\udc00${'a'.repeat(9)}…`);
  });
});

describe('docx/trackChanges.ts:92 cover (segment.start > at → false)', () => {
  it('skips an edit over characters that no segment holds (a gap), and writes nothing', () => {
    // Defensive: a paragraph read by readDocx has no gaps between its segments, so one is made by dropping a segment.
    const read = readDocx(
      zipped({
        '_rels/.rels': PACKAGE_RELS,
        'word/document.xml': documentXml('<w:p><w:r><w:t>甲乙</w:t></w:r><w:r><w:t>丙丁</w:t></w:r></w:p>'),
      }),
    );
    expect(read.text).toBe('甲乙丙丁');
    const paragraph = read.paragraphs[0]!;
    expect(paragraph.segments.map((segment) => [segment.start, segment.text])).toEqual([
      [0, '甲乙'],
      [2, '丙丁'],
    ]);
    const gapped: DocxDocument = { ...read, paragraphs: [{ ...paragraph, segments: paragraph.segments.slice(1) }] };
    const edit = { span: { start: 1, end: 3 }, newText: 'X' };
    const result = writeTrackedChanges(gapped, [edit], { date: '2026-12-07T00:00:00Z' });
    expect(result).toEqual({ applied: [], skipped: [edit] });
    // The same edit on the document as read is written.
    expect(writeTrackedChanges(read, [edit], { date: '2026-12-07T00:00:00Z' }).applied).toEqual([edit]);
  });
});

describe('docx/zip.ts:107 central record bound (at + 46 > end → >=)', () => {
  it('reads a last central record of exactly 46 bytes (an empty name) that ends at the end record', () => {
    const bytes = zipped({ 'a.txt': 'a', '': 'b' });
    const archive = openZip(bytes);
    expect(archive.entries.map((entry) => [entry.name, entry.central.length])).toEqual([
      ['a.txt', 51],
      ['', 46],
    ]);
    expect(archive.centralStart + 51 + 46).toBe(bytes.length - 22);
  });
});

describe('workspace.ts:123 related message (params → {})', () => {
  it('a cross-file finding points at the other file with the preferred form named', () => {
    const dictionary = dictionaryOf({
      id: 'immunomodulator',
      category: 'drug-class',
      zh: '免疫调节剂',
      en: 'immunomodulatory drug',
      accepted: [{ text: '免疫调节药物', kind: 'synonym' }],
    });
    const synonym = analyze('本章使用免疫调节药物。', dictionary, { languageId: 'plaintext' }).matches;
    const standard = analyze('本章使用免疫调节剂。', dictionary, { languageId: 'plaintext' }).matches;
    const findings = crossFileFindings('a', synonym, [{ uri: 'b', forms: fileForms(standard) }], {
      conceptName: (id) => id,
    });
    expect(findings).toHaveLength(1);
    const related = findings[0]!.related!;
    expect(related.map((location) => [location.uri, location.span, location.message])).toEqual([
      ['b', { start: 4, end: 9 }, { id: 'inconsistent-term.workspace.related', params: { preferred: '免疫调节剂' } }],
    ]);
    expect(formatMessage(related[0]!.message, 'en')).toBe('“免疫调节剂” is used here');
  });
});
