import type { Concept } from '../types';

/** The raw shape after schema validation (schema-guaranteed fields only). */
export type RawEntry = {
  id: string;
  category: Concept['category'];
  zh?: string;
  zhNote?: Concept['zhNote'];
  en: string;
  abbreviations?: string[];
  accepted?: Concept['accepted'];
  variants?: Concept['variants'];
  confusableWith?: Concept['confusableWith'];
  classes?: string[];
  targets?: string[];
  components?: string[];
  description?: Concept['description'];
  mechanism?: Concept['mechanism'];
  route?: string[];
  milestones?: Concept['milestones'];
  corrections?: Concept['corrections'];
  cite: Concept['cite'];
  examples?: Concept['examples'];
};

/** One shared empty list for the many absent fields (a dictionary of 100,000 rules would otherwise hold a million empty arrays). */
const NONE: readonly never[] = Object.freeze([]);

export function toConcept(entry: RawEntry, origin: Concept['origin']): Concept {
  // The concept object is frozen; what it holds is typed read-only. Walking every nested object to freeze
  // it too cost a tenth of loading a 100,000-rule file.
  return Object.freeze({
    id: entry.id,
    category: entry.category,
    zh: entry.zh,
    zhNote: entry.zhNote,
    en: entry.en,
    abbreviations: entry.abbreviations ?? NONE,
    accepted: entry.accepted ?? NONE,
    variants: entry.variants ?? NONE,
    confusableWith: entry.confusableWith ?? NONE,
    classes: entry.classes ?? NONE,
    targets: entry.targets ?? NONE,
    components: entry.components ?? NONE,
    description: entry.description,
    mechanism: entry.mechanism,
    route: entry.route ?? NONE,
    milestones: entry.milestones ?? NONE,
    corrections: entry.corrections ?? NONE,
    cite: entry.cite,
    examples: entry.examples ?? NONE,
    origin,
  });
}
