import type { TermMatch } from './types';

/** The first index whose match ends at or after `offset` (matches are sorted and do not overlap). */
export function firstEndingAtOrAfter(matches: readonly TermMatch[], offset: number): number {
  let low = 0;
  let high = matches.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (matches[middle]!.span.end < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Matches overlapping [start, end), in order, found by binary search: rules look near a match, not at all matches. */
export function matchesWithin(matches: readonly TermMatch[], start: number, end: number): TermMatch[] {
  const out: TermMatch[] = [];
  for (
    let index = firstEndingAtOrAfter(matches, start);
    index < matches.length && matches[index]!.span.start <= end;
    index++
  )
    out.push(matches[index]!);
  return out;
}
