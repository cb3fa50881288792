import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docx, formatMessage } from '../../server/src/engine';
import { encodePart } from '../../server/src/engine/docx/document';
import { decodeWithOffsets, parsePart } from '../../server/src/engine/docx/extract';
import { crc32, rewriteZip } from '../../server/src/engine/docx/zip';
import type { Edit } from '../../server/src/engine/types';

// Behaviour of the Word reader and writer, branch by branch: the zip walk's refusals and limits, part encodings,
// relationships, the XML reader's segments and locations, and the exact XML of the tracked changes written.
const { openZip, readDocx, DocxError, minimalEdit, writeTrackedChanges, paragraphAt, contextOf, locationMessage } =
  docx;
const DATE = '2026-12-07T00:00:00Z';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MTIME = new Date('2026-01-01T00:00:00Z');

function rels(list: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list.join('')}</Relationships>`;
}

function relation(id: string, type: string, target: string, external = false): string {
  return `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`;
}

const PACKAGE_RELS = rels([relation('rId1', 'officeDocument', 'word/document.xml')]);

function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}</w:body></w:document>`;
}

/** A package from raw parts (strings are UTF-8 encoded), each deflated unless `stored`. */
function zipped(parts: Record<string, string | Uint8Array>, stored = false): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(parts))
    zippable[name] = [typeof content === 'string' ? strToU8(content) : content, { level: stored ? 0 : 6 }];
  return zipSync(zippable, { mtime: MTIME });
}

/** A package whose body is `body` (paragraph XML), with more parts and document relationships if given. */
function pkg(body: string, extra: Record<string, string> = {}, documentRels: string[] = []): Uint8Array {
  return zipped({
    '_rels/.rels': PACKAGE_RELS,
    'word/document.xml': documentXml(body),
    ...(documentRels.length > 0 ? { 'word/_rels/document.xml.rels': rels(documentRels) } : {}),
    ...extra,
  });
}

const p = (text: string): string => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;

function refusal(read: () => unknown): { id: string; en: string; message: string } {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(DocxError);
    const docxError = error as InstanceType<typeof DocxError>;
    return { id: docxError.userMessage.id, en: formatMessage(docxError.userMessage, 'en'), message: docxError.message };
  }
  throw new Error('read without a refusal');
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Offset of the central record of the entry named `name`. */
function centralRecord(bytes: Uint8Array, name: string): number {
  const archive = openZip(bytes);
  let at = archive.centralStart;
  for (const entry of archive.entries) {
    if (entry.name === name) return at;
    at += entry.central.length;
  }
  throw new Error(`no entry ${name}`);
}

function entryOf(bytes: Uint8Array, name: string) {
  return openZip(bytes).entries.find((entry) => entry.name === name)!;
}

const SIMPLE = (): Uint8Array => pkg(p('正文'));
const END = (bytes: Uint8Array): number => bytes.length - 22;

describe('docx zip: sizes and signatures', () => {
  it('megabytes rounds up to one decimal', () => {
    expect(docx.megabytes(0)).toBe('0.0');
    expect(docx.megabytes(1024 * 1024)).toBe('1.0');
    expect(docx.megabytes(1024 * 1024 + 1)).toBe('1.1');
    expect(docx.megabytes(1.5 * 1024 * 1024)).toBe('1.5');
    expect(docx.megabytes(64 * 1024 * 1024 + 1)).toBe('64.1');
  });

  it('refuses a file over 64 MB by its size, and reads one of exactly 64 MB as a file', () => {
    const huge = new Uint8Array(docx.DOCX_LIMITS.fileBytes + 1);
    const tooLarge = refusal(() => openZip(huge));
    expect(tooLarge.id).toBe('docx.error.tooLarge');
    expect(tooLarge.en).toBe('the Word document is too large (64.1 MB, limit 64 MB) and was not checked');
    expect(refusal(() => openZip(huge.subarray(0, docx.DOCX_LIMITS.fileBytes))).id).toBe('docx.error.notZip');
  });

  const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const ENCRYPTED = strToU8('E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0');

  it('knows an OLE file of exactly 8 bytes as a .doc, and 7 bytes of the signature as no zip', () => {
    expect(refusal(() => openZip(new Uint8Array(OLE))).id).toBe('docx.error.binaryDoc');
    expect(refusal(() => openZip(new Uint8Array(OLE.slice(0, 7)))).id).toBe('docx.error.notZip');
    const wrongLast = new Uint8Array([...OLE.slice(0, 7), 0, ...new Array(40).fill(0)]);
    expect(refusal(() => openZip(wrongLast)).id).toBe('docx.error.notZip');
    const wrongFirst = new Uint8Array([0, ...OLE.slice(1), ...new Array(40).fill(0)]);
    expect(refusal(() => openZip(wrongFirst)).id).toBe('docx.error.notZip');
  });

  it('finds "EncryptedPackage" anywhere in an OLE file, also as its last bytes', () => {
    const atEnd = new Uint8Array(OLE.length + 100 + ENCRYPTED.length);
    atEnd.set(OLE);
    atEnd.set(ENCRYPTED, OLE.length + 100);
    expect(refusal(() => openZip(atEnd)).id).toBe('docx.error.encrypted');
    const partial = atEnd.slice(0, atEnd.length - 1);
    expect(refusal(() => openZip(partial)).id).toBe('docx.error.binaryDoc');
    // Right after the signature, and with one character wrong.
    const early = new Uint8Array([...OLE, ...ENCRYPTED, 0, 0]);
    expect(refusal(() => openZip(early)).id).toBe('docx.error.encrypted');
    const wrong = early.slice();
    wrong[OLE.length + 2] = 'm'.charCodeAt(0);
    expect(refusal(() => openZip(wrong)).id).toBe('docx.error.binaryDoc');
    const message = refusal(() => openZip(atEnd));
    expect(message.message).toBe('docx.error.encrypted');
    expect(message.en).toContain('password-protected');
  });

  it('wants a local header signature and at least 22 bytes', () => {
    const header = [0x50, 0x4b, 0x03, 0x04];
    expect(refusal(() => openZip(new Uint8Array([...header, ...new Array(17).fill(0)]))).id).toBe('docx.error.notZip');
    const minimal = new Uint8Array([...header, ...new Array(18).fill(0)]);
    expect(refusal(() => openZip(minimal))).toMatchObject({
      id: 'docx.error.damaged',
      en: 'the Word document is damaged (no end of central directory)',
      message: 'docx.error.damaged {"detail":"no end of central directory"}',
    });
    const bytes = SIMPLE();
    bytes[3] = 0x05;
    expect(refusal(() => openZip(bytes)).id).toBe('docx.error.notZip');
  });

  it('finds the end record only where its comment length reaches the end of the file', () => {
    const bytes = SIMPLE();
    view(bytes).setUint16(END(bytes) + 20, 1, true);
    expect(refusal(() => openZip(bytes)).en).toContain('no end of central directory');
    const signature = SIMPLE();
    signature[END(signature)] = 0x51;
    expect(refusal(() => openZip(signature)).en).toContain('no end of central directory');
  });

  it('reads a package whose archive comment has the largest size, 65,535 bytes', () => {
    const plain = SIMPLE();
    const bytes = new Uint8Array(plain.length + 0xffff);
    bytes.set(plain);
    bytes.fill(0x20, plain.length);
    view(bytes).setUint16(END(plain) + 20, 0xffff, true);
    expect(readDocx(bytes).text).toBe('正文');
    expect(openZip(bytes).entries.map((entry) => entry.name)).toEqual(openZip(plain).entries.map((e) => e.name));
  });

  it('refuses a Zip64 directory offset as too large', () => {
    const bytes = SIMPLE();
    view(bytes).setUint32(END(bytes) + 16, 0xffffffff, true);
    expect(refusal(() => openZip(bytes)).en).toBe(
      `the Word document is too large (${docx.megabytes(bytes.length)} MB, limit 64 MB) and was not checked`,
    );
  });

  it('refuses more than 20,000 entries by their count, and reads the records of 20,000', () => {
    const bytes = SIMPLE();
    view(bytes).setUint16(END(bytes) + 10, 20_001, true);
    expect(refusal(() => openZip(bytes)).en).toBe('the Word document is damaged (20001 entries)');
    view(bytes).setUint16(END(bytes) + 10, 20_000, true);
    expect(refusal(() => openZip(bytes)).en).toBe(
      `the Word document is damaged (central record ${openZip(SIMPLE()).entries.length})`,
    );
  });

  it('refuses a central directory that runs into the end record', () => {
    const bytes = SIMPLE();
    const size = view(bytes).getUint32(END(bytes) + 12, true);
    view(bytes).setUint32(END(bytes) + 12, size + 1, true);
    expect(refusal(() => openZip(bytes)).en).toBe('the Word document is damaged (central directory out of range)');
  });

  it('refuses a central record without its signature, naming its index', () => {
    const bytes = SIMPLE();
    const archive = openZip(bytes);
    const second = archive.centralStart + archive.entries[0]!.central.length;
    bytes[second] = 0;
    expect(refusal(() => openZip(bytes)).en).toBe('the Word document is damaged (central record 1)');
  });

  it('refuses a central record whose name, extra field or comment runs into the end record', () => {
    for (const field of [28, 30, 32]) {
      const bytes = SIMPLE();
      const archive = openZip(bytes);
      const last = archive.entries.length - 1;
      const record = END(bytes) - archive.entries[last]!.central.length;
      view(bytes).setUint16(record + field, view(bytes).getUint16(record + field, true) + 1, true);
      expect(refusal(() => openZip(bytes)).en, String(field)).toBe(
        `the Word document is damaged (central record ${last})`,
      );
    }
  });

  it('refuses a Zip64 entry count as too large', () => {
    const bytes = SIMPLE();
    view(bytes).setUint16(END(bytes) + 10, 0xffff, true);
    expect(refusal(() => openZip(bytes))).toMatchObject({
      id: 'docx.error.tooLarge',
      en: `the Word document is too large (${docx.megabytes(bytes.length)} MB, limit 64 MB) and was not checked`,
    });
  });

  it('refuses an entry whose local header is missing or past the directory', () => {
    const bytes = SIMPLE();
    const record = centralRecord(bytes, 'word/document.xml');
    const entry = entryOf(bytes, 'word/document.xml');
    const moved = bytes.slice();
    view(moved).setUint32(record + 42, openZip(bytes).centralStart, true);
    expect(refusal(() => openZip(moved)).en).toBe('the Word document is damaged (local header of word/document.xml)');
    const broken = bytes.slice();
    broken[entry.localOffset + 2] = 0;
    expect(refusal(() => openZip(broken)).en).toBe('the Word document is damaged (local header of word/document.xml)');
  });

  it('refuses an entry with the encryption flag', () => {
    const bytes = SIMPLE();
    view(bytes).setUint16(centralRecord(bytes, 'word/document.xml') + 8, 1, true);
    expect(refusal(() => openZip(bytes)).id).toBe('docx.error.encrypted');
    const other = SIMPLE();
    view(other).setUint16(centralRecord(other, 'word/document.xml') + 8, 0x0800, true);
    expect(openZip(other).entries.find((entry) => entry.name === 'word/document.xml')!.flags).toBe(0x0800);
  });

  it('accepts data that ends exactly where the next entry starts, and refuses one byte more', () => {
    const bytes = SIMPLE();
    const archive = openZip(bytes);
    const first = archive.entries[0]!;
    const dataStart = first.localOffset + 30 + view(bytes).getUint16(first.localOffset + 26, true);
    expect(first.rawEnd).toBe(archive.entries[1]!.localOffset);
    const fits = bytes.slice();
    view(fits).setUint32(archive.centralStart + 20, first.rawEnd - dataStart, true);
    expect(openZip(fits).entries[0]!.compressedSize).toBe(first.rawEnd - dataStart);
    view(fits).setUint32(archive.centralStart + 20, first.rawEnd - dataStart + 1, true);
    expect(refusal(() => openZip(fits)).en).toBe(`the Word document is damaged (data of ${first.name})`);
  });

  it('gives each entry its place: offsets, sizes, CRC, method and where its bytes end', () => {
    const bytes = zipped({ 'a.txt': 'hello', 'b.txt': 'world!' }, true);
    const archive = openZip(bytes);
    expect(
      archive.entries.map(({ name, method, size, compressedSize, crc }) => ({
        name,
        method,
        size,
        compressedSize,
        crc,
      })),
    ).toEqual([
      { name: 'a.txt', method: 0, size: 5, compressedSize: 5, crc: crc32(strToU8('hello')) },
      { name: 'b.txt', method: 0, size: 6, compressedSize: 6, crc: crc32(strToU8('world!')) },
    ]);
    expect(archive.entries[0]!.localOffset).toBe(0);
    expect(archive.entries[0]!.rawEnd).toBe(archive.entries[1]!.localOffset);
    expect(archive.entries[1]!.rawEnd).toBe(archive.centralStart);
    expect(archive.entries[0]!.central.length).toBe(46 + 'a.txt'.length);
    expect(archive.centralStart + archive.entries[0]!.central.length + archive.entries[1]!.central.length).toBe(
      bytes.length - 22,
    );
  });
});

