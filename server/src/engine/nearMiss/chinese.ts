import type { Dictionary } from '../dictionary/dictionary';
import { simplifiedUnit } from '../text/script';
import type { Category, Span } from '../types';
import { charRelation, type CharRelation } from './similarity';
import { maySoundAlike, soundIndex, soundsAlikeAt, type SoundIndex } from './soundAlike';
import { STEMS, KNOWN_DRUG_NAMES, type StemEntry } from './stems';
import { firstIndexWhere } from '../collections';

/**
 * Chinese near misses: a run of characters that is not a known surface but one edit away from a known
 * name of a drug, drug class or product (one character heard or seen alike, or any one character of a long
 * name; one character dropped or added inside the name), and unknown drug-like words (a stem rendering
 * such as 比星 after transliteration characters, close to no name).
 *
 * No segmentation: the names themselves tell where a word starts. Every name of three or more characters is
 * indexed by its pairs of characters, adjacent (卡非, 非佐, 佐米) and one apart (卡_佐, 非_米); a name one edit
 * away from a run of text shares at least one such pair with it at a known offset, so the scan looks up the
 * pairs at each position (two hash look-ups, behind a 64 K bit table of characters that start a pair) and
 * compares only the windows those pairs place: never every name for every word.
 */

/** How a window differs from a name: one character (by sound, by shape, dropped, added, any), or every other
 * character read alike (sounds-alike: soundAlike.ts). */
export type Edit = CharRelation | 'dropped' | 'added' | 'substituted' | 'sounds-alike';

export interface NameEntry {
  /** The name as the index compares it (simplified script). */
  readonly text: string;
  readonly conceptId: string;
  /** What to write instead: the concept's standard Chinese name (also for a variant that is near). */
  readonly replacement: string;
  /**
   * A class name (蛋白酶体抑制剂, 抗血栓药物): a phrase of ordinary words, whose shorter and longer forms (抗栓药物)
   * are usage, not slips. Only a character read or written alike counts against it, never one dropped or added.
   */
  readonly phrase: boolean;
}

export interface NearMissCandidate {
  readonly name: NameEntry;
  readonly edit: Edit;
  /** The character of the text and the character of the name that differ ('' where none). */
  readonly written: string;
  readonly meant: string;
  readonly score: number;
}

export interface ChineseNearMiss {
  readonly span: Span;
  readonly text: string;
  /** Ranked, best first; one per replacement. */
  readonly candidates: readonly NearMissCandidate[];
}

export interface UnknownDrugWord {
  readonly span: Span;
  readonly text: string;
  readonly stem: StemEntry;
  readonly rendering: string;
}

const CATEGORIES: ReadonlySet<Category> = new Set(['drug', 'drug-class', 'product']);
const MIN_NAME = 3;
/** A name this long is never a word with another ending: its last character may be any other (苯丙氨酸氮齐). */
const LONG_NAME = 6;
const SCORE: Record<Edit, number> = {
  homophone: 0.9,
  'near-homophone': 0.8,
  glyph: 0.75,
  dropped: 0.7,
  added: 0.65,
  'sounds-alike': 0.6,
  substituted: 0.5,
};

/**
 * Characters that end the word before a drug name (verbs and function words of the sentence: 接受, 使用, 联合,
 * 和, 的 …): a drug-like word never extends over them. Not a word list: only where to stop looking left.
 */
const STOP_BEFORE = new Set([
  ...'的了在是为以对将后前中给服合联同经再改换即其该此各每和与及或并加用受予把被从由至到等及选含例组者型种类药物剂性有无不未已可应需',
]);

/**
 * Ordinary words that start with the last character of a stem rendering (比星期 is 比 + 星期, 单抗原 is
 * 单 + 抗原): a rendering followed by the rest of such a word is not a drug name.
 */
const ORDINARY_AFTER = new Set([
  '星期',
  '星级',
  '星座',
  '星球',
  '星空',
  '星际',
  '星光',
  '抗原',
  '抗体',
  '抗性',
  '抗凝',
  '抗感',
  '利用',
  '利于',
  '利益',
  '利润',
  '利尿',
  '利率',
  '尼亚',
  '米饭',
  '胺类',
  '他人',
  '他们',
]);

