import type { Concept, DictionaryProblem } from '../../types';
import type { ConceptIndex } from './conceptIndex';
import type { CandidateTable } from './surfaceTable';

interface Found {
  readonly index: number;
  readonly problem: DictionaryProblem;
}

/** How a problem names a concept: a user concept by its name, not its internal id. */
function displayName(concept: Concept): string {
  return concept.origin.layer !== 'builtin' && concept.id.startsWith('user-') ? (concept.zh ?? concept.en) : concept.id;
}

/**
 * Phase 5: surfaces sharing a folded key, resolved while the matcher is built (its `SharedKeyResolver`). A
 * variant that is another concept's accepted form is a data error and is dropped; of forms that are the same
 * (same folded key, or same exact key when case-sensitive) the first concept's is used. Only these groups are
 * examined: a key with one surface needs no check. `problems()` lists what was dropped, in candidate order.
 */
export class SharedKeys {
  private readonly found: Found[] = [];

  constructor(
    private readonly table: CandidateTable,
    private readonly concepts: ConceptIndex,
  ) {}

  /** The surfaces of a group to keep. */
  readonly resolve = (group: readonly number[]): readonly number[] =>
    firstDefinitionWins(
      withoutAcceptedVariants(withoutSharedDerived(group, this.table), this.table, this.concepts, this.found),
      this.table,
      this.concepts,
      this.found,
    );

  problems(): DictionaryProblem[] {
    return [...this.found].sort((a, b) => a.index - b.index).map(({ problem }) => problem);
  }
}

/**
 * Drop the derived forms (surfaces.ts) that another concept also has, listed or derived: a form the dictionary
 * wrote itself yields to a name somebody listed, silently (it is no error of any file), and is no one's where two
 * concepts derive it.
 */
function withoutSharedDerived(group: readonly number[], table: CandidateTable): readonly number[] {
  const shared = (index: number): boolean =>
    table.surface(index).role === 'derived' && group.some((other) => table.slot[other] !== table.slot[index]);
  return group.some(shared) ? group.filter((index) => !shared(index)) : group;
}

/** Drop the group's variants (case-insensitive) that are the text of another concept's accepted form. */
function withoutAcceptedVariants(
  group: readonly number[],
  table: CandidateTable,
  concepts: ConceptIndex,
  found: Found[],
): number[] {
  let lastAccepted = -1;
  for (const index of group) if (!table.isVariant(index)) lastAccepted = index;
  const survivors: number[] = [];
  for (const index of group) {
    if (
      table.isVariant(index) &&
      lastAccepted >= 0 &&
      table.slot[lastAccepted] !== table.slot[index] &&
      table.caseFlags[index] === 0
    ) {
      const surface = table.surface(index);
      const other = table.surface(lastAccepted).conceptId;
      // A prh rule's variant is placed at its rule (a user concept is named by its name, not an internal id).
      const at = surface.variant?.at;
      const otherConcept = concepts.conceptAt(table.slot[lastAccepted]!);
      const otherName =
        otherConcept.origin.layer !== 'builtin' && other.startsWith('user-')
          ? (otherConcept.zh ?? otherConcept.en)
          : other;
      const where = at
        ? { path: at.path, line: at.line, column: at.column }
        : { path: `entries(id=${surface.conceptId}).variants` };
      const message = at
        ? `pattern "${surface.text}" is the text another rule writes ("${otherName}"); the pattern is skipped (the two rules would undo each other)`
        : `variant "${surface.text}" is an accepted name of "${otherName}"; the variant is ignored`;
      found.push({
        index,
        problem: {
          source: concepts.conceptAt(table.slot[index]!).origin.source,
          ...where,
          message,
          severity: at ? 'warning' : 'error',
        },
      });
      continue;
    }
    survivors.push(index);
  }
  return survivors;
}

/** Of the same form in several concepts (case-insensitive, or the same exact key), keep the first concept's. */
function firstDefinitionWins(
  survivors: readonly number[],
  table: CandidateTable,
  concepts: ConceptIndex,
  found: Found[],
): number[] {
  const kept: number[] = [];
  let insensitiveOwner = -1;
  const sensitiveOwners = new Map<string, number>();
  for (const index of survivors) {
    const slot = table.slot[index]!;
    let owner: number;
    if (table.caseFlags[index] === 0) {
      if (insensitiveOwner < 0) insensitiveOwner = slot;
      owner = insensitiveOwner;
    } else {
      const exact = table.surface(index).exactKey!;
      owner = sensitiveOwners.get(exact) ?? slot;
      sensitiveOwners.set(exact, owner);
    }
    if (owner !== slot) {
      const surface = table.surface(index);
      const at = surface.variant?.at;
      const where = at
        ? { path: at.path, line: at.line, column: at.column }
        : { path: `entries(id=${surface.conceptId})` };
      const message = `"${surface.text}" is also a name of "${displayName(concepts.conceptAt(owner))}"; the first definition is used`;
      found.push({
        index,
        problem: { source: concepts.conceptAt(slot).origin.source, ...where, message, severity: 'warning' },
      });
      continue;
    }
    kept.push(index);
  }
  return kept;
}
