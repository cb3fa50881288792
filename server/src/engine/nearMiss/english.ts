import type { Dictionary } from '../dictionary/dictionary';
import { derivedForms } from '../dictionary/derivedForms';
import type { Category, Span } from '../types';
import { ENGLISH_NEAR_NAMES } from './englishGuard.generated';
import { KNOWN_DRUG_NAMES } from './stems';

/**
 * English near misses: a word (or run of words) that is one or two edits (by its length) from the English
 * name of a drug, class or product, INN or brand (botrezomib, carfillzomib, Thalidomid, revlimide,
 * proteasome inhibrtors), case-insensitive and plural-aware. Real English words are never flagged: every
 * word that differs from the name must be absent from the English word list (an-array-of-english-words;
 * the build keeps only the words within reach of known names: englishGuard.generated.ts).
 *
 * Look-up is indexed, SymSpell-style: every word of a name is stored under each of its deletions within its
 * allowed distance; a text word's deletions find the name words it may be near, the real distance decides, and
 * the name's other words must stand around it exactly (one mistyped word per name).
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
  /**
   * Name words (five letters or more) under each of their deletions within their allowed distance: built when a
   * text first has a word that gets this far (most texts have none; building it is most of the index's cost).
   */
  byDeletion: ReadonlyMap<string, readonly string[]> | undefined;
  /** Where each name word stands: [key index, word position]. */
  readonly places: ReadonlyMap<string, readonly (readonly [number, number])[]>;
  /** Every name word and every known name, lower-case (a text word equal to one is no typo). */
  readonly exactWords: ReadonlySet<string>;
  /** First two and last two letters of name words with each length ±1 ("bo10"): one edit keeps one of them. */
  readonly ends: ReadonlySet<string>;
  /** The longest name word: a longer word is near none (and its deletions are never made). */
  readonly longest: number;
  /** One-word names of CLIPPED_NAME letters or more by their first CLIPPED_PREFIX letters (built when first asked). */
  byPrefix: ReadonlyMap<string, readonly number[]> | undefined;
}

/** A clipped name keeps at least this many of its first letters … */
const CLIPPED_PREFIX = 6;
/** … of a one-word name at least this long. */
const CLIPPED_NAME = 8;

const CATEGORIES: ReadonlySet<Category> = new Set(['drug', 'drug-class', 'product']);
const LATIN_NAME = /^[A-Za-z][A-Za-z -]*[A-Za-z]$/;

/**
 * Edits allowed for a word or name of this many letters: none under 5, one up to 11, two from 12. (Two from 9
 * at first: the first evaluation on professional texts found siltuximab taken for isatuximab, two edits apart.)
 */