/** Renderings that are ordinary words or place names on their own (长春, 克拉, 霉素 …): not a sign of a drug. */
const NOT_A_SIGN = new Set(['长春', '克拉', '霉素', '膦酸', '泼尼', '铂']);

export interface ChineseIndex {
  readonly names: readonly NameEntry[];
  readonly exact: ReadonlySet<string>;
  /** The length of the longest name in `exact`. */
  readonly longestExact: number;
  readonly adjacent: ReadonlyMap<number, readonly number[]>;
  readonly gapped: ReadonlyMap<number, readonly number[]>;
  /** 1 for a character that starts a pair of some name; 2 for a character that starts a stem rendering (bits). */
  readonly starts: Uint8Array;
  /** Characters of known drug names outside their stem rendering (transliteration characters). */
  readonly transliteration: Uint8Array;
  readonly renderings: ReadonlyMap<number, readonly { text: string; stem: StemEntry }[]>;
  /** Bit tables of hashed pairs (adjacent, one apart): most pairs of a text are in no name, and a bit says so. */
  readonly adjacentBits: Uint32Array;
  readonly gappedBits: Uint32Array;
  /** The names by the sound of their first two characters (soundAlike.ts). */
  readonly sounds: SoundIndex;
}

const PAIR_BITS = 1 << 20;

function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ b) & (PAIR_BITS - 1);
}

function hasBit(bits: Uint32Array, hash: number): boolean {
  return (bits[hash >>> 5]! & (1 << (hash & 31))) !== 0;
}

const indexes = new WeakMap<Dictionary, ChineseIndex>();

function isHanUnit(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}

function simplified(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(simplifiedUnit(text.charCodeAt(i)));
  return out;
}

/** Stem renderings by their last character, in the table's order. */
function byLastCharacter<E extends { text: string }>(entries: readonly E[]): Map<string, E[]> {
  const out = new Map<string, E[]>();
  for (const entry of entries) {
    const list = out.get(entry.text.slice(-1));
    if (list) list.push(entry);
    else out.set(entry.text.slice(-1), [entry]);
  }
  return out;
}

/** The names' pairs of characters, adjacent and one apart, with their bit tables; `starts` bit 1: starts a pair. */
function pairIndex(
  names: readonly NameEntry[],
): Pick<ChineseIndex, 'adjacent' | 'gapped' | 'starts' | 'adjacentBits' | 'gappedBits'> {
  const adjacent = new Map<number, number[]>();
  const gapped = new Map<number, number[]>();
  const starts = new Uint8Array(0x10000);
  const push = (map: Map<number, number[]>, key: number, value: number): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const adjacentBits = new Uint32Array(PAIR_BITS / 32);
  const gappedBits = new Uint32Array(PAIR_BITS / 32);
  const setBit = (bits: Uint32Array, hash: number): void => {
    bits[hash >>> 5]! |= 1 << (hash & 31);
  };
  names.forEach((name, nameIndex) => {
    for (let k = 0; k + 1 < name.text.length; k++) {
      const a = name.text.charCodeAt(k);
      const b = name.text.charCodeAt(k + 1);
      starts[a]! |= 1;
      push(adjacent, a * 0x10000 + b, nameIndex * 64 + k);
      setBit(adjacentBits, pairHash(a, b));
      if (k + 2 < name.text.length) {
        const c = name.text.charCodeAt(k + 2);
        push(gapped, a * 0x10000 + c, nameIndex * 64 + k);
        setBit(gappedBits, pairHash(a, c));
      }
    }
  });
  return { adjacent, gapped, starts, adjacentBits, gappedBits };
}

