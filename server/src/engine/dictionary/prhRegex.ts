import { RE2JS } from 're2js';
import type { EdgeCheck } from './patterns';

/**
 * prh's patterns as prh builds them (prh/lib/rule.js, utils/regexp.js), compiled for RE2:
 * - a rule without a pattern matches `expected` with every ASCII letter in either case and its full-width
 *   form (ＪＱＵＥＲＹ and jquery → jQuery), every digit also full-width;
 * - a literal pattern is matched as written (letter case kept);
 * - `options.wordBoundary` puts \b before and after each pattern;
 * - a list of patterns is one alternation `(?:a|b)`, so that `$1` counts groups across the list as in prh;
 * - every pattern is multi-line (prh adds the m flag: ^ and $ are line edges).
 */

const HALF = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const FULL =
  'ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ０１２３４５６７８９';

/**
 * prh's escapeSpecialChars: these characters and no others (a backslash stays, so `\d` in a literal pattern
 * is still a digit class in prh; ¥, which prh also lists, is left as it is: RE2 refuses `\¥`).
 */
function quote(text: string): string {
  return text.replace(/[*+.?{}()[\]^$|/-]/g, '\\$&');
}

/** prh's spreadAlphaNum: "jQuery" → [Jjｊ…][Qq…]… */
export function spreadAlphaNum(expected: string): string {
  let out = '';
  for (const char of expected) {
    const upper = HALF.indexOf(char.toUpperCase());
    const lower = HALF.indexOf(char.toLowerCase());
    // prh puts other characters into the pattern as they are (so "Node.js" also matches "Node-js").
    if (upper < 0 && lower < 0) out += char;
    else if (upper === lower) out += `[${char}${FULL[upper]}]`;
    // charAt: '' where one case is no ASCII letter (ſ → S, ı → I), as prh (FULL[-1] would put "undefined" in the class).
    else out += `[${char.toUpperCase()}${char.toLowerCase()}${FULL.charAt(upper)}${FULL.charAt(lower)}]`;
  }
  return out;
}

export interface PrhSource {
  readonly source: string;
  readonly ignoreCase: boolean;
}

/** "/body/flags" → body and flags, as prh reads them (only g, i, m, y; u is accepted too). */
export function regexLiteral(pattern: string): { body: string; flags: string } | undefined {
  const match = /^\/(.*)\/([gimuy]*)$/s.exec(pattern);
  return match ? { body: match[1]!, flags: match[2]! } : undefined;
}

/** The source prh would build for one rule; throws (with prh's reason) where prh refuses the rule. */
export function prhSource(expected: string, written: readonly string[] | undefined, wordBoundary: boolean): PrhSource {
  const bound = (source: string): string => (wordBoundary ? `\\b${source}\\b` : source);
  if (!written) return { source: bound(spreadAlphaNum(expected)), ignoreCase: false };
  const parts = written.map((pattern) => {
    const literal = regexLiteral(pattern);
    return literal
      ? { source: bound(literal.body), ignoreCase: literal.flags.includes('i') }
      : { source: bound(quote(pattern)), ignoreCase: false };
  });
  if (parts.length === 1) return parts[0]!;
  if (new Set(parts.map((part) => part.ignoreCase)).size > 1)
    throw new Error('the patterns of this rule have different flags (prh refuses to combine /…/ and /…/i)');
  return { source: `(?:${parts.map((part) => part.source).join('|')})`, ignoreCase: parts[0]!.ignoreCase };
}

interface Group {
  readonly open: number;
  readonly close: number;
  readonly kind: 'capture' | 'group' | 'ahead' | 'not-ahead' | 'behind' | 'not-behind';
}

/** The groups of a pattern (positions of "(" and ")"), with escapes and character classes skipped. */
function groupsOf(source: string): { groups: Group[]; topLevelBar: boolean } {
  const groups: Group[] = [];
  const stack: { open: number; kind: Group['kind'] }[] = [];
  let topLevelBar = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
    } else if (char === '[') {
      i++;
      if (source[i] === '^') i++;
      if (source[i] === ']') i++;
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
    } else if (char === '(') {
      const head = source.slice(i, i + 4);
      const kind: Group['kind'] = head.startsWith('(?<!')
        ? 'not-behind'
        : head.startsWith('(?<=')
          ? 'behind'
          : head.startsWith('(?!')
            ? 'not-ahead'
            : head.startsWith('(?=')
              ? 'ahead'
              : head.startsWith('(?') && !head.startsWith('(?<') && !head.startsWith('(?P<')
                ? 'group'
                : 'capture';
      stack.push({ open: i, kind });
    } else if (char === ')') {
      const top = stack.pop();
      if (top) groups.push({ open: top.open, close: i, kind: top.kind });
    } else if (char === '|' && stack.length === 0) {
      topLevelBar = true;
    }
  }
  return { groups, topLevelBar };
}

