import type { DictionaryProblem } from '../../types';
import type { ConceptIndex } from './conceptIndex';
import type { Slots } from './slots';
import { multimapPush } from '../../collections';

export function componentKey(ids: Iterable<string>): string {
  return [...new Set(ids)].sort().join('+');
}

/** The reverse indexes of references between concepts. */
export interface ReferenceIndexes {
  /** regimen ids by their sorted component ids joined with "+" */
  readonly regimensByComponents: Map<string, string[]>;
  /** regimen ids each drug belongs to */
  readonly regimensOf: Map<string, string[]>;
  /** concept ids that list this concept as a class or target */
  readonly membersOf: Map<string, string[]>;
}

/**
 * Phase 3: references to other concepts (an unknown id is a problem), and the reverse indexes (regimens of
 * a drug, members of a class): every extra concept, and the entries flagged as referring to others (the rest
 * of a packed layer need not be parsed).
 */
export function indexReferences(slots: Slots, concepts: ConceptIndex, problems: DictionaryProblem[]): ReferenceIndexes {
  const indexes: ReferenceIndexes = { regimensByComponents: new Map(), regimensOf: new Map(), membersOf: new Map() };
  for (let slot = 0; slot < slots.count; slot++) {
    const layer = slots.layerAt(slot);
    if (layer && !layer.hasReferences(slots.entryAt(slot))) continue;
    const concept = concepts.conceptAt(slot);
    const references: [string, readonly string[]][] = [
      ['classes', concept.classes],
      ['targets', concept.targets],
      ['components', concept.components],
      ['confusableWith', concept.confusableWith.flatMap((c) => [c.id, ...c.context])],
    ];
    for (const [field, ids] of references) {
      for (const id of ids) {
        if (!concepts.has(id)) {
          problems.push({
            source: concept.origin.source,
            path: `entries(id=${concept.id}).${field}`,
            message: `unknown concept id "${id}"`,
            severity: 'warning',
          });
        }
      }
    }
    if (concept.category === 'regimen' && concept.components.length > 0) {
      multimapPush(indexes.regimensByComponents, componentKey(concept.components), concept.id);
      for (const component of new Set(concept.components)) multimapPush(indexes.regimensOf, component, concept.id);
    }
    for (const parent of [...concept.classes, ...concept.targets]) multimapPush(indexes.membersOf, parent, concept.id);
  }
  return indexes;
}
