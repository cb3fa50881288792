import { readFileSync, statSync, type Stats } from 'node:fs';
import iconv from 'iconv-lite';
import { type Locale } from '../engine';
import { SafeWriteError, writeFileSafely, type ExpectedFile } from './safeWrite';
import {
  decodeWith,
  encodeWith,
  type DecodedText,
  type Gb18030,
  type TextEncoding,
  type Undecodable,
} from './textDecoding';

/**
 * Manuscripts as bytes: which encoding a file is in, its text, and the same bytes back. A file is checked
 * (and fixed) only when its bytes decode without loss and the decoded text encodes back to exactly those
 * bytes, so a fix changes the bytes of the fixed terms and nothing else. Everything else is reported as
 * not checked, never as clean, and never rewritten.
 */

/** iconv-lite for GB18030 (never throws: a byte sequence GB18030 does not define becomes U+FFFD, refused here). */
const ICONV_GB18030: Gb18030 = {
  decode(body) {
    const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'gb18030', {
      stripBOM: false,
    });
    return text.includes('\ufffd') ? undefined : text;
  },
  encode: (text) => iconv.encode(text, 'gb18030', { addBOM: false }),
};

/** Decode a file (node/textDecoding.ts), GB18030 with a round trip through iconv-lite. */
export function decodeText(bytes: Uint8Array): DecodedText | Undecodable {
  return decodeWith(bytes, ICONV_GB18030);
}

/** The bytes of `text` in the file's encoding (with its byte order mark if it had one). */
export function encodeText(text: string, as: TextEncoding): Buffer {
  return encodeWith(text, as, ICONV_GB18030)!;
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
