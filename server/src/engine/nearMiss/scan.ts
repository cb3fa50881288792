import type { Dictionary } from '../dictionary/dictionary';
import type { Span, TermMatch } from '../types';
import { scanChineseLine, type ChineseLineItem, type ChineseNearMiss, type UnknownDrugWord } from './chinese';
import { agreement, byLines, type LineResults } from './chunks';
import { scanEnglishLine, type EnglishNearMiss } from './english';

export interface NearMissScan {
  readonly chinese: readonly ChineseNearMiss[];
  readonly unknown: readonly UnknownDrugWord[];
  readonly english: readonly EnglishNearMiss[];
}

type Item = ChineseLineItem | ({ readonly kind: 'english' } & EnglishNearMiss);

const byMatches = new WeakMap<readonly TermMatch[], NearMissScan>();

/**
 * The last few whole-text results per dictionary (the open documents' latest versions, most recent first): the
 * next analysis reuses the one that shares the most with its text (nearMiss/chunks.ts), and the same text again
 * (same terms, same regions) costs a comparison.
 */
interface Recent extends LineResults<Item> {
  readonly scan: NearMissScan;
}
const RECENT = 3;
/** The shortest line worth scanning: no finding of either rule is shorter. */
const SHORTEST = 3;
const recent = new WeakMap<Dictionary, Recent[]>();

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k]!.start !== b[k]!.start || a[k]!.end !== b[k]!.end) return false;
  return true;
}

/** The recent result that shares the most with `text` (undefined when none shares a character at either end). */
function closest(
  list: readonly Recent[],
  text: string,
  spans: readonly Span[],
  skip: readonly Span[],
): Recent | undefined {
  let best: Recent | undefined;
  let most = 0;
  for (const entry of list) {
    const common = agreement(entry, text, spans, skip).common;
    if (common > most) {
      most = common;
      best = entry;
    }
  }
  return best;
}

/**
 * Both near-miss scans (Chinese and English) and the unknown drug-like words, in one pass over the lines of the
 * text (nearMiss/chunks.ts), memoised per analysis (the matches array: the two rules ask once) and for the text
 * last seen.
 */
export function scanNearMisses(
  text: string,
  matches: readonly TermMatch[],
  skip: readonly Span[],
  dictionary: Dictionary,
): NearMissScan {
  const memo = byMatches.get(matches);
  if (memo) return memo;
  const spans = matches.map((match) => match.span);
  const list = recent.get(dictionary) ?? [];
  const same = list.find(
    (entry) => entry.text === text && sameSpans(entry.matches, spans) && sameSpans(entry.skip, skip),
  );
  if (same) {
    byMatches.set(matches, same.scan);
    return same.scan;
  }
  const items = byLines<Item>(
    text,
    spans,
    skip,
    closest(list, text, spans, skip),
    (line, lineMatches, lineSkip) => {
      const chinese: Item[] = scanChineseLine(line, lineMatches, lineSkip, dictionary);
      const english = scanEnglishLine(line, lineMatches, lineSkip, dictionary);
      for (const miss of english)
        chinese.push({ kind: 'english', span: miss.span, text: miss.text, candidates: miss.candidates });
      return chinese;
    },
    (item, offset) => ({ ...item, span: { start: item.span.start + offset, end: item.span.end + offset } }),
    // Every near miss and drug-like word has three characters at least (blank lines are most short lines).
    SHORTEST,
  );
  const scan = { chinese: [] as ChineseNearMiss[], unknown: [] as UnknownDrugWord[], english: [] as EnglishNearMiss[] };
  for (const item of items) {
    if (item.kind === 'miss') scan.chinese.push(item);
    else if (item.kind === 'unknown') scan.unknown.push(item);
    else scan.english.push(item);
  }
  byMatches.set(matches, scan);
  recent.set(dictionary, [{ text, matches: spans, skip, items, scan }, ...list].slice(0, RECENT));
  return scan;
}
