import { normaliseSurface } from '../../text/matchText';
import type { Concept, DictionaryProblem, LayerKind } from '../../types';
import { deepFreeze } from '../parse';
import type { PatternRule } from '../patterns';
import type { ConceptIndex } from './conceptIndex';
import { EXTRA, type Slots } from './slots';
import { multimapPush } from '../../collections';

/** What users' files add besides concepts. */
export interface UsersAdditions {
  /** Pattern rules from prh files, each resolved to a concept. */
  readonly patterns: (PatternRule & { conceptId: string })[];
  /** Folded texts accepted as they are. */
  readonly accepted: Set<string>;
}

/** A stable id for a concept that users' files name but no dictionary defines. */
function userConceptId(name: string): string {
  let hash = 5381;
  for (let i = 0; i < name.length; i++) hash = ((hash * 33) ^ name.charCodeAt(i)) >>> 0;
  return `user-${hash.toString(36)}`;
}

/** The concept a user's file names, with a concept id, a name (prh's "expected") or a text; made when unknown. */
class ConceptResolver {
  /** Concepts by name, built only when some file names a concept instead of giving its id (prh rules). */
  private names: Map<string, string> | undefined;

  constructor(
    private readonly slots: Slots,
    private readonly concepts: ConceptIndex,
  ) {}

  private byName(): Map<string, string> {
    if (!this.names) {
      this.names = new Map();
      for (const concept of this.concepts.values()) {
        for (const name of [concept.zh, concept.en, ...concept.accepted.map((accepted) => accepted.text)]) {
          if (name) this.names.set(normaliseSurface(name).folded, concept.id);
        }
      }
    }
    return this.names;
  }

  resolve(
    conceptId: string | undefined,
    name: string | undefined,
    display: string,
    origin: { layer: LayerKind; source: string },
  ): string | undefined {
    if (conceptId) return this.concepts.has(conceptId) ? conceptId : undefined;
    const known = name ? this.byName().get(normaliseSurface(name).folded) : undefined;
    if (known) return known;
    const id = userConceptId(display);
    if (!this.concepts.has(id)) {
      const han = /\p{Script=Han}/u.test(display);
      this.slots.setExtra(
        this.slots.newSlot(EXTRA, 0),
        deepFreeze({
          id,
          category: 'term',
          zh: han ? display : undefined,
          zhNote: han ? undefined : { zh: '用户规则', en: 'user rule' },
          en: display,
          abbreviations: [],
          accepted: [],
          variants: [],
          confusableWith: [],
          classes: [],
          targets: [],
          components: [],
          route: [],
          milestones: [],
          corrections: [],
          cite: [{ source: origin.source }],
          examples: [],
          origin,
        }),
      );
      if (name) this.byName().set(normaliseSurface(name).folded, id);
    }
    return id;
  }
}

/**
 * Phase 2: users' additions: variants for existing concepts (by id, or by name as prh's "expected" gives it),
 * pattern rules, and accepted texts. A concept that gains variants becomes an extra object.
 */
export function applyUsersAdditions(
  slots: Slots,
  concepts: ConceptIndex,
  problems: DictionaryProblem[],
): UsersAdditions {
  const resolver = new ConceptResolver(slots, concepts);
  const additions = new Map<string, Concept['variants'][number][]>();
  const patterns: (PatternRule & { conceptId: string })[] = [];
  const accepted = new Set<string>();
  for (const file of slots.files) {
    const origin = { layer: file.layer, source: file.source };
    for (const addition of file.variantAdditions ?? []) {
      const id = resolver.resolve(
        addition.conceptId || undefined,
        addition.conceptName,
        addition.conceptName ?? addition.variant.text,
        origin,
      );
      if (!id) {
        problems.push({
          source: file.source,
          path: 'variants',
          message: `unknown concept id "${addition.conceptId}" for variant "${addition.variant.text}"`,
          severity: 'error',
        });
        continue;
      }
      multimapPush(additions, id, addition.variant);
    }
    for (const rule of file.patterns ?? []) {
      const id = resolver.resolve(rule.conceptId, rule.conceptName, rule.conceptName ?? rule.pattern, origin);
      if (id) patterns.push({ ...rule, conceptId: id });
    }
    for (const text of file.accept ?? []) accepted.add(normaliseSurface(text).folded);
  }
  for (const [id, variants] of additions) {
    const slot = concepts.slotOf(id);
    const concept = concepts.conceptAt(slot);
    slots.setExtra(slot, deepFreeze({ ...concept, variants: [...concept.variants, ...variants] }));
  }
  if (accepted.size > 0) unpackAcceptedVariants(slots, accepted);
  return { patterns, accepted };
}

/**
 * An entry with a variant the workspace accepts changes its surfaces (layers store them as derived with no
 * accepted texts): it takes the object path, its surfaces derived again.
 */
function unpackAcceptedVariants(slots: Slots, accepted: ReadonlySet<string>): void {
  slots.layers.forEach((layer, f) => {
    for (let surface = 0; surface < layer.surfaceCount; surface++) {
      if (!layer.isVariant(surface) || !accepted.has(layer.folded(surface))) continue;
      const entry = layer.surfaceEntryOf(surface);
      const slot = slots.slotOfEntry[f]![entry]!;
      if (slots.contentFile.data[slot] === f && slots.entryAt(slot) === entry)
        slots.setExtra(slot, layer.concept(entry));
    }
  });
}
