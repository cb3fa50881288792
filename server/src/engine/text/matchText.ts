import type { Span } from '../types';
import { foldWidth, isCjk, isLatinWordChar, isLineBreak, isWhitespace, lowerAscii } from './characters';

/**
 * The text as the matcher sees it. Terms are matched on the raw text, never after word segmentation,
 * but a few differences that do not change a term are folded away first:
 * - full-width ASCII becomes ASCII, ASCII letters are lower-cased (`exact` keeps the case);
 * - white space next to a CJK character disappears (盘古之白 "B 细胞", a soft line break inside
 *   多发性骨髓\n瘤), white space between two Latin characters becomes one space;
 * - a paragraph break (a blank line) becomes a barrier no term crosses, when `paragraphBarrier` is
 *   set (Markdown, LaTeX); plain text often comes from PDFs with blank lines inside sentences;
 * - skipped regions (code, URLs, math) become a barrier.
 * `offsets[i]` is the original UTF-16 offset of folded character i, so every span maps back exactly.
 */
export interface MatchText {
  readonly folded: string;
  readonly exact: string;
  readonly offsets: Int32Array;
  /** Original length, for spans that end at the end of the text. */
  readonly length: number;
}

/** A character that no surface contains: matches never cross it. */
export const BARRIER = '\u0000';

export interface MatchTextOptions {
  readonly skip?: readonly Span[];
  readonly paragraphBarrier?: boolean;
}

export function buildMatchText(text: string, options: MatchTextOptions = {}): MatchText {
  // Typed buffers, turned into strings once at the end: this runs over every character of every
  // document on every analysis, so it avoids one small string per character.
  const n = text.length;
  const folded = new Uint16Array(n + 1);
  const exact = new Uint16Array(n + 1);
  const offsets = new Int32Array(n + 1);
  let length = 0;
  const skip = options.skip ?? [];
  let skipIndex = 0;
  let i = 0;
  // The last significant character emitted (for deciding about white space).
  let previous = -1;
  const emit = (code: number, lowered: number, offset: number): void => {
    exact[length] = code;
    folded[length] = lowered;
    offsets[length] = offset;
    length++;
  };
  while (i < n) {
    const region = skip[skipIndex];
    if (region && i >= region.start) {
      if (i < region.end) {
        emit(0, 0, i);
        previous = -1;
        i = region.end;
      }
      skipIndex++;
      continue;
    }
    const code = text.charCodeAt(i);
    if (isWhitespace(code)) {
      const runStart = i;
      let lineBreaks = 0;
      while (i < n && isWhitespace(text.charCodeAt(i))) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) lineBreaks++;
        i++;
        const next = skip[skipIndex];
        if (next && i >= next.start) break;
      }
      if (options.paragraphBarrier && lineBreaks >= 2) {
        emit(0, 0, runStart);
        previous = -1;
        continue;
      }
      const nextCode = i < n ? foldWidth(text.charCodeAt(i)) : -1;
      const keepSpace = previous >= 0 && nextCode >= 0 && !isCjk(previous) && !isCjk(nextCode) && !isWhitespace(nextCode);
      if (keepSpace) emit(0x20, 0x20, runStart);
      continue;
    }
    if (code === 0) {
      emit(0, 0, i);
      previous = -1;
      i++;
      continue;
    }
    const width = foldWidth(code);
    emit(width, lowerAscii(width), i);
    previous = width;
    i++;
  }
  return { folded: codesToString(folded, length), exact: codesToString(exact, length), offsets: offsets.subarray(0, length), length: n };
}

/** UTF-16 code units to a string, in chunks (String.fromCharCode takes a bounded number of arguments). */
function codesToString(codes: Uint16Array, length: number): string {
  if (length <= 8192) return String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
  const parts: string[] = [];
  for (let start = 0; start < length; start += 8192) parts.push(String.fromCharCode.apply(null, codes.subarray(start, Math.min(length, start + 8192)) as unknown as number[]));
  return parts.join('');
}

const surfaceCache = new Map<string, { folded: string; exact: string }>();

/**
 * Normalise a surface form the same way as text, so that keys and text agree. Memoised: a dictionary
 * of 100,000 rules asks for the same few hundred thousand short strings several times while it is built.
 */
export function normaliseSurface(surface: string): { folded: string; exact: string } {
  let cached = surfaceCache.get(surface);
  if (!cached) {
    const built = buildMatchText(surface);
    cached = { folded: built.folded, exact: built.exact };
    if (surfaceCache.size > 500_000) surfaceCache.clear();
    surfaceCache.set(surface, cached);
  }
  return cached;
}

/** Original span of folded characters [from, to). */
export function originalSpan(matchText: MatchText, from: number, to: number): Span {
  const start = matchText.offsets[from] ?? matchText.length;
  const lastStart = matchText.offsets[to - 1] ?? start;
  // The last folded character is one UTF-16 unit wide (folding never merges units).
  return { start, end: lastStart + 1 };
}

export function isBoundaryViolation(folded: string, from: number, to: number): boolean {
  const first = folded.charCodeAt(from);
  const last = folded.charCodeAt(to - 1);
  if (isLatinWordChar(first) && from > 0 && isLatinWordChar(folded.charCodeAt(from - 1))) return true;
  if (isLatinWordChar(last) && to < folded.length && isLatinWordChar(folded.charCodeAt(to))) return true;
  return false;
}

export { isLineBreak };
