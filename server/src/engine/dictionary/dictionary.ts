import { Matcher } from '../matcher';
import type { DictionaryProblem, LayerKind, Surface } from '../types';
import { ConceptIndex } from './build/conceptIndex';
import { mergeSlots } from './build/mergeSlots';
import { indexReferences } from './build/references';
import { SharedKeys } from './build/sharedKeys';
import { buildSurfaceTable, type CandidateTable } from './build/surfaceTable';
import { applyUsersAdditions } from './build/usersAdditions';
import type { ParsedLayerFile } from './parse';
import type { PatternRule } from './patterns';

export { componentKey } from './build/references';
export type { ConceptIndex } from './build/conceptIndex';

/** A merged, ready-to-use dictionary: concepts by id, every surface form, and the matcher over them. */
export interface Dictionary {
  readonly concepts: ConceptIndex;
  /** Every surface form, as objects (for tests and tools: with a large packed layer this makes them all). */
  surfaceList(): Surface[];
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

const LAYER_RANK: Record<LayerKind, number> = { builtin: 0, user: 1, workspace: 2 };

/** Accepted kinds that are abbreviations: matched case-sensitively and must be defined before use. */
export function isAbbreviationSurface(surface: Surface): boolean {
  return (
    surface.role === 'abbreviation' ||
    surface.accepted?.kind === 'abbreviation' ||
    surface.accepted?.kind === 'informal-abbreviation'
  );
}

/**
 * Merge layers (built-in < user < workspace: a concept with the same id in a later layer replaces
 * the earlier one), derive every surface, check references and collisions, and build the matcher.
 * Packed layers (large files) take part without becoming objects: only entries that refer to other
 * concepts, that users' files change, or that a collision names are parsed. Each phase is in build/.
 */
export function buildDictionary(files: readonly ParsedLayerFile[]): Dictionary {
  const problems: DictionaryProblem[] = files.flatMap((file) => file.problems);
  const ordered = [...files].sort((a, b) => LAYER_RANK[a.layer] - LAYER_RANK[b.layer]);
  const slots = mergeSlots(ordered, problems);
  const concepts = new ConceptIndex(slots);
  const { patterns, accepted } = applyUsersAdditions(slots, concepts, problems);
  const { regimensByComponents, regimensOf, membersOf } = indexReferences(slots, concepts, problems);
  const table = buildSurfaceTable(slots, concepts, accepted);
  const sharedKeys = new SharedKeys(table, concepts);
  const matcher = new Matcher(table, sharedKeys.resolve);
  problems.push(...sharedKeys.problems());
  const surfaceList = (): Surface[] => listSurfaces(table, matcher);
  return Object.freeze({
    concepts: concepts.withObjectMap(),
    surfaceList,
    matcher,
    problems,
    regimensByComponents,
    regimensOf,
    membersOf,
    patterns,
    accepted,
  });
}

/** Every surface the matcher holds, as objects. */
function listSurfaces(table: CandidateTable, matcher: Matcher): Surface[] {
  const list: Surface[] = [];
  for (let index = 0; index < table.count; index++) if (matcher.holds(index)) list.push(table.surface(index));
  return list;
}