describe('docx zip: reading and writing entries', () => {
  it('computes the IEEE CRC-32', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(strToU8('a'))).toBe(0xe8b7be43);
  });

  it('reads a stored (uncompressed) body', () => {
    const bytes = zipped({ '_rels/.rels': PACKAGE_RELS, 'word/document.xml': documentXml(p('存储的正文')) }, true);
    expect(entryOf(bytes, 'word/document.xml').method).toBe(0);
    expect(readDocx(bytes).text).toBe('存储的正文');
  });

  it('names an unknown compression method, a broken deflate stream and a wrong checksum', () => {
    const method = SIMPLE();
    view(method).setUint16(centralRecord(method, 'word/document.xml') + 10, 12, true);
    expect(refusal(() => readDocx(method)).en).toBe(
      'the Word document is damaged (word/document.xml: compression method 12)',
    );
    const crc = SIMPLE();
    const record = centralRecord(crc, 'word/document.xml');
    view(crc).setUint32(record + 16, view(crc).getUint32(record + 16, true) ^ 1, true);
    expect(refusal(() => readDocx(crc)).en).toBe('the Word document is damaged (word/document.xml: checksum)');
    const short = SIMPLE();
    const shortRecord = centralRecord(short, 'word/document.xml');
    view(short).setUint32(shortRecord + 24, view(short).getUint32(shortRecord + 24, true) + 1, true);
    expect(refusal(() => readDocx(short)).en).toBe('the Word document is damaged (word/document.xml: checksum)');
    const broken = SIMPLE();
    const entry = entryOf(broken, 'word/document.xml');
    const dataStart = entry.localOffset + 30 + view(broken).getUint16(entry.localOffset + 26, true);
    broken.fill(0xff, dataStart, dataStart + 8);
    const { en } = refusal(() => readDocx(broken));
    expect(en).toMatch(/^the Word document is damaged \(word\/document\.xml: \S/);
    expect(en).not.toContain('checksum');
  });

  it('reads a part of exactly the part limit as far as its checksum, and refuses one byte more by size', () => {
    const bytes = SIMPLE();
    const record = centralRecord(bytes, 'word/document.xml');
    view(bytes).setUint32(record + 24, docx.DOCX_LIMITS.partBytes, true);
    expect(refusal(() => readDocx(bytes)).en).toBe('the Word document is damaged (word/document.xml: checksum)');
    view(bytes).setUint32(record + 24, docx.DOCX_LIMITS.partBytes + 1, true);
    expect(refusal(() => readDocx(bytes)).en).toBe(
      'the Word document is too large (48.1 MB, limit 48 MB) and was not checked',
    );
  });

  it('adds up the sizes of the parts read against the total limit', () => {
    const bytes = SIMPLE();
    const relsSize = entryOf(bytes, '_rels/.rels').size;
    const record = centralRecord(bytes, 'word/document.xml');
    view(bytes).setUint32(record + 24, docx.DOCX_LIMITS.totalBytes - relsSize + 1, true);
    expect(refusal(() => readDocx(bytes)).en).toBe(
      'the Word document is too large (96.1 MB, limit 96 MB) and was not checked',
    );
    view(bytes).setUint32(record + 24, docx.DOCX_LIMITS.totalBytes - relsSize, true);
    expect(refusal(() => readDocx(bytes)).en).toBe(
      `the Word document is too large (${docx.megabytes(docx.DOCX_LIMITS.totalBytes - relsSize)} MB, limit 48 MB) and was not checked`,
    );
  });

  it('rewrites replaced entries deflated, drops the data-descriptor flag, keeps the UTF-8 flag and the rest raw', () => {
    const bytes = zipped({ 'a.txt': 'alpha', 'b.txt': 'beta', 'c.txt': 'gamma' }, true);
    // Mark b.txt with a data descriptor (bit 3), the UTF-8 name flag (bit 11) and bit 1, locally and centrally.
    const b = entryOf(bytes, 'b.txt');
    view(bytes).setUint16(b.localOffset + 6, 0x080a, true);
    view(bytes).setUint16(centralRecord(bytes, 'b.txt') + 8, 0x080a, true);
    const archive = openZip(bytes);
    const out = rewriteZip(archive, new Map([['b.txt', strToU8('BETA, longer than before')]]));
    const after = openZip(out);
    expect(after.entries.map((entry) => entry.name)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    const [a2, b2, c2] = after.entries as [
      (typeof after.entries)[0],
      (typeof after.entries)[0],
      (typeof after.entries)[0],
    ];
    expect(b2.flags).toBe(0x0800);
    expect(view(out).getUint16(b2.localOffset + 6, true)).toBe(0x0800);
    expect(b2.method).toBe(8);
    expect(view(out).getUint16(b2.localOffset + 8, true)).toBe(8);
    expect(b2.size).toBe(24);
    expect(view(out).getUint32(b2.localOffset + 22, true)).toBe(24);
    expect(b2.crc).toBe(crc32(strToU8('BETA, longer than before')));
    expect(view(out).getUint32(b2.localOffset + 14, true)).toBe(b2.crc);
    expect(view(out).getUint32(b2.localOffset + 18, true)).toBe(b2.compressedSize);
    expect(view(out).getUint16(b2.localOffset + 28, true)).toBe(0);
    expect(strFromU8(out.subarray(b2.localOffset + 30, b2.localOffset + 35))).toBe('b.txt');
    expect(unzipSync(out)).toEqual({
      'a.txt': strToU8('alpha'),
      'b.txt': strToU8('BETA, longer than before'),
      'c.txt': strToU8('gamma'),
    });
    const a = archive.entries[0]!;
    const c = archive.entries[2]!;
    expect(out.subarray(a2.localOffset, a2.rawEnd)).toEqual(bytes.subarray(a.localOffset, a.rawEnd));
    expect(out.subarray(c2.localOffset, c2.rawEnd)).toEqual(bytes.subarray(c.localOffset, c.rawEnd));
    // The end record: entry counts, directory size and offset, no comment.
    const end = out.length - 22;
    expect(view(out).getUint32(end, true)).toBe(0x06054b50);
    expect(view(out).getUint16(end + 8, true)).toBe(3);
    expect(view(out).getUint16(end + 10, true)).toBe(3);
    expect(view(out).getUint32(end + 12, true)).toBe(end - after.centralStart);
    expect(view(out).getUint32(end + 16, true)).toBe(after.centralStart);
    // Nothing replaced: the same bytes.
    expect(rewriteZip(archive, new Map())).toEqual(bytes);
  });
});

