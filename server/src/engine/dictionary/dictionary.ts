import { Matcher } from '../matcher';
import { normaliseSurface } from '../text/matchText';
import type { AcceptedName, Concept, DictionaryProblem, LayerKind, Surface, Variant } from '../types';
import { deepFreeze, type ParsedLayerFile } from './parse';
import type { PatternRule } from './patterns';

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
  /** Pattern rules from prh files, each resolved to a concept. */
  readonly patterns: readonly (PatternRule & { readonly conceptId: string })[];
  /** Folded texts accepted as they are in this workspace: no finding is reported on them. */
  readonly accepted: ReadonlySet<string>;
}

/** A stable id for a concept that users' files name but no dictionary defines. */
function userConceptId(name: string): string {
  let hash = 5381;
  for (let i = 0; i < name.length; i++) hash = ((hash * 33) ^ name.charCodeAt(i)) >>> 0;
  return `user-${hash.toString(36)}`;
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
    const seenInFile = new Set<Concept>();
    for (const concept of file.concepts) {
      const existing = concepts.get(concept.id);
      if (existing && seenInFile.has(existing)) {
        problems.push({ source: file.source, path: `entries(id=${concept.id})`, message: `duplicate id "${concept.id}" in this file; the later entry is ignored`, severity: 'error' });
        continue;
      }
      seenInFile.add(concept);
      concepts.set(concept.id, concept);
    }
  }

  // Users' additions: variants for existing concepts (by id, or by name as prh's "expected" gives it).
  // Concepts by name, built only when some file names a concept instead of giving its id (prh rules).
  let names: Map<string, string> | undefined;
  const byName = (): Map<string, string> => {
    if (!names) {
      names = new Map();
      for (const concept of concepts.values()) {
        for (const name of [concept.zh, concept.en, ...concept.accepted.map((accepted) => accepted.text)]) {
          if (name) names.set(normaliseSurface(name).folded, concept.id);
        }
      }
    }
    return names;
  };
  const resolve = (conceptId: string | undefined, name: string | undefined, display: string, origin: { layer: LayerKind; source: string }): string | undefined => {
    if (conceptId) return concepts.has(conceptId) ? conceptId : undefined;
    const known = name ? byName().get(normaliseSurface(name).folded) : undefined;
    if (known) return known;
    const id = userConceptId(display);
    if (!concepts.has(id)) {
      const han = /\p{Script=Han}/u.test(display);
      concepts.set(id, deepFreeze({ id, category: 'term', zh: han ? display : undefined, zhNote: han ? undefined : { zh: '用户规则', en: 'user rule' }, en: display, abbreviations: [], accepted: [], variants: [], confusableWith: [], classes: [], targets: [], components: [], route: [], milestones: [], corrections: [], cite: [{ source: origin.source }], examples: [], origin }));
      if (name) byName().set(normaliseSurface(name).folded, id);
    }
    return id;
  };
  const additions = new Map<string, Concept['variants'][number][]>();
  const patterns: (PatternRule & { conceptId: string })[] = [];
  const accepted = new Set<string>();
  for (const file of ordered) {
    for (const addition of file.variantAdditions ?? []) {
      const origin = { layer: file.layer, source: file.source };
      const id = resolve(addition.conceptId || undefined, addition.conceptName, addition.conceptName ?? addition.variant.text, origin);
      if (!id) {
        problems.push({ source: file.source, path: 'variants', message: `unknown concept id "${addition.conceptId}" for variant "${addition.variant.text}"`, severity: 'error' });
        continue;
      }
      (additions.get(id) ?? additions.set(id, []).get(id)!).push(addition.variant);
    }
    for (const rule of file.patterns ?? []) {
      const id = resolve(rule.conceptId, rule.conceptName, rule.conceptName ?? rule.pattern, { layer: file.layer, source: file.source });
      if (id) patterns.push({ ...rule, conceptId: id });
    }
    for (const text of file.accept ?? []) accepted.add(normaliseSurface(text).folded);
  }
  for (const [id, variants] of additions) {
    const concept = concepts.get(id)!;
    concepts.set(id, deepFreeze({ ...concept, variants: [...concept.variants, ...variants] }));
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
  // Built as object literals of one shape (no spreads, no freezing): a dictionary of 100,000 rules makes
  // hundreds of thousands of them, and spreads of mixed shapes were most of its load time.
  const makeSurface = (conceptId: string, text: string, role: Surface['role'], caseSensitive: boolean, variant: Variant | undefined, acceptedName: AcceptedName | undefined): Surface => {
    const key = normaliseSurface(text);
    return { text, key: key.folded, exactKey: key.exact, conceptId, role, caseSensitive, accepted: acceptedName, variant };
  };
  // A surface's identity: its folded key, or its exact key when it is case-sensitive. Two maps instead of
  // one map of prefixed strings: no string is made per surface, and each key string hashes once.
  const sameForm = (a: Surface, b: Surface): boolean => a.caseSensitive === b.caseSensitive && (a.caseSensitive ? a.exactKey === b.exactKey : a.key === b.key);
  const candidate: Surface[] = [];
  const acceptedKeys = new Map<string, string>();
  for (const concept of concepts.values()) {
    const first = candidate.length;
    const add = (surface: Surface): void => {
      for (let i = first; i < candidate.length; i++) if (sameForm(candidate[i]!, surface)) return;
      candidate.push(surface);
      if (surface.role !== 'variant') acceptedKeys.set(surface.key!, concept.id);
    };
    const id = concept.id;
    if (concept.zh && concept.category !== 'regimen') add(makeSurface(id, concept.zh, 'standard', false, undefined, undefined));
    if (concept.category !== 'regimen') add(makeSurface(id, concept.en, 'english', false, undefined, undefined));
    for (const abbreviation of concept.abbreviations) add(makeSurface(id, abbreviation, 'abbreviation', true, undefined, undefined));
    // Variants before accepted names: a workspace may declare one of its concept's own synonyms non-standard.
    for (const variant of concept.variants) {
      // A variant the workspace accepts is still recognised (hover), but as an accepted form.
      if (accepted.size > 0 && accepted.has(normaliseSurface(variant.text).folded)) add(makeSurface(id, variant.text, 'accepted', false, undefined, { text: variant.text, kind: 'related' }));
      else add(makeSurface(id, variant.text, 'variant', variant.kind === 'letter-case', variant, undefined));
    }
    for (const acceptedName of concept.accepted) {
      const caseSensitive = acceptedName.kind === 'abbreviation' || acceptedName.kind === 'informal-abbreviation';
      add(makeSurface(id, acceptedName.text, 'accepted', caseSensitive, undefined, acceptedName));
    }
  }
  const surfaces: Surface[] = [];
  const ownerByKey = new Map<string, string>();
  const ownerByExactKey = new Map<string, string>();
  for (const surface of candidate) {
    if (surface.role === 'variant') {
      const other = acceptedKeys.get(surface.key!);
      if (other !== undefined && other !== surface.conceptId && !surface.caseSensitive) {
        problems.push({ source: concepts.get(surface.conceptId)?.origin.source ?? '', path: `entries(id=${surface.conceptId}).variants`, message: `variant "${surface.text}" is an accepted name of "${other}"; the variant is ignored`, severity: 'error' });
        continue;
      }
    }
    const owners = surface.caseSensitive ? ownerByExactKey : ownerByKey;
    const key = surface.caseSensitive ? surface.exactKey! : surface.key!;
    const owner = owners.get(key);
    if (owner !== undefined && owner !== surface.conceptId) {
      problems.push({ source: concepts.get(surface.conceptId)?.origin.source ?? '', path: `entries(id=${surface.conceptId})`, message: `"${surface.text}" is also a name of "${owner}"; the first definition is used`, severity: 'warning' });
      continue;
    }
    owners.set(key, surface.conceptId);
    surfaces.push(surface);
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

  return Object.freeze({ concepts, surfaces, matcher: new Matcher(surfaces), problems, regimensByComponents, regimensOf, membersOf, patterns, accepted });
}
