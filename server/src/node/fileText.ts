import { readFileSync, statSync, type Stats } from 'node:fs';
import iconv from 'iconv-lite';
import { looksBinary, type Locale } from '../engine';
import { SafeWriteError, writeFileSafely, type ExpectedFile } from './safeWrite';

/**
 * Manuscripts as bytes: which encoding a file is in, its text, and the same bytes back. A file is checked
 * (and fixed) only when its bytes decode without loss and the decoded text encodes back to exactly those
 * bytes, so a fix changes the bytes of the fixed terms and nothing else. Everything else is reported as
 * not checked, never as clean, and never rewritten.
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface TextEncoding {
  readonly encoding: TextEncodingName;
  /** The file starts with a byte order mark: not part of the text (columns do not count it), kept on write. */
  readonly bom: boolean;
}

export interface DecodedText extends TextEncoding {
  readonly text: string;
}

/** Why a file's bytes are not checked. `offset` is the first byte that does not decode (0-based). */
export interface Undecodable {
  readonly problem: 'binary' | 'invalid-utf-8' | 'unknown-encoding';
  readonly offset?: number;
  readonly line?: number;
}

const BOMS: readonly { bytes: readonly number[]; encoding: TextEncodingName }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0x84, 0x31, 0x95, 0x33], encoding: 'gb18030' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

function bomBytes(encoding: TextEncodingName): Buffer {
  return Buffer.from(BOMS.find((bom) => bom.encoding === encoding)!.bytes);
}

/** The bytes of `text` in the file's encoding (with its byte order mark if it had one). */
export function encodeText(text: string, as: TextEncoding): Buffer {
  let body: Buffer;
  if (as.encoding === 'utf-8') body = Buffer.from(text, 'utf8');
  else if (as.encoding === 'utf-16le') body = Buffer.from(text, 'utf16le');
  else if (as.encoding === 'utf-16be') body = Buffer.from(text, 'utf16le').swap16();
  else body = iconv.encode(text, 'gb18030', { addBOM: false });
  return as.bom ? Buffer.concat([bomBytes(as.encoding), body]) : body;
}

/** Strict decoding of the body (after any BOM); undefined when a byte sequence is not valid. */
function strictDecode(body: Uint8Array, encoding: TextEncodingName): string | undefined {
  try {
    if (encoding === 'utf-8') return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    if (encoding === 'utf-16le') return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(body);
    if (encoding === 'utf-16be')
      return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(Buffer.from(body).swap16());
  } catch {
    return undefined;
  }
  // iconv-lite never throws: a byte sequence GB18030 does not define becomes U+FFFD, which is refused below.
  const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'gb18030', { stripBOM: false });
  return text.includes('\ufffd') ? undefined : text;
}

/** UTF-8's structure: valid multi-byte sequences, bytes that fit none, and where the first bad one is. */
function utf8Structure(bytes: Uint8Array): { sequences: number; invalid: number; firstInvalid: number } {
  let sequences = 0;
  let invalid = 0;
  let firstInvalid = -1;
  for (let i = 0; i < bytes.length;) {
    const byte = bytes[i]!;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const length =
      byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok) {
      sequences++;
      i += length;
    } else {
      invalid++;
      if (firstInvalid < 0) firstInvalid = i;
      i++;
    }
  }
  return { sequences, invalid, firstInvalid };
}

/**
 * Text a legacy decoding can be trusted with: no control characters but white space, no private-use or
 * replacement characters, and (for GB18030) non-ASCII characters that are Chinese, Japanese kana, CJK and
 * full-width punctuation, Greek or Cyrillic letters, symbols GBK has (℃, ①, ±, ×, arrows, box drawing)—
 * what Chinese manuscripts hold. A Latin-1 or mixed file decoded as GB18030 fails this test.
 */
function plausible(text: string, cjkOnly: boolean): boolean {
  let nonAscii = 0;
  let expected = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || code === 0x7f)
      return false;
    if ((code >= 0xe000 && code <= 0xf8ff) || code === 0xfffd) return false;
    if (code < 0x80) continue;
    nonAscii++;
    if (
      (code >= 0x3000 && code <= 0x9fff) || // CJK punctuation, kana, bopomofo, CJK ideographs (and extension A)
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xffef) ||
      (code >= 0x20000 && code <= 0x3134f) ||
      (code >= 0x2000 && code <= 0x27bf) || // punctuation, letter-like symbols, numbers, arrows, maths, box drawing, shapes
      (code >= 0x0391 && code <= 0x03c9) ||
      (code >= 0x0401 && code <= 0x0451) ||
      code === 0xa4 ||
      code === 0xa7 ||
      code === 0xa8 ||
      code === 0xb0 ||
      code === 0xb1 ||
      code === 0xb7 ||
      code === 0xd7 ||
      code === 0xe0 ||
      code === 0xe1 ||
      code === 0xe8 ||
      code === 0xe9 ||
      code === 0xea ||
      code === 0xec ||
      code === 0xed ||
      code === 0xf2 ||
      code === 0xf3 ||
      code === 0xf7 ||
      code === 0xf9 ||
      code === 0xfa ||
      code === 0xfc
    ) {
      expected++;
    }
  }
  return !cjkOnly || nonAscii === 0 || expected / nonAscii >= 0.95;
}

