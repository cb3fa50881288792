import { Matcher } from '../matcher';
import { normaliseSurface } from '../text/matchText';
import type { Concept, DictionaryProblem, LayerKind, Surface } from '../types';
import type { ParsedLayerFile } from './parse';

/** A merged, ready-to-use dictionary: concepts by id, every surface form, and the matcher over them. */
export interface Dictionary {
  readonly concepts: ReadonlyMap<string, Concept>;
  readonly surfaces: readonly Surface[];
  readonly matcher: Matcher;
  readonly problems: readonly DictionaryProblem[];
  /** regimen ids by their sorted component ids joined with "+" */
  readonly regimensByComponents: ReadonlyMap<string, readonly string[]>;
  /** regimen ids each drug belongs to */
  readonly regimensOf: ReadonlyMap<string, readonly string[]>;
  /** concept ids that list this concept as a class or target (reverse index for hovers) */
  readonly membersOf: ReadonlyMap<string, readonly string[]>;
}

const LAYER_RANK: Record<LayerKind, number> = { builtin: 0, user: 1, workspace: 2 };

/** Accepted kinds that are abbreviations: matched case-sensitively and must be defined before use. */
export function isAbbreviationSurface(surface: Surface): boolean {
  return surface.role === 'abbreviation' || surface.accepted?.kind === 'abbreviation' || surface.accepted?.kind === 'informal-abbreviation';
}

export function componentKey(ids: Iterable<string>): string {
  return [...new Set(ids)].sort().join('+');
}

/**
 * Merge layers (built-in < user < workspace: a concept with the same id in a later layer replaces
 * the earlier one), derive every surface, check references and collisions, and build the matcher.
 */
export function buildDictionary(files: readonly ParsedLayerFile[]): Dictionary {
  const problems: DictionaryProblem[] = [];
  for (const file of files) problems.push(...file.problems);
  const ordered = [...files].sort((a, b) => LAYER_RANK[a.layer] - LAYER_RANK[b.layer]);
  const concepts = new Map<string, Concept>();
  for (const file of ordered) {
    const seenInFile = new Set<string>();
    file.concepts.forEach((concept) => {
      if (seenInFile.has(concept.id)) {
        problems.push({ source: file.source, path: `entries(id=${concept.id})`, message: `duplicate id "${concept.id}" in this file; the later entry is ignored`, severity: 'error' });
        return;
      }
      seenInFile.add(concept.id);
      concepts.set(concept.id, concept);
    });
  }

  // References to other concepts.
  for (const concept of concepts.values()) {
    const references: [string, readonly string[]][] = [
      ['classes', concept.classes],
      ['targets', concept.targets],
      ['components', concept.components],
      ['confusableWith', concept.confusableWith.flatMap((c) => [c.id, ...c.context])],
    ];
    for (const [field, ids] of references) {
      for (const id of ids) {
        if (!concepts.has(id)) {
          problems.push({ source: concept.origin.source, path: `entries(id=${concept.id}).${field}`, message: `unknown concept id "${id}"`, severity: 'warning' });
        }
      }
    }
  }

  // Surfaces; a variant that is another concept's accepted form is a data error and is dropped.
  const surfaces: Surface[] = [];
  const owners = new Map<string, { conceptId: string; role: Surface['role']; caseSensitive: boolean }>();
  const acceptedKeys = new Map<string, string>();
  const keyOf = (text: string, caseSensitive: boolean): string => {
    const key = normaliseSurface(text);
    return caseSensitive ? `=${key.exact}` : `~${key.folded}`;
  };
  const candidate: Surface[] = [];
  for (const concept of concepts.values()) {
    const own = new Set<string>();
    const add = (surface: Surface): void => {
      const key = keyOf(surface.text, surface.caseSensitive);
      if (own.has(key)) return;
      own.add(key);
      candidate.push(surface);
      if (surface.role !== 'variant') acceptedKeys.set(normaliseSurface(surface.text).folded, concept.id);
    };
    const base = { conceptId: concept.id } as const;
    if (concept.zh && concept.category !== 'regimen') add({ ...base, text: concept.zh, role: 'standard', caseSensitive: false });
    if (concept.category !== 'regimen') add({ ...base, text: concept.en, role: 'english', caseSensitive: false });
    for (const abbreviation of concept.abbreviations) add({ ...base, text: abbreviation, role: 'abbreviation', caseSensitive: true });
    for (const accepted of concept.accepted) {
      const caseSensitive = accepted.kind === 'abbreviation' || accepted.kind === 'informal-abbreviation';
      add({ ...base, text: accepted.text, role: 'accepted', caseSensitive, accepted });
    }
    for (const variant of concept.variants) add({ ...base, text: variant.text, role: 'variant', caseSensitive: variant.kind === 'letter-case', variant });
  }
  for (const surface of candidate) {
    const folded = normaliseSurface(surface.text).folded;
    if (surface.role === 'variant') {
      const other = acceptedKeys.get(folded);
      if (other !== undefined && other !== surface.conceptId && !surface.caseSensitive) {
        problems.push({ source: concepts.get(surface.conceptId)?.origin.source ?? '', path: `entries(id=${surface.conceptId}).variants`, message: `variant "${surface.text}" is an accepted name of "${other}"; the variant is ignored`, severity: 'error' });
        continue;
      }
    }
    const key = keyOf(surface.text, surface.caseSensitive);
    const owner = owners.get(key);
    if (owner && owner.conceptId !== surface.conceptId) {
      problems.push({ source: concepts.get(surface.conceptId)?.origin.source ?? '', path: `entries(id=${surface.conceptId})`, message: `"${surface.text}" is also a name of "${owner.conceptId}"; the first definition is used`, severity: 'warning' });
      continue;
    }
    owners.set(key, { conceptId: surface.conceptId, role: surface.role, caseSensitive: surface.caseSensitive });
    surfaces.push(Object.freeze(surface));
  }

  const regimensByComponents = new Map<string, string[]>();
  const regimensOf = new Map<string, string[]>();
  const membersOf = new Map<string, string[]>();
  for (const concept of concepts.values()) {
    if (concept.category === 'regimen' && concept.components.length > 0) {
      const key = componentKey(concept.components);
      (regimensByComponents.get(key) ?? regimensByComponents.set(key, []).get(key)!).push(concept.id);
      for (const component of new Set(concept.components)) (regimensOf.get(component) ?? regimensOf.set(component, []).get(component)!).push(concept.id);
    }
    for (const parent of [...concept.classes, ...concept.targets]) (membersOf.get(parent) ?? membersOf.set(parent, []).get(parent)!).push(concept.id);
  }

  return Object.freeze({ concepts, surfaces, matcher: new Matcher(surfaces), problems, regimensByComponents, regimensOf, membersOf });
}