export function allowedDistance(length: number): number {
  return length < 5 ? 0 : length < 12 ? 1 : 2;
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

function englishIndex(dictionary: Dictionary): EnglishIndex {
  let index = indexes.get(dictionary);
  if (index) return index;
  const keys: NameKey[] = [];
  const seen = new Set<string>();
  const add = (text: string, conceptId: string, replacement: string): void => {
    if (!LATIN_NAME.test(text)) return;
    const key = text.toLowerCase().replace(/[\s-]+/g, ' ');
    if (key.replace(/ /g, '').length < 5 || seen.has(key)) return;
    seen.add(key);
    keys.push({ key, words: key.split(' '), candidate: { conceptId, known: text, replacement } });
  };
  for (const concept of dictionary.concepts.valuesIn(CATEGORIES)) {
    // Each name with the forms the dictionary derives from it (a class in the other number, alkylating drugs).
    for (const form of [concept.en, ...derivedForms(concept.en, concept.category, undefined)])
      add(form, concept.id, form);
    for (const accepted of concept.accepted)
      for (const form of [accepted.text, ...derivedForms(accepted.text, concept.category, accepted.kind)])
        add(form, concept.id, form);
    for (const variant of concept.variants) add(variant.text, concept.id, variant.replaceWith ?? concept.en);
  }
  const exactWords = new Set<string>();
  const places = new Map<string, (readonly [number, number])[]>();
  keys.forEach((name, at) => {
    name.words.forEach((word, position) => {
      exactWords.add(word);
      const list = places.get(word);
      if (list) list.push([at, position]);
      else places.set(word, [[at, position]]);
    });
  });
  const ends = new Set<string>();
  for (const word of places.keys()) {
    if (word.length < 5) continue;
    for (let length = word.length - 1; length <= word.length + 1; length++)
      ends.add(`<${word.slice(0, 2)}${length}`).add(`>${word.slice(-2)}${length}`);
  }
  // Real drugs (stem examples, data/other-drugs.yaml): known words, never a near miss (no candidates: no concept).
  for (const name of KNOWN_DRUG_NAMES)
    if (LATIN_NAME.test(name)) for (const word of name.toLowerCase().split(/[\s-]+/)) exactWords.add(word);
  index = {
    keys,
    byDeletion: undefined,
    places,
    exactWords,
    ends,
    longest: Math.max(0, ...[...places.keys()].map((word) => word.length)),
    byPrefix: undefined,
  };
  indexes.set(dictionary, index);
  return index;
}

function deletionIndex(index: EnglishIndex): ReadonlyMap<string, readonly string[]> {
  if (index.byDeletion) return index.byDeletion;
  const byDeletion = new Map<string, string[]>();
  for (const word of index.places.keys()) {
    if (word.length < 5) continue;
    const forms = new Set<string>([word]);
    deletions(word, allowedDistance(word.length), forms);
    for (const form of forms) {
      const list = byDeletion.get(form);
      if (list) list.push(word);
      else byDeletion.set(form, [word]);
    }
  }
  index.byDeletion = byDeletion;
  return byDeletion;
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
      let value = Math.min(
        d[(i - 1) * columns + j]! + 1,
        d[i * columns + j - 1]! + 1,
        d[(i - 1) * columns + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, d[(i - 2) * columns + j - 2]! + 1);
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
  /** Inside a recognised term: may stand for a correct word of a longer name (proteasome in "proteasome inhibrtors"), never for the typo. */
  readonly matched: boolean;
}

const WORD = /[A-Za-z]+/g;

/**
 * English near misses outside recognised terms and skipped regions. One word of a name is mistyped: each text
 * word of five letters or more that is no name word and no English word is looked up by its deletions among the
 * name words; a name word found within its distance places the name's other words, which must follow exactly.
 */
export function scanEnglishLine(
  line: string,
  matches: readonly Span[],
  skip: readonly Span[],
  dictionary: Dictionary,
): EnglishNearMiss[] {
  // A line without a Latin word of five letters has no near miss: the index is not even built for it.
  if (!/[A-Za-z]{5}/.test(line)) return [];
  const index = englishIndex(dictionary);
  return index.keys.length === 0 ? [] : scanLine(line, matches, skip, index);
}

function scanLine(
  text: string,
  matches: readonly Span[],
  skip: readonly Span[],
  index: EnglishIndex,
): EnglishNearMiss[] {
  const words = textWords(text, matches, skip);
  const found: Found[] = [];
  for (let w = 0; w < words.length; w++) found.push(...namesNear(text, words, w, index));
  return bestPerSpan(text, found);
}

interface Found {
  readonly span: Span;
  readonly candidate: EnglishCandidate;
  readonly words: number;
}

/** The Latin words of a line, with what may stand for a name word (see Word). */
function textWords(text: string, matches: readonly Span[], skip: readonly Span[]): Word[] {
  const words: Word[] = [];
  let b = 0;
  let m = 0;
  WORD.lastIndex = 0;
  for (let found = WORD.exec(text); found; found = WORD.exec(text)) {
    const start = found.index;
    const end = start + found[0].length;
    while (m < matches.length && matches[m]!.end <= start) m++;
    while (b < skip.length && skip[b]!.end <= start) b++;
    const matched = m < matches.length && matches[m]!.start < end;
    const isSkipped = b < skip.length && skip[b]!.start < end;
    // A word inside a longer token (a code, a URL, snake_case, a number with letters) is not a name.
    const glued = (start > 0 && /[\w@/]/.test(text[start - 1]!)) || (end < text.length && /[\w@/]/.test(text[end]!));
    words.push({ start, end, lower: isSkipped || glued ? '' : found[0].toLowerCase(), matched });
  }
  return words;
}

/** The names that word `w` is a typo of, with the name's other words standing around it exactly. */
function namesNear(text: string, words: readonly Word[], w: number, index: EnglishIndex): Found[] {
  const word = words[w]!;
  const lower = word.lower;
  if (
    lower.length < 5 ||
    lower.length > index.longest + 2 ||
    word.matched ||
    index.exactWords.has(lower) ||
    isEnglishWord(lower)
  )
    return [];
  const limit = allowedDistance(lower.length);
  // One edit leaves the first two or the last two letters (the word has five or more): most words share neither with a name word of their length.
  if (
    limit === 1 &&
    !index.ends.has(`<${lower.slice(0, 2)}${lower.length}`) &&
    !index.ends.has(`>${lower.slice(-2)}${lower.length}`)
  )
    return clippedNames(word, index);
  const forms = new Set<string>([lower]);
  deletions(lower, limit, forms);
  const near = new Set<string>();
  const byDeletion = deletionIndex(index);
  for (const form of forms) for (const target of byDeletion.get(form) ?? []) near.add(target);
  const found: Found[] = [];
  for (const target of near) {
    const allowed = Math.min(limit, allowedDistance(target.length));
    const distance = editDistance(lower, target, allowed);
    if (distance > allowed) continue;
    for (const [at, position] of index.places.get(target) ?? []) {
      const name = index.keys[at]!;
      const first = w - position;
      const last = first + name.words.length - 1;
      if (first < 0 || last >= words.length) continue;
      let fits = true;
      for (let k = 0; k < name.words.length && fits; k++) {
        if (k === position) continue;
        fits = words[first + k]!.lower === name.words[k];
      }
      for (let k = first + 1; k <= last && fits; k++)
        fits = /^[ -]$/.test(text.slice(words[k - 1]!.end, words[k]!.start));
      if (fits)
        found.push({
          span: { start: words[first]!.start, end: words[last]!.end },
          candidate: { ...name.candidate, distance },
          words: name.words.length,
        });
    }
  }
  return found.length > 0 ? found : clippedNames(word, index);
}

/**
 * A one-word name with a run of letters dropped from inside it (doxorubin for doxorubicin, ruxolib for
 * ruxolitinib): the word is the name's first letters (CLIPPED_PREFIX at least) followed by its last letters (one at
 * least), and two letters or more are missing. Asked only of a word near no name within its edit distance.
 */
function clippedNames(word: Word, index: EnglishIndex): Found[] {
  const lower = word.lower;
  if (lower.length < CLIPPED_PREFIX + 1) return [];
  const found: Found[] = [];
  for (const at of prefixIndex(index).get(lower.slice(0, CLIPPED_PREFIX)) ?? []) {
    const name = index.keys[at]!;
    const whole = name.key;
    if (whole.length - lower.length < 2) continue;
    let prefix = CLIPPED_PREFIX;
    while (prefix < lower.length && lower[prefix] === whole[prefix]) prefix++;
    const tail = lower.length - prefix;
    if (tail >= 1 && whole.endsWith(lower.slice(prefix)))
      found.push({
        span: { start: word.start, end: word.end },
        candidate: { ...name.candidate, distance: whole.length - lower.length },
        words: 1,
      });
  }
  return found;
}

function prefixIndex(index: EnglishIndex): ReadonlyMap<string, readonly number[]> {
  if (index.byPrefix) return index.byPrefix;
  const byPrefix = new Map<string, number[]>();
  index.keys.forEach((name, at) => {
    if (name.words.length !== 1 || name.key.length < CLIPPED_NAME) return;
    const key = name.key.slice(0, CLIPPED_PREFIX);
    const list = byPrefix.get(key);
    if (list) list.push(at);
    else byPrefix.set(key, [at]);
  });
  index.byPrefix = byPrefix;
  return byPrefix;
}

/** Per span, the candidates by distance; overlapping spans: the longer name wins (proteasome inhibitors over inhibitors). */
function bestPerSpan(text: string, found: readonly Found[]): EnglishNearMiss[] {
  const bySpan = new Map<string, { span: Span; candidates: EnglishCandidate[]; words: number }>();
  for (const item of found) {
    const key = `${item.span.start},${item.span.end}`;
    const entry = bySpan.get(key) ?? { span: item.span, candidates: [], words: item.words };
    entry.candidates.push(item.candidate);
    bySpan.set(key, entry);
  }
  const ranked = [...bySpan.values()].sort((x, y) => y.words - x.words || x.span.start - y.span.start);
  const out: EnglishNearMiss[] = [];
  for (const entry of ranked) {
    if (out.some((other) => other.span.start < entry.span.end && entry.span.start < other.span.end)) continue;
    const byReplacement = new Map<string, EnglishCandidate>();
    for (const candidate of entry.candidates.sort(
      (x, y) => x.distance - y.distance || x.replacement.localeCompare(y.replacement),
    ))
      if (!byReplacement.has(candidate.replacement)) byReplacement.set(candidate.replacement, candidate);
    out.push({
      span: entry.span,
      text: text.slice(entry.span.start, entry.span.end).split('').join(''),
      candidates: [...byReplacement.values()].slice(0, 3),
    });
  }
  return out.sort((x, y) => x.span.start - y.span.start);
}
