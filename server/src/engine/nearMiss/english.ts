import type { Dictionary } from '../dictionary/dictionary';
import type { Category, Span, TermMatch } from '../types';
import { ENGLISH_NEAR_NAMES } from './englishGuard.generated';

/**
 * English near misses: a word (or run of words) that is one or two edits (by its length) from the English
 * name of a drug, class or product, INN or brand (botrezomib, carfillzomib, Thalidomid, revlimide,
 * proteasome inhibrtors), case-insensitive and plural-aware. Real English words are never flagged: every
 * word that differs from the name must be absent from the English word list (an-array-of-english-words;
 * the build keeps only the words within reach of known names: englishGuard.generated.ts).
 *
 * Look-up is indexed, SymSpell-style: every name key is stored under each of its deletions within its
 * allowed distance; a word's deletions find the names it may be near, then the real distance decides.
 */

export interface EnglishCandidate {
  readonly conceptId: string;
  /** The known form it is near (as the dictionary writes it). */
  readonly known: string;
  /** What to write instead. */
  readonly replacement: string;
  readonly distance: number;
}

export interface EnglishNearMiss {
  readonly span: Span;
  readonly text: string;
  readonly candidates: readonly EnglishCandidate[];
}

interface NameKey {
  readonly key: string;
  readonly words: readonly string[];
  readonly candidate: Omit<EnglishCandidate, 'distance'>;
}

interface EnglishIndex {
  readonly keys: readonly NameKey[];
  readonly byDeletion: ReadonlyMap<string, readonly number[]>;
  readonly exact: ReadonlySet<string>;
  readonly maxWords: number;
  /** The longest key: a longer run is near no name (and its deletions are never made). */
  readonly maxLength: number;
}

const CATEGORIES: ReadonlySet<Category> = new Set(['drug', 'drug-class', 'product']);
const LATIN_NAME = /^[A-Za-z][A-Za-z -]*[A-Za-z]$/;

/** Edits allowed for a word or name of this many letters: none under 5, one up to 8, two from 9. */
export function allowedDistance(length: number): number {
  return length < 5 ? 0 : length < 9 ? 1 : 2;
}

let guard: ReadonlySet<string> | undefined;

/** Whether a lower-case word is an English word (among those near known names). */
export function isEnglishWord(word: string): boolean {
  guard ??= new Set(ENGLISH_NEAR_NAMES.split(' '));
  return guard.has(word);
}

const indexes = new WeakMap<Dictionary, EnglishIndex>();

function deletions(word: string, depth: number, out: Set<string>): void {
  if (depth === 0) return;
  for (let k = 0; k < word.length; k++) {
    const shorter = word.slice(0, k) + word.slice(k + 1);
    if (out.has(shorter)) continue;
    out.add(shorter);
    deletions(shorter, depth - 1, out);
  }
}

/** The plural of a class name's last word (inhibitor → inhibitors, antibody → antibodies). */
export function pluralOf(name: string): string {
  if (/[^aeiou]y$/i.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/i.test(name)) return `${name}es`;
  return `${name}s`;
}

function englishIndex(dictionary: Dictionary): EnglishIndex {
  let index = indexes.get(dictionary);
  if (index) return index;
  const keys: NameKey[] = [];
  const exact = new Set<string>();
  const add = (text: string, conceptId: string, replacement: string): void => {
    if (!LATIN_NAME.test(text)) return;
    const key = text.toLowerCase().replace(/[\s-]+/g, ' ');
    if (key.replace(/ /g, '').length < 5 || exact.has(key)) return;
    exact.add(key);
    keys.push({ key, words: key.split(' '), candidate: { conceptId, known: text, replacement } });
  };
  for (const concept of dictionary.concepts.valuesIn(CATEGORIES)) {
    add(concept.en, concept.id, concept.en);
    if (concept.category === 'drug-class') add(pluralOf(concept.en), concept.id, pluralOf(concept.en));
    for (const accepted of concept.accepted) {
      add(accepted.text, concept.id, accepted.text);
      if (concept.category === 'drug-class' && accepted.kind !== 'abbreviation' && accepted.kind !== 'informal-abbreviation') add(pluralOf(accepted.text), concept.id, pluralOf(accepted.text));
    }
    for (const variant of concept.variants) add(variant.text, concept.id, variant.replaceWith ?? concept.en);
  }
  const byDeletion = new Map<string, number[]>();
  keys.forEach((name, at) => {
    const forms = new Set<string>([name.key]);
    deletions(name.key, allowedDistance(name.key.length), forms);
    for (const form of forms) {
      const list = byDeletion.get(form);
      if (list) list.push(at);
      else byDeletion.set(form, [at]);
    }
  });
  index = { keys, byDeletion, exact, maxWords: Math.max(1, ...keys.map((name) => name.words.length)), maxLength: Math.max(0, ...keys.map((name) => name.key.length)) };
  indexes.set(dictionary, index);
  return index;
}

