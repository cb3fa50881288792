import type { Span } from './types';

/**
 * Small helpers every part of the engine shares, kept in one place (design review §2.7): the binary search,
 * the multimap push and the order of spans.
 */

/**
 * The first index in [0, count) at which `holds` is true, for a predicate that is false up to some index and
 * true from there on (binary search); `count` when it never holds.
 */
export function firstIndexWhere(count: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Appends `value` to the list under `key`, creating the list on first use. */
export function multimapPush<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Document order of things with a span: by start, then by end. */
export function compareSpans(a: { readonly span: Span }, b: { readonly span: Span }): number {
  return a.span.start - b.span.start || a.span.end - b.span.end;
}
