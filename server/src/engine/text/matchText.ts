import type { Span } from '../types';
import { foldWidth, isCjk, isLatinWordChar, isLineBreak, isWhitespace, lowerAscii } from './characters';
import { simplifiedUnit } from './script';

/**
 * The text as the matcher sees it. Terms are matched on the raw text, never after word segmentation,
 * but a few differences that do not change a term are folded away first:
 * - full-width ASCII becomes ASCII, ASCII letters are lower-cased (`exactUnits` gives the case back);
 * - a traditional Chinese character becomes its simplified form (OpenCC's table, text/script.ts): 來那度胺
 *   is 来那度胺 to the matcher, and spans still point at the traditional text;
 * - white space next to a CJK character disappears (盘古之白 "B 细胞", a soft line break inside
 *   多发性骨髓\n瘤), white space between two Latin characters becomes one space;
 * - a paragraph break (a blank line) becomes a barrier no term crosses, when `paragraphBarrier` is
 *   set (Markdown, LaTeX); plain text often comes from PDFs with blank lines inside sentences;
 * - skipped regions (code, URLs, math) become a barrier.
 * `offsets[i]` is the original UTF-16 offset of folded character i, so every span maps back exactly.
 */
export interface MatchText {
  /** Folded UTF-16 units (typed, never turned into a string: the matcher reads them directly). */
  readonly folded: Uint16Array;
  readonly offsets: Int32Array;
  /** The text it was folded from (the exact, case-keeping units are read from it on demand: `exactUnits`). */
  readonly text: string;
  /** Original length, for spans that end at the end of the text. */
  readonly length: number;
}

/** A character that no surface contains: matches never cross it. */
export const BARRIER = '\u0000';

export interface MatchTextOptions {
  readonly skip?: readonly Span[];
  readonly paragraphBarrier?: boolean;
  /**
   * Fold only `text[from, to)` (offsets stay those of the whole text). The caller guarantees that the
   * folded text of the whole would be the same there: `from` follows, and `to` is, a character that is
   * emitted as itself (not white space, not in a skipped region), and `skip` holds only regions inside the
   * range (engine/incremental.ts).
   */
  readonly from?: number;
  readonly to?: number;
}

export function buildMatchText(text: string, options: MatchTextOptions = {}): MatchText {
  // Typed buffers, read by the matcher as they are: this runs over every character of every document
  // on every analysis, so it makes no string and no closure per character.
  const whole = text.length;
  const n = options.to ?? whole;
  let i = options.from ?? 0;
  const folded = new Uint16Array(n - i + 1);
  const offsets = new Int32Array(n - i + 1);
  let length = 0;
  const skip = options.skip ?? [];
  const paragraphBarrier = options.paragraphBarrier === true;
  let skipIndex = 0;
  let nextSkip = skip.length > 0 ? skip[0]!.start : n + 1;
  // The last significant character emitted (for deciding about white space): for a range, the character
  // before it, as the loop below leaves it (a NUL is a barrier: none).
  const before = i > 0 ? text.charCodeAt(i - 1) : 0;
  let previous = before === 0 ? -1 : foldWidth(before);
  while (i < n) {
    if (i >= nextSkip) {
      const region = skip[skipIndex]!;
      if (i < region.end) {
        folded[length] = 0;
        offsets[length++] = i;
        previous = -1;
        i = region.end;
      }
      skipIndex++;
      nextSkip = skipIndex < skip.length ? skip[skipIndex]!.start : n + 1;
      continue;
    }
    const code = text.charCodeAt(i);
    // Han ideographs, most of a Chinese text, fold to themselves or, traditional ones, to their simplified
    // form: no other test applies to them.
    if (code >= 0x3400 && code <= 0x9fff) {
      folded[length] = simplifiedUnit(code);
      offsets[length++] = i;
      previous = code;
      i++;
      continue;
    }
    if (isWhitespace(code)) {
      const runStart = i;
      i = whitespaceRunEnd(text, i, n, nextSkip);
      if (paragraphBarrier && isParagraphBreak(text, runStart, i)) {
        folded[length] = 0;
        offsets[length++] = runStart;
        previous = -1;
        continue;
      }
      if (keepsSpace(previous, i < whole ? foldWidth(text.charCodeAt(i)) : -1)) {
        folded[length] = 0x20;
        offsets[length++] = runStart;
      }
      continue;
    }
    if (code === 0) {
      folded[length] = 0;
      offsets[length++] = i;
      previous = -1;
      i++;
      continue;
    }
    const width = foldWidth(code);
    folded[length] = lowerAscii(width);
    offsets[length++] = i;
    previous = width;
    i++;
  }
  return { folded: folded.subarray(0, length), offsets: offsets.subarray(0, length), text, length: whole };
}