describe('docx errors', () => {
  it('carries its id and parameters in its message, and its name', () => {
    const bare = new DocxError('docx.error.notWord');
    expect(bare.message).toBe('docx.error.notWord');
    expect(bare.name).toBe('DocxError');
    expect(bare.userMessage).toEqual({ id: 'docx.error.notWord', params: {} });
    const withParams = new DocxError('docx.error.xml', { part: 'word/document.xml', detail: 'x' });
    expect(withParams.message).toBe('docx.error.xml {"part":"word/document.xml","detail":"x"}');
    expect(withParams).toBeInstanceOf(Error);
  });
});

describe('docx parts: encodings and relationships', () => {
  const PART = 'word/document.xml';

  it('encodes a part as UTF-16LE with its mark, UTF-8 with a mark, or plain UTF-8', () => {
    expect([...encodePart('<a>乙</a>', 'utf-16le')]).toEqual([
      0xff, 0xfe, 0x3c, 0, 0x61, 0, 0x3e, 0, 0x59, 0x4e, 0x3c, 0, 0x2f, 0, 0x61, 0, 0x3e, 0,
    ]);
    expect([...encodePart('a乙', 'utf-8-bom')]).toEqual([0xef, 0xbb, 0xbf, 0x61, 0xe4, 0xb9, 0x99]);
    expect([...encodePart('a乙', 'utf-8')]).toEqual([0x61, 0xe4, 0xb9, 0x99]);
  });

  for (const encoding of ['utf-16le', 'utf-8-bom'] as const)
    it(`reads a ${encoding} body and writes it back in ${encoding}, the mark not read as text`, () => {
      const xml = `<w:document ${W}><w:body>${p('患者用利那度胺')}</w:body></w:document>`;
      const bytes = zipped({ '_rels/.rels': PACKAGE_RELS, [PART]: encodePart(xml, encoding) });
      const document = readDocx(bytes);
      expect(document.text).toBe('患者用利那度胺');
      expect(document.parts.get(PART)).toMatchObject({ xml, encoding, prefix: 'w' });
      const result = writeTrackedChanges(document, [{ span: { start: 3, end: 4 }, newText: '来' }], { date: DATE });
      const written = unzipSync(result.bytes!)[PART]!;
      const text = readDocx(result.bytes!);
      expect(text.parts.get(PART)!.encoding).toBe(encoding);
      expect(written).toEqual(encodePart(text.parts.get(PART)!.xml, encoding));
      expect(text.parts.get(PART)!.xml.startsWith('<w:document')).toBe(true);
    });

  it('writes a plain UTF-8 part back without a byte-order mark', () => {
    const document = readDocx(pkg(p('患者使用利那度胺。')));
    const written = unzipSync(
      writeTrackedChanges(document, [{ span: { start: 4, end: 5 }, newText: '来' }], { date: DATE }).bytes!,
    )[PART]!;
    expect(written[0]).toBe('<'.charCodeAt(0));
    expect(strFromU8(written)).toMatch(/^<\?xml version="1\.0"/);
  });

  it('reads a UTF-8 part whose third byte is 0xbf as UTF-8 without a mark (no BOM is stripped)', () => {
    // U+013F is C4 BF in UTF-8: "<Ŀ" is 3C C4 BF, the third byte of a BOM but not a BOM.
    const bytes = zipped({
      '_rels/.rels': PACKAGE_RELS,
      [PART]: `<Ŀ ${W}><w:body>${p('利那度胺')}</w:body></Ŀ>`,
    });
    const document = readDocx(bytes);
    expect(document.text).toBe('利那度胺');
    const written = unzipSync(
      writeTrackedChanges(document, [{ span: { start: 0, end: 1 }, newText: '来' }], { date: DATE }).bytes!,
    )[PART]!;
    expect([...written.subarray(0, 3)]).toEqual([0x3c, 0xc4, 0xbf]);
  });

  it('reads the main part the package relationships name, with its own relationships', () => {
    const bytes = zipped({
      '_rels/.rels': rels([relation('rId1', 'officeDocument', 'content/main.xml')]),
      'content/main.xml': documentXml(`${p('主体')}`),
      'content/_rels/main.xml.rels': rels([relation('rId2', 'footer', 'foot.xml')]),
      'content/foot.xml': `<w:ftr ${W}>${p('页脚文字')}</w:ftr>`,
      'word/document.xml': documentXml(p('不是主体')),
    });
    const document = readDocx(bytes);
    expect(document.text).toBe('主体\n\n页脚文字');
    expect(document.paragraphs.map((paragraph) => paragraph.location)).toEqual([
      { kind: 'body', part: 'content/main.xml', paragraph: 1 },
      { kind: 'footer', part: 'content/foot.xml', paragraph: 1 },
    ]);
    expect([...document.parts.keys()]).toEqual(['content/main.xml', 'content/foot.xml']);
  });

  it('falls back to word/document.xml without package relationships or without an officeDocument one', () => {
    expect(readDocx(zipped({ 'word/document.xml': documentXml(p('正文')) })).text).toBe('正文');
    const other = zipped({
      '_rels/.rels': rels([relation('rId1', 'metadata/core-properties', 'docProps/core.xml')]),
      'word/document.xml': documentXml(p('正文')),
    });
    expect(readDocx(other).text).toBe('正文');
    const missing = zipped({ '_rels/.rels': rels([relation('rId1', 'officeDocument', 'word/main.xml')]) });
    expect(refusal(() => readDocx(missing)).en).toBe('the package holds no Word body (word/document.xml)');
  });

  it('refuses a package holding an EncryptedPackage entry', () => {
    const bytes = zipped({ EncryptedPackage: 'x', 'word/document.xml': documentXml(p('正文')) });
    expect(refusal(() => readDocx(bytes)).id).toBe('docx.error.encrypted');
  });

  it('names broken relationships XML', () => {
    const bytes = zipped({ '_rels/.rels': '<Relationships><Relationship', 'word/document.xml': documentXml(p('x')) });
    const { id, en } = refusal(() => readDocx(bytes));
    expect(id).toBe('docx.error.xml');
    expect(en).toMatch(/^relationships in the Word document is not valid XML \(\S/);
    expect(en).not.toContain('\n');
  });

  it('names the part with broken XML, with the first line of the detail', () => {
    const bytes = pkg('<w:p><w:r><w:t>x</w:r></w:p>');
    const { en } = refusal(() => readDocx(bytes));
    expect(en).toMatch(/^word\/document\.xml in the Word document is not valid XML \(\S.*\)$/);
  });

  it('does not read a part named by an external relationship, even when the package holds one of that name', () => {
    const bytes = pkg(p('正文'), { 'word/header9.xml': `<w:hdr ${W}>${p('外部页眉')}</w:hdr>` }, [
      relation('rId1', 'header', 'header9.xml', true),
    ]);
    expect(readDocx(bytes).text).toBe('正文');
    const internal = pkg(p('正文'), { 'word/header9.xml': `<w:hdr ${W}>${p('内部页眉')}</w:hdr>` }, [
      relation('rId1', 'header', 'header9.xml'),
    ]);
    expect(readDocx(internal).text).toBe('正文\n\n内部页眉');
  });

  it('resolves ./, ../, absolute and doubled-slash targets against the part folder', () => {
    const hdr = (text: string): string => `<w:hdr ${W}>${p(text)}</w:hdr>`;
    const bytes = pkg(
      p('正文'),
      {
        'word/header1.xml': hdr('一'),
        'word/header2.xml': hdr('二'),
        'headers/header3.xml': hdr('三'),
        'word/sub/header4.xml': hdr('四'),
      },
      [
        relation('rId1', 'header', './header1.xml'),
        relation('rId2', 'header', '/word/header2.xml'),
        relation('rId3', 'header', '../headers/header3.xml'),
        relation('rId4', 'header', 'sub//header4.xml'),
      ],
    );
    const document = readDocx(bytes);
    expect(document.paragraphs.map((paragraph) => paragraph.location.part)).toEqual([
      'word/document.xml',
      'headers/header3.xml',
      'word/header1.xml',
      'word/header2.xml',
      'word/sub/header4.xml',
    ]);
    expect(document.text).toBe('正文\n\n三\n\n一\n\n二\n\n四');
  });

  it('orders notes, endnotes, headers and footers by kind, then by part name with numbers compared as numbers', () => {
    const hdr = (tag: string, text: string): string => `<w:${tag} ${W}>${p(text)}</w:${tag}>`;
    const notes = (kind: string, text: string): string =>
      `<w:${kind}s ${W}><w:${kind} w:id="1">${p(text)}</w:${kind}></w:${kind}s>`;
    const bytes = pkg(
      p('正文'),
      {
        'word/footer1.xml': hdr('ftr', '页脚1'),
        'word/header10.xml': hdr('hdr', '页眉10'),
        'word/header2.xml': hdr('hdr', '页眉2'),
        'word/header1.xml': hdr('hdr', '页眉1'),
        'word/endnotes.xml': notes('endnote', '尾注'),
        'word/footnotes.xml': notes('footnote', '脚注'),
        'word/styles.xml': hdr('styles', '样式'),
      },
      [
        relation('rId1', 'footer', 'footer1.xml'),
        relation('rId2', 'header', 'header10.xml'),
        relation('rId3', 'styles', 'styles.xml'),
        relation('rId4', 'header', 'header2.xml'),
        relation('rId5', 'endnotes', 'endnotes.xml'),
        relation('rId6', 'header', 'header1.xml'),
        relation('rId7', 'footnotes', 'footnotes.xml'),
        relation('rId8', 'header', 'header2.xml'),
        relation('rId9', 'header', 'header3.xml'),
      ],
    );
    const document = readDocx(bytes);
    expect(document.text).toBe('正文\n\n脚注\n\n尾注\n\n页眉1\n\n页眉2\n\n页眉10\n\n页脚1');
    expect(document.paragraphs.map((paragraph) => paragraph.location)).toEqual([
      { kind: 'body', part: 'word/document.xml', paragraph: 1 },
      { kind: 'footnote', part: 'word/footnotes.xml', paragraph: 1, note: 1 },
      { kind: 'endnote', part: 'word/endnotes.xml', paragraph: 1, note: 1 },
      { kind: 'header', part: 'word/header1.xml', paragraph: 1 },
      { kind: 'header', part: 'word/header2.xml', paragraph: 1 },
      { kind: 'header', part: 'word/header10.xml', paragraph: 1 },
      { kind: 'footer', part: 'word/footer1.xml', paragraph: 1 },
    ]);
    expect([...document.parts.keys()]).toEqual([
      'word/document.xml',
      'word/footnotes.xml',
      'word/endnotes.xml',
      'word/header1.xml',
      'word/header2.xml',
      'word/header10.xml',
      'word/footer1.xml',
    ]);
  });

  it('reads the notes of a header part as paragraphs without note numbers (w:footnote only counts in notes)', () => {
    const bytes = pkg(
      p('正文'),
      { 'word/header1.xml': `<w:hdr ${W}><w:footnote w:id="5">${p('页眉')}</w:footnote></w:hdr>` },
      [relation('rId1', 'header', 'header1.xml')],
    );
    expect(readDocx(bytes).paragraphs[1]!.location).toEqual({ kind: 'header', part: 'word/header1.xml', paragraph: 1 });
  });
});

describe('docx paragraphs: locations, numbering and offsets', () => {
  const notesPart = (kind: 'footnote' | 'endnote', notes: string): string =>
    `<w:${kind}s ${W}><w:${kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:${kind}>${notes}</w:${kind}s>`;

  it('numbers notes by their first reference in the body, and by their id when the body never refers to them', () => {
    const body =
      `<w:p><w:r><w:t>甲</w:t></w:r><w:r><w:footnoteReference w:id="7"/></w:r><w:r><w:t>乙</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r>` +
      `<w:r><w:footnoteReference w:id="7"/></w:r><w:r><w:endnoteReference w:id="4"/></w:r><w:r><w:footnoteReference/></w:r></w:p>`;
    const bytes = pkg(
      body,
      {
        'word/footnotes.xml': notesPart(
          'footnote',
          `<w:footnote w:id="3">${p('注三')}${p('注三续')}</w:footnote><w:footnote w:id="7">${p('注七')}</w:footnote><w:footnote w:type="normal" w:id="9">${p('注九')}</w:footnote>`,
        ),
        'word/endnotes.xml': notesPart('endnote', `<w:endnote w:id="4">${p('尾四')}</w:endnote>`),
      },
      [relation('rId1', 'footnotes', 'footnotes.xml'), relation('rId2', 'endnotes', 'endnotes.xml')],
    );
    const document = readDocx(bytes);
    expect(document.text).toBe('甲乙\n\n注三\n\n注三续\n\n注七\n\n注九\n\n尾四');
    expect(document.paragraphs.map((paragraph) => paragraph.location)).toEqual([
      { kind: 'body', part: 'word/document.xml', paragraph: 1 },
      { kind: 'footnote', part: 'word/footnotes.xml', paragraph: 1, note: 2 },
      { kind: 'footnote', part: 'word/footnotes.xml', paragraph: 2, note: 2 },
      { kind: 'footnote', part: 'word/footnotes.xml', paragraph: 1, note: 1 },
      { kind: 'footnote', part: 'word/footnotes.xml', paragraph: 1, note: 9 },
      { kind: 'endnote', part: 'word/endnotes.xml', paragraph: 1, note: 1 },
    ]);
    expect(document.paragraphs.map((paragraph) => paragraph.span)).toEqual([
      { start: 0, end: 2 },
      { start: 4, end: 6 },
      { start: 8, end: 11 },
      { start: 13, end: 15 },
      { start: 17, end: 19 },
      { start: 21, end: 23 },
    ]);
    expect(document.paragraphs[2]!.segments).toMatchObject([{ start: 8, text: '注三续' }]);
    expect(formatMessage(locationMessage(document.paragraphs[1]!.location), 'en')).toBe('footnote 2');
    expect(formatMessage(locationMessage(document.paragraphs[5]!.location), 'zh-cn')).toBe('尾注 1');
  });

  it('counts table cells, rows and tables in the body only', () => {
    const cell = (text: string): string => `<w:tc>${p(text)}</w:tc>`;
    const body =
      p('前') +
      `<w:tbl><w:tr>${cell('A1')}${cell('B1')}</w:tr><w:tr>${cell('A2')}<w:tc><w:tbl><w:tr>${cell('内')}</w:tr></w:tbl>${p('B2')}</w:tc></w:tr></w:tbl>` +
      `<w:tbl><w:tr>${cell('X')}</w:tr></w:tbl>` +
      p('后');
    const bytes = pkg(
      body,
      { 'word/header1.xml': `<w:hdr ${W}><w:tbl><w:tr>${cell('页眉表')}</w:tr></w:tbl></w:hdr>` },
      [relation('rId1', 'header', 'header1.xml')],
    );
    const document = readDocx(bytes);
    expect(document.paragraphs.map((paragraph) => [paragraph.location.paragraph, paragraph.location.table])).toEqual([
      [1, undefined],
      [2, { table: 1, row: 1, cell: 1 }],
      [3, { table: 1, row: 1, cell: 2 }],
      [4, { table: 1, row: 2, cell: 1 }],
      [5, { table: 2, row: 1, cell: 1 }],
      [6, { table: 1, row: 2, cell: 2 }],
      [7, { table: 3, row: 1, cell: 1 }],
      [8, undefined],
      [1, undefined],
    ]);
    expect(formatMessage(locationMessage(document.paragraphs[5]!.location), 'en')).toBe(
      'table 1, row 2, cell 2 (paragraph 6)',
    );
    expect(formatMessage(locationMessage(document.paragraphs[0]!.location), 'en')).toBe('paragraph 1');
    expect(formatMessage(locationMessage(document.paragraphs[8]!.location), 'en')).toBe('header (header1.xml)');
  });

  it('renders locations of every kind', () => {
    expect(locationMessage({ kind: 'footer', part: 'word/footer2.xml', paragraph: 3 })).toEqual({
      id: 'docx.location.footer',
      params: { part: 'footer2.xml' },
    });
    expect(locationMessage({ kind: 'header', part: 'header1.xml', paragraph: 1 })).toEqual({
      id: 'docx.location.header',
      params: { part: 'header1.xml' },
    });
    expect(locationMessage({ kind: 'endnote', part: 'word/endnotes.xml', paragraph: 1 })).toEqual({
      id: 'docx.location.endnote',
      params: { note: 0 },
    });
    expect(locationMessage({ kind: 'footnote', part: 'word/footnotes.xml', paragraph: 1, note: 4 })).toEqual({
      id: 'docx.location.footnote',
      params: { note: 4 },
    });
    expect(
      locationMessage({ kind: 'body', part: 'word/document.xml', paragraph: 2, table: { table: 1, row: 2, cell: 3 } }),
    ).toEqual({ id: 'docx.location.table', params: { table: 1, row: 2, cell: 3, paragraph: 2 } });
  });

  it('finds the paragraph of an offset, ends included, and none in the blank line between', () => {
    const document = readDocx(pkg(p('甲乙') + p('丙丁')));
    expect(document.text).toBe('甲乙\n\n丙丁');
    const at = (offset: number): number | undefined => {
      const paragraph = paragraphAt(document, offset);
      return paragraph ? document.paragraphs.indexOf(paragraph) : undefined;
    };
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(at)).toEqual([0, 0, 0, undefined, 1, 1, 1, undefined]);
    expect(at(-1)).toBeUndefined();
  });

  it('gives the context line: whole when short, cut around the span with ellipses, never through a surrogate pair', () => {
    const short = readDocx(pkg(p(' 短\t文 ')));
    expect(contextOf(short, { start: 1, end: 2 })).toBe('短 文');
    expect(contextOf(short, { start: 99, end: 100 })).toBe('');
    expect(contextOf(short, { start: 1, end: 2 }, 5)).toBe('短 文');
    expect(contextOf(short, { start: 1, end: 2 }, 4)).toBe(' 短 文…');
    const broken = readDocx(pkg('<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p>'));
    expect(broken.text).toBe('甲\n乙');
    expect(contextOf(broken, { start: 0, end: 1 })).toBe('甲 乙');
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const long = readDocx(pkg(p(letters)));
    expect(contextOf(long, { start: 12, end: 14 }, 26)).toBe(letters);
    expect(contextOf(long, { start: 12, end: 14 }, 6)).toBe('…klmnop…');
    expect(contextOf(long, { start: 0, end: 2 }, 6)).toBe('abcdef…');
    expect(contextOf(long, { start: 24, end: 26 }, 6)).toBe('…uvwxyz');
    expect(contextOf(long, { start: 10, end: 20 }, 6)).toBe('…klmnop…');
    const astral = readDocx(pkg(p('a𠀀b𠀁c𠀂d')));
    // a 𠀀(1,2) b(3) 𠀁(4,5) c(6) 𠀂(7,8) d(9)
    expect(contextOf(astral, { start: 3, end: 4 }, 2)).toBe('…b𠀁…');
    expect(contextOf(astral, { start: 6, end: 7 }, 2)).toBe('…c𠀂…');
    expect(contextOf(astral, { start: 6, end: 7 }, 3)).toBe('…𠀁c𠀂…');
  });

  it('keeps the largest numeric w:id of all parts read, ignoring ids that are not numbers', () => {
    const bytes = pkg(
      `<w:p><w:bookmarkStart w:id="12" w:name="a"/><w:bookmarkStart w:id="x9" w:name="b"/><w:bookmarkStart w:id="500x" w:name="d"/>${'<w:r><w:t>正文</w:t></w:r>'}</w:p>`,
      {
        'word/header1.xml': `<w:hdr ${W}><w:p><w:bookmarkStart w:id="30" w:name="c"/><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr>`,
      },
      [relation('rId1', 'header', 'header1.xml')],
    );
    expect(readDocx(bytes).maxId).toBe(30);
    expect(readDocx(pkg(p('正文'))).maxId).toBe(0);
    expect(
      parsePart(`<w:document ${W}><w:p w:id="99999"/><x:y xmlns:x="urn:x" w:id="123456"/></w:document>`, 'x').maxId,
    ).toBe(123456);
  });
});

