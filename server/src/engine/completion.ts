import Fuse from 'fuse.js';
import type { Dictionary } from './dictionary/dictionary';
import { CATEGORY } from './labels';
import { formatMessage, pick } from './messages';
import { pinyinKeys } from './pinyin';
import type { Category, Concept, Locale, Span } from './types';

export type RegimenInsert = 'abbreviation' | 'components' | 'both';

export interface CompletionOptions {
  readonly locale: Locale;
  readonly regimenInsert?: RegimenInsert;
  readonly limit?: number;
}

export interface CompletionCandidate {
  readonly conceptId: string;
  readonly category: Category;
  readonly label: string;
  readonly detail: string;
  readonly insertText: string;
  /** Set to the typed fragment: the server ranks, the editor must not filter items away. */
  readonly filterText: string;
  readonly sortText: string;
  /** How the fragment matched: Chinese prefix, pinyin, initials, Latin name or fuzzy. */
  readonly matchedBy: 'zh' | 'pinyin' | 'initials' | 'latin' | 'fuzzy';
  /** The non-standard form typed, if the fragment matched one (never inserted). */
  readonly typedVariant?: string;
}

export interface CompletionResult {
  /** The typed fragment that the chosen item replaces (UTF-16 offsets). */
  readonly range: Span;
  readonly items: readonly CompletionCandidate[];
}

const COMPLETABLE = new Set<Category>(['drug', 'drug-class', 'target', 'regimen', 'product', 'therapy']);

interface Key {
  readonly conceptId: string;
  readonly text: string;
  readonly kind: 'zh' | 'pinyin' | 'initials' | 'latin';
  /** The non-standard form this key came from, if any. */
  readonly variant?: string;
  /** Lower is better: standard names before synonyms before brands and codes. */
  readonly weight: number;
}

interface CompletionIndex {
  /** Chinese keys by each of their prefixes (up to MAX_PREFIX characters). */
  readonly zhByPrefix: ReadonlyMap<string, readonly Key[]>;
  /** Chinese keys by each character they contain: fuzzy candidates must share characters with the fragment. */
  readonly zhByChar: ReadonlyMap<string, readonly Key[]>;
  readonly latinKeys: readonly Key[];
  /** Fuzzy search over Latin keys, one index per first letter (a typo rarely hits the first letter), built on demand. */
  readonly latinFuzzy: Map<string, Fuse<Key>>;
}

const MAX_PREFIX = 12;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const FUZZY = { keys: ['text'], includeScore: true, threshold: 0.34, ignoreLocation: true, minMatchCharLength: 2 };

function latinFuzzy(index: CompletionIndex, typed: string): Fuse<Key> {
  const first = typed[0]!;
  let fuse = index.latinFuzzy.get(first);
  if (!fuse) {
    fuse = new Fuse(
      index.latinKeys.filter((key) => key.kind !== 'initials' && key.text.startsWith(first)),
      FUZZY,
    );
    index.latinFuzzy.set(first, fuse);
  }
  return fuse;
}

const indexes = new WeakMap<Dictionary, CompletionIndex>();

