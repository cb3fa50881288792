import type { Concept } from '../../types';
import { Int32List } from '../int32List';
import type { PackedLayer } from '../packed';
import type { ParsedLayerFile } from '../parse';

/** Where a slot's content is when it is neither an object file's concept nor a packed entry: `extras`. */
export const EXTRA = -1;

/**
 * The dictionary's concepts as slots: one per id, at its first definition (as a `Map` keeps the first
 * insertion); a slot's content is the last definition, a (file, entry) pair or an extra object concept.
 * Every build phase reads and writes concepts through this table.
 */
export class Slots {
  /** Per slot: the file (index into `files`, or EXTRA) and the entry of its content. */
  readonly contentFile: Int32List;
  readonly contentEntry: Int32List;
  /** Concepts made while building (users' additions, users' concepts, changed packed entries). */
  readonly extras: Concept[] = [];
  /** Slots by id: every object concept's id, and packed ids that another file also defines. */
  readonly idSlot = new Map<string, number>();
  /** Per packed file: the slot of each entry. */
  readonly slotOfEntry: (Int32Array | undefined)[] = [];

  constructor(readonly files: readonly ParsedLayerFile[]) {
    const capacity = files.reduce((sum, file) => sum + (file.packed?.size ?? file.concepts.length), 0) + 64;
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

  /** The packed layer holding a slot's content, if it is a packed entry. */
  packedAt(slot: number): PackedLayer | undefined {
    const f = this.contentFile.data[slot]!;
    return f === EXTRA ? undefined : this.files[f]!.packed;
  }

  entryAt(slot: number): number {
    return this.contentEntry.data[slot]!;
  }
}