/** The index of a dictionary's Chinese names (built once per dictionary). */
export function chineseIndex(dictionary: Dictionary): ChineseIndex {
  let index = indexes.get(dictionary);
  if (index) return index;
  const names: NameEntry[] = [];
  const seen = new Set<string>();
  const transliteration = new Uint8Array(0x10000);
  const allRenderings = STEMS.flatMap((stem) => stem.zh.map((text) => ({ text, stem })));
  const renderingsByLast = byLastCharacter(allRenderings);
  const add = (raw: string, conceptId: string, replacement: string, phrase: boolean): void => {
    const text = simplified(raw);
    if (text.length < MIN_NAME || !/^\p{Script=Han}+$/u.test(text) || seen.has(text)) return;
    seen.add(text);
    names.push({ text, conceptId, replacement, phrase });
  };
  for (const concept of dictionary.concepts.valuesIn(CATEGORIES)) {
    if (!concept.zh) continue;
    const phrase = concept.category === 'drug-class';
    add(concept.zh, concept.id, concept.zh, phrase);
    for (const accepted of concept.accepted) add(accepted.text, concept.id, concept.zh, phrase);
    for (const variant of concept.variants) add(variant.text, concept.id, variant.replaceWith ?? concept.zh, phrase);
    if (concept.category !== 'drug-class') {
      // The characters before the stem's rendering are transliteration characters (达雷妥尤 of 达雷妥尤单抗).
      const zh = simplified(concept.zh);
      // The longest rendering it ends with (the first of the table among equals).
      let rendering: (typeof allRenderings)[number] | undefined;
      for (const entry of renderingsByLast.get(zh.slice(-1)) ?? [])
        if (zh.endsWith(entry.text) && (!rendering || entry.text.length > rendering.text.length)) rendering = entry;
      for (const character of rendering ? zh.slice(0, zh.length - rendering.text.length) : zh)
        transliteration[character.charCodeAt(0)] = 1;
    }
  }
  // Real drugs the dictionary has no entry for (the stem table's examples, 长春碱 beside 长春新碱, and
  // data/other-drugs.yaml, 红霉素 beside 红比霉素): known, never a near miss or unknown.
  const exact = new Set(seen);
  for (const name of KNOWN_DRUG_NAMES) if (/^\p{Script=Han}+$/u.test(name)) exact.add(simplified(name));
  const { adjacent, gapped, starts, adjacentBits, gappedBits } = pairIndex(names);
  const renderings = new Map<number, { text: string; stem: StemEntry }[]>();
  for (const entry of allRenderings) {
    if (
      entry.text.length < 2 ||
      NOT_A_SIGN.has(entry.text) ||
      entry.stem.prefix !== undefined ||
      entry.stem.infix !== undefined
    )
      continue;
    const first = entry.text.charCodeAt(0);
    starts[first]! |= 2;
    const list = renderings.get(first) ?? [];
    list.push(entry);
    renderings.set(first, list);
  }
  let longestExact = 0;
  for (const name of exact) longestExact = Math.max(longestExact, name.length);
  const pairs = { adjacent, gapped, starts, adjacentBits, gappedBits };
  index = { names, exact, longestExact, ...pairs, transliteration, renderings, sounds: soundIndex(names) };
  indexes.set(dictionary, index);
  return index;
}

/** Compare a run of text (simplified) with a name: the one edit between them, or undefined. */
export function compareWithName(
  window: string,
  name: string,
): { edit: Edit; written: string; meant: string } | undefined {
  const L = name.length;
  if (window.length === L) {
    let at = -1;
    for (let k = 0; k < L; k++) {
      if (window[k] === name[k]) continue;
      if (at >= 0) return undefined;
      at = k;
    }
    if (at < 0) return undefined;
    const written = window[at]!;
    const meant = name[at]!;
    const relation = charRelation(written, meant);
    if (relation) return { edit: relation, written, meant };
    // Any one character of a long name, inside it (at either end the neighbours of the name would pass), or the
    // last of a name of LONG_NAME characters or more (nobody writes its first five and then another word).
    if (L >= 5 && at > 0 && (at < L - 1 || L >= LONG_NAME)) return { edit: 'substituted', written, meant };
    return undefined;
  }
  if (window.length === L - 1 && L >= 4) {
    // One character of the name dropped, inside it.
    for (let k = 1; k < L - 1; k++)
      if (name.slice(0, k) + name.slice(k + 1) === window) return { edit: 'dropped', written: '', meant: name[k]! };
    return undefined;
  }
  if (window.length === L + 1) {
    for (let k = 1; k < L; k++)
      if (window.slice(0, k) + window.slice(k + 1) === name) return { edit: 'added', written: window[k]!, meant: '' };
  }
  return undefined;
}

