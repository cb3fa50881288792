import type { Dictionary } from './dictionary/dictionary';
import type { DocumentKind } from './scope';
import { foldWidth, isLatinWordChar, isWhitespace, lowerAscii } from './text/characters';
import { buildMatchText } from './text/matchText';
import { simplifiedUnit } from './text/script';
import type { Span, TermMatch } from './types';
import { firstIndexWhere } from './collections';

/**
 * What one scan of a text leaves for the scan of its next version: an edit of one character in a 1 MB
 * document rescans the sentence it touched, not the megabyte.
 */
export interface ScanState {
  readonly text: string;
  readonly dictionary: Dictionary;
  readonly kind: DocumentKind;
  readonly skip: readonly Span[];
  /** The dictionary's matches (users' pattern matches are added after, over the whole text). */
  readonly matches: readonly TermMatch[];
}

/** How far from an edit to look for a resetting character before rescanning everything. */
const SEARCH_LIMIT = 10_000;

const CHUNK = 1024;

/**
 * The dictionary's matches in `text`: those of `previous` reused where the text and its skipped regions are
 * unchanged, a fresh scan between two *resetting characters* around the edit.
 *
 * A resetting character is one that folds to itself (not white space, not in a skipped region), is not a
 * Latin letter or digit, and occurs in no key: no match contains it, no match starts at it, and it leaves
 * the folding of the following characters in the same state whatever precedes it. So the folded text and
 * the leftmost-longest scan after it depend only on what follows; before it, only on what precedes. In
 * Chinese prose, 。 and ， are such characters; in Markdown, so is the barrier of every blank line.
 * `test/engine/incremental.test.ts` checks the result equals a full scan over random edits.
 */
export function scanDictionary(
  text: string,
  dictionary: Dictionary,
  kind: DocumentKind,
  skip: readonly Span[],
  previous?: ScanState,
): TermMatch[] {
  const paragraphBarrier = kind !== 'plaintext';
  const reusable = previous && previous.dictionary === dictionary && previous.kind === kind;
  if (!reusable) return fullScan(text, dictionary, skip, paragraphBarrier);
  const old = previous.text;
  if (old === text) return [...previous.matches];
  const { prefix, suffix } = changedRange(old, text);
  const delta = text.length - old.length;
  const matcher = dictionary.matcher;
  const resets = (at: number): boolean => {
    const code = text.charCodeAt(at);
    if (isWhitespace(code)) return false;
    const unit = simplifiedUnit(lowerAscii(foldWidth(code)));
    return (
      !isLatinWordChar(unit) &&
      matcher.inNoKey(unit) &&
      !inRegion(skip, at) &&
      !inRegion(previous.skip, at < prefix ? at : at - delta)
    );
  };
  // text[start - 1] and text[end] reset (or start is 0, end the end of the text).
  let start = prefix;
  while (start > 0 && prefix - start < SEARCH_LIMIT && !resets(start - 1)) start--;
  if (prefix - start >= SEARCH_LIMIT) start = 0;
  let end = text.length - suffix;
  while (end < text.length && end - (text.length - suffix) < SEARCH_LIMIT && !resets(end)) end++;
  if (end - (text.length - suffix) >= SEARCH_LIMIT) end = text.length;
  const inside = skipInside(previous.skip, skip, start, end, delta);
  if (!inside) return fullScan(text, dictionary, skip, paragraphBarrier);
  const window = buildMatchText(text, {
    skip: skip.slice(inside.from, inside.to),
    paragraphBarrier,
    from: start,
    to: end,
  });
  return spliceMatches(previous.matches, matcher.scanMatchText(text, window), start, end, delta);
}

