import type { Span } from '../types';
import { firstIndexWhere } from '../collections';

/**
 * The near-miss scans work unit by unit: a unit is a line, joined to the next ones while a recognised term or a
 * skipped region crosses its end. A unit's result depends only on its text and on where terms and skipped
 * regions lie in it (no near miss spans a line break: a Chinese window is Han characters only; English words of
 * a name are joined by a space or hyphen).
 *
 * The result of an earlier text (an earlier version of the document) is reused where the two texts agree: the
 * units before the first difference (of characters, or of terms and skipped regions) keep their results as they
 * are, the units after the last difference keep theirs shifted, and only the units in between are scanned. A
 * position x is a unit boundary when it follows a line break and no span crosses it; that depends only on the
 * text and the spans around x, so in the common prefix and suffix the two texts have the same boundaries. No
 * hash of every line and no cache kept across analyses: a one-shot analysis (the CLI) pays nothing for the
 * reuse. Within one analysis a unit that repeats an earlier one (same characters, same spans) takes its result.
 */
export interface LineResults<T> {
  readonly text: string;
  readonly matches: readonly Span[];
  readonly skip: readonly Span[];
  /** In unit order, at offsets in `text`: every item of a unit lies in it, so `span.start < x` is monotone. */
  readonly items: readonly T[];
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
 * Where two texts agree: every unit boundary x with `0 < x <= prefix` and `x < text.length` has the same units
 * before it in both; every boundary x with `x >= suffix` has the same units after it (shifted by `delta`).
 */
interface Agreement {
  readonly prefix: number;
  readonly suffix: number;
  readonly delta: number;
}

/** The index of the first span pair that differs in position (or the shorter length). */
function firstDifference(old: readonly Span[], now: readonly Span[]): number {
  const shorter = Math.min(old.length, now.length);
  let k = 0;
  while (k < shorter && old[k]!.start === now[k]!.start && old[k]!.end === now[k]!.end) k++;
  return k;
}

/** How many spans from the end agree, shifted by `delta`. */
function lastDifference(old: readonly Span[], now: readonly Span[], delta: number): number {
  const shorter = Math.min(old.length, now.length);
  let j = 0;
  while (
    j < shorter &&
    old[old.length - 1 - j]!.start + delta === now[now.length - 1 - j]!.start &&
    old[old.length - 1 - j]!.end + delta === now[now.length - 1 - j]!.end
  )
    j++;
  return j;
}

function minStart(spans: readonly Span[], from: number, shift: number, bound: number): number {
  let out = bound;
  for (let k = from; k < spans.length; k++) out = Math.min(out, spans[k]!.start + shift);
  return out;
}

function maxEnd(spans: readonly Span[], to: number, shift: number, bound: number): number {
  let out = bound;
  for (let k = 0; k < to; k++) out = Math.max(out, spans[k]!.end + shift);
  return out;
}

const BLOCK = 4096;

/** How `text` (with its spans) agrees with the earlier one: common characters, then the spans narrow it. */
export function agreement<T>(
  previous: LineResults<T>,
  text: string,
  matches: readonly Span[],
  skip: readonly Span[],
): Agreement & { readonly common: number } {
  const old = previous.text;
  const n = text.length;
  const limit = Math.min(n, old.length);
  // Blocks compared as strings first (a native comparison), then unit by unit.
  let p = 0;
  while (p + BLOCK <= limit && text.slice(p, p + BLOCK) === old.slice(p, p + BLOCK)) p += BLOCK;
  while (p < limit && text.charCodeAt(p) === old.charCodeAt(p)) p++;
  let s = 0;
  while (
    s + BLOCK <= limit - p &&
    text.slice(n - s - BLOCK, n - s) === old.slice(old.length - s - BLOCK, old.length - s)
  )
    s += BLOCK;
  while (s < limit - p && text.charCodeAt(n - 1 - s) === old.charCodeAt(old.length - 1 - s)) s++;
  const delta = n - old.length;
  // Before `prefix` every span is the same in both texts; after `suffix` every span is the same, shifted.
  let prefix = p;
  let suffix = n - s;
  for (const [before, now] of [
    [previous.matches, matches],
    [previous.skip, skip],
  ] as const) {
    const k = firstDifference(before, now);
    prefix = minStart(now, k, 0, minStart(before, k, 0, prefix));
    const j = lastDifference(before, now, delta);
    suffix = maxEnd(now, now.length - j, 0, maxEnd(before, before.length - j, delta, suffix));
  }
  return { prefix, suffix: Math.max(suffix, n - s + 1), delta, common: p + s };
}

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k]!.start !== b[k]!.start || a[k]!.end !== b[k]!.end) return false;
  return true;
}

/** The first index in `items` (unit order) whose span starts at or after `at`. */
function firstFrom<T extends { span: Span }>(items: readonly T[], at: number): number {
  return firstIndexWhere(items.length, (k) => items[k]!.span.start >= at);
}

/**
 * Run `scan` over each unit of `text` (with the matches and skipped regions inside it, relative) and return the
 * results at offsets in `text`, in unit order. Units that `previous` agrees on keep its results.
 */
export function byLines<T extends { span: Span }>(
  text: string,
  matches: readonly Span[],
  skip: readonly Span[],
  previous: LineResults<T> | undefined,
  scan: (line: string, matches: readonly Span[], skip: readonly Span[]) => readonly T[],
  shift: (item: T, offset: number) => T,
  /** Units shorter than this have no items and are not scanned (a blank line, for the near-miss scans). */
  shortest = 0,
): T[] {
  const agreed = previous && agreement(previous, text, matches, skip);
  const out: T[] = [];
  const seen = new Map<string, { matches: Span[]; skip: Span[]; results: readonly T[] }[]>();
  // The units before `reusedTo` are the earlier text's: its items there go first, once something else comes.
  let reusedTo = 0;
  const takeReused = (): void => {
    if (!previous || reusedTo === 0) return;
    for (let k = 0, end = firstFrom(previous.items, reusedTo); k < end; k++) out.push(previous.items[k]!);
    reusedTo = 0;
  };
  let from = 0;
  let m = 0;
  let s = 0;
  while (from < text.length) {
    if (previous && agreed && from > 0 && from >= agreed.suffix) {
      // The rest is the earlier text's, shifted.
      takeReused();
      for (let k = firstFrom(previous.items, from - agreed.delta); k < previous.items.length; k++)
        out.push(agreed.delta === 0 ? previous.items[k]! : shift(previous.items[k]!, agreed.delta));
      return out;
    }
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
    if (agreed && to <= agreed.prefix && to < text.length) {
      reusedTo = to;
    } else if (to - from >= shortest) {
      takeReused();
      const line = text.slice(from, to);
      const lineMatches = relative(matches, m, from, to);
      const lineSkip = relative(skip, s, from, to);
      // A unit repeated in this text (same characters, same spans in it) is scanned once.
      const same = seen.get(line);
      let results = same?.find(
        (unit) => sameSpans(unit.matches, lineMatches) && sameSpans(unit.skip, lineSkip),
      )?.results;
      if (!results) {
        results = scan(line, lineMatches, lineSkip);
        const unit = { matches: lineMatches, skip: lineSkip, results };
        if (same) same.push(unit);
        else seen.set(line, [unit]);
      }
      for (const item of results) out.push(from === 0 ? item : shift(item, from));
    }
    from = to;
  }
  takeReused();
  return out;
}