export type ChineseLineItem =
  ({ readonly kind: 'miss' } & ChineseNearMiss) | ({ readonly kind: 'unknown' } & UnknownDrugWord);
type LineItem = ChineseLineItem;

/** A copy of a short string that shares no memory with the document (cached results outlive it). */
function own(text: string): string {
  return text.split('').join('');
}

/** Near misses and unknown drug-like words of one line (nearMiss/scan.ts runs it per line, cached). */
export function scanChineseLine(
  line: string,
  matches: readonly Span[],
  skip: readonly Span[],
  dictionary: Dictionary,
): ChineseLineItem[] {
  return scanLine(line, matches, skip, chineseIndex(dictionary));
}

function scanLine(text: string, matchSpans: readonly Span[], skip: readonly Span[], index: ChineseIndex): LineItem[] {
  const n = text.length;
  const unit = (i: number): number => simplifiedUnit(text.charCodeAt(i));
  // Where matches and skipped regions are, as one sorted list of blocked spans.
  const blocked: Span[] = mergeSpans(matchSpans, skip);
  // Made when the first window is tried: most lines have none.
  let hits: Hits | undefined;
  let tried: Set<number> | undefined;
  const renderingHits: { start: number; end: number; entry: { text: string; stem: StemEntry } }[] = [];
  let b = 0;
  for (let i = 0; i + 1 < n; i++) {
    while (b < blocked.length && blocked[b]!.end <= i) b++;
    // Inside a recognised term or skipped region no pair is looked up, but for its last two characters: their pairs
    // reach past it (门冬酰胺酶 recognised in 门冬酰胺酶制济: its 酶制 places 门冬酰胺酶制剂 there).
    if (b < blocked.length && blocked[b]!.start <= i && i < blocked[b]!.end - 2) {
      i = blocked[b]!.end - 3;
      continue;
    }
    const a = unit(i);
    const flags = index.starts[a]!;
    if (flags === 0) continue;
    if (flags & 1) {
      const second = unit(i + 1);
      const third = i + 2 < n ? unit(i + 2) : 0;
      for (let pass = 0; pass < 2; pass++) {
        const list =
          pass === 0
            ? hasBit(index.adjacentBits, pairHash(a, second))
              ? index.adjacent.get(a * 0x10000 + second)
              : undefined
            : third && hasBit(index.gappedBits, pairHash(a, third))
              ? index.gapped.get(a * 0x10000 + third)
              : undefined;
        if (!list) continue;
        for (const packed of list) {
          const name = index.names[packed >> 6]!;
          const start = i - (packed & 63);
          const L = name.text.length;
          for (let shape = 0; shape < 5; shape++) {
            const from = shape === 2 ? start + 1 : shape === 4 ? start - 1 : start;
            const to =
              shape === 0 || shape === 4
                ? start + L
                : shape === 1
                  ? start + L - 1
                  : shape === 2
                    ? start + L
                    : start + L + 1;
            if (from < 0 || to > n || to - from < MIN_NAME - 1) continue;
            // Most placed windows are more than one edit from the name: compared on the units, no string made.
            if (!oneEditApart(text, from, to, name.text)) continue;
            const key = (from * 16 + (to - from)) * 0x10000 + (packed >> 6);
            tried ??= new Set();
            if (tried.has(key)) continue;
            tried.add(key);
            const candidate = evaluate(text, from, to, name, blocked, index);
            if (!candidate) continue;
            hits = addHit(hits, from, to, candidate);
          }
        }
      }
    }
    if (flags & 2) {
      for (const entry of index.renderings.get(a) ?? []) {
        const end = i + entry.text.length;
        if (end > n) continue;
        let same = true;
        for (let k = 1; k < entry.text.length && same; k++) same = unit(i + k) === entry.text.charCodeAt(k);
        if (same && !overlapsBlocked(blocked, i, end)) renderingHits.push({ start: i, end, entry });
      }
    }
  }
  hits = soundAlikeHits(text, blocked, index, hits);
  if (!hits && renderingHits.length === 0) return [];
  const nearMisses = hits ? pickNearMisses(text, [...hits.values()]) : [];
  const unknown = unknownWords(text, renderingHits, blocked, nearMisses, index);
  return lineItems(nearMisses, unknown);
}

