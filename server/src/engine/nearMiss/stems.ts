import type { Bilingual } from '../types';
import { STEMS, KNOWN_DRUG_NAMES } from './stems.generated';

/** One INN stem of data/stems.yaml (generated into stems.generated.ts). */
export interface StemEntry {
  readonly stem: string;
  /** Where the stem's letters stand in a word of an English name: exactly one is set. */
  readonly suffix?: string;
  readonly prefix?: string;
  readonly infix?: string;
  /** Its Chinese renderings (单抗, 佐米…). */
  readonly zh: readonly string[];
  readonly basis: 'who-stem' | 'naming-pattern';
  readonly meaning: Bilingual;
  /** Concept id of the drug class. */
  readonly class?: string;
}

export { STEMS, KNOWN_DRUG_NAMES };

/**
 * The most specific stems of one word of an English name: -tuximab, not also -ximab and -mab (a stem is
 * dropped when a matching stem of the same position contains it).
 */
export function stemsOfWord(word: string, stems: readonly StemEntry[] = STEMS): StemEntry[] {
  const lower = word.toLowerCase();
  const found = stems.filter((stem) => stemInWord(stem, lower));
  return found.filter((stem) => !found.some((other) => other !== stem && moreSpecific(other, stem)));
}

/** Whether a (lower-case) word has the stem where the stem stands: any, not only the most specific. */
export function stemInWord(stem: StemEntry, lower: string): boolean {
  if (stem.suffix !== undefined) return lower.endsWith(stem.suffix) && lower.length > stem.suffix.length;
  if (stem.prefix !== undefined) return lower.startsWith(stem.prefix) && lower.length > stem.prefix.length;
  return stem.infix !== undefined && lower.includes(stem.infix);
}

function moreSpecific(a: StemEntry, b: StemEntry): boolean {
  if (a.suffix !== undefined && b.suffix !== undefined)
    return a.suffix.length > b.suffix.length && a.suffix.endsWith(b.suffix);
  if (a.prefix !== undefined && b.prefix !== undefined)
    return a.prefix.length > b.prefix.length && a.prefix.startsWith(b.prefix);
  return false;
}

/** The stems of an English name, word by word (belantamab mafodotin → -tamab; zoledronic acid → -dronic acid). */
export function stemsOfName(english: string, stems: readonly StemEntry[] = STEMS): StemEntry[] {
  return english
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length > 0)
    .flatMap((word) => stemsOfWord(word, stems));
}