/** Optimal string alignment distance (adjacent transpositions count one), stopping early above `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows = a.length + 1;
  const columns = b.length + 1;
  const d: number[] = new Array(rows * columns).fill(0);
  for (let i = 0; i < rows; i++) d[i * columns] = i;
  for (let j = 0; j < columns; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let best = limit + 1;
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[(i - 1) * columns + j]! + 1, d[i * columns + j - 1]! + 1, d[(i - 1) * columns + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[(i - 2) * columns + j - 2]! + 1);
      d[i * columns + j] = value;
      if (value < best) best = value;
    }
    if (best > limit) return limit + 1;
  }
  return d[rows * columns - 1]!;
}

interface Word {
  readonly start: number;
  readonly end: number;
  /** '' for a word that may not be part of a name here (skipped region, inside a longer token). */
  readonly lower: string;
  /** Inside a recognised term: may be part of a longer run (proteasome in "proteasome inhibrtors"), not a run of its own. */
  readonly matched: boolean;
}

const WORD = /[A-Za-z]+/g;

/** English near misses outside recognised terms and skipped regions. */
export function scanEnglish(text: string, matches: readonly TermMatch[], skip: readonly Span[], dictionary: Dictionary): EnglishNearMiss[] {
  const index = englishIndex(dictionary);
  if (index.keys.length === 0) return [];
  const matchSpans = matches.map((match) => match.span);
  const words: Word[] = [];
  let b = 0;
  let m = 0;
  WORD.lastIndex = 0;
  for (let found = WORD.exec(text); found; found = WORD.exec(text)) {
    const start = found.index;
    const end = start + found[0].length;
    while (m < matchSpans.length && matchSpans[m]!.end <= start) m++;
    while (b < skip.length && skip[b]!.end <= start) b++;
    const matched = m < matchSpans.length && matchSpans[m]!.start < end;
    const isSkipped = b < skip.length && skip[b]!.start < end;
    // A word inside a longer token (a code, a URL, snake_case, a number with letters) is not a name.
    const glued = (start > 0 && /[\w@/.]/.test(text[start - 1]!) && text[start - 1] !== '.') || (end < text.length && /[\w@/]/.test(text[end]!));
    words.push({ start, end, lower: isSkipped || glued ? '' : found[0].toLowerCase(), matched });
  }
  const out: EnglishNearMiss[] = [];
  let taken = -1;
  for (let w = 0; w < words.length; w++) {
    if (words[w]!.start < taken) continue;
    let best: EnglishNearMiss | undefined;
    // Runs of up to maxWords words joined by single spaces or hyphens (proteasome inhibrtors).
    for (let count = Math.min(index.maxWords, words.length - w); count >= 1 && !best; count--) {
      const run = words.slice(w, w + count);
      if (run.some((word) => word.lower === '') || run.every((word) => word.matched)) continue;
      // A recognised term may not be cut by the run.
      if ((run[0]!.matched && w > 0 && words[w - 1]!.matched && sameMatch(matchSpans, words[w - 1]!, run[0]!)) || (run[count - 1]!.matched && w + count < words.length && sameMatch(matchSpans, run[count - 1]!, words[w + count]!))) continue;
      let joined = true;
      for (let k = 1; k < run.length && joined; k++) joined = /^[ -]$/.test(text.slice(run[k - 1]!.end, run[k]!.start));
      if (!joined) continue;
      const key = run.map((word) => word.lower).join(' ');
      if (key.length > index.maxLength + 2 || index.exact.has(key)) continue;
      const candidates = lookUp(index, key, run.map((word) => word.lower), run.map((word) => word.matched));
      if (candidates.length === 0) continue;
      const span = { start: run[0]!.start, end: run[run.length - 1]!.end };
      best = { span, text: text.slice(span.start, span.end), candidates };
    }
    if (best) {
      out.push(best);
      taken = best.span.end;
    }
  }
  return out;
}

/** Whether two words lie in the same recognised term. */
function sameMatch(spans: readonly Span[], a: Word, b: Word): boolean {
  return spans.some((span) => span.start <= a.start && b.end <= span.end);
}

function lookUp(index: EnglishIndex, key: string, words: readonly string[], matchedWords: readonly boolean[]): EnglishCandidate[] {
  const limit = allowedDistance(key.length);
  if (limit === 0) return [];
  const forms = new Set<string>([key]);
  deletions(key, limit, forms);
  const seen = new Set<number>();
  const found: EnglishCandidate[] = [];
  for (const form of forms) {
    for (const at of index.byDeletion.get(form) ?? []) {
      if (seen.has(at)) continue;
      seen.add(at);
      const name = index.keys[at]!;
      if (name.words.length !== words.length) continue;
      const distance = editDistance(key, name.key, Math.min(limit, allowedDistance(name.key.length)));
      if (distance > Math.min(limit, allowedDistance(name.key.length)) || distance === 0) continue;
      // Every word that differs must be within its own allowance and be no English word (inhibitors, steroid).
      let plausible = true;
      for (let k = 0; k < words.length && plausible; k++) {
        const word = words[k]!;
        const target = name.words[k]!;
        if (word === target) continue;
        plausible = !matchedWords[k] && !isEnglishWord(word) && editDistance(word, target, allowedDistance(target.length)) <= allowedDistance(target.length);
      }
      if (plausible) found.push({ ...name.candidate, distance });
    }
  }
  const byReplacement = new Map<string, EnglishCandidate>();
  for (const candidate of found.sort((x, y) => x.distance - y.distance || x.replacement.localeCompare(y.replacement))) if (!byReplacement.has(candidate.replacement)) byReplacement.set(candidate.replacement, candidate);
  return [...byReplacement.values()].slice(0, 3);
}
