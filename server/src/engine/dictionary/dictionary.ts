import { Matcher, sameUnits, type SurfaceTable } from '../matcher';
import { normaliseSurface } from '../text/matchText';
import type { Category, Concept, DictionaryProblem, LayerKind, Surface } from '../types';
import type { PackedLayer } from './packed';
import { deepFreeze, duplicateIdProblem, type ParsedLayerFile } from './parse';
import type { PatternRule } from './patterns';
import { Int32List } from './int32List';
import { conceptSurfaces } from './surfaces';

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

/** Where a concept's content comes from: an object file's concept, a packed entry, or an extra object. */
const EXTRA = -1;

/**
 * The dictionary's concepts by id, over object layers and packed layers: a packed entry becomes an object
 * only when asked for. Every definition of an id shares one slot (its first position, as a `Map` keeps the
 * first insertion); the slot's content is the last definition.
 */
export class ConceptIndex implements ReadonlyMap<string, Concept> {
  constructor(
    private readonly files: readonly ParsedLayerFile[],
    /** Per slot (growing while the dictionary is built, read through `data` and `length`). */
    private readonly contentFile: Int32List,
    private readonly contentEntry: Int32List,
    private readonly extras: readonly Concept[],
    private readonly idSlot: ReadonlyMap<string, number>,
    private readonly slotOfEntry: readonly (Int32Array | undefined)[],
    /**
     * Once the dictionary is built: every concept that is an object (not a packed entry) by id, so that the
     * lookups rules make for every match cost one `Map.get`, as with a plain map.
     */
    private readonly objects?: ReadonlyMap<string, Concept>,
  ) {}

  get size(): number {
    return this.contentFile.length;
  }

  /** The slot of an id, or -1. */
  slotOf(id: string): number {
    const slot = this.idSlot.get(id);
    if (slot !== undefined) return slot;
    for (let f = 0; f < this.files.length; f++) {
      const packed = this.files[f]!.packed;
      if (!packed) continue;
      const entry = packed.indexOf(id);
      if (entry >= 0) return this.slotOfEntry[f]![entry]!;
    }
    return -1;
  }

  conceptAt(slot: number): Concept {
    const f = this.contentFile.data[slot]!;
    const entry = this.contentEntry.data[slot]!;
    if (f === EXTRA) return this.extras[entry]!;
    const file = this.files[f]!;
    return file.packed ? file.packed.concept(entry) : file.concepts[entry]!;
  }

  categoryAt(slot: number): Category {
    const f = this.contentFile.data[slot]!;
    const file = f === EXTRA ? undefined : this.files[f]!;
    return file?.packed ? file.packed.category(this.contentEntry.data[slot]!) : this.conceptAt(slot).category;
  }

  get(id: string): Concept | undefined {
    const object = this.objects?.get(id);
    if (object) return object;
    const slot = this.slotOf(id);
    return slot < 0 ? undefined : this.conceptAt(slot);
  }

  has(id: string): boolean {
    return this.objects?.has(id) === true || this.slotOf(id) >= 0;
  }

  /** The same index with the object concepts in one map (when building is done). */
  withObjectMap(): ConceptIndex {
    const objects = new Map<string, Concept>();
    for (let slot = 0; slot < this.size; slot++) {
      const f = this.contentFile.data[slot]!;
      if (f !== EXTRA && this.files[f]!.packed) continue;
      const concept = this.conceptAt(slot);
      objects.set(concept.id, concept);
    }
    return new ConceptIndex(this.files, this.contentFile, this.contentEntry, this.extras, this.idSlot, this.slotOfEntry, objects);
  }

  *values(): MapIterator<Concept> {
    for (let slot = 0; slot < this.size; slot++) yield this.conceptAt(slot);
  }

  /** The concepts of some categories; packed entries of other categories are not made into objects. */
  *valuesIn(categories: ReadonlySet<Category>): Generator<Concept> {
    for (let slot = 0; slot < this.size; slot++) if (categories.has(this.categoryAt(slot))) yield this.conceptAt(slot);
  }

  *keys(): MapIterator<string> {
    for (const concept of this.values()) yield concept.id;
  }

  *entries(): MapIterator<[string, Concept]> {
    for (const concept of this.values()) yield [concept.id, concept];
  }

  [Symbol.iterator](): MapIterator<[string, Concept]> {
    return this.entries();
  }

  forEach(callback: (value: Concept, key: string, map: ReadonlyMap<string, Concept>) => void): void {
    for (const concept of this.values()) callback(concept, concept.id, this);
  }
}

/**
 * The dictionary's surfaces by index (candidate order): surface objects of object concepts, and surfaces of
 * packed entries, which become objects only when matched (a bounded cache keeps the recent ones).
 */
