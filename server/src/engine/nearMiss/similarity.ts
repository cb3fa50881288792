import { pinyin } from 'pinyin-pro';
import { GLYPH_GROUPS } from './glyphs.generated';

/**
 * How two characters can be confused: the same toneless syllable (莎/沙 shā), a syllable that differs only
 * by the initials and finals speakers of many regions merge (z/zh, c/ch, s/sh, l/n, f/h; -n/-ng), or a
 * similar glyph (pycorrector's confusion set, glyphs.generated.ts).
 */
export type CharRelation = 'homophone' | 'near-homophone' | 'glyph';

const readingCache = new Map<string, readonly string[]>();

/** Every toneless reading of a character (polyphones have several: 莎 sha, suo). */
export function readings(character: string): readonly string[] {
  let found = readingCache.get(character);
  if (!found) {
    found = [...new Set(pinyin(character, { toneType: 'none', type: 'array', multiple: true, v: true }).map((syllable) => syllable.toLowerCase()))].filter((syllable) => /^[a-z]+$/.test(syllable));
    readingCache.set(character, found);
  }
  return found;
}

/** The first toned reading, for messages (shā). */
export function tonedReading(character: string): string {
  return pinyin(character, { type: 'array' })[0] ?? '';
}

/** A syllable with the merged distinctions folded: zh→z, ch→c, sh→s, n→l, h→f (initials); ang→an, eng→en, ing→in. */
export function fuzzySyllable(syllable: string): string {
  let out = syllable.replace(/^([zcs])h/, '$1').replace(/^n(?=[^g]|$)/, 'l').replace(/^h/, 'f');
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
  for (const index of glyphGroups().get(character) ?? []) for (const other of groups[index]!) if (other !== character) out.add(other);
  return [...out];
}

/** How `written` relates to `meant`, or undefined when they are not confusable by sound or shape. */
export function charRelation(written: string, meant: string): CharRelation | undefined {
  const a = readings(written);
  const b = readings(meant);
  if (a.some((syllable) => b.includes(syllable))) return 'homophone';
  const fuzzyB = b.map(fuzzySyllable);
  if (a.some((syllable) => fuzzyB.includes(fuzzySyllable(syllable)))) return 'near-homophone';
  if (glyphSimilar(written, meant)) return 'glyph';
  return undefined;
}