function isLookaround(kind: Group['kind']): boolean {
  return kind !== 'capture' && kind !== 'group';
}

export interface SplitPattern {
  readonly body: string;
  readonly lookahead?: { source: string; negative: boolean };
  readonly lookbehind?: { source: string; negative: boolean };
}

/**
 * Take a look-behind off the start of a pattern and a look-ahead off its end. Throws, naming the
 * construct, when a look-around is anywhere else or where taking it off would change the pattern.
 */
export function splitLookarounds(source: string): SplitPattern {
  const { groups } = groupsOf(source);
  if (!groups.some((group) => isLookaround(group.kind))) return { body: source };
  let body = source;
  let lookahead: SplitPattern['lookahead'];
  let lookbehind: SplitPattern['lookbehind'];
  const last = groups.find((group) => group.close === source.length - 1 && group.open > 0);
  if (last && (last.kind === 'ahead' || last.kind === 'not-ahead')) {
    lookahead = { source: source.slice(last.open + 3, last.close), negative: last.kind === 'not-ahead' };
    body = source.slice(0, last.open);
  }
  const first = groups.find((group) => group.open === 0 && group.close < body.length - 1);
  if (first && (first.kind === 'behind' || first.kind === 'not-behind')) {
    const inner = source.slice(4, first.close);
    if (groupsOf(inner).groups.some((group) => group.kind === 'capture'))
      throw new Error(
        'a look-behind with a capturing group is not supported (the groups after it would be renumbered)',
      );
    lookbehind = { source: inner, negative: first.kind === 'not-behind' };
    body = body.slice(first.close + 1);
  }
  const rest = groupsOf(body);
  const inside = rest.groups.find((group) => isLookaround(group.kind));
  if (inside) {
    const behind = inside.kind === 'behind' || inside.kind === 'not-behind';
    throw new Error(
      `${behind ? 'a look-behind' : 'a look-ahead'} ${body.slice(inside.open, inside.close + 1)} is supported only at the ${behind ? 'start' : 'end'} of a pattern (MedTerm matches in linear time)`,
    );
  }
  if ((lookahead || lookbehind) && rest.topLevelBar)
    throw new Error(
      'a look-around next to a top-level alternation "|" is not supported (it would apply to one alternative only)',
    );
  if (lookahead && groupsOf(lookahead.source).groups.some((group) => isLookaround(group.kind)))
    throw new Error('a look-around inside a look-around is not supported');
  if (lookbehind && groupsOf(lookbehind.source).groups.some((group) => isLookaround(group.kind)))
    throw new Error('a look-around inside a look-around is not supported');
  return { body, lookahead, lookbehind };
}

/** RE2's message for a pattern it refuses, with the real cause where RE2's words would mislead. */
export function explainRegexError(source: string, error: Error): string {
  const message = error.message.replace(/^error parsing regexp: /, '');
  if (/invalid escape sequence: `\\[1-9]/.test(message))
    return `back-references such as ${/\\[1-9]/.exec(source)?.[0] ?? '\\1'} are not supported (MedTerm matches in linear time)`;
  if (/invalid named capture/.test(message) && /\(\?<[!=]/.test(source))
    return 'look-behind is supported only at the start of a pattern (MedTerm matches in linear time)';
  return message;
}

export interface CompiledPrhPattern {
  readonly regex: RE2JS;
  readonly lookahead?: EdgeCheck;
  readonly lookbehind?: EdgeCheck;
}

/** Compile a prh source for RE2 (always multi-line, as prh); throws with a readable cause. */
export function compilePrh(source: PrhSource): CompiledPrhPattern {
  const split = splitLookarounds(source.source);
  const flags = RE2JS.MULTILINE | (source.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  const compile = (body: string): RE2JS => {
    try {
      return RE2JS.compile(body, flags);
    } catch (error) {
      throw new Error(explainRegexError(body, error as Error));
    }
  };
  return {
    regex: compile(split.body),
    lookahead: split.lookahead
      ? { regex: compile(split.lookahead.source), negative: split.lookahead.negative }
      : undefined,
    lookbehind: split.lookbehind
      ? { regex: compile(`(?:${split.lookbehind.source})\\z`), negative: split.lookbehind.negative }
      : undefined,
  };
}