/** The end of the run of white space at `i` (it stops at `to` and at the next skipped region). */
function whitespaceRunEnd(text: string, i: number, to: number, nextSkip: number): number {
  while (i < to && isWhitespace(text.charCodeAt(i))) {
    i++;
    if (i >= nextSkip) break;
  }
  return i;
}

/** Two or more line breaks (LF, CRLF or a lone CR) in the white space `text[from, to)`: a blank line. */
function isParagraphBreak(text: string, from: number, to: number): boolean {
  let lineBreaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) lineBreaks++;
  }
  return lineBreaks >= 2;
}

/** White space between two characters folds to one space between Latin ones and to nothing next to CJK or a barrier (-1). */
function keepsSpace(previous: number, next: number): boolean {
  return previous >= 0 && next >= 0 && !isCjk(previous) && !isCjk(next) && !isWhitespace(next);
}

/** UTF-16 code units to a string, in chunks (String.fromCharCode takes a bounded number of arguments). */
function codesToString(codes: Uint16Array, length: number): string {
  if (length <= 8192) return String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
  const parts: string[] = [];
  for (let start = 0; start < length; start += 8192)
    parts.push(
      String.fromCharCode.apply(null, codes.subarray(start, Math.min(length, start + 8192)) as unknown as number[]),
    );
  return parts.join('');
}

const surfaceCache = new Map<string, { folded: string; exact: string }>();

/**
 * Normalise a surface form the same way as text, so that keys and text agree. Memoised: a dictionary
 * of 100,000 rules asks for the same few hundred thousand short strings several times while it is built.
 */
export function normaliseSurface(surface: string): { folded: string; exact: string } {
  // Most surfaces (Chinese names, lower-case words) are already in folded form: no buffers, no copy.
  if (isFolded(surface)) return { folded: surface, exact: surface };
  let cached = surfaceCache.get(surface);
  if (!cached) {
    const built = buildMatchText(surface);
    const exact = exactUnits(built, 0, built.folded.length, new Uint16Array(built.folded.length));
    cached = { folded: codesToString(built.folded, built.folded.length), exact: codesToString(exact, exact.length) };
    if (surfaceCache.size > 500_000) surfaceCache.clear();
    surfaceCache.set(surface, cached);
  }
  return cached;
}

/** True when folding would change nothing: no white space, NUL, full-width ASCII, upper-case ASCII or traditional character. */
function isFolded(surface: string): boolean {
  for (let i = 0; i < surface.length; i++) {
    const code = surface.charCodeAt(i);
    if (
      code === 0 ||
      isWhitespace(code) ||
      foldWidth(code) !== code ||
      lowerAscii(code) !== code ||
      simplifiedUnit(code) !== code
    )
      return false;
  }
  return surface.length > 0;
}

/**
 * The folded characters [from, to) with their case and width as written (full-width letters still folded to
 * ASCII), into `out`: what case-sensitive surfaces are compared with. A space or barrier the folding made
 * is itself; any other folded character is its original one, width-folded (and in simplified script).
 */
export function exactUnits(matchText: MatchText, from: number, to: number, out: Uint16Array): Uint16Array {
  const { folded, offsets, text } = matchText;
  for (let k = from; k < to; k++) {
    const unit = folded[k]!;
    out[k - from] = unit === 0x20 || unit === 0 ? unit : simplifiedUnit(foldWidth(text.charCodeAt(offsets[k]!)));
  }
  return out.subarray(0, to - from);
}

/** Original span of folded characters [from, to). */
export function originalSpan(matchText: MatchText, from: number, to: number): Span {
  const start = matchText.offsets[from] ?? matchText.length;
  const lastStart = matchText.offsets[to - 1] ?? start;
  // The last folded character is one UTF-16 unit wide (folding never merges units).
  return { start, end: lastStart + 1 };
}

export function isBoundaryViolation(folded: Uint16Array, from: number, to: number): boolean {
  const first = folded[from]!;
  const last = folded[to - 1]!;
  if (isLatinWordChar(first) && from > 0 && isLatinWordChar(folded[from - 1]!)) return true;
  if (isLatinWordChar(last) && to < folded.length && isLatinWordChar(folded[to]!)) return true;
  return false;
}

export { isLineBreak };
