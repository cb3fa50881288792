import { looksBinary } from '../engine';

/**
 * Telling a file's encoding from its bytes, and its text: a byte order mark decides, else strict UTF-8, UTF-16 by its
 * zero bytes, or GB18030/GBK, each only when the text is plausible and (where it can be encoded back) encodes back to
 * exactly the same bytes. Shared by the CLI (node/fileText.ts, which also writes files back) and the server's
 * workspace scan (node/proseFiles.ts).
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

/**
 * GB18030, the one encoding Node does not encode by itself: the CLI passes iconv-lite (node/fileText.ts), which decodes
 * and encodes; the server's read-only workspace scan passes `BUILT_IN_GB18030` (decoding only), so that iconv-lite's
 * tables stay out of the server bundle.
 */
export interface Gb18030 {
  /** Strict decoding: undefined when a byte sequence is not valid GB18030. */
  decode(body: Uint8Array): string | undefined;
  /** Absent: the text cannot be encoded back, and a GB18030 reading is taken on strict decoding alone. */
  encode?(text: string): Buffer;
}

/** Node's own decoder (ICU): strict; undefined where this Node has no GB18030 (a small-ICU build). */
export const BUILT_IN_GB18030: Gb18030 = {
  decode(body) {
    try {
      return new TextDecoder('gb18030', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      return undefined;
    }
  },
};

/** The bytes of `text` in the file's encoding (with its byte order mark if it had one); undefined if it cannot be encoded. */
export function encodeWith(text: string, as: TextEncoding, gb18030: Gb18030): Buffer | undefined {
  let body: Buffer;
  if (as.encoding === 'utf-8') body = Buffer.from(text, 'utf8');
  else if (as.encoding === 'utf-16le') body = Buffer.from(text, 'utf16le');
  else if (as.encoding === 'utf-16be') body = Buffer.from(text, 'utf16le').swap16();
  else if (gb18030.encode) body = gb18030.encode(text);
  else return undefined;
  return as.bom ? Buffer.concat([bomBytes(as.encoding), body]) : body;
}

/** Strict decoding of the body (after any BOM); undefined when a byte sequence is not valid. */
function strictDecode(body: Uint8Array, encoding: TextEncodingName, gb18030: Gb18030): string | undefined {
  try {
    if (encoding === 'utf-8') return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    if (encoding === 'utf-16le') return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(body);
    if (encoding === 'utf-16be')
      return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(Buffer.from(body).swap16());
  } catch {
    return undefined;
  }
  return gb18030.decode(body);
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
function faithful(bytes: Uint8Array, as: TextEncoding, bodyStart: number, gb18030: Gb18030): DecodedText | undefined {
  const text = strictDecode(bytes.subarray(bodyStart), as.encoding, gb18030);
  if (text === undefined) return undefined;
  const again = encodeWith(text, as, gb18030);
  if (again === undefined) return { text, ...as };
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
 * is plausible text that encodes back to the same bytes (GB18030 without an encoder: strict decoding alone).
 */
export function decodeWith(bytes: Uint8Array, gb18030: Gb18030): DecodedText | Undecodable {
  const bom = BOMS.find((candidate) => candidate.bytes.every((byte, index) => bytes[index] === byte));
  if (bom) {
    const decoded = faithful(bytes, { encoding: bom.encoding, bom: true }, bom.bytes.length, gb18030);
    if (!decoded && bom.encoding === 'utf-8') {
      const structure = utf8Structure(bytes);
      return { problem: 'invalid-utf-8', offset: structure.firstInvalid, line: lineAt(bytes, structure.firstInvalid) };
    }
    if (!decoded) return { problem: 'unknown-encoding' };
    return looksBinary(decoded.text) ? { problem: 'binary' } : decoded;
  }
  const utf8 = faithful(bytes, { encoding: 'utf-8', bom: false }, 0, gb18030);
  if (utf8) return looksBinary(utf8.text) ? { problem: 'binary' } : utf8;
  const wide = utf16Guess(bytes);
  if (wide) {
    const decoded = faithful(bytes, { encoding: wide.encoding, bom: false }, 0, gb18030);
    if (decoded && plausible(decoded.text, !wide.mostlyAscii)) return decoded;
  }
  const structure = utf8Structure(bytes);
  if (structure.sequences > structure.invalid)
    return { problem: 'invalid-utf-8', offset: structure.firstInvalid, line: lineAt(bytes, structure.firstInvalid) };
  if (bytes.includes(0)) return { problem: 'binary' };
  const legacy = faithful(bytes, { encoding: 'gb18030', bom: false }, 0, gb18030);
  if (legacy && plausible(legacy.text, true) && !wedgedIdeographs(legacy.text)) return legacy;
  // Some valid UTF-8 and no other reading: say where the UTF-8 breaks, the most useful thing to fix.
  if (structure.sequences > 0)
    return { problem: 'invalid-utf-8', offset: structure.firstInvalid, line: lineAt(bytes, structure.firstInvalid) };
  return { problem: 'unknown-encoding' };
}
