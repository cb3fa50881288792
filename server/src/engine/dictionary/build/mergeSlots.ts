import type { DictionaryProblem } from '../../types';
import { duplicateIdProblem, type ParsedLayerFile } from '../parse';
import { Slots } from './slots';

/**
 * Phase 1: give every id one slot, in layer order (`files` is already ordered built-in < user < workspace):
 * a later definition of an id replaces the earlier content in the same slot. Packed layers take part
 * without a `Map` entry per id: only ids that another file also defines are put into `idSlot`.
 */
export function mergeSlots(files: readonly ParsedLayerFile[], problems: DictionaryProblem[]): Slots {
  const slots = new Slots(files);
  files.forEach((file, f) => {
    if (file.packed) mergePacked(slots, f);
    else mergeObjects(slots, f, problems);
  });
  return slots;
}

function mergePacked(slots: Slots, f: number): void {
  const packed = slots.files[f]!.packed!;
  const entrySlots = new Int32Array(packed.size).fill(-1);
  // Ids an earlier object file (or an earlier collision) defined.
  for (const [id, slot] of slots.idSlot) {
    const entry = packed.indexOf(id);
    if (entry >= 0) {
      slots.setContent(slot, f, entry);
      entrySlots[entry] = slot;
    }
  }
  for (let g = 0; g < f; g++) if (slots.files[g]!.packed) mergeWithEarlierPacked(slots, f, g, entrySlots);
  for (let entry = 0; entry < packed.size; entry++) if (entrySlots[entry] === -1) entrySlots[entry] = slots.newSlot(f, entry);
  slots.slotOfEntry[f] = entrySlots;
}

/** Ids that both packed file `f` and the earlier packed file `g` define: look up the smaller file's ids in the larger. */
function mergeWithEarlierPacked(slots: Slots, f: number, g: number, entrySlots: Int32Array): void {
  const packed = slots.files[f]!.packed!;
  const earlier = slots.files[g]!.packed!;
  const earlierSlots = slots.slotOfEntry[g]!;
  const common = (id: string, entry: number, earlierEntry: number): void => {
    if (entrySlots[entry] !== -1) return;
    const slot = earlierSlots[earlierEntry]!;
    slots.setContent(slot, f, entry);
    entrySlots[entry] = slot;
    slots.idSlot.set(id, slot);
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

/** An object file: a duplicate id within the file is a problem (the first definition is kept). */
function mergeObjects(slots: Slots, f: number, problems: DictionaryProblem[]): void {
  const file = slots.files[f]!;
  const seenInFile = new Set<string>();
  file.concepts.forEach((concept, entry) => {
    const id = concept.id;
    if (seenInFile.has(id)) {
      problems.push(duplicateIdProblem(file.source, id));
      return;
    }
    seenInFile.add(id);
    let slot = slots.idSlot.get(id);
    for (let g = 0; slot === undefined && g < f; g++) {
      const found = slots.files[g]!.packed?.indexOf(id) ?? -1;
      if (found >= 0) slot = slots.slotOfEntry[g]![found]!;
    }
    if (slot === undefined) slot = slots.newSlot(f, entry);
    else slots.setContent(slot, f, entry);
    slots.idSlot.set(id, slot);
  });
}