class CandidateTable implements SurfaceTable {
  readonly count: number;
  constructor(
    /** 0: objects[local]; k > 0: packs[k - 1], surface local */
    private readonly store: Int32Array,
    private readonly local: Int32Array,
    readonly slot: Int32Array,
    readonly caseFlags: Uint8Array,
    private readonly objects: readonly Surface[],
    private readonly packs: readonly PackedLayer[],
  ) {
    this.count = store.length;
    for (let index = 0; index < this.count; index++) if (store[index] === 0) this.direct[index] = objects[local[index]!];
  }

  private readonly made = new Map<number, Surface>();

  /** Object surfaces by index, up to the last one (packed surfaces: holes), for the matcher's fast path. */
  readonly direct: (Surface | undefined)[] = [];

  key(index: number): readonly [string | Uint16Array, number, number] {
    const store = this.store[index]!;
    const local = this.local[index]!;
    if (store === 0) {
      const key = this.objects[local]!.key!;
      return [key, 0, key.length];
    }
    const pack = this.packs[store - 1]!;
    return [pack.chars, pack.surfaceFolded[local * 2]!, pack.surfaceFolded[local * 2 + 1]!];
  }

  exactAt(index: number, units: Uint16Array, from: number): boolean {
    const store = this.store[index]!;
    if (store === 0) return sameUnits(units, from, this.objects[this.local[index]!]!.exactKey!);
    return this.packs[store - 1]!.exactAt(this.local[index]!, units, from);
  }

  isVariant(index: number): boolean {
    const store = this.store[index]!;
    return store === 0 ? this.objects[this.local[index]!]!.role === 'variant' : this.packs[store - 1]!.isVariant(this.local[index]!);
  }

  surface(index: number): Surface {
    const store = this.store[index]!;
    if (store === 0) return this.objects[this.local[index]!]!;
    let made = this.made.get(index);
    if (!made) {
      made = this.packs[store - 1]!.surface(this.local[index]!);
      if (this.made.size >= 65536) this.made.clear();
      this.made.set(index, made);
    }
    return made;
  }
}

/**
 * Merge layers (built-in < user < workspace: a concept with the same id in a later layer replaces
 * the earlier one), derive every surface, check references and collisions, and build the matcher.
 * Packed layers (large files) take part without becoming objects: only entries that refer to other
 * concepts, that users' files change, or that a collision names are parsed.
 */