/**
 * Latin-1 or Windows-1252 text read as GB18030 turns each accented letter and the letter after it into one
 * ideograph between two Latin letters ("Caf\xe9ine" → "Caf" + ideograph + "ne"); Chinese text seldom has
 * that. Most ideographs wedged between Latin letters: not Chinese.
 */
function wedgedIdeographs(text: string): boolean {
  let ideographs = 0;
  let wedged = 0;
  const latin = (code: number): boolean => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x3400 || code > 0x9fff) continue;
    ideographs++;
    if (latin(text.charCodeAt(i - 1)) && latin(text.charCodeAt(i + 1))) wedged++;
  }
  return ideographs > 0 && wedged * 2 > ideographs;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Both strict decoding and the round trip: the text must encode back to exactly these bytes. */
function faithful(bytes: Uint8Array, as: TextEncoding, bodyStart: number): DecodedText | undefined {
  const text = strictDecode(bytes.subarray(bodyStart), as.encoding);
  if (text === undefined) return undefined;
  const again = encodeText(text, as);
  return again.length === bytes.length && again.equals(bytes) ? { text, ...as } : undefined;
}

/**
 * UTF-16 without a byte order mark: its zero bytes (the high byte of ASCII, of a line feed) all fall on one
 * side of the byte pairs. `mostlyAscii` when a fifth of the pairs have one, as English text does; then any
 * plausible text is taken, else (Chinese text, only line feeds give zeros) it must read as Chinese.
 */
function utf16Guess(bytes: Uint8Array): { encoding: TextEncodingName; mostlyAscii: boolean } | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = bytes.length / 2;
  if (oddZeros > 0 && evenZeros === 0) return { encoding: 'utf-16le', mostlyAscii: oddZeros / pairs >= 0.2 };
  if (evenZeros > 0 && oddZeros === 0) return { encoding: 'utf-16be', mostlyAscii: evenZeros / pairs >= 0.2 };
  return undefined;
}

/**
 * Decode a file: a byte order mark decides (UTF-8, UTF-16, GB18030); otherwise strict UTF-8; a file that is
 * mostly valid UTF-8 with a few bad bytes (a Windows-1252 é, a pasted GBK paragraph) is broken UTF-8 and not
 * decoded; otherwise UTF-16 without a mark (zero bytes on one side) or GB18030/GBK, each only when the result
 * is plausible text that encodes back to the same bytes.
 */
export function decodeText(bytes: Uint8Array): DecodedText | Undecodable {
  const bom = BOMS.find((candidate) => candidate.bytes.every((byte, index) => bytes[index] === byte));
  if (bom) {
    const decoded = faithful(bytes, { encoding: bom.encoding, bom: true }, bom.bytes.length);
    if (!decoded && bom.encoding === 'utf-8') {
      const structure = utf8Structure(bytes);
      return { problem: 'invalid-utf-8', offset: structure.firstInvalid, line: lineAt(bytes, structure.firstInvalid) };
    }
    if (!decoded) return { problem: 'unknown-encoding' };
    return looksBinary(decoded.text) ? { problem: 'binary' } : decoded;
  }
  const utf8 = faithful(bytes, { encoding: 'utf-8', bom: false }, 0);
  if (utf8) return looksBinary(utf8.text) ? { problem: 'binary' } : utf8;
  const wide = utf16Guess(bytes);
  if (wide) {
    const decoded = faithful(bytes, { encoding: wide.encoding, bom: false }, 0);
    if (decoded && plausible(decoded.text, !wide.mostlyAscii)) return decoded;
  }
  const structure = utf8Structure(bytes);
  if (structure.sequences > structure.invalid)
    return { problem: 'invalid-utf-8', offset: structure.firstInvalid, line: lineAt(bytes, structure.firstInvalid) };
  if (bytes.includes(0)) return { problem: 'binary' };
  const legacy = faithful(bytes, { encoding: 'gb18030', bom: false }, 0);
  if (legacy && plausible(legacy.text, true) && !wedgedIdeographs(legacy.text)) return legacy;
  // Some valid UTF-8 and no other reading: say where the UTF-8 breaks, the most useful thing to fix.
  if (structure.sequences > 0)
    return { problem: 'invalid-utf-8', offset: structure.firstInvalid, line: lineAt(bytes, structure.firstInvalid) };
  return { problem: 'unknown-encoding' };
}

/** A text file as read: its path, bytes and status (for the writer's "changed meanwhile" check) and its text. */
export interface TextFile extends DecodedText {
  readonly path: string;
  readonly expected: ExpectedFile;
}

export interface UnreadableFile {
  readonly path: string;
  readonly problem: Undecodable['problem'] | 'unreadable' | 'not-a-file';
  readonly offset?: number;
  readonly line?: number;
  readonly code?: string;
}