describe('docx reading: decodeWithOffsets', () => {
  const ROWS: { xml: string; text?: string; offsets?: number[] }[] = [
    { xml: 'ab', text: 'ab', offsets: [0, 1, 2] },
    { xml: '', text: '', offsets: [0] },
    { xml: 'a&amp;b', text: 'a&b', offsets: [0, 1, 6, 7] },
    { xml: '&lt;&gt;&quot;&apos;', text: `<>"'`, offsets: [0, 4, 8, 14, 20] },
    { xml: '&#x41;&#X42;&#67;', text: 'ABC', offsets: [0, 6, 12, 17] },
    { xml: '&#x20000;z', text: '𠀀z', offsets: [0, 0, 9, 10] },
    { xml: '&#131072;', text: '𠀀', offsets: [0, 0, 9] },
    { xml: 'a&nbsp;' },
    { xml: 'a&amp' },
    { xml: 'a<b' },
    { xml: 'a\rb' },
  ];
  for (const row of ROWS)
    it(`${JSON.stringify(row.xml)} → ${row.text === undefined ? 'not editable' : JSON.stringify(row.text)}`, () => {
      const decoded = decodeWithOffsets(`[${row.xml}]`, 1, row.xml.length + 1);
      if (row.text === undefined) expect(decoded).toBeUndefined();
      else expect(decoded).toEqual({ text: row.text, offsets: row.offsets!.map((offset) => offset + 1) });
    });

  it('looks for the semicolon of a reference only before the end of the text', () => {
    // "&amp" ends the range; a semicolon after it belongs to other XML.
    expect(decodeWithOffsets('x&amp;', 0, 5)).toBeUndefined();
    expect(decodeWithOffsets('x&amp;', 0, 6)).toEqual({ text: 'x&', offsets: [0, 1, 6] });
  });
});