type Hits = Map<number, { span: Span; candidates: NearMissCandidate[] }>;

/** A candidate for text[from, to), with the others for the same window (the map is made on the first). */
function addHit(hits: Hits | undefined, from: number, to: number, candidate: NearMissCandidate): Hits {
  hits ??= new Map();
  const key = from * 16 + (to - from);
  const hit = hits.get(key) ?? { span: { start: from, end: to }, candidates: [] };
  hit.candidates.push(candidate);
  hits.set(key, hit);
  return hits;
}

/**
 * Windows that read like a name, every other character heard alike (soundAlike.ts), as words: no recognised term or
 * skipped region in them, no transliteration character carrying the word on at either side, not a known word.
 */
function soundAlikeHits(
  text: string,
  blocked: readonly Span[],
  index: ChineseIndex,
  hits: Hits | undefined,
): typeof hits {
  const n = text.length;
  const unit = (i: number): number => (i < n ? simplifiedUnit(text.charCodeAt(i)) : 0);
  let b = 0;
  let next = unit(0);
  for (let from = 0; from + MIN_NAME <= n; from++) {
    const here = next;
    next = simplifiedUnit(text.charCodeAt(from + 1));
    while (b < blocked.length && blocked[b]!.end <= from) b++;
    if (b < blocked.length && blocked[b]!.start <= from) {
      from = blocked[b]!.end - 1;
      next = unit(from + 1);
      continue;
    }
    if (!isHanUnit(here) || !maySoundAlike(here, next, index.sounds)) continue;
    for (const nameIndex of soundsAlikeAt(unit, from, index.sounds, index.names)) {
      const name = index.names[nameIndex]!;
      const to = from + name.text.length;
      if (overlapsBlocked(blocked, from, to) || continuesLeft(text, from, blocked, index)) continue;
      const after = unit(to);
      if (isHanUnit(after) && index.transliteration[after] === 1 && !STOP_BEFORE.has(String.fromCharCode(after)))
        continue;
      const window = simplified(text.slice(from, to));
      if (index.exact.has(window)) continue;
      const candidate: NearMissCandidate = {
        name,
        edit: 'sounds-alike',
        written: window,
        meant: name.text,
        score: SCORE['sounds-alike'] + name.text.length / 100,
      };
      hits = addHit(hits, from, to, candidate);
    }
  }
  return hits;
}

/** The line's items, made field by field (a spread of objects of several shapes deoptimised the scan). */
function lineItems(nearMisses: readonly ChineseNearMiss[], unknown: readonly UnknownDrugWord[]): LineItem[] {
  const out: LineItem[] = [];
  for (const miss of nearMisses)
    out.push({ kind: 'miss', span: miss.span, text: miss.text, candidates: miss.candidates });
  for (const word of unknown)
    out.push({ kind: 'unknown', span: word.span, text: word.text, stem: word.stem, rendering: word.rendering });
  return out;
}

/**
 * Whether text[from, to) (simplified) is exactly one substitution, one dropped or one added character away from
 * `name`, compared unit by unit (the cheap test before any string is made).
 */
function oneEditApart(text: string, from: number, to: number, name: string): boolean {
  const length = to - from;
  const L = name.length;
  if (length === L) {
    let differences = 0;
    for (let k = 0; k < L; k++)
      if (simplifiedUnit(text.charCodeAt(from + k)) !== name.charCodeAt(k) && ++differences > 1) return false;
    return differences === 1;
  }
  if (length === L + 1) {
    // One character added: skip one unit of the text.
    let k = 0;
    while (k < L && simplifiedUnit(text.charCodeAt(from + k)) === name.charCodeAt(k)) k++;
    for (let j = k; j < L; j++) if (simplifiedUnit(text.charCodeAt(from + j + 1)) !== name.charCodeAt(j)) return false;
    return true;
  }
  if (length === L - 1) {
    // One character dropped: skip one unit of the name.
    let k = 0;
    while (k < length && simplifiedUnit(text.charCodeAt(from + k)) === name.charCodeAt(k)) k++;
    for (let j = k; j < length; j++)
      if (simplifiedUnit(text.charCodeAt(from + j)) !== name.charCodeAt(j + 1)) return false;
    return true;
  }
  return false;
}

