import type { Dictionary } from '../dictionary/dictionary';
import type { Span, TermMatch } from '../types';
import { scanChineseLine, type ChineseLineItem, type ChineseNearMiss, type UnknownDrugWord } from './chinese';
import { byLines, newLineCache, type LineCache } from './chunks';
import { scanEnglishLine, type EnglishNearMiss } from './english';

export interface NearMissScan {
  readonly chinese: readonly ChineseNearMiss[];
  readonly unknown: readonly UnknownDrugWord[];
  readonly english: readonly EnglishNearMiss[];
}

type Item = ChineseLineItem | ({ readonly kind: 'english' } & EnglishNearMiss);

const lineCaches = new WeakMap<Dictionary, LineCache<Item>>();
const byMatches = new WeakMap<readonly TermMatch[], NearMissScan>();

/** The last whole-text result per dictionary: analysing the same text again (same terms, same regions) costs a comparison. */
const last = new WeakMap<
  Dictionary,
  { text: string; spans: readonly Span[]; skip: readonly Span[]; scan: NearMissScan }
>();

function sameSpans(a: readonly Span[], b: readonly Span[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k]!.start !== b[k]!.start || a[k]!.end !== b[k]!.end) return false;
  return true;
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
  const previous = last.get(dictionary);
  if (previous && previous.text === text && sameSpans(previous.spans, spans) && sameSpans(previous.skip, skip)) {
    byMatches.set(matches, previous.scan);
    return previous.scan;
  }
  let cache = lineCaches.get(dictionary);
  if (!cache) {
    cache = newLineCache<Item>();
    lineCaches.set(dictionary, cache);
  }
  const items = byLines<Item>(
    text,
    spans,
    skip,
    cache,
    (line, lineMatches, lineSkip) => [
      ...scanChineseLine(line, lineMatches, lineSkip, dictionary),
      ...scanEnglishLine(line, lineMatches, lineSkip, dictionary).map((miss) => ({
        kind: 'english' as const,
        ...miss,
      })),
    ],
    (item, offset) => ({ ...item, span: { start: item.span.start + offset, end: item.span.end + offset } }),
  );
  const scan = { chinese: [] as ChineseNearMiss[], unknown: [] as UnknownDrugWord[], english: [] as EnglishNearMiss[] };
  for (const item of items) {
    if (item.kind === 'miss') scan.chinese.push(item);
    else if (item.kind === 'unknown') scan.unknown.push(item);
    else scan.english.push(item);
  }
  byMatches.set(matches, scan);
  last.set(dictionary, { text, spans, skip, scan });
  return scan;
}