export function buildDictionary(files: readonly ParsedLayerFile[]): Dictionary {
  const problems: DictionaryProblem[] = [];
  for (const file of files) problems.push(...file.problems);
  const ordered = [...files].sort((a, b) => LAYER_RANK[a.layer] - LAYER_RANK[b.layer]);

  // Slots: one per id, at its first definition; content = the last definition.
  const entryCount = ordered.reduce((sum, file) => sum + (file.packed?.size ?? file.concepts.length), 0) + 64;
  const contentFile = new Int32List(entryCount);
  const contentEntry = new Int32List(entryCount);
  const extras: Concept[] = [];
  const idSlot = new Map<string, number>();
  const slotOfEntry: (Int32Array | undefined)[] = [];
  const newSlot = (f: number, entry: number): number => {
    contentEntry.push(entry);
    return contentFile.push(f);
  };
  const setContent = (slot: number, f: number, entry: number): void => {
    contentFile.data[slot] = f;
    contentEntry.data[slot] = entry;
  };
  ordered.forEach((file, f) => {
    const packed = file.packed;
    if (packed) {
      const slots = new Int32Array(packed.size).fill(-1);
      // Ids an earlier object file (or an earlier collision) defined.
      for (const [id, slot] of idSlot) {
        const entry = packed.indexOf(id);
        if (entry >= 0) {
          setContent(slot, f, entry);
          slots[entry] = slot;
        }
      }
      // Ids an earlier packed file defined: look up the smaller file's ids in the larger.
      for (let g = 0; g < f; g++) {
        const earlier = ordered[g]!.packed;
        if (!earlier) continue;
        const earlierSlots = slotOfEntry[g]!;
        const common = (id: string, entry: number, earlierEntry: number): void => {
          if (slots[entry] !== -1) return;
          const slot = earlierSlots[earlierEntry]!;
          setContent(slot, f, entry);
          slots[entry] = slot;
          idSlot.set(id, slot);
        };
        if (earlier.size <= packed.size) {
          for (let e = 0; e < earlier.size; e++) {
            const id = earlier.id(e);
            const entry = packed.indexOf(id);
            if (entry >= 0) common(id, entry, e);
          }
        } else {
          for (let entry = 0; entry < packed.size; entry++) {
            const id = packed.id(entry);
            const e = earlier.indexOf(id);
            if (e >= 0) common(id, entry, e);
          }
        }
      }
      for (let entry = 0; entry < packed.size; entry++) if (slots[entry] === -1) slots[entry] = newSlot(f, entry);
      slotOfEntry[f] = slots;
      return;
    }
    const seenInFile = new Set<string>();
    file.concepts.forEach((concept, entry) => {
      const id = concept.id;
      if (seenInFile.has(id)) {
        problems.push(duplicateIdProblem(file.source, id));
        return;
      }
      seenInFile.add(id);
      let slot = idSlot.get(id);
      for (let g = 0; slot === undefined && g < f; g++) {
        const found = ordered[g]!.packed?.indexOf(id) ?? -1;
        if (found >= 0) slot = slotOfEntry[g]![found]!;
      }
      if (slot === undefined) slot = newSlot(f, entry);
      else setContent(slot, f, entry);
      idSlot.set(id, slot);
    });
  });
  const concepts = new ConceptIndex(ordered, contentFile, contentEntry, extras, idSlot, slotOfEntry);
  const setExtra = (slot: number, concept: Concept): void => {
    setContent(slot, EXTRA, extras.push(concept) - 1);
    idSlot.set(concept.id, slot);
  };

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
      setExtra(newSlot(EXTRA, 0), deepFreeze({ id, category: 'term', zh: han ? display : undefined, zhNote: han ? undefined : { zh: '用户规则', en: 'user rule' }, en: display, abbreviations: [], accepted: [], variants: [], confusableWith: [], classes: [], targets: [], components: [], route: [], milestones: [], corrections: [], cite: [{ source: origin.source }], examples: [], origin }));
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
    const slot = concepts.slotOf(id);
    const concept = concepts.conceptAt(slot);
    setExtra(slot, deepFreeze({ ...concept, variants: [...concept.variants, ...variants] }));
  }
  // A packed entry with a variant the workspace accepts changes its surfaces: it takes the object path.
  if (accepted.size > 0) {
    ordered.forEach((file, f) => {
      const packed = file.packed;
      if (!packed) return;
      for (let surface = 0; surface < packed.surfaceCount; surface++) {
        if (!packed.isVariant(surface) || !accepted.has(packed.folded(surface))) continue;
        const entry = packed.surfaceEntryOf(surface);
        const slot = slotOfEntry[f]![entry]!;
        if (contentFile.data[slot] === f && contentEntry.data[slot] === entry) setExtra(slot, packed.concept(entry));
      }
    });
  }
  const slotCount = contentFile.length;
  const isPackedContent = (slot: number): PackedLayer | undefined => {
    const f = contentFile.data[slot]!;
    return f === EXTRA ? undefined : ordered[f]!.packed;
  };
  // References to other concepts, and the reverse indexes (regimens of a drug, members of a class): every
  // object concept, and the packed entries flagged as referring to others (the rest need not be parsed).
  const regimensByComponents = new Map<string, string[]>();
  const regimensOf = new Map<string, string[]>();
  const membersOf = new Map<string, string[]>();
  for (let slot = 0; slot < slotCount; slot++) {
    const packed = isPackedContent(slot);
    if (packed && !packed.hasReferences(contentEntry.data[slot]!)) continue;
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
          problems.push({ source: concept.origin.source, path: `entries(id=${concept.id}).${field}`, message: `unknown concept id "${id}"`, severity: 'warning' });
        }
      }
    }
    if (concept.category === 'regimen' && concept.components.length > 0) {
      const key = componentKey(concept.components);
      (regimensByComponents.get(key) ?? regimensByComponents.set(key, []).get(key)!).push(concept.id);
      for (const component of new Set(concept.components)) (regimensOf.get(component) ?? regimensOf.set(component, []).get(component)!).push(concept.id);
    }
    for (const parent of [...concept.classes, ...concept.targets]) (membersOf.get(parent) ?? membersOf.set(parent, []).get(parent)!).push(concept.id);
  }

  // Surfaces, in slot order: packed entries' surfaces as stored, object concepts' surfaces derived.
  const packs: PackedLayer[] = [];
  const packOf = new Map<PackedLayer, number>();
  for (const file of ordered) if (file.packed) packOf.set(file.packed, packs.push(file.packed));
  const objectSurfaces: Surface[][] = [];
  let candidateCount = 0;
  for (let slot = 0; slot < slotCount; slot++) {
    const packed = isPackedContent(slot);
    if (packed) {
      const [first, end] = packed.surfacesOf(contentEntry.data[slot]!);
      candidateCount += end - first;
    } else {
      candidateCount += (objectSurfaces[slot] = conceptSurfaces(concepts.conceptAt(slot), accepted)).length;
    }
  }
  const store = new Int32List(candidateCount);
  const local = new Int32List(candidateCount);
  const candidateSlot = new Int32List(candidateCount);
  const objects: Surface[] = [];
  for (let slot = 0; slot < slotCount; slot++) {
    const packed = isPackedContent(slot);
    if (packed) {
      const [first, end] = packed.surfacesOf(contentEntry.data[slot]!);
      const which = packOf.get(packed)!;
      for (let surface = first; surface < end; surface++) {
        store.push(which);
        local.push(surface);
        candidateSlot.push(slot);
      }
      continue;
    }
    for (const surface of objectSurfaces[slot]!) {
      store.push(0);
      local.push(objects.push(surface) - 1);
      candidateSlot.push(slot);
    }
  }
  const caseFlags = new Uint8Array(store.length);
  const storeArray = store.trim();
  const localArray = local.trim();
  for (let index = 0; index < caseFlags.length; index++) {
    const which = storeArray[index]!;
    caseFlags[index] = which === 0 ? (objects[localArray[index]!]!.caseSensitive ? 1 : 0) : packs[which - 1]!.surfaceCase[localArray[index]!]!;
  }
  const table = new CandidateTable(storeArray, localArray, candidateSlot.trim(), caseFlags, objects, packs);
  const matcher = new Matcher(table);

  // Surfaces sharing a folded key: a variant that is another concept's accepted form is a data error and is
  // dropped; of forms that are the same (same folded key, or same exact key when case-sensitive) the first
  // concept's is used. Only these groups are examined: a key with one surface needs no check.
  const found: { index: number; problem: DictionaryProblem }[] = [];
  const sourceOf = (slot: number): string => concepts.conceptAt(slot).origin.source;
  matcher.sharedKeys().forEach((group, k) => {
    let lastAccepted = -1;
    for (const index of group) if (!table.isVariant(index)) lastAccepted = index;
    const survivors: number[] = [];
    for (const index of group) {
      if (table.isVariant(index) && lastAccepted >= 0 && table.slot[lastAccepted] !== table.slot[index] && caseFlags[index] === 0) {
        const surface = table.surface(index);
        const other = table.surface(lastAccepted).conceptId;
        // A prh rule's variant is placed at its rule (a user concept is named by its name, not an internal id).
        const at = surface.variant?.at;
        const otherConcept = concepts.conceptAt(table.slot[lastAccepted]!);
        const otherName = otherConcept.origin.layer !== 'builtin' && other.startsWith('user-') ? (otherConcept.zh ?? otherConcept.en) : other;
        const where = at ? { path: at.path, line: at.line, column: at.column } : { path: `entries(id=${surface.conceptId}).variants` };
        const message = at ? `pattern "${surface.text}" is the text another rule writes ("${otherName}"); the pattern is skipped (the two rules would undo each other)` : `variant "${surface.text}" is an accepted name of "${otherName}"; the variant is ignored`;
        found.push({ index, problem: { source: sourceOf(table.slot[index]!), ...where, message, severity: at ? 'warning' : 'error' } });
        continue;
      }
      survivors.push(index);
    }
    const kept: number[] = [];
    let insensitiveOwner = -1;
    const sensitiveOwners = new Map<string, number>();
    for (const index of survivors) {
      const slot = table.slot[index]!;
      let owner: number;
      if (caseFlags[index] === 0) {
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
        const ownerConcept = concepts.conceptAt(owner);
        const ownerName = ownerConcept.origin.layer !== 'builtin' && ownerConcept.id.startsWith('user-') ? (ownerConcept.zh ?? ownerConcept.en) : ownerConcept.id;
        const where = at ? { path: at.path, line: at.line, column: at.column } : { path: `entries(id=${surface.conceptId})` };
        found.push({ index, problem: { source: sourceOf(slot), ...where, message: `"${surface.text}" is also a name of "${ownerName}"; the first definition is used`, severity: 'warning' } });
        continue;
      }
      kept.push(index);
    }
    if (kept.length !== group.length) matcher.retain(k, kept);
  });
  found.sort((a, b) => a.index - b.index);
  for (const { problem } of found) problems.push(problem);

  const surfaceList = (): Surface[] => {
    const list: Surface[] = [];
    for (let index = 0; index < table.count; index++) if (matcher.inserted[index] === 1) list.push(table.surface(index));
    return list;
  };
  return Object.freeze({ concepts: concepts.withObjectMap(), surfaceList, matcher, problems, regimensByComponents, regimensOf, membersOf, patterns, accepted });
}