describe('docx reading: what is prose', () => {
  const body = (xml: string): ReturnType<typeof parsePart> =>
    parsePart(`<w:document ${W}><w:body>${xml}</w:body></w:document>`, 'word/document.xml');
  const texts = (xml: string): string[] => body(xml).paragraphs.map((paragraph) => paragraph.text);

  it('drops paragraphs of spaces only, but keeps their neighbours', () => {
    expect(
      texts('<w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p><w:p><w:r><w:t> a </w:t></w:r></w:p>'),
    ).toEqual([' a ']);
  });

  it("reads a paragraph whose mark has run properties, and copies a run's properties verbatim", () => {
    const parsed = body(
      '<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r w:rsidR="00A1"><w:rPr><w:i/><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">斜体</w:t></w:r><w:r><w:t>平</w:t></w:r></w:p>',
    );
    expect(parsed.paragraphs[0]!.text).toBe('斜体平');
    expect(parsed.paragraphs[0]!.segments.map((segment) => segment.run)).toEqual([
      {
        openTag: '<w:r w:rsidR="00A1">',
        properties: '<w:rPr><w:i/><w:sz w:val="24"/></w:rPr>',
        textTagStart: expect.any(Number),
        textTagEnd: expect.any(Number),
        preservesSpace: true,
        index: 0,
      },
      {
        openTag: '<w:r>',
        properties: '',
        textTagStart: expect.any(Number),
        textTagEnd: expect.any(Number),
        preservesSpace: false,
        index: 1,
      },
    ]);
  });

  it("takes properties and hiding from the run's own w:rPr only, not from an rPr nested deeper", () => {
    const parsed = body(
      '<w:p><w:r><w:rPr><w:b/><w:x><w:rPr><w:vanish/></w:rPr></w:x></w:rPr><w:t>文</w:t></w:r></w:p>',
    );
    expect(parsed.paragraphs[0]!.text).toBe('文');
    expect(parsed.paragraphs[0]!.segments[0]!.run!.properties).toBe(
      '<w:rPr><w:b/><w:x><w:rPr><w:vanish/></w:rPr></w:x></w:rPr>',
    );
  });

  it('knows markup compatibility only by a prefixed namespace declaration', () => {
    const xml = `<w:document ${W} xmlns="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body><Fallback>${p('读')}</Fallback></w:body></w:document>`;
    expect(parsePart(xml, 'x').paragraphs.map((paragraph) => paragraph.text)).toEqual(['读']);
  });

  it('reads an empty w:t after a full one as nothing (the earlier text is not repeated)', () => {
    expect(texts('<w:p><w:r><w:t>abc</w:t><w:t/></w:r></w:p>')).toEqual(['abc']);
    expect(texts('<w:p><w:r><w:t>abc</w:t><w:t></w:t><w:t>d</w:t></w:r></w:p>')).toEqual(['abcd']);
  });

  it("reads a non-breaking hyphen anywhere in a run, a tab or break only as the run's own child", () => {
    const parsed = body(
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:x><w:noBreakHyphen/><w:tab/><w:br/></w:x><w:t>a</w:t></w:r></w:p>',
    );
    expect(parsed.paragraphs[0]!.text).toBe('\u2011a');
  });

  it('makes no segment of an empty w:t', () => {
    const parsed = body('<w:p><w:r><w:t>a</w:t><w:t></w:t><w:t>b</w:t></w:r></w:p>');
    expect(parsed.paragraphs[0]!.segments.map((segment) => [segment.start, segment.text])).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
  });

  it('reads tabs, breaks and non-breaking hyphens in runs as characters that cannot be edited', () => {
    const parsed = body(
      '<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:cr/><w:ptab/><w:noBreakHyphen/></w:r><w:tab/><w:r><w:rPr><w:tab/></w:rPr><w:t>c</w:t></w:r></w:p>',
    );
    const paragraph = parsed.paragraphs[0]!;
    expect(paragraph.text).toBe('a\tb\n\n\t\u2011c');
    expect(paragraph.segments.map((segment) => [segment.start, segment.text, segment.xml !== undefined])).toEqual([
      [0, 'a', true],
      [1, '\t', false],
      [2, 'b', true],
      [3, '\n', false],
      [4, '\n', false],
      [5, '\t', false],
      [6, '\u2011', false],
      [7, 'c', true],
    ]);
  });

  it('skips hidden runs unless vanish is switched off, and field instructions but not results', () => {
    const hidden = (value: string): string => `<w:r><w:rPr><w:vanish${value}/></w:rPr><w:t>隐</w:t><w:tab/></w:r>`;
    expect(
      texts(
        `<w:p><w:r><w:t>显</w:t></w:r>${hidden('')}${hidden(' w:val="true"')}${hidden(' w:val="1"')}${hidden(' w:val="0"')}${hidden(' w:val="false"')}${hidden(' w:val="off"')}</w:p>`,
      ),
    ).toEqual(['显隐\t隐\t隐\t']);
    expect(
      texts(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText><w:t>指令</w:t><w:tab/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>后</w:t></w:r></w:p>',
      ),
    ).toEqual(['结果后']);
    // A separate without a begin changes nothing; an end closes only its own field.
    expect(texts('<w:p><w:r><w:fldChar w:fldCharType="separate"/><w:t>文</w:t></w:r></w:p>')).toEqual(['文']);
  });

  it('does not edit runs in fields, earlier insertions, field results or unknown containers, nor self-closing runs', () => {
    const parsed = body(
      '<w:p><w:r><w:t>可</w:t></w:r><w:ins w:id="1"><w:r><w:t>插</w:t></w:r></w:ins><w:r><w:t>可</w:t></w:r>' +
        '<w:fldSimple w:instr="PAGE"><w:r><w:t>简</w:t></w:r></w:fldSimple><w:moveTo w:id="2"><w:r><w:t>移</w:t></w:r></w:moveTo>' +
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>域</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
        '<w:other><w:r><w:t>他</w:t></w:r></w:other><w:hyperlink><w:r><w:t>链</w:t></w:r></w:hyperlink><w:r><w:t>末</w:t></w:r></w:p>',
    );
    expect(parsed.paragraphs[0]!.segments.map((segment) => [segment.text, segment.run !== undefined])).toEqual([
      ['可', true],
      ['插', false],
      ['可', true],
      ['简', false],
      ['移', false],
      ['域', false],
      ['他', false],
      ['链', true],
      ['末', true],
    ]);
  });

  it('maps text with references to its XML offsets, and leaves text with CDATA or comments unedited', () => {
    const xml = `<w:document ${W}><w:body><w:p><w:r><w:t>a&amp;b</w:t></w:r><w:r><w:t><![CDATA[c]]></w:t></w:r><w:r><w:t>d<!--x-->e</w:t></w:r></w:p></w:body></w:document>`;
    const paragraph = parsePart(xml, 'x').paragraphs[0]!;
    expect(paragraph.text).toBe('a&bcde');
    const start = xml.indexOf('a&amp;b');
    expect(paragraph.segments[0]!.xml).toEqual([start, start + 1, start + 6, start + 7]);
    expect(paragraph.segments[0]!.run!.textTagStart).toBe(xml.indexOf('<w:t>a&amp;'));
    expect(paragraph.segments[0]!.run!.textTagEnd).toBe(start);
    expect(paragraph.segments.slice(1).map((segment) => [segment.text, segment.xml, segment.run])).toEqual([
      ['c', undefined, undefined],
      ['de', undefined, undefined],
    ]);
  });

  it('skips separators and other special notes, and the content of deletions and ruby text', () => {
    const notes = parsePart(
      `<w:footnotes ${W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:t>分隔</w:t></w:r></w:p></w:footnote><w:footnote w:type="continuationNotice" w:id="0"><w:p><w:r><w:t>续</w:t></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>注</w:t></w:r><w:del w:id="5"><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:ruby><w:rt><w:r><w:t>注音</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>基</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p></w:footnote></w:footnotes>`,
      'word/footnotes.xml',
      'footnote',
    );
    expect(notes.paragraphs.map((paragraph) => [paragraph.text, paragraph.noteId])).toEqual([['注基', '1']]);
    expect(notes.maxId).toBe(5);
  });

  it('skips a special note whole (tables and paragraphs in it included), and ends a note where it closes', () => {
    const cell = '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>表</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const notes = parsePart(
      `<w:footnotes ${W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p><w:p><w:r><w:t>二</w:t></w:r></w:p>${cell}</w:footnote>` +
        `<w:footnote w:id="1"><w:p><w:r><w:t>注</w:t></w:r></w:p></w:footnote><w:p><w:r><w:t>外</w:t></w:r></w:p></w:footnotes>`,
      'word/footnotes.xml',
      'footnote',
    );
    expect(notes.paragraphs).toEqual([
      { order: expect.any(Number), text: '注', segments: expect.any(Array), table: undefined, noteId: '1' },
      { order: expect.any(Number), text: '外', segments: expect.any(Array), table: undefined, noteId: undefined },
    ]);
    const endnotes = parsePart(
      `<w:endnotes ${W}><w:endnote w:id="3"><w:p><w:r><w:t>注</w:t></w:r></w:p></w:endnote><w:p><w:r><w:t>外</w:t></w:r></w:p></w:endnotes>`,
      'word/endnotes.xml',
      'endnote',
    );
    expect(endnotes.paragraphs.map((paragraph) => paragraph.noteId)).toEqual(['3', undefined]);
  });

  it('reads a notes part of the other kind as plain paragraphs', () => {
    const xml = `<w:endnotes ${W}><w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:t>分隔</w:t></w:r></w:p></w:endnote><w:endnote w:id="2"><w:p><w:r><w:t>尾</w:t></w:r></w:p></w:endnote></w:endnotes>`;
    expect(parsePart(xml, 'x', 'footnote').paragraphs.map((paragraph) => [paragraph.text, paragraph.noteId])).toEqual([
      ['分隔', undefined],
      ['尾', undefined],
    ]);
    expect(parsePart(xml, 'x', 'endnote').paragraphs.map((paragraph) => [paragraph.text, paragraph.noteId])).toEqual([
      ['尾', '2'],
    ]);
  });

  it('binds the WordprocessingML prefix from the root (either namespace), and ignores elements of other prefixes', () => {
    const strict = parsePart(
      '<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main" xmlns:w="urn:other"><x:body><x:p><x:r><x:t>严格</x:t></x:r><w:r><w:t>他</w:t></w:r></x:p></x:body></x:document>',
      'x',
    );
    expect(strict.prefix).toBe('x');
    expect(strict.paragraphs.map((paragraph) => paragraph.text)).toEqual(['严格']);
    expect(parsePart('<document><body><p><r><t>无</t></r></p></body></document>', 'x')).toMatchObject({
      prefix: 'w',
      paragraphs: [],
    });
    const byDefault = parsePart(
      '<document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><body><p id="77"><r><t>默认</t></r></p></body></document>',
      'x',
    );
    expect(byDefault.prefix).toBe('');
    expect(byDefault.maxId).toBe(77);
    expect(byDefault.paragraphs.map((paragraph) => paragraph.text)).toEqual(['默认']);
  });

  it('reads the chosen alternate content once, under whatever prefix binds markup compatibility', () => {
    const xml = `<w:document ${W} xmlns:m="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body><w:p><m:AlternateContent><m:Choice><w:r><w:t>选</w:t></w:r></m:Choice><m:Fallback><w:r><w:t>备</w:t></w:r></m:Fallback></m:AlternateContent></w:p></w:body></w:document>`;
    expect(parsePart(xml, 'x').paragraphs.map((paragraph) => paragraph.text)).toEqual(['选']);
  });
});

