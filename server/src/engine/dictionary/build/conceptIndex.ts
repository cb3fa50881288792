import type { Category, Concept } from '../../types';
import type { Slots } from './slots';

/**
 * The dictionary's concepts by id, over the layers: an entry of a lazy (packed) layer becomes an object
 * only when asked for. Every definition of an id shares one slot (see `Slots`).
 */
export class ConceptIndex implements ReadonlyMap<string, Concept> {
  constructor(
    private readonly slots: Slots,
    /**
     * Once the dictionary is built: every concept that is an object (not a packed entry) by id, so that the
     * lookups rules make for every match cost one `Map.get`, as with a plain map.
     */
    private readonly objects?: ReadonlyMap<string, Concept>,
  ) {}

  get size(): number {
    return this.slots.count;
  }

  /** The slot of an id, or -1. */
  slotOf(id: string): number {
    const slot = this.slots.idSlot.get(id);
    if (slot !== undefined) return slot;
    const layers = this.slots.layers;
    for (let f = 0; f < layers.length; f++) {
      const entry = layers[f]!.indexOf(id);
      if (entry >= 0) return this.slots.slotOfEntry[f]![entry]!;
    }
    return -1;
  }

  conceptAt(slot: number): Concept {
    const layer = this.slots.layerAt(slot);
    const entry = this.slots.entryAt(slot);
    return layer ? layer.concept(entry) : this.slots.extras[entry]!;
  }

  categoryAt(slot: number): Category {
    const layer = this.slots.layerAt(slot);
    return layer ? layer.category(this.slots.entryAt(slot)) : this.conceptAt(slot).category;
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
      if (this.slots.layerAt(slot)?.lazy) continue;
      const concept = this.conceptAt(slot);
      objects.set(concept.id, concept);
    }
    return new ConceptIndex(this.slots, objects);
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
