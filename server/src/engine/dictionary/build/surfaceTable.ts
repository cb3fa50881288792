import { sameUnits, type SurfaceTable } from '../../matcher';
import type { Surface } from '../../types';
import { Int32List } from '../int32List';
import type { PackedLayer } from '../packed';
import { conceptSurfaces } from '../surfaces';
import type { ConceptIndex } from './conceptIndex';
import type { Slots } from './slots';

/**
 * The dictionary's surfaces by index (candidate order): surface objects of object concepts, and surfaces of
 * packed entries, which become objects only when matched (a bounded cache keeps the recent ones).
 */
export class CandidateTable implements SurfaceTable {
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
 * Phase 4: every surface, in slot order: packed entries' surfaces as stored, object concepts' surfaces
 * derived (with the workspace's accepted texts).
 */
export function buildSurfaceTable(slots: Slots, concepts: ConceptIndex, accepted: ReadonlySet<string>): CandidateTable {
  const packs: PackedLayer[] = [];
  const packOf = new Map<PackedLayer, number>();
  for (const file of slots.files) if (file.packed) packOf.set(file.packed, packs.push(file.packed));
  const objectSurfaces: Surface[][] = [];
  let candidateCount = 0;
  for (let slot = 0; slot < slots.count; slot++) {
    const packed = slots.packedAt(slot);
    if (packed) {
      const [first, end] = packed.surfacesOf(slots.entryAt(slot));
      candidateCount += end - first;
    } else {
      candidateCount += (objectSurfaces[slot] = conceptSurfaces(concepts.conceptAt(slot), accepted)).length;
    }
  }
  const store = new Int32List(candidateCount);
  const local = new Int32List(candidateCount);
  const candidateSlot = new Int32List(candidateCount);
  const objects: Surface[] = [];
  for (let slot = 0; slot < slots.count; slot++) {
    const packed = slots.packedAt(slot);
    if (packed) {
      const [first, end] = packed.surfacesOf(slots.entryAt(slot));
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
  const storeArray = store.trim();
  const localArray = local.trim();
  const caseFlags = new Uint8Array(storeArray.length);
  for (let index = 0; index < caseFlags.length; index++) {
    const which = storeArray[index]!;
    caseFlags[index] = which === 0 ? (objects[localArray[index]!]!.caseSensitive ? 1 : 0) : packs[which - 1]!.surfaceCase[localArray[index]!]!;
  }
  return new CandidateTable(storeArray, localArray, candidateSlot.trim(), caseFlags, objects, packs);
}