function evaluate(
  text: string,
  from: number,
  to: number,
  name: NameEntry,
  blocked: readonly Span[],
  index: ChineseIndex,
): NearMissCandidate | undefined {
  let window = '';
  for (let k = from; k < to; k++) {
    const code = text.charCodeAt(k);
    if (!isHanUnit(code)) return undefined;
    window += String.fromCharCode(simplifiedUnit(code));
  }
  if (index.exact.has(window) || !onlyContainsShortBlocks(blocked, from, to)) return undefined;
  if (continuesLeft(text, from, blocked, index)) return undefined;
  const compared = compareWithName(window, name.text);
  if (!compared || (name.phrase && !isCharRelation(compared.edit))) return undefined;
  return { name, ...compared, score: SCORE[compared.edit] + name.text.length / 100 };
}

/**
 * Whether the character before a window carries the word on (a transliteration character of known names, no
 * word boundary between): the window is then the tail of a longer name — 曲妥珠单抗 is not 托珠单抗 misspelt, 卡博替尼
 * not 博舒替尼 with a character dropped. Where a word ends before a name (接受卡菲佐米) the scan starts at the name.
 */
function continuesLeft(text: string, from: number, blocked: readonly Span[], index: ChineseIndex): boolean {
  if (from === 0) return false;
  const before = simplifiedUnit(text.charCodeAt(from - 1));
  return (
    isHanUnit(before) &&
    index.transliteration[before] === 1 &&
    !STOP_BEFORE.has(String.fromCharCode(before)) &&
    !overlapsBlocked(blocked, from - 1, from)
  );
}

function isCharRelation(edit: Edit): boolean {
  return edit === 'homophone' || edit === 'near-homophone' || edit === 'glyph';
}

/** The best reading of overlapping windows: highest score, then the longer, then the earlier. */
function pickNearMisses(text: string, hits: { span: Span; candidates: NearMissCandidate[] }[]): ChineseNearMiss[] {
  const ranked = hits.map((hit) => {
    const byReplacement = new Map<string, NearMissCandidate>();
    for (const candidate of hit.candidates.sort(
      (x, y) => y.score - x.score || x.name.replacement.localeCompare(y.name.replacement),
    )) {
      if (!byReplacement.has(candidate.name.replacement)) byReplacement.set(candidate.name.replacement, candidate);
    }
    return { span: hit.span, candidates: [...byReplacement.values()].slice(0, 3) };
  });
  ranked.sort(
    (x, y) =>
      y.candidates[0]!.score - x.candidates[0]!.score ||
      y.span.end - y.span.start - (x.span.end - x.span.start) ||
      x.span.start - y.span.start,
  );
  const chosen: ChineseNearMiss[] = [];
  for (const hit of ranked) {
    if (chosen.some((other) => other.span.start < hit.span.end && hit.span.start < other.span.end)) continue;
    chosen.push({ span: hit.span, text: own(text.slice(hit.span.start, hit.span.end)), candidates: hit.candidates });
  }
  return chosen.sort((x, y) => x.span.start - y.span.start);
}