/** The edit from `old` to `text`: old[prefix, old.length - suffix) became text[prefix, text.length - suffix). */
function changedRange(old: string, text: string): { prefix: number; suffix: number } {
  const shortest = Math.min(old.length, text.length);
  // Compared a chunk at a time first (string equality of two slices is a native comparison of memory).
  let prefix = 0;
  while (prefix + CHUNK <= shortest && old.slice(prefix, prefix + CHUNK) === text.slice(prefix, prefix + CHUNK))
    prefix += CHUNK;
  while (prefix < shortest && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix + CHUNK <= shortest - prefix &&
    old.slice(old.length - suffix - CHUNK, old.length - suffix) ===
      text.slice(text.length - suffix - CHUNK, text.length - suffix)
  )
    suffix += CHUNK;
  while (
    suffix < shortest - prefix &&
    old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)
  )
    suffix++;
  return { prefix, suffix };
}

/**
 * The indexes [from, to) of the skipped regions inside the window [start, end), or undefined when a rescan
 * of the window is not enough: the regions outside it must be the same (shifted by `delta` after it), and
 * none may cross its ends.
 */
function skipInside(
  oldSkip: readonly Span[],
  skip: readonly Span[],
  start: number,
  end: number,
  delta: number,
): { from: number; to: number } | undefined {
  const newBefore = firstIndex(skip, (region) => region.end > start);
  const oldBefore = firstIndex(oldSkip, (region) => region.end > start);
  const newAfter = firstIndex(skip, (region) => region.start >= end);
  const oldAfter = firstIndex(oldSkip, (region) => region.start >= end - delta);
  const sameOutside =
    newBefore === oldBefore &&
    sameSpans(oldSkip, 0, oldBefore, skip, 0, 0) &&
    skip.length - newAfter === oldSkip.length - oldAfter &&
    sameSpans(oldSkip, oldAfter, oldSkip.length, skip, newAfter, delta);
  const crossing =
    (newBefore < skip.length && skip[newBefore]!.start < start) || (newAfter > 0 && skip[newAfter - 1]!.end > end);
  return sameOutside && !crossing ? { from: newBefore, to: newAfter } : undefined;
}

/** The old matches before the window, the window's fresh ones, then the old ones after it shifted by `delta`. */
function spliceMatches(
  before: readonly TermMatch[],
  scanned: Iterable<TermMatch>,
  start: number,
  end: number,
  delta: number,
): TermMatch[] {
  const matches: TermMatch[] = [];
  let index = 0;
  for (; index < before.length && before[index]!.span.start < start; index++) matches.push(before[index]!);
  for (const match of scanned) matches.push(match);
  while (index < before.length && before[index]!.span.start < end - delta) index++;
  for (; index < before.length; index++) {
    const match = before[index]!;
    matches.push(
      delta === 0
        ? match
        : {
            span: { start: match.span.start + delta, end: match.span.end + delta },
            text: match.text,
            surface: match.surface,
            conceptId: match.conceptId,
          },
    );
  }
  return matches;
}

function fullScan(text: string, dictionary: Dictionary, skip: readonly Span[], paragraphBarrier: boolean): TermMatch[] {
  return dictionary.matcher.scanMatchText(text, buildMatchText(text, { skip, paragraphBarrier }));
}

/** Whether a sorted, disjoint list of regions holds `offset`. */
function inRegion(regions: readonly Span[], offset: number): boolean {
  const index = firstIndex(regions, (region) => region.end > offset);
  return index < regions.length && regions[index]!.start <= offset;
}

/** The first index of a sorted list at which `from` holds (it holds from there to the end), by binary search. */
function firstIndex(regions: readonly Span[], from: (region: Span) => boolean): number {
  return firstIndexWhere(regions.length, (index) => from(regions[index]!));
}

/** a[from, to) equals b[bFrom, …) shifted by `delta`. */
function sameSpans(
  a: readonly Span[],
  from: number,
  to: number,
  b: readonly Span[],
  bFrom: number,
  delta: number,
): boolean {
  if (b.length - bFrom < to - from) return false;
  for (let k = 0; k < to - from; k++) {
    const x = a[from + k]!;
    const y = b[bFrom + k]!;
    if (x.start + delta !== y.start || x.end + delta !== y.end) return false;
  }
  return true;
}