function snapshot(bytes: Buffer, stat: Stats): ExpectedFile {
  return { bytes, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, dev: stat.dev };
}

export function readTextFile(path: string): TextFile | UnreadableFile {
  let bytes: Buffer;
  let stat: Stats;
  try {
    stat = statSync(path);
    // A FIFO or a device would block or never end: not read.
    if (!stat.isFile()) return { path, problem: 'not-a-file' };
    bytes = readFileSync(path);
  } catch (error) {
    return { path, problem: 'unreadable', code: (error as NodeJS.ErrnoException).code };
  }
  const decoded = decodeText(bytes);
  if ('problem' in decoded) return { path, ...decoded };
  return { path, ...decoded, expected: snapshot(bytes, stat) };
}

export function isTextFile(file: TextFile | UnreadableFile): file is TextFile {
  return !('problem' in file);
}

/** Why a file was not checked, for the user: short, in zh-cn or en. */
export function describeUnreadable(file: UnreadableFile, locale: Locale): string {
  const en = locale === 'en';
  switch (file.problem) {
    case 'binary':
      return en ? 'binary file' : '二进制文件';
    case 'invalid-utf-8':
      return en
        ? `not valid UTF-8 (first bad byte at offset ${file.offset}, line ${file.line})`
        : `不是有效的 UTF-8（首个错误字节在第 ${file.line} 行，字节偏移 ${file.offset}）`;
    case 'unknown-encoding':
      return en
        ? 'unknown encoding (not UTF-8, UTF-16 or GB18030/GBK)'
        : '无法识别的编码（不是 UTF-8、UTF-16 或 GB18030/GBK）';
    case 'not-a-file':
      return en ? 'not a regular file (a FIFO, a device or a socket)' : '不是普通文件（FIFO、设备或套接字）';
    case 'unreadable':
      return en ? `cannot be read (${file.code ?? 'error'})` : `无法读取（${file.code ?? 'error'}）`;
  }
}

export type FixOutcome =
  | { readonly status: 'unchanged'; readonly file: TextFile }
  | { readonly status: 'fixed'; readonly file: TextFile; readonly text: string; readonly edits: number }
  | { readonly status: 'failed'; readonly file: TextFile; readonly error: SafeWriteError | UnreadableFile };

/**
 * Apply `transform` (the safe fixes) to a file and write the result in the file's own encoding, through
 * `writeFileSafely`. An edit saved while the fixes were computed is noticed by the writer; the file is
 * then read again and the fixes redone (at most `attempts` times), so the edit is never lost.
 */
export function fixTextFile(
  file: TextFile,
  transform: (text: string) => { text: string; edits: number },
  attempts = 3,
): FixOutcome {
  let current = file;
  for (let attempt = 1; ; attempt++) {
    const fixed = transform(current.text);
    if (fixed.edits === 0 || fixed.text === current.text) return { status: 'unchanged', file: current };
    const bytes = encodeText(fixed.text, current);
    try {
      writeFileSafely(current.path, bytes, { expected: current.expected });
      return { status: 'fixed', file: current, text: fixed.text, edits: fixed.edits };
    } catch (error) {
      if (!(error instanceof SafeWriteError)) throw error;
      if (error.problem !== 'changed' || attempt >= attempts) return { status: 'failed', file: current, error };
      const again = readTextFile(current.path);
      if (!isTextFile(again)) return { status: 'failed', file: current, error: again };
      current = again;
    }
  }
}

/** Why a fix was not written, naming the user's file (`shown`: the path as the user knows it). */
export function describeFixFailure(error: SafeWriteError | UnreadableFile, shown: string, locale: Locale): string {
  const en = locale === 'en';
  const prefix = en ? `cannot fix ${shown}: ` : `无法修复 ${shown}：`;
  if (!(error instanceof SafeWriteError))
    return (
      prefix +
      (en
        ? `it changed while being fixed and is now ${describeUnreadable(error, locale)}`
        : `修复期间文件被改动，现在${describeUnreadable(error, locale)}`)
    );
  const code = error.reason?.code ?? error.reason?.message ?? '';
  switch (error.problem) {
    case 'changed':
      return (
        prefix +
        (en
          ? 'it was changed by another program while being fixed; left as it is'
          : '修复期间文件被其他程序改动；已保留原样')
      );
    case 'read-only':
      return prefix + (en ? 'the file is read-only; left as it is' : '文件为只读；已保留原样');
    case 'not-permitted':
      return (
        prefix + (en ? `no permission to write it (${code}); left as it is` : `没有写入权限（${code}）；已保留原样`)
      );
    case 'no-space':
      return (
        prefix +
        (en ? `no space left on the device (${code}); the file is unchanged` : `磁盘空间不足（${code}）；文件未改动`)
      );
    case 'not-a-file':
      return prefix + (en ? 'not a regular file' : '不是普通文件');
    case 'failed':
      return prefix + (en ? `${code}; the file is unchanged` : `${code}；文件未改动`);
  }
}
