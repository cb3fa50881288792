import { sameUnits } from '../matcher';
import type { Category, Concept, LayerKind, Surface } from '../types';
import { conceptSurfaces } from './surfaces';

/**
 * What `buildDictionary` needs of one term file's concepts, whatever their representation: entries by index
 * (an id appears once per layer), their surfaces as `conceptSurfaces` derives them with no accepted texts, and
 * `dispose` for what the layer holds. `PackedLayer` (packed.ts: a large file in one buffer) implements it
 * natively; `ObjectLayer` (below) over a file's concept objects. Nothing else in the build knows which is which.
 */
export interface TermLayer {
  readonly source: string;
  readonly layer: LayerKind;
  readonly size: number;
  /** Whether concepts are made on demand (costly): the dictionary then keeps no map of them. */
  readonly lazy: boolean;
  /** Ids the file repeats (each after the first is dropped): a problem each. */
  readonly duplicateIds: readonly string[];
  id(entry: number): string;
  /** The entry with this id, or -1. */
  indexOf(id: string): number;
  concept(entry: number): Concept;
  category(entry: number): Category;
  /** Whether the entry names other concepts (classes, targets, components, confusables). */
  hasReferences(entry: number): boolean;
  readonly surfaceCount: number;
  /** The surfaces of an entry: [first, end) surface indexes. */
  surfacesOf(entry: number): readonly [number, number];
  surfaceEntryOf(surface: number): number;
  /** The folded key's units: `[pool, start, length]` (pool: a string or UTF-16 units). */
  key(surface: number): readonly [string | Uint16Array, number, number];
  folded(surface: number): string;
  isVariant(surface: number): boolean;
  /** 1 where the surface matches case-sensitively, else 0. */
  caseFlag(surface: number): number;
  /** Whether `units` holds the surface's exact key at `from`. */
  exactAt(surface: number, units: Uint16Array, from: number): boolean;
  surface(surface: number): Surface;
  /** The surface when it already is an object (the matcher's fast path), else undefined. */
  surfaceObject(surface: number): Surface | undefined;
  /** Release what the layer holds (a file descriptor); the layer is not used afterwards. */
  dispose(): void;
}

const NONE: ReadonlySet<string> = new Set();

/** A term file's concept objects as a layer: duplicates of an id dropped (the first kept), surfaces derived once. */
export class ObjectLayer implements TermLayer {
  readonly source: string;
  readonly layer: LayerKind;
  readonly lazy = false;
  readonly duplicateIds: string[] = [];
  private readonly concepts: Concept[] = [];
  private readonly entryOf = new Map<string, number>();
  private readonly surfaces: Surface[] = [];
  private readonly firstSurface: number[] = [0];
  private readonly entryOfSurface: number[] = [];

  constructor(file: { readonly source: string; readonly layer: LayerKind; readonly concepts: readonly Concept[] }) {
    this.source = file.source;
    this.layer = file.layer;
    for (const concept of file.concepts) {
      if (this.entryOf.has(concept.id)) {
        this.duplicateIds.push(concept.id);
        continue;
      }
      const entry = this.concepts.push(concept) - 1;
      this.entryOf.set(concept.id, entry);
      for (const surface of conceptSurfaces(concept, NONE))
        this.entryOfSurface[this.surfaces.push(surface) - 1] = entry;
      this.firstSurface.push(this.surfaces.length);
    }
  }

  get size(): number {
    return this.concepts.length;
  }

  get surfaceCount(): number {
    return this.surfaces.length;
  }

  id(entry: number): string {
    return this.concepts[entry]!.id;
  }

  indexOf(id: string): number {
    return this.entryOf.get(id) ?? -1;
  }

  concept(entry: number): Concept {
    return this.concepts[entry]!;
  }

  category(entry: number): Category {
    return this.concepts[entry]!.category;
  }

  hasReferences(entry: number): boolean {
    const concept = this.concepts[entry]!;
    return (
      concept.classes.length + concept.targets.length + concept.components.length + concept.confusableWith.length > 0
    );
  }

  surfacesOf(entry: number): readonly [number, number] {
    return [this.firstSurface[entry]!, this.firstSurface[entry + 1]!];
  }

  surfaceEntryOf(surface: number): number {
    return this.entryOfSurface[surface]!;
  }

  key(surface: number): readonly [string | Uint16Array, number, number] {
    const key = this.surfaces[surface]!.key!;
    return [key, 0, key.length];
  }

  folded(surface: number): string {
    return this.surfaces[surface]!.key!;
  }

  isVariant(surface: number): boolean {
    return this.surfaces[surface]!.role === 'variant';
  }

  caseFlag(surface: number): number {
    return this.surfaces[surface]!.caseSensitive ? 1 : 0;
  }

  exactAt(surface: number, units: Uint16Array, from: number): boolean {
    return sameUnits(units, from, this.surfaces[surface]!.exactKey!);
  }

  surface(surface: number): Surface {
    return this.surfaces[surface]!;
  }

  surfaceObject(surface: number): Surface | undefined {
    return this.surfaces[surface];
  }

  dispose(): void {
    // nothing held
  }
}
