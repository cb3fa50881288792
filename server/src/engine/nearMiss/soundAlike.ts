import { charRelation, fuzzySyllable, readings } from './similarity';

/**
 * Names written by ear: a run of characters that reads like a known name, syllable by syllable, with two or more
 * characters other than the name's (梅斯纳 for 美司钠: méi sī nà). The commonest real slip of a transliterated name,
 * and one the one-edit comparison of chinese.ts cannot see: no pair of the name's characters is in the text.
 *
 * Indexed by sound, never a scan of every name: each name of three to eight characters is filed under the folded
 * syllables (z/zh, c/ch, s/sh, l/n, f/h, -n/-ng merged) of its first two characters, every reading of each; a place in
 * the text looks up the folded syllables of its own first two characters (one bit-table test, then one map look-up)
 * and compares only the names filed there, character by character: the same character, or one read alike
 * (similarity.ts). chinese.ts decides whether such a window is a word (boundaries, known words, recognised terms).
 */

const MIN_LENGTH = 3;
const MAX_LENGTH = 8;
const PAIR_BITS = 1 << 20;

export interface SoundIndex {
  /** Name indexes (into the list the index was made from) by the folded syllables of their first two characters. */
  readonly byPair: ReadonlyMap<number, readonly number[]>;
  readonly pairBits: Uint32Array;
}

const syllableIds = new Map<string, number>();
/** By code unit (a dense array, not a map: the scan asks at every character of a line). */
const idsOfUnit: (readonly number[] | undefined)[] = new Array<readonly number[] | undefined>(0x10000).fill(undefined);
const NONE: readonly number[] = [];

/** The folded syllables of a character (its code unit), as small numbers: [] for a character without a reading. */
function foldedIds(unit: number): readonly number[] {
  if (unit < 0x3400 || unit > 0x9fff) return NONE;
  let ids = idsOfUnit[unit];
  if (!ids) {
    const list: number[] = [];
    for (const reading of readings(String.fromCharCode(unit))) {
      const folded = fuzzySyllable(reading);
      let id = syllableIds.get(folded);
      if (id === undefined) syllableIds.set(folded, (id = syllableIds.size + 1));
      if (!list.includes(id)) list.push(id);
    }
    ids = list.length > 0 ? list : NONE;
    idsOfUnit[unit] = ids;
  }
  return ids;
}

/** By code unit: 0 not yet known, -1 no reading, -2 several folded syllables, else the one syllable's id. */
const single = new Int32Array(0x10000);

function singleId(unit: number): number {
  let id = single[unit]!;
  if (id === 0) {
    const ids = foldedIds(unit);
    id = ids.length === 0 ? -1 : ids.length === 1 ? ids[0]! : -2;
    single[unit] = id;
  }
  return id;
}

/**
 * The cheap test before soundsAlikeAt, asked at every character of a line: whether a name can start with these two
 * characters by sound (one table look-up each and one bit; for a character of several readings, one bit each).
 */
export function maySoundAlike(first: number, second: number, index: SoundIndex): boolean {
  const a = singleId(first);
  if (a === -1) return false;
  const b = singleId(second);
  if (b === -1) return false;
  if (a > 0 && b > 0) return hasPair(index, a, b);
  // A character of several readings: each combination.
  for (const x of foldedIds(first)) for (const y of foldedIds(second)) if (hasPair(index, x, y)) return true;
  return false;
}

function hasPair(index: SoundIndex, a: number, b: number): boolean {
  const hash = bit(pairKey(a, b));
  return (index.pairBits[hash >>> 5]! & (1 << (hash & 31))) !== 0;
}

function pairKey(a: number, b: number): number {
  return a * 4096 + b;
}

function bit(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 12;
}

/** The sound index of names (their text in simplified script); class names (phrases) are left out. */
export function soundIndex(names: readonly { readonly text: string; readonly phrase: boolean }[]): SoundIndex {
  const byPair = new Map<number, number[]>();
  const pairBits = new Uint32Array(PAIR_BITS / 32);
  names.forEach((name, nameIndex) => {
    if (name.phrase || name.text.length < MIN_LENGTH || name.text.length > MAX_LENGTH) return;
    for (const a of foldedIds(name.text.charCodeAt(0)))
      for (const b of foldedIds(name.text.charCodeAt(1))) {
        const key = pairKey(a, b);
        const list = byPair.get(key);
        if (list) {
          if (!list.includes(nameIndex)) list.push(nameIndex);
        } else byPair.set(key, [nameIndex]);
        pairBits[bit(key) >>> 5]! |= 1 << (bit(key) & 31);
      }
  });
  return { byPair, pairBits };
}

/**
 * The names that text[from, from + name length) reads like, with at least two characters other than the name's.
 * `unit(i)` is the simplified code unit at i (0 past the end).
 */
export function soundsAlikeAt(
  unit: (i: number) => number,
  from: number,
  index: SoundIndex,
  names: readonly { readonly text: string }[],
): readonly number[] {
  const first = unit(from);
  const second = unit(from + 1);
  const a = singleId(first);
  const b = singleId(second);
  if (a === -1 || b === -1) return NONE;
  let out: number[] | undefined; // made on the first name found: at almost every place there is none
  const tryBucket = (x: number, y: number): void => {
    if (!hasPair(index, x, y)) return;
    for (const nameIndex of index.byPair.get(pairKey(x, y)) ?? NONE)
      if (!out?.includes(nameIndex) && readsLike(unit, from, names[nameIndex]!.text)) (out ??= []).push(nameIndex);
  };
  if (a > 0 && b > 0) tryBucket(a, b);
  else for (const x of foldedIds(first)) for (const y of foldedIds(second)) tryBucket(x, y);
  return out ?? NONE;
}

/** Every character the name's or read alike (homophone or near homophone), and two or more of them others. */
function readsLike(unit: (i: number) => number, from: number, name: string): boolean {
  let others = 0;
  for (let k = 0; k < name.length; k++) {
    const written = unit(from + k);
    const meant = name.charCodeAt(k);
    if (written === meant) continue;
    if (written === 0) return false;
    // One folded syllable each (most characters): the same syllable is exactly "read alike".
    const a = singleId(written);
    const b = singleId(meant);
    if (a === -1 || b === -1) return false;
    if (a > 0 && b > 0) {
      if (a !== b) return false;
    } else {
      const relation = charRelation(String.fromCharCode(written), String.fromCharCode(meant));
      if (relation !== 'homophone' && relation !== 'near-homophone') return false;
    }
    others++;
  }
  return others >= 2;
}
