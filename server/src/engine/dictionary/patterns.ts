import { RE2JS } from 're2js';
import type { Bilingual, Span } from '../types';

/**
 * Regular-expression rules from users' prh.yml files. They run on RE2JS, a port of RE2: matching
 * takes time linear in the text whatever the pattern, so `(a+)+$` on a long line cannot hang the
 * server. The price: no look-around and no back-references (RE2 has neither); such a pattern is
 * reported as a problem in its file and skipped.
 */
export interface PatternRule {
  /** The pattern as written, e.g. /(a+)+$/i */
  readonly pattern: string;
  readonly regex: RE2JS;
  /** Replacement; $1…$9 refer to groups. */
  readonly expected: string;
  /** The concept the rule belongs to: an id, or resolved by the expected name when the dictionary is built. */
  readonly conceptId?: string;
  readonly conceptName?: string;
  readonly note: Bilingual;
  readonly source: string;
}

/** Compile "/body/flags" or a literal; throws with a readable message on unsupported syntax. */
export function compilePattern(pattern: string, caseInsensitive = false): RE2JS {
  const literal = /^\/([\s\S]*)\/([a-z]*)$/.exec(pattern);
  let flags = caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0;
  if (!literal) return RE2JS.compile(RE2JS.quote(pattern), flags);
  const [, body, letters] = literal;
  for (const letter of letters ?? '') {
    if (letter === 'i') flags |= RE2JS.CASE_INSENSITIVE;
    else if (letter === 'm') flags |= RE2JS.MULTILINE;
    else if (letter === 's') flags |= RE2JS.DOTALL;
    else if (letter !== 'g' && letter !== 'u') throw new Error(`unsupported flag "${letter}"`);
  }
  return RE2JS.compile(body ?? '', flags);
}

export interface PatternMatch {
  readonly span: Span;
  readonly text: string;
  readonly replacement: string;
  readonly rule: PatternRule;
}

/** Every match of every rule outside the skipped regions, with its expanded replacement. */
export function runPatterns(text: string, rules: readonly PatternRule[], skip: readonly Span[]): PatternMatch[] {
  const out: PatternMatch[] = [];
  const skipped = (start: number, end: number): boolean => skip.some((region) => start < region.end && end > region.start);
  for (const rule of rules) {
    const matcher = rule.regex.matcher(text);
    // find() resumes after the previous match; the bound only guards against pathological empty matches.
    for (let guard = 0; guard < 1_000_000 && matcher.find(); guard++) {
      const start = matcher.start();
      const end = matcher.end();
      if (end <= start || skipped(start, end)) continue;
      const replacement = rule.expected.replace(/\$(\d)/g, (_, group: string) => matcher.group(Number(group)) ?? '');
      const matched = text.slice(start, end);
      if (replacement === matched) continue;
      out.push({ span: { start, end }, text: matched, replacement, rule });
    }
  }
  return out.sort((a, b) => a.span.start - b.span.start);
}
