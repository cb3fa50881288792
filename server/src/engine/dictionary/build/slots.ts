import type { Concept } from '../../types';
import { Int32List } from '../int32List';
import type { TermLayer } from '../layer';
import type { ParsedLayerFile } from '../parse';
import { termLayerOf } from './layers';

/** Where a slot's content is when it is neither an object file's concept nor a packed entry: `extras`. */
export const EXTRA = -1;

/**
 * The dictionary's concepts as slots: one per id, at its first definition (as a `Map` keeps the first
 * insertion); a slot's content is the last definition, a (layer, entry) pair or an extra object concept.
 * Every build phase reads and writes concepts through this table.
 */
export class Slots {
  /** Per slot: the file (index into `files`, or EXTRA) and the entry of its content. */
  readonly contentFile: Int32List;
  readonly contentEntry: Int32List;
  /** Concepts made while building (users' additions, users' concepts, changed packed entries). */
  readonly extras: Concept[] = [];
  /** Slots by id: ids that several layers define, and extra concepts' ids (the rest: through `slotOfEntry`). */
  readonly idSlot = new Map<string, number>();
  /** Per layer: the slot of each entry. */
  readonly slotOfEntry: Int32Array[] = [];
  /** The files' concepts, as layers (same order as `files`). */
  readonly layers: readonly TermLayer[];

  constructor(readonly files: readonly ParsedLayerFile[]) {
    this.layers = files.map(termLayerOf);
    const capacity = this.layers.reduce((sum, layer) => sum + layer.size, 0) + 64;
    this.contentFile = new Int32List(capacity);
    this.contentEntry = new Int32List(capacity);
  }

  get count(): number {
    return this.contentFile.length;
  }

  newSlot(f: number, entry: number): number {
    this.contentEntry.push(entry);
    return this.contentFile.push(f);
  }

  setContent(slot: number, f: number, entry: number): void {
    this.contentFile.data[slot] = f;
    this.contentEntry.data[slot] = entry;
  }

  /** Make `concept` the content of `slot` (an object made while building). */
  setExtra(slot: number, concept: Concept): void {
    this.setContent(slot, EXTRA, this.extras.push(concept) - 1);
    this.idSlot.set(concept.id, slot);
  }

  /** The layer holding a slot's content (undefined: an extra object). */
  layerAt(slot: number): TermLayer | undefined {
    const f = this.contentFile.data[slot]!;
    return f === EXTRA ? undefined : this.layers[f];
  }

  entryAt(slot: number): number {
    return this.contentEntry.data[slot]!;
  }
}
