import type { DictionaryProblem } from '../../types';
import { duplicateIdProblem, type ParsedLayerFile } from '../parse';
import { Slots } from './slots';

/**
 * Phase 1: give every id one slot, in layer order (`files` is already ordered built-in < user < workspace):
 * a later definition of an id replaces the earlier content in the same slot. A layer takes part without a
 * `Map` entry per id: only ids that several layers define are put into `idSlot`.
 */
export function mergeSlots(files: readonly ParsedLayerFile[], problems: DictionaryProblem[]): Slots {
  const slots = new Slots(files);
  slots.layers.forEach((layer, f) => {
    for (const id of layer.duplicateIds) problems.push(duplicateIdProblem(layer.source, id));
    const entrySlots = new Int32Array(layer.size).fill(-1);
    for (let g = 0; g < f; g++) mergeWithEarlier(slots, f, g, entrySlots);
    for (let entry = 0; entry < layer.size; entry++)
      if (entrySlots[entry] === -1) entrySlots[entry] = slots.newSlot(f, entry);
    slots.slotOfEntry[f] = entrySlots;
  });
  return slots;
}

/** Ids that both layer `f` and the earlier layer `g` define: look up the smaller layer's ids in the larger. */
function mergeWithEarlier(slots: Slots, f: number, g: number, entrySlots: Int32Array): void {
  const layer = slots.layers[f]!;
  const earlier = slots.layers[g]!;
  const earlierSlots = slots.slotOfEntry[g]!;
  const common = (id: string, entry: number, earlierEntry: number): void => {
    if (entrySlots[entry] !== -1) return;
    const slot = earlierSlots[earlierEntry]!;
    slots.setContent(slot, f, entry);
    entrySlots[entry] = slot;
    slots.idSlot.set(id, slot);
  };
  if (earlier.size <= layer.size) {
    for (let e = 0; e < earlier.size; e++) {
      const id = earlier.id(e);
      const entry = layer.indexOf(id);
      if (entry >= 0) common(id, entry, e);
    }
  } else {
    for (let entry = 0; entry < layer.size; entry++) {
      const id = layer.id(entry);
      const e = earlier.indexOf(id);
      if (e >= 0) common(id, entry, e);
    }
  }
}