/** Built on first use per dictionary (pinyin of every name takes a few ms), then reused. */
function indexOf(dictionary: Dictionary): CompletionIndex {
  const cached = indexes.get(dictionary);
  if (cached) return cached;
  const zhKeys: Key[] = [];
  const latinKeys: Key[] = [];
  const hasHan = (text: string): boolean => /\p{Script=Han}/u.test(text);
  for (const concept of dictionary.concepts.valuesIn(COMPLETABLE)) {
    const names: { text: string; weight: number; variant?: string }[] = [];
    if (concept.zh && concept.category !== 'regimen') names.push({ text: concept.zh, weight: 0 });
    for (const accepted of concept.accepted)
      names.push({ text: accepted.text, weight: accepted.kind === 'synonym' ? 1 : 2 });
    for (const variant of concept.variants) names.push({ text: variant.text, weight: 3, variant: variant.text });
    for (const abbreviation of concept.abbreviations)
      latinKeys.push({ conceptId: concept.id, text: abbreviation.toLowerCase(), kind: 'latin', weight: 0 });
    if (concept.category !== 'regimen')
      latinKeys.push({ conceptId: concept.id, text: concept.en.toLowerCase(), kind: 'latin', weight: 0 });
    for (const entry of names) {
      if (hasHan(entry.text)) {
        zhKeys.push({
          conceptId: concept.id,
          text: entry.text,
          kind: 'zh',
          weight: entry.weight,
          variant: entry.variant,
        });
        const keys = pinyinKeys(entry.text);
        latinKeys.push({
          conceptId: concept.id,
          text: keys.full,
          kind: 'pinyin',
          weight: entry.weight,
          variant: entry.variant,
        });
        latinKeys.push({
          conceptId: concept.id,
          text: keys.initials,
          kind: 'initials',
          weight: entry.weight,
          variant: entry.variant,
        });
      } else {
        latinKeys.push({
          conceptId: concept.id,
          text: entry.text.toLowerCase(),
          kind: 'latin',
          weight: entry.weight,
          variant: entry.variant,
        });
      }
    }
  }
  const zhByPrefix = new Map<string, Key[]>();
  const zhByChar = new Map<string, Key[]>();
  for (const key of zhKeys) {
    for (let length = 1; length <= Math.min(MAX_PREFIX, key.text.length); length++)
      push(zhByPrefix, key.text.slice(0, length), key);
    for (const char of new Set(key.text)) push(zhByChar, char, key);
  }
  const index: CompletionIndex = { zhByPrefix, zhByChar, latinKeys, latinFuzzy: new Map() };
  indexes.set(dictionary, index);
  return index;
}

/**
 * Build every completion index of a dictionary now (pinyin of each name, the fuzzy indexes), so that no
 * completion request pays for it. The server calls it when a dictionary is loaded, off the request path.
 */
export function prepareCompletion(dictionary: Dictionary): void {
  const index = indexOf(dictionary);
  for (const first of new Set(
    index.latinKeys.map((key) => key.text[0]).filter((char): char is string => char !== undefined),
  ))
    latinFuzzy(index, first);
}

/** The fragment being typed before `offset`: a Latin run (pinyin, English, abbreviation) or a Han run. */
export function typedFragment(text: string, offset: number): { span: Span; script: 'latin' | 'han' } | undefined {
  const before = text.slice(Math.max(0, offset - 40), offset);
  const latin = /[A-Za-z][A-Za-z0-9\-/]*$/.exec(before);
  if (latin) return { span: { start: offset - latin[0].length, end: offset }, script: 'latin' };
  const han = /\p{Script=Han}+$/u.exec(before);
  if (han) return { span: { start: offset - han[0].length, end: offset }, script: 'han' };
  return undefined;
}

/**
 * Completion of drugs, classes, targets and regimens from Chinese, pinyin (full or initials) or
 * English. The item range covers only the typed fragment: VS Code does not segment Chinese, and a
 * range over the whole run of Han characters would make it filter every item away.
 */
