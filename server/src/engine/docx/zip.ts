import { deflateSync, inflateSync } from 'fflate';
import { DocxError } from './errors';

/**
 * The zip container of a .docx, read from its central directory so that a rewrite can copy every entry
 * it does not change byte for byte (local header, compressed data and data descriptor as they were).
 * fflate does the (de)compression; the container walk is here because fflate's unzip hands back only
 * inflated data and no offsets, and a copy that re-compresses would change every part of the package.
 */

/** Limits that keep a hostile or huge file from exhausting memory: beyond them the reader refuses. */
export const DOCX_LIMITS = {
  /** The .docx file itself. */
  fileBytes: 64 * 1024 * 1024,
  /** One XML part, inflated. */
  partBytes: 48 * 1024 * 1024,
  /** All parts MedTerm reads, inflated. */
  totalBytes: 96 * 1024 * 1024,
  /** Entries in the package. */
  entries: 20_000,
} as const;

/** A size for messages: megabytes with one decimal, rounded up (a file just over 64 MB says 64.1). */
export function megabytes(bytes: number): string {
  return (Math.ceil((bytes / 1024 / 1024) * 10) / 10).toFixed(1);
}

export interface ZipEntry {
  readonly name: string;
  /** General-purpose flags (bit 0: encrypted, bit 3: data descriptor, bit 11: UTF-8 name). */
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  /** Where the entry's bytes in the file end (the next entry, or the central directory). */
  readonly rawEnd: number;
  /** The central directory record, verbatim. */
  readonly central: Uint8Array;
}

