import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docx, formatMessage } from '../../server/src/engine';
import { docxParts, makeDocx } from '../helpers/docx';

// The zip reader's refusals, one damaged structure at a time, and minimalEdit's overlap of prefix and suffix.
const { openZip, readDocx, DocxError, minimalEdit } = docx;

function refusal(bytes: Uint8Array): { id: string; en: string } {
  try {
    readDocx(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(DocxError);
    const message = (error as InstanceType<typeof DocxError>).userMessage;
    return { id: message.id, en: formatMessage(message, 'en') };
  }
  throw new Error('read without a refusal');
}

/** The offset of the end-of-central-directory record (no archive comment in makeDocx's output). */
function endRecord(bytes: Uint8Array): number {
  return bytes.length - 22;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

describe('docx: the zip structure', () => {
  it('reads a package with an archive comment (the end record is searched for from the end)', () => {
    const plain = makeDocx({ body: [['硼替佐米']] });
    const comment = new TextEncoder().encode('written by a tool that adds a comment');
    const bytes = new Uint8Array(plain.length + comment.length);
    bytes.set(plain);
    bytes.set(comment, plain.length);
    view(bytes).setUint16(endRecord(plain) + 20, comment.length, true);
    expect(readDocx(bytes).text).toBe(readDocx(plain).text);
  });

  it('refuses a Zip64 package (entry count 0xffff) as too large, with its size and the limit', () => {
    const bytes = makeDocx({ body: [['正文']] });
    view(bytes).setUint16(endRecord(bytes) + 10, 0xffff, true);
    const { id, en } = refusal(bytes);
    expect(id).toBe('docx.error.tooLarge');
    expect(en).toContain(String(docx.DOCX_LIMITS.fileBytes / 1024 / 1024));
  });

  it('refuses a central record whose name runs past the directory', () => {
    const bytes = makeDocx({ body: [['正文']] });
    const archive = openZip(bytes);
    const last = archive.entries[archive.entries.length - 1]!;
    const lastRecord = endRecord(bytes) - last.central.length;
    view(bytes).setUint16(lastRecord + 28, 0xfff0, true);
    expect(refusal(bytes)).toMatchObject({ id: 'docx.error.damaged' });
    expect(refusal(bytes).en).toContain(`central record ${archive.entries.length - 1}`);
  });

  it('refuses a directory that claims more records than it holds', () => {
    const bytes = makeDocx({ body: [['正文']] });
    const count = openZip(bytes).entries.length;
    view(bytes).setUint16(endRecord(bytes) + 10, count + 1, true);
    expect(refusal(bytes).en).toContain(`central record ${count}`);
  });

  it("names the entry whose data overruns the next one's", () => {
    const bytes = makeDocx({ body: [['正文']] });
    const archive = openZip(bytes);
    const first = archive.entries.reduce((a, b) => (a.localOffset < b.localOffset ? a : b));
    let record = archive.centralStart;
    for (const entry of archive.entries) {
      if (entry === first) break;
      record += entry.central.length;
    }
    view(bytes).setUint32(record + 20, first.compressedSize + 4096, true);
    expect(refusal(bytes).en).toContain(`data of ${first.name}`);
  });

  it('says how large a part is and what the limit is', () => {
    const bytes = makeDocx({ body: [['正文']] });
    const archive = openZip(bytes);
    const body = archive.entries.find((entry) => entry.name === 'word/document.xml')!;
    let record = archive.centralStart;
    for (const entry of archive.entries) {
      if (entry === body) break;
      record += entry.central.length;
    }
    view(bytes).setUint32(record + 24, docx.DOCX_LIMITS.partBytes + 1, true);
    const { en } = refusal(bytes);
    expect(en).toContain(String(docx.DOCX_LIMITS.partBytes / 1024 / 1024));
  });
});

describe('docx: minimalEdit', () => {
  const TABLE: { text: string; from: [number, number]; newText: string; span: [number, number]; inserted: string }[] = [
    { text: '达雷木单抗', from: [0, 5], newText: '达雷妥尤单抗', span: [2, 3], inserted: '妥尤' },
    // Repeated characters: the common prefix takes them, and the suffix may not reach back into it.
    { text: '啶啶', from: [0, 2], newText: '啶啶啶', span: [2, 2], inserted: '啶' },
    { text: '啶啶啶', from: [0, 3], newText: '啶', span: [1, 3], inserted: '' },
    { text: 'xaay', from: [1, 3], newText: 'aaa', span: [3, 3], inserted: 'a' },
  ];
  for (const row of TABLE)
    it(`${row.text.slice(...row.from)} → ${row.newText}`, () => {
      const edit = minimalEdit(row.text, { span: { start: row.from[0], end: row.from[1] }, newText: row.newText });
      expect(edit).toEqual({ span: { start: row.span[0], end: row.span[1] }, newText: row.inserted });
    });
});

describe('docx: part encodings and relationship targets', () => {
  const DATE = '2026-12-07T00:00:00Z';
  const edit = (text: string) => {
    const start = text.indexOf('利那度胺');
    return [{ span: { start, end: start + 4 }, newText: '来那度胺' }];
  };
  const zipped = (parts: Record<string, Uint8Array>) => zipSync(parts, { mtime: new Date('2026-01-01T00:00:00Z') });

  function encoded(xml: string, encoding: 'utf-8-bom' | 'utf-16le'): Uint8Array {
    if (encoding === 'utf-8-bom') return new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(xml)]);
    const out = new Uint8Array(2 + xml.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) {
      out[2 + 2 * i] = xml.charCodeAt(i) & 0xff;
      out[3 + 2 * i] = xml.charCodeAt(i) >>> 8;
    }
    return out;
  }

  for (const encoding of ['utf-8-bom', 'utf-16le'] as const)
    it(`reads a ${encoding} document part and writes it back in the same encoding`, () => {
      const parts = docxParts({ body: [['患者使用利那度胺。']] });
      const xml = strFromU8(parts['word/document.xml']!).replace(
        'encoding="UTF-8"',
        encoding === 'utf-16le' ? 'encoding="UTF-16"' : 'encoding="UTF-8"',
      );
      parts['word/document.xml'] = encoded(xml, encoding);
      const document = readDocx(zipped(parts));
      expect(document.text).toBe('患者使用利那度胺。');
      const written = unzipSync(docx.writeTrackedChanges(document, edit(document.text), { date: DATE }).bytes!)[
        'word/document.xml'
      ]!;
      expect([...written.subarray(0, encoding === 'utf-16le' ? 2 : 3)]).toEqual(
        encoding === 'utf-16le' ? [0xff, 0xfe] : [0xef, 0xbb, 0xbf],
      );
      expect(readDocx(docx.writeTrackedChanges(document, edit(document.text), { date: DATE }).bytes!).text).toContain(
        '来那度胺',
      );
    });

  it('follows an absolute target and a ../ target; an external target does not stop the reading', () => {
    const parts = docxParts({ body: [['正文']], footnotes: [['脚注中的利那度胺']], endnotes: [['尾注']] });
    const rels = strFromU8(parts['word/_rels/document.xml.rels']!)
      .replace('Target="footnotes.xml"', 'Target="/word/footnotes.xml"')
      .replace('Target="endnotes.xml"', 'Target="../word/endnotes.xml"')
      .replace(
        '</Relationships>',
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="https://example.org/header.xml" TargetMode="External"/></Relationships>',
      );
    parts['word/_rels/document.xml.rels'] = strToU8(rels);
    const document = readDocx(zipped(parts));
    expect(document.text).toContain('脚注中的利那度胺');
    expect(document.text).toContain('尾注');
  });
});