export function complete(
  text: string,
  offset: number,
  dictionary: Dictionary,
  options: CompletionOptions,
): CompletionResult | undefined {
  const fragment = typedFragment(text, offset);
  if (!fragment) return undefined;
  const index = indexOf(dictionary);
  const found = new Map<string, { key: Key; score: number; matchedBy: CompletionCandidate['matchedBy'] }>();
  const consider = (key: Key, score: number, matchedBy: CompletionCandidate['matchedBy']): void => {
    const existing = found.get(key.conceptId);
    if (!existing || score < existing.score) found.set(key.conceptId, { key, score, matchedBy });
  };
  let range = fragment.span;
  if (fragment.script === 'han') {
    // The longest suffix of the Han run that starts some name: 年批准了卡非 → 卡非.
    const run = text.slice(fragment.span.start, fragment.span.end);
    const prefixOf = (length: number): void => {
      const suffix = run.slice(run.length - length);
      for (const key of index.zhByPrefix.get(suffix) ?? [])
        consider(key, key.weight + (key.text.length - suffix.length) / 100, 'zh');
      if (found.size > 0) range = { start: fragment.span.end - length, end: fragment.span.end };
    };
    // Suffixes of two or more characters first; a lone last character (米 of 卡菲佐米, which also starts 米托蒽醌)
    // is tried only after the fuzzy search below, so that a typo in a longer name is not lost to it.
    for (let length = Math.min(run.length, MAX_PREFIX); length >= 2 && found.size === 0; length--) prefixOf(length);
    if (found.size === 0 && run.length >= 2) {
      // A transliteration typo (埃雷妥珠 for 埃罗妥珠单抗) keeps most characters: fuzzy search only among names
      // that share at least two characters with the fragment, so ordinary prose costs nothing here.
      const tail = run.slice(-4);
      const shared = new Map<Key, number>();
      for (const char of new Set(tail))
        for (const key of index.zhByChar.get(char) ?? []) shared.set(key, (shared.get(key) ?? 0) + 1);
      const candidates = [...shared].filter(([, count]) => count >= 2).map(([key]) => key);
      if (candidates.length > 0) {
        for (const result of new Fuse(candidates, FUZZY).search(tail, { limit: 10 }))
          consider(result.item, 10 + (result.score ?? 1), 'fuzzy');
      }
      if (found.size > 0) range = { start: fragment.span.end - tail.length, end: fragment.span.end };
    }
    if (found.size === 0) prefixOf(1);
  } else {
    const typed = text.slice(fragment.span.start, fragment.span.end).toLowerCase();
    for (const key of index.latinKeys) {
      if (key.text.startsWith(typed)) {
        const kindRank = key.kind === 'latin' ? 0 : key.kind === 'pinyin' ? 0.1 : 0.2;
        consider(key, key.weight + kindRank + (key.text.length - typed.length) / 100, key.kind);
      }
    }
    // Fuzzy matching (typos: bortezomb) only when prefixes found little: it is the slow part of completion.
    if (typed.length >= 3 && found.size < 3) {
      for (const result of latinFuzzy(index, typed).search(typed, { limit: 10 }))
        consider(result.item, 10 + (result.score ?? 1), 'fuzzy');
    }
  }
  const fragmentText = text.slice(range.start, range.end);
  const ranked = [...found.values()].sort(
    (a, b) => a.score - b.score || a.key.conceptId.localeCompare(b.key.conceptId),
  );
  const items = ranked.slice(0, options.limit ?? 50).flatMap((entry, rank) => {
    const concept = dictionary.concepts.get(entry.key.conceptId);
    if (!concept) return [];
    return [toCandidate(concept, dictionary, options, fragmentText, rank, entry.matchedBy, entry.key.variant)];
  });
  return { range, items };
}

function toCandidate(
  concept: Concept,
  dictionary: Dictionary,
  options: CompletionOptions,
  fragment: string,
  rank: number,
  matchedBy: CompletionCandidate['matchedBy'],
  typedVariant: string | undefined,
): CompletionCandidate {
  const sortText = String(rank).padStart(4, '0');
  if (concept.category === 'regimen') {
    const abbreviation = concept.abbreviations[0];
    const components = concept.components
      .map((id) => dictionary.concepts.get(id)?.zh ?? dictionary.concepts.get(id)?.en ?? id)
      .join('+');
    const mode = abbreviation ? (options.regimenInsert ?? 'both') : 'components';
    const insertText =
      mode === 'abbreviation' ? abbreviation! : mode === 'components' ? components : `${components}（${abbreviation}）`;
    return {
      conceptId: concept.id,
      category: concept.category,
      label: abbreviation ?? components,
      detail: `${pick(CATEGORY.regimen, options.locale)} · ${components}`,
      insertText,
      filterText: fragment,
      sortText,
      matchedBy,
      typedVariant,
    };
  }
  // Never insert a non-standard form: the standard name in the script being typed.
  const label = concept.zh ?? concept.en;
  const detail = [
    concept.zh ? concept.en : undefined,
    pick(CATEGORY[concept.category], options.locale),
    typedVariant
      ? formatMessage({ id: 'completion.nonstandard', params: { text: typedVariant } }, options.locale)
      : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    conceptId: concept.id,
    category: concept.category,
    label,
    detail,
    insertText: label,
    filterText: fragment,
    sortText,
    matchedBy,
    typedVariant,
  };
}
