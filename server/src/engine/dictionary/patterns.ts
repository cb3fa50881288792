import { RE2JS } from 're2js';
import type { Bilingual, Span } from '../types';

/**
 * Regular-expression rules from users' prh.yml files. They run on RE2JS, a port of RE2: matching
 * takes time linear in the text whatever the pattern, so `(a+)+$` on a long line cannot hang the
 * server. RE2 has no look-around and no back-references. A look-behind at the very start of a pattern
 * and a look-ahead at its very end (the common prh forms, `/サーバ(?!ー)/`) are checked here, outside
 * the regular expression, at the match's edges; any other look-around or a back-reference makes the
 * rule a problem in its file (skipped, with the reason), never a different rule.
 */
export interface PatternRule {
  /** The pattern as written, e.g. /(a+)+$/i */
  readonly pattern: string;
  readonly regex: RE2JS;
  /** Replacement; $1…$99 refer to groups (prh's rules: $0 and a missing group stay as written). */
  readonly expected: string;
  /** The concept the rule belongs to: an id, or resolved by the expected name when the dictionary is built. */
  readonly conceptId?: string;
  readonly conceptName?: string;
  readonly note: Bilingual;
  readonly source: string;
  /** prh's `regexpMustEmpty: $N`: a match whose group N is not empty is no match. */
  readonly mustEmpty?: number;
  /** A look-ahead that ended the pattern, checked at the match's end. */
  readonly lookahead?: EdgeCheck;
  /** A look-behind that began the pattern, checked before the match's start. */
  readonly lookbehind?: EdgeCheck;
  /** The fix is offered as a suggestion only, never applied by --fix or fix-all. */
  readonly suggestion?: boolean;
  /** Index of the prh rule in its file (imports' ignoreRules drop rules by it). */
  readonly prhRule?: number;
  /** What the regular expressions were compiled from (prhRegex.ts `compilePrh`): a cache stores this, not them. */
  readonly compiledFrom: { readonly source: string; readonly ignoreCase: boolean };
}

export interface EdgeCheck {
  readonly regex: RE2JS;
  readonly negative: boolean;
}

/** How far around a match the edge checks look (prh's look-arounds are a few characters). */
const EDGE_WINDOW = 256;
/** Longest rejected match after which the search starts again one character on (see runPatterns). */
const MAX_RETRY_SPAN = 64;

export interface PatternMatch {
  readonly span: Span;
  readonly text: string;
  readonly replacement: string;
  readonly rule: PatternRule;
}

function edgeHolds(check: EdgeCheck, text: string, at: number, ahead: boolean): boolean {
  const matcher = check.regex.matcher(
    ahead ? text.slice(at, at + EDGE_WINDOW) : text.slice(Math.max(0, at - EDGE_WINDOW), at),
  );
  const found = ahead ? matcher.lookingAt() : matcher.find();
  return check.negative ? !found : found;
}

/** prh's replacement: $1…$99 are groups; $0 and a group the pattern does not have stay as written. */
export function expandReplacement(
  expected: string,
  groupCount: number,
  group: (index: number) => string | null,
): string {
  return expected.replace(/\$([0-9]{1,2})/g, (whole, digits: string) => {
    const index = Number(digits);
    return index === 0 || index > groupCount ? whole : (group(index) ?? '');
  });
}

/** Every match of every rule outside the skipped regions, with its expanded replacement. */
export function runPatterns(text: string, rules: readonly PatternRule[], skip: readonly Span[]): PatternMatch[] {
  const out: PatternMatch[] = [];
  const skipped = (start: number, end: number): boolean =>
    skip.some((region) => start < region.end && end > region.start);
  const next = (index: number): number => index + (/[\ud800-\udbff]/.test(text[index] ?? '') ? 2 : 1);
  for (const rule of rules) {
    const matcher = rule.regex.matcher(text);
    let from = 0;
    // The bound only guards against pathological empty matches.
    for (let guard = 0; guard < 1_000_000 && from <= text.length && matcher.find(from); guard++) {
      const start = matcher.start();
      const end = matcher.end();
      if (end <= start) {
        from = next(end);
        continue;
      }
      // A failed look-around check moves the search one character on, as a backtracking engine would; past a
      // long match it moves to the match's end instead, so that no pattern can make the search quadratic.
      if (
        (rule.lookbehind && !edgeHolds(rule.lookbehind, text, start, false)) ||
        (rule.lookahead && !edgeHolds(rule.lookahead, text, end, true))
      ) {
        from = end - start <= MAX_RETRY_SPAN ? next(start) : end;
        continue;
      }
      from = end;
      if (rule.mustEmpty !== undefined && (matcher.group(rule.mustEmpty) ?? '') !== '') continue;
      if (skipped(start, end)) continue;
      const replacement = expandReplacement(rule.expected, matcher.groupCount(), (index) => matcher.group(index));
      const matched = text.slice(start, end);
      if (replacement === matched) continue;
      out.push({ span: { start, end }, text: matched, replacement, rule });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