describe('docx tracked changes: the XML written', () => {
  const written = (bytes: Uint8Array, edits: Edit[], author?: string) => {
    const document = readDocx(bytes);
    const result = writeTrackedChanges(document, edits, { date: DATE, ...(author !== undefined ? { author } : {}) });
    return {
      document,
      result,
      xml: result.bytes ? strFromU8(unzipSync(result.bytes)['word/document.xml']!) : undefined,
    };
  };
  const DEL = (id: number, text: string, properties = ''): string =>
    `<w:del w:id="${id}" w:author="MedTerm" w:date="${DATE}"><w:r>${properties}<w:delText xml:space="preserve">${text}</w:delText></w:r></w:del>`;
  const INS = (id: number, text: string, properties = ''): string =>
    `<w:ins w:id="${id}" w:author="MedTerm" w:date="${DATE}"><w:r>${properties}<w:t xml:space="preserve">${text}</w:t></w:r></w:ins>`;

  it('replaces the changed characters only, keeping the run and its properties on both sides', () => {
    const { xml, result } = written(
      pkg('<w:p><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t>达雷木单抗</w:t></w:r></w:p>'),
      [{ span: { start: 0, end: 5 }, newText: '达雷妥尤单抗' }],
    );
    const B = '<w:rPr><w:b/></w:rPr>';
    expect(xml).toBe(
      documentXml(
        `<w:p><w:r w:rsidR="1">${B}<w:t xml:space="preserve">达雷</w:t></w:r>${DEL(1, '木', B)}${INS(2, '妥尤', B)}<w:r w:rsidR="1">${B}<w:t xml:space="preserve">单抗</w:t></w:r></w:p>`,
      ),
    );
    expect(result.applied).toHaveLength(1);
    expect(result.skipped).toEqual([]);
  });

  it('writes a pure deletion without an insertion, and escapes author, date and inserted text', () => {
    const { xml } = written(pkg(p('甲乙丙')), [{ span: { start: 1, end: 2 }, newText: '' }], 'A "B" & <C>');
    expect(xml).toBe(
      documentXml(
        `<w:p><w:r><w:t xml:space="preserve">甲</w:t></w:r><w:del w:id="1" w:author="A &quot;B&quot; &amp; &lt;C&gt;" w:date="${DATE}"><w:r><w:delText xml:space="preserve">乙</w:delText></w:r></w:del><w:r><w:t xml:space="preserve">丙</w:t></w:r></w:p>`,
      ),
    );
    const escaped = written(pkg(p('甲乙丙')), [{ span: { start: 1, end: 2 }, newText: 'a&<>"b' }]).xml!;
    expect(escaped).toContain(INS(2, 'a&amp;&lt;&gt;"b'));
  });

  it('inserts after the character before, or before the first character of the paragraph', () => {
    const middle = written(pkg(p('甲乙')), [{ span: { start: 1, end: 1 }, newText: '中' }]).xml;
    expect(middle).toBe(
      documentXml(
        `<w:p><w:r><w:t xml:space="preserve">甲</w:t></w:r>${INS(1, '中')}<w:r><w:t xml:space="preserve">乙</w:t></w:r></w:p>`,
      ),
    );
    const first = written(pkg(p('正文') + p('甲乙')), [{ span: { start: 4, end: 4 }, newText: '前' }]).xml;
    expect(first).toBe(
      documentXml(
        `${p('正文')}<w:p><w:r><w:t xml:space="preserve"></w:t></w:r>${INS(1, '前')}<w:r><w:t xml:space="preserve">甲乙</w:t></w:r></w:p>`,
      ),
    );
    const last = written(pkg(p('甲乙')), [{ span: { start: 2, end: 2 }, newText: '后' }]).xml;
    expect(last).toContain(`甲乙</w:t></w:r>${INS(1, '后')}<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>`);
  });

  it('deletes across runs as one revision per run, with the insertion after the last, formatted as the first', () => {
    const { xml } = written(
      pkg('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>甲乙</w:t></w:r><w:r><w:t xml:space="preserve">丙丁</w:t></w:r></w:p>'),
      [{ span: { start: 1, end: 3 }, newText: '戊' }],
    );
    const B = '<w:rPr><w:b/></w:rPr>';
    expect(xml).toBe(
      documentXml(
        `<w:p><w:r>${B}<w:t xml:space="preserve">甲</w:t></w:r>${DEL(1, '乙', B)}<w:r>${B}<w:t xml:space="preserve"></w:t></w:r>` +
          `<w:r><w:t xml:space="preserve"></w:t></w:r>${DEL(2, '丙')}${INS(3, '戊', B)}<w:r><w:t xml:space="preserve">丁</w:t></w:r></w:p>`,
      ),
    );
  });

  it('gives a w:t xml:space="preserve" once, even for two edits in one run', () => {
    const { xml, result } = written(pkg(p('甲乙丙丁')), [
      { span: { start: 2, end: 3 }, newText: '三' },
      { span: { start: 0, end: 1 }, newText: '一' },
    ]);
    expect(result.applied.map((edit) => edit.newText)).toEqual(['一', '三']);
    expect(xml).toBe(
      documentXml(
        `<w:p><w:r><w:t xml:space="preserve"></w:t></w:r>${DEL(1, '甲')}${INS(2, '一')}<w:r><w:t xml:space="preserve">乙</w:t></w:r>${DEL(3, '丙')}${INS(4, '三')}<w:r><w:t xml:space="preserve">丁</w:t></w:r></w:p>`,
      ),
    );
  });

  it('skips overlapping, cross-paragraph, no-op, field and unlocatable edits, and writes no package for none', () => {
    const bytes = pkg(p('甲乙丙') + `<w:p><w:r><w:t>丁</w:t><w:tab/><w:t>戊</w:t></w:r></w:p>`);
    const edits: Edit[] = [
      { span: { start: 0, end: 2 }, newText: '一二' },
      { span: { start: 1, end: 3 }, newText: 'x' },
      { span: { start: 2, end: 6 }, newText: 'y' },
      { span: { start: 3, end: 3 }, newText: '' },
      { span: { start: 5, end: 8 }, newText: 'z' },
      { span: { start: 9, end: 9 }, newText: 'w' },
    ];
    const { result } = written(bytes, edits);
    expect(result.applied).toEqual([edits[0]]);
    expect(result.skipped).toEqual(edits.slice(1));
    const none = written(bytes, [{ span: { start: 0, end: 1 }, newText: '甲' }]);
    expect(none.result).toEqual({ applied: [], skipped: [{ span: { start: 0, end: 1 }, newText: '甲' }] });
    expect(none.xml).toBeUndefined();
  });

  it('skips an edit whose span runs past its paragraph even when its changed characters lie inside', () => {
    const bytes = pkg(p('甲乙') + p('丙'));
    const edit = { span: { start: 1, end: 5 }, newText: '丁\n\n丙' };
    expect(minimalEdit('甲乙\n\n丙', edit)).toEqual({ span: { start: 1, end: 2 }, newText: '丁' });
    expect(written(bytes, [edit]).result).toEqual({ applied: [], skipped: [edit] });
  });

  it('does not edit a part whose WordprocessingML is the default namespace', () => {
    const bytes = zipped({
      '_rels/.rels': PACKAGE_RELS,
      'word/document.xml':
        '<document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><body><p><r><t>甲乙</t></r></p></body></document>',
    });
    const edit = { span: { start: 0, end: 1 }, newText: '丙' };
    expect(written(bytes, [edit]).result).toEqual({ applied: [], skipped: [edit] });
  });

  it('leaves a w:t that already keeps spaces as it was written (single quotes and all)', () => {
    const { xml } = written(pkg("<w:p><w:r><w:t xml:space='preserve'>甲乙</w:t></w:r></w:p>"), [
      { span: { start: 1, end: 2 }, newText: '丙' },
    ]);
    expect(xml).toBe(
      documentXml(
        `<w:p><w:r><w:t xml:space='preserve'>甲</w:t></w:r>${DEL(1, '乙')}${INS(2, '丙')}<w:r><w:t xml:space="preserve"></w:t></w:r></w:p>`,
      ),
    );
  });

  it('applies an edit that starts exactly where the previous one ended', () => {
    const { result } = written(pkg(p('甲乙丙')), [
      { span: { start: 0, end: 1 }, newText: '一' },
      { span: { start: 1, end: 2 }, newText: '二' },
    ]);
    expect(result.applied).toHaveLength(2);
    expect(readDocx(result.bytes!).text).toBe('一二丙');
  });

  it('inserts after a tab-free character when the character before is a tab (the next one is used)', () => {
    const bytes = pkg('<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r></w:p>');
    const { xml, result } = written(bytes, [{ span: { start: 2, end: 2 }, newText: '丙' }]);
    expect(result.applied).toHaveLength(1);
    expect(xml).toContain(
      `<w:t xml:space="preserve"></w:t></w:r>${INS(1, '丙')}<w:r><w:t xml:space="preserve">乙</w:t>`,
    );
  });
});