function unknownWords(
  text: string,
  hits: { start: number; end: number; entry: { text: string; stem: StemEntry } }[],
  blocked: readonly Span[],
  nearMisses: readonly ChineseNearMiss[],
  index: ChineseIndex,
): UnknownDrugWord[] {
  // The longest rendering ending at a place (珠单抗 over 单抗).
  const byEnd = new Map<number, (typeof hits)[number]>();
  for (const hit of hits) {
    const other = byEnd.get(hit.end);
    if (!other || hit.entry.text.length > other.entry.text.length) byEnd.set(hit.end, hit);
  }
  const out: UnknownDrugWord[] = [];
  for (const hit of [...byEnd.values()].sort((x, y) => x.start - y.start)) {
    const next = hit.end < text.length ? String.fromCharCode(simplifiedUnit(text.charCodeAt(hit.end))) : '';
    if (next && ORDINARY_AFTER.has(hit.entry.text.slice(-1) + next)) continue;
    // The word reaches left over transliteration characters (those of known drug names), and over one other
    // character at its start only where a word boundary is sure before it (使用泛柔比星: 用 ends the verb);
    // 甲磺酸奥希替尼 is 奥希替尼 to it, 考虑… never joins the name.
    let start = hit.start;
    const usable = (at: number): number => {
      if (at < 0) return 0;
      const code = simplifiedUnit(text.charCodeAt(at));
      return !isHanUnit(code) || overlapsBlocked(blocked, at, at + 1) ? 0 : code;
    };
    while (
      hit.start - start < 4 &&
      usable(start - 1) &&
      index.transliteration[usable(start - 1)] &&
      !STOP_BEFORE.has(String.fromCharCode(usable(start - 1)))
    )
      start--;
    const other = usable(start - 1);
    if (start < hit.start && hit.start - start < 4 && other && !STOP_BEFORE.has(String.fromCharCode(other))) {
      const before = usable(start - 2);
      if (!before || STOP_BEFORE.has(String.fromCharCode(before))) start--;
    }
    if (start === hit.start) continue;
    if (index.exact.has(simplified(text.slice(start, hit.end))) || insideKnownName(text, start, hit.end, index))
      continue;
    if (nearMisses.some((miss) => miss.span.start < hit.end && start < miss.span.end)) continue;
    if (out.some((word) => word.span.start < hit.end && start < word.span.end)) continue;
    out.push({
      span: { start, end: hit.end },
      text: own(text.slice(start, hit.end)),
      stem: hit.entry.stem,
      rendering: hit.entry.text,
    });
  }
  return out;
}

/**
 * Whether [from, to) lies inside a longer known name written in the text: 奥司他 (a -stat rendering) in 奥司他韦,
 * 来昔替尼 in 氘可来昔替尼. Asked only of the few unknown drug-like words of a line.
 */
function insideKnownName(text: string, from: number, to: number, index: ChineseIndex): boolean {
  const longest = index.longestExact;
  for (let start = Math.max(0, to - longest); start <= from; start++)
    for (let end = Math.max(to, start + MIN_NAME); end <= Math.min(text.length, start + longest); end++)
      if ((start < from || end > to) && index.exact.has(simplified(text.slice(start, end)))) return true;
  return false;
}

/**
 * Whether the recognised terms (and skipped regions) that meet [from, to) lie inside it and are at least two
 * characters shorter: 达妥木单抗 may hold the recognised 单抗, but no window cuts a term or is one.
 */
function onlyContainsShortBlocks(blocked: readonly Span[], from: number, to: number): boolean {
  for (let k = firstEndingAfter(blocked, from); k < blocked.length && blocked[k]!.start < to; k++) {
    const span = blocked[k]!;
    if (span.start < from || span.end > to || span.end - span.start > to - from - 2) return false;
  }
  return true;
}

function overlapsBlocked(blocked: readonly Span[], from: number, to: number): boolean {
  const first = firstEndingAfter(blocked, from);
  return first < blocked.length && blocked[first]!.start < to;
}

/** The index of the first of the sorted, non-overlapping spans that ends after `from` (binary search). */
function firstEndingAfter(blocked: readonly Span[], from: number): number {
  return firstIndexWhere(blocked.length, (k) => blocked[k]!.end > from);
}

function sortedByStart(spans: readonly Span[]): boolean {
  for (let k = 1; k < spans.length; k++) if (spans[k]!.start < spans[k - 1]!.start) return false;
  return true;
}

/** The union of two span lists, spans that meet or overlap joined (one pass when both are sorted by start). */
function mergeSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  if (!sortedByStart(a) || !sortedByStart(b))
    return mergeSpans(
      [...a, ...b].sort((x, y) => x.start - y.start),
      [],
    );
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const span = j >= b.length || (i < a.length && a[i]!.start <= b[j]!.start) ? a[i++]! : b[j++]!;
    const last = out[out.length - 1];
    if (last && span.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else out.push(span);
  }
  return out;
}