export interface ZipArchive {
  readonly bytes: Uint8Array;
  readonly entries: readonly ZipEntry[];
  /** The bytes after the last central record (end of central directory with its comment). */
  readonly centralStart: number;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function u16(bytes: Uint8Array, at: number): number {
  return bytes[at]! | (bytes[at + 1]! << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;
}

function contains(bytes: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** "EncryptedPackage" as UTF-16LE: the stream name of an encrypted OOXML file inside its OLE container. */
const ENCRYPTED_PACKAGE = new Uint8Array([...'EncryptedPackage'].flatMap((character) => [character.charCodeAt(0), 0]));

/** Open the container; a clear error for .doc, encrypted, damaged or huge files. */
export function openZip(bytes: Uint8Array): ZipArchive {
  if (bytes.length > DOCX_LIMITS.fileBytes)
    throw new DocxError('docx.error.tooLarge', {
      size: megabytes(bytes.length),
      limit: DOCX_LIMITS.fileBytes / 1024 / 1024,
    });
  if (bytes.length >= 8 && OLE_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    // Both a Word 97–2003 .doc and a password-protected .docx are OLE compound files.
    throw new DocxError(contains(bytes, ENCRYPTED_PACKAGE) ? 'docx.error.encrypted' : 'docx.error.binaryDoc');
  }
  if (bytes.length < 22 || u32(bytes, 0) !== 0x04034b50) throw new DocxError('docx.error.notZip');
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, searched from the end.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(bytes, at) === 0x06054b50 && at + 22 + u16(bytes, at + 20) === bytes.length) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new DocxError('docx.error.damaged', { detail: 'no end of central directory' });
  const count = u16(bytes, end + 10);
  const centralSize = u32(bytes, end + 12);
  const centralStart = u32(bytes, end + 16);
  if (count === 0xffff || centralStart === 0xffffffff)
    throw new DocxError('docx.error.tooLarge', {
      size: megabytes(bytes.length),
      limit: DOCX_LIMITS.fileBytes / 1024 / 1024,
    });
  if (count > DOCX_LIMITS.entries) throw new DocxError('docx.error.damaged', { detail: `${count} entries` });
  if (centralStart + centralSize > end)
    throw new DocxError('docx.error.damaged', { detail: 'central directory out of range' });
  const raw: Omit<ZipEntry, 'rawEnd'>[] = [];
  let at = centralStart;
  const decoder = new TextDecoder('utf-8');
  for (let index = 0; index < count; index++) {
    if (at + 46 > end || u32(bytes, at) !== 0x02014b50)
      throw new DocxError('docx.error.damaged', { detail: `central record ${index}` });
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const length = 46 + nameLength + extraLength + commentLength;
    if (at + length > end) throw new DocxError('docx.error.damaged', { detail: `central record ${index}` });
    const entry = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: u16(bytes, at + 8),
      method: u16(bytes, at + 10),
      crc: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
      central: bytes.slice(at, at + length),
    };
    if (entry.localOffset >= centralStart || u32(bytes, entry.localOffset) !== 0x04034b50)
      throw new DocxError('docx.error.damaged', { detail: `local header of ${entry.name}` });
    if (entry.flags & 1) throw new DocxError('docx.error.encrypted');
    raw.push(entry);
    at += length;
  }
  const offsets = [...new Set(raw.map((entry) => entry.localOffset))].sort((a, b) => a - b);
  const entries = raw.map((entry): ZipEntry => {
    const next = offsets.find((offset) => offset > entry.localOffset) ?? centralStart;
    const dataStart = entry.localOffset + 30 + u16(bytes, entry.localOffset + 26) + u16(bytes, entry.localOffset + 28);
    if (dataStart + entry.compressedSize > next)
      throw new DocxError('docx.error.damaged', { detail: `data of ${entry.name}` });
    return { ...entry, rawEnd: next };
  });
  return { bytes, entries, centralStart };
}

/** The inflated content of one entry (checked against its size and CRC). */
export function readEntry(archive: ZipArchive, entry: ZipEntry): Uint8Array {
  if (entry.size > DOCX_LIMITS.partBytes)
    throw new DocxError('docx.error.tooLarge', {
      size: megabytes(entry.size),
      limit: DOCX_LIMITS.partBytes / 1024 / 1024,
    });
  const { bytes } = archive;
  const dataStart = entry.localOffset + 30 + u16(bytes, entry.localOffset + 26) + u16(bytes, entry.localOffset + 28);
  const data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
  let content: Uint8Array;
  if (entry.method === 0) content = data;
  else if (entry.method === 8) {
    try {
      // A buffer of the declared size: a zip bomb cannot grow past it (the CRC check catches a short one).
      content = inflateSync(data, { out: new Uint8Array(entry.size) });
    } catch (error) {
      throw new DocxError('docx.error.damaged', { detail: `${entry.name}: ${(error as Error).message}` });
    }
  } else throw new DocxError('docx.error.damaged', { detail: `${entry.name}: compression method ${entry.method}` });
  if (content.length !== entry.size || crc32(content) !== entry.crc)
    throw new DocxError('docx.error.damaged', { detail: `${entry.name}: checksum` });
  return content;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE), as zip stores it. */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function put16(target: Uint8Array, at: number, value: number): void {
  target[at] = value & 0xff;
  target[at + 1] = (value >>> 8) & 0xff;
}

function put32(target: Uint8Array, at: number, value: number): void {
  put16(target, at, value & 0xffff);
  put16(target, at + 2, value >>> 16);
}

/**
 * The archive with some entries' contents replaced. Every other entry is copied raw (its local header,
 * compressed bytes and data descriptor unchanged), in the original order; replaced entries are deflated
 * anew under their original name, time and attributes.
 */
export function rewriteZip(archive: ZipArchive, replacements: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const { bytes } = archive;
  const chunks: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  const ordered = [...archive.entries].sort((a, b) => a.localOffset - b.localOffset);
  for (const entry of ordered) {
    const replacement = replacements.get(entry.name);
    const central = entry.central.slice();
    put32(central, 42, offset);
    if (!replacement) {
      const raw = bytes.subarray(entry.localOffset, entry.rawEnd);
      chunks.push(raw);
      centrals.push(central);
      offset += raw.length;
      continue;
    }
    const compressed = deflateSync(replacement, { level: 6 });
    const crc = crc32(replacement);
    const nameLength = u16(bytes, entry.localOffset + 26);
    const name = bytes.subarray(entry.localOffset + 30, entry.localOffset + 30 + nameLength);
    const header = new Uint8Array(30 + nameLength);
    header.set(bytes.subarray(entry.localOffset, entry.localOffset + 30));
    const flags = entry.flags & ~0x0008 & 0x0800; // no data descriptor; keep only the UTF-8 name flag
    put16(header, 6, flags);
    put16(header, 8, 8);
    put32(header, 14, crc);
    put32(header, 18, compressed.length);
    put32(header, 22, replacement.length);
    put16(header, 28, 0);
    header.set(name, 30);
    chunks.push(header, compressed);
    put16(central, 8, flags);
    put16(central, 10, 8);
    put32(central, 16, crc);
    put32(central, 20, compressed.length);
    put32(central, 24, replacement.length);
    centrals.push(central);
    offset += header.length + compressed.length;
  }
  const centralStart = offset;
  const centralSize = centrals.reduce((sum, record) => sum + record.length, 0);
  const endRecord = new Uint8Array(22);
  put32(endRecord, 0, 0x06054b50);
  put16(endRecord, 8, centrals.length);
  put16(endRecord, 10, centrals.length);
  put32(endRecord, 12, centralSize);
  put32(endRecord, 16, centralStart);
  const total = centralStart + centralSize + 22;
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of [...chunks, ...centrals, endRecord]) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