describe('docx minimalEdit: surrogate pairs and repeats', () => {
  const ROWS: { text: string; from: [number, number]; newText: string; span: [number, number]; inserted: string }[] = [
    // Same high surrogate, different low one: the pair is replaced whole.
    { text: '𠀀', from: [0, 2], newText: '𠀁', span: [0, 2], inserted: '𠀁' },
    { text: 'a𠀀b', from: [0, 4], newText: 'a𠀁b', span: [1, 3], inserted: '𠀁' },
    // Same low surrogate, different high one (U+10400 and U+20000 both end in DC00).
    { text: '\u{10400}', from: [0, 2], newText: '\u{20000}', span: [0, 2], inserted: '\u{20000}' },
    { text: 'x\u{10400}y', from: [0, 4], newText: 'x\u{20000}y', span: [1, 3], inserted: '\u{20000}' },
    { text: '\u{103ff}', from: [0, 2], newText: '\u{103fe}', span: [0, 2], inserted: '\u{103fe}' },
    { text: '甲乙丙', from: [0, 3], newText: '甲乙丙', span: [3, 3], inserted: '' },
    { text: '甲乙丙', from: [0, 3], newText: '丁', span: [0, 3], inserted: '丁' },
    { text: 'abab', from: [0, 4], newText: 'ab', span: [2, 4], inserted: '' },
    { text: 'ab', from: [0, 2], newText: 'abab', span: [2, 2], inserted: 'ab' },
    { text: 'xaby', from: [1, 3], newText: 'acb', span: [2, 2], inserted: 'c' },
    { text: 'aXa', from: [0, 3], newText: 'a', span: [1, 3], inserted: '' },
  ];
  for (const row of ROWS)
    it(`${JSON.stringify(row.text.slice(...row.from))} → ${JSON.stringify(row.newText)}`, () => {
      expect(minimalEdit(row.text, { span: { start: row.from[0], end: row.from[1] }, newText: row.newText })).toEqual({
        span: { start: row.span[0], end: row.span[1] },
        newText: row.inserted,
      });
    });
});
