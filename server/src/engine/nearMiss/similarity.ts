import { GLYPH_GROUPS } from './glyphs.generated';
import { READINGS, SYLLABLES } from './readings.generated';

/**
 * How two characters can be confused: the same toneless syllable (莎/沙 shā), a syllable that differs only
 * by the initials and finals speakers of many regions merge (z/zh, c/ch, s/sh, l/n, f/h; -n/-ng), or a
 * similar glyph (pycorrector's confusion set, glyphs.generated.ts). Readings come from readings.generated.ts
 * (pinyin-pro's, generated ahead of time: the library itself is not loaded by the CLI).
 */
export type CharRelation = 'homophone' | 'near-homophone' | 'glyph';

const FIRST = 0x4e00;
const LAST = 0x9fff;
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
let syllableList: string[] | undefined;
let offsets: Int32Array | undefined;

/** The readings of a character as syllable × 5 + tone (0 = neutral), from the generated table. */
function codedReadings(character: string): number[] {
  const code = character.charCodeAt(0);
  if (character.length !== 1 || code < FIRST || code > LAST) return [];
  if (!offsets) {
    offsets = new Int32Array(LAST - FIRST + 1);
    let at = 0;
    for (let k = 0; k <= LAST - FIRST; k++) {
      offsets[k] = at;
      at += 1 + 2 * (READINGS.charCodeAt(at) - 48);
    }
  }
  const at = offsets[code - FIRST]!;
  const count = READINGS.charCodeAt(at) - 48;
  const out: number[] = [];
  for (let k = 0; k < count; k++)
    out.push(DIGITS.indexOf(READINGS[at + 1 + 2 * k]!) * 64 + DIGITS.indexOf(READINGS[at + 2 + 2 * k]!));
  return out;
}

function syllable(index: number): string {
  syllableList ??= SYLLABLES.split(' ');
  return syllableList[index] ?? '';
}

const readingCache = new Map<string, readonly string[]>();

/** Every toneless reading of a character (polyphones have several: 莎 sha, suo); ü is written v. */
export function readings(character: string): readonly string[] {
  let found = readingCache.get(character);
  if (!found) {
    found = [...new Set(codedReadings(character).map((value) => syllable(Math.floor(value / 5))))];
    readingCache.set(character, found);
  }
  return found;
}

const MARKS: Record<string, string> = { a: 'āáǎà', e: 'ēéěè', i: 'īíǐì', o: 'ōóǒò', u: 'ūúǔù', ü: 'ǖǘǚǜ' };

/** The first reading with its tone mark, for messages (shā). */
export function tonedReading(character: string): string {
  const [value] = codedReadings(character);
  if (value === undefined) return '';
  const plain = syllable(Math.floor(value / 5)).replace(/v/g, 'ü');
  const tone = value % 5;
  if (tone === 0) return plain;
  // The mark goes on a or e, on the o of ou, else on the last vowel.
  const at = /[ae]/.test(plain)
    ? plain.search(/[ae]/)
    : plain.includes('ou')
      ? plain.indexOf('o')
      : Math.max(...[...'iouü'].map((vowel) => plain.lastIndexOf(vowel)));
  if (at < 0) return plain;
  return plain.slice(0, at) + MARKS[plain[at]!]![tone - 1]! + plain.slice(at + 1);
}

/** A syllable with the merged distinctions folded: zh→z, ch→c, sh→s, n→l, h→f (initials); ang→an, eng→en, ing→in. */
export function fuzzySyllable(syllable: string): string {
  let out = syllable
    .replace(/^([zcs])h/, '$1')
    .replace(/^n(?=[^g]|$)/, 'l')
    .replace(/^h/, 'f');
  out = out.replace(/([aei])ng$/, '$1n');
  return out;
}

let glyphGroupsOf: Map<string, number[]> | undefined;

function glyphGroups(): Map<string, number[]> {
  if (!glyphGroupsOf) {
    glyphGroupsOf = new Map();
    GLYPH_GROUPS.split('|').forEach((group, index) => {
      for (const character of group) {
        const list = glyphGroupsOf!.get(character) ?? [];
        list.push(index);
        glyphGroupsOf!.set(character, list);
      }
    });
  }
  return glyphGroupsOf;
}

export function glyphSimilar(a: string, b: string): boolean {
  const groupsOfA = glyphGroups().get(a);
  const groupsOfB = glyphGroups().get(b);
  return !!groupsOfA && !!groupsOfB && groupsOfA.some((group) => groupsOfB.includes(group));
}

/** Characters glyph-similar to `character` (for the evaluation's corruptions). */
export function glyphNeighbours(character: string): string[] {
  const groups = GLYPH_GROUPS.split('|');
  const out = new Set<string>();
  for (const index of glyphGroups().get(character) ?? [])
    for (const other of groups[index]!) if (other !== character) out.add(other);
  return [...out];
}

const relations = new Map<string, CharRelation | null>();

/** How `written` relates to `meant`, or undefined when they are not confusable by sound or shape. */
export function charRelation(written: string, meant: string): CharRelation | undefined {
  // A scan asks about the same few pairs again and again: each pair is worked out once.
  const key = `${written}\u0000${meant}`;
  let relation = relations.get(key);
  if (relation === undefined) {
    relation = relationOf(written, meant) ?? null;
    if (relations.size > 100_000) relations.clear();
    relations.set(key, relation);
  }
  return relation ?? undefined;
}

function relationOf(written: string, meant: string): CharRelation | undefined {
  const a = readings(written);
  const b = readings(meant);
  if (a.some((syllable) => b.includes(syllable))) return 'homophone';
  const fuzzyB = b.map(fuzzySyllable);
  if (a.some((syllable) => fuzzyB.includes(fuzzySyllable(syllable)))) return 'near-homophone';
  if (glyphSimilar(written, meant)) return 'glyph';
  return undefined;
}
