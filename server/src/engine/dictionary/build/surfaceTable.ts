import { sameUnits, type SurfaceTable } from '../../matcher';
import type { Surface } from '../../types';
import { Int32List } from '../int32List';
import type { TermLayer } from '../layer';
import { conceptSurfaces } from '../surfaces';
import type { ConceptIndex } from './conceptIndex';
import type { Slots } from './slots';

/**
 * The dictionary's surfaces by index (candidate order): the layers' surfaces as they store them, and surface
 * objects of extra concepts. A layer's surface that is not an object yet (packed) becomes one only when
 * matched (a bounded cache keeps the recent ones).
 */
export class CandidateTable implements SurfaceTable {
  readonly count: number;
  constructor(
    /** 0: objects[local]; k > 0: layers[k - 1], surface local */
    private readonly store: Int32Array,
    private readonly local: Int32Array,
    readonly slot: Int32Array,
    readonly caseFlags: Uint8Array,
    private readonly objects: readonly Surface[],
    private readonly layers: readonly TermLayer[],
  ) {
    this.count = store.length;
    for (let index = 0; index < this.count; index++) {
      const which = store[index]!;
      const object = which === 0 ? objects[local[index]!] : layers[which - 1]!.surfaceObject(local[index]!);
      if (object) this.direct[index] = object;
    }
  }

  private readonly made = new Map<number, Surface>();

  /** Surfaces that are objects already, by index (others: holes), for the matcher's fast path. */
  readonly direct: (Surface | undefined)[] = [];

  key(index: number): readonly [string | Uint16Array, number, number] {
    const store = this.store[index]!;
    if (store === 0) {
      const key = this.objects[this.local[index]!]!.key!;
      return [key, 0, key.length];
    }
    return this.layers[store - 1]!.key(this.local[index]!);
  }

  exactAt(index: number, units: Uint16Array, from: number): boolean {
    const store = this.store[index]!;
    if (store === 0) return sameUnits(units, from, this.objects[this.local[index]!]!.exactKey!);
    return this.layers[store - 1]!.exactAt(this.local[index]!, units, from);
  }

  isVariant(index: number): boolean {
    const store = this.store[index]!;
    return store === 0
      ? this.objects[this.local[index]!]!.role === 'variant'
      : this.layers[store - 1]!.isVariant(this.local[index]!);
  }

  surface(index: number): Surface {
    const direct = this.direct[index];
    if (direct) return direct;
    let made = this.made.get(index);
    if (!made) {
      made = this.layers[this.store[index]! - 1]!.surface(this.local[index]!);
      if (this.made.size >= 65536) this.made.clear();
      this.made.set(index, made);
    }
    return made;
  }
}

/**
 * Phase 4: every surface, in slot order: a layer entry's surfaces as the layer stores them, an extra concept's
 * surfaces derived (with the workspace's accepted texts).
 */
export function buildSurfaceTable(slots: Slots, concepts: ConceptIndex, accepted: ReadonlySet<string>): CandidateTable {
  const extraSurfaces: Surface[][] = [];
  let candidateCount = 0;
  for (let slot = 0; slot < slots.count; slot++) {
    const layer = slots.layerAt(slot);
    if (layer) {
      const [first, end] = layer.surfacesOf(slots.entryAt(slot));
      candidateCount += end - first;
    } else {
      candidateCount += (extraSurfaces[slot] = conceptSurfaces(concepts.conceptAt(slot), accepted)).length;
    }
  }
  const store = new Int32List(candidateCount);
  const local = new Int32List(candidateCount);
  const candidateSlot = new Int32List(candidateCount);
  const objects: Surface[] = [];
  for (let slot = 0; slot < slots.count; slot++) {
    const f = slots.contentFile.data[slot]!;
    const layer = slots.layerAt(slot);
    if (layer) {
      const [first, end] = layer.surfacesOf(slots.entryAt(slot));
      for (let surface = first; surface < end; surface++) {
        store.push(f + 1);
        local.push(surface);
        candidateSlot.push(slot);
      }
      continue;
    }
    for (const surface of extraSurfaces[slot]!) {
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
    caseFlags[index] =
      which === 0
        ? objects[localArray[index]!]!.caseSensitive
          ? 1
          : 0
        : slots.layers[which - 1]!.caseFlag(localArray[index]!);
  }
  return new CandidateTable(storeArray, localArray, candidateSlot.trim(), caseFlags, objects, slots.layers);
}
