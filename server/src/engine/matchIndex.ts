import type { TermMatch } from './types';
import { firstIndexWhere } from './collections';

/** The first index whose match ends at or after `offset` (matches are sorted and do not overlap). */
export function firstEndingAtOrAfter(matches: readonly TermMatch[], offset: number): number {
  return firstIndexWhere(matches.length, (index) => matches[index]!.span.end >= offset);
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
