import type { Span } from '../types';

/**
 * The near-miss scans work line by line, and a line's result depends only on its text and on where recognised
 * terms and skipped regions lie in it. So results are kept per line (keyed by both): analysing the same document
 * again, or an edited version (one line changed), scans only the lines it has not seen. No near miss spans a
 * line break (a Chinese window is Han characters only; English words of a name are joined by a space or hyphen).
 * A line that a term or skipped region crosses is joined to the next one.
 */
export interface LineCache<T> {
  readonly results: Map<number, readonly T[]>;
}

const LIMIT = 200_000;

export function newLineCache<T>(): LineCache<T> {
  return { results: new Map() };
}

/** Spans of `spans` (sorted) meeting [from, to), relative to `from` and clipped to it. */
function relative(spans: readonly Span[], first: number, from: number, to: number): Span[] {
  const out: Span[] = [];
  for (let k = first; k < spans.length && spans[k]!.start < to; k++) {
    const span = spans[k]!;
    if (span.end > from) out.push({ start: Math.max(span.start, from) - from, end: Math.min(span.end, to) - from });
  }
  return out;
}

/**
 * The key of a line: two 32-bit hashes (FNV-1a and Java's) of its characters and of the spans of
 * terms and skipped regions in it, folded into one number (collisions are as likely as 2^-53). A key made of the
 * line itself would keep every old version of a document alive (V8's slices point into it) and cost a string.
 */
function lineKey(
  text: string,
  from: number,
  to: number,
  matches: readonly Span[],
  m: number,
  skip: readonly Span[],
  s: number,
): number {
  // FNV-1a and a Java-style hash (shift and add, no second multiplication): this runs over every character.
  let a = 0x811c9dc5;
  let b = to - from;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 16777619);
    b = ((b << 5) - b + code) | 0;
  }
  for (let pass = 1; pass <= 2; pass++) {
    const spans = pass === 1 ? matches : skip;
    for (let k = pass === 1 ? m : s; k < spans.length && spans[k]!.start < to; k++) {
      const span = spans[k]!;
      if (span.end <= from) continue;
      // Mark, start and end, mixed in as one value each.
      const value = (pass * 0x10000 + (span.start - from)) ^ Math.imul(span.end - from, 0x27d4eb2d);
      a = Math.imul(a ^ value, 16777619);
      b = ((b << 5) - b + value) | 0;
    }
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/**
 * Run `scan` over each line of `text` (with the matches and skipped regions inside it, relative), reusing the
 * cached result of a line seen before, and return the results shifted back to offsets in `text`.
 */
export function byLines<T extends { span: Span }>(
  text: string,
  matches: readonly Span[],
  skip: readonly Span[],
  cache: LineCache<T>,
  scan: (line: string, matches: readonly Span[], skip: readonly Span[]) => readonly T[],
  shift: (item: T, offset: number) => T,
): T[] {
  const out: T[] = [];
  let from = 0;
  let m = 0;
  let s = 0;
  if (cache.results.size > LIMIT) cache.results.clear();
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    to = to < 0 ? text.length : to + 1;
    while (m < matches.length && matches[m]!.end <= from) m++;
    while (s < skip.length && skip[s]!.end <= from) s++;
    // Join the next line while a term or skipped region crosses the end of this one.
    for (;;) {
      let end = to;
      for (let k = m; k < matches.length && matches[k]!.start < to; k++) end = Math.max(end, matches[k]!.end);
      for (let k = s; k < skip.length && skip[k]!.start < to; k++) end = Math.max(end, skip[k]!.end);
      if (end <= to || to >= text.length) break;
      const next = text.indexOf('\n', end - 1);
      to = next < 0 ? text.length : next + 1;
    }
    const key = lineKey(text, from, to, matches, m, skip, s);
    let results = cache.results.get(key);
    if (!results) {
      results = scan(text.slice(from, to), relative(matches, m, from, to), relative(skip, s, from, to));
      cache.results.set(key, results);
    }
    for (const item of results) out.push(from === 0 ? item : shift(item, from));
    from = to;
  }
  return out;
}
