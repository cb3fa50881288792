import type { Category, Concept, LayerKind, Origin, Surface } from '../types';
import { Int32List } from './int32List';
import { toConcept, type RawEntry } from './rawEntry';
import type { TermLayer } from './layer';
import { conceptSurfaces } from './surfaces';
import { firstIndexWhere } from '../collections';

/**
 * A packed layer: a large term file's entries in one binary buffer instead of objects. A dictionary of
 * 100,000 rules as concept and surface objects is hundreds of megabytes and seconds of work; packed, it is
 * a string pool, a few typed arrays and each entry's JSON, and a concept becomes an object only when a
 * document uses it or a hover asks (JSON.parse of one entry). The buffer is what the cache of term files
 * stores (node/dictionaryCache.ts), so a cache hit is one file read: nothing is parsed or built per entry.
 *
 * Per entry: id, category, whether it refers to other concepts (classes, targets, components,
 * confusables: those are materialised when the dictionary is built, to check references and index
 * regimens), its JSON and its surfaces as `conceptSurfaces` derives them (text, folded and exact keys, role,
 * case sensitivity, and which variant or accepted name it is). Ids are also kept sorted for lookup.
 *
 * ## Binary format (version PACK_VERSION; read by `PackedLayer`, written by `pack`)
 *
 * Every number is little-endian: the header is read and written with DataView calls whose `littleEndian`
 * argument is `true`, and the sections are read as typed-array views on the buffer, which use the host's byte
 * order, so packs are made and read only on little-endian hosts (`HOST_IS_LITTLE_ENDIAN`; on any other host
 * large files stay objects and a pack is refused as `NotAPackError`). Every section starts at an offset
 * divisible by 4 (typed-array views need aligned offsets), padded with zero bytes.
 *
 * | bytes                | field                                                                  |
 * | -------------------- | ---------------------------------------------------------------------- |
 * | 0..4                 | magic 0x4b50544d, u32 ("MTPK" read as little-endian bytes "MTPK")      |
 * | 4..8                 | PACK_VERSION, u32                                                      |
 * | 8..12                | section count (Section.Count), u32                                     |
 * | 12 + 8k .. 16 + 8k   | offset of section k from the pack's start, u32                         |
 * | 16 + 8k .. 20 + 8k   | byte length of section k, u32 (PACK_HEADER_BYTES = 12 + 8 × count)     |
 *
 * Sections, in file order (n entries, s surfaces; "pool" = the Chars section, offsets in UTF-16 units):
 *
 * | k  | section          | element | length  | content                                                       |
 * | -- | ---------------- | ------- | ------- | ------------------------------------------------------------- |
 * | 0  | Meta             | UTF-8   | —       | JSON of `PackInput.meta` (the rest of the file, problems)      |
 * | 1  | Chars            | u16     | —       | the string pool: every id, key and text, shared when equal     |
 * | 2  | EntryId          | i32     | 2n      | per entry: pool start, length of its id                        |
 * | 3  | EntryJson        | i32     | n + 1   | per entry: start of its JSON in Json; last = Json's length     |
 * | 4  | EntryCategory    | u8      | n       | index into CATEGORIES                                          |
 * | 5  | EntryFlags       | u8      | n       | bit 0 (REFERENCES): refers to other concepts                   |
 * | 6  | EntrySurfaces    | i32     | n + 1   | per entry: its first surface; last = s                         |
 * | 7  | SortedIds        | i32     | n       | entry indexes in id order (UTF-16 code unit order)             |
 * | 8  | SurfaceRole      | u8      | s       | index into ROLES                                               |
 * | 9  | SurfaceCase      | u8      | s       | 1: matched case-sensitively                                    |
 * | 10 | SurfaceDetail    | i32     | s       | index of its variant or accepted name in the entry, or -1      |
 * | 11 | SurfaceFolded    | i32     | 2s      | pool start, length of the folded key                           |
 * | 12 | SurfaceOther     | i32     | s       | -1: text = exact key = folded key; else a quadruple index      |
 * | 13 | SurfaceOtherKeys | i32     | 4q      | text start, text length, exact start, exact length             |
 * | 14 | Json             | UTF-8   | —       | each entry's RawEntry as JSON, concatenated (last: may be left |
 * |    |                  |         |         | on disk and read an entry at a time through a `JsonSource`)    |
 *
 * A cache stores a pack inside its own framing (node/dictionaryCache.ts: a length-prefixed JSON key, then the
 * pack at an offset divisible by 4). Change anything here: bump PACK_VERSION (old packs are then refused).
 */

/** Whether this host stores numbers little-endian, as the typed-array views of a pack require. */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

const MAGIC = 0x4b50544d; // "MTPK"
/** Bump when the layout or what conceptSurfaces derives changes. */
export const PACK_VERSION = 5;
/** Files with at least this many entries are packed. */
export const PACK_MIN_ENTRIES = 1000;

const CATEGORIES: readonly Category[] = [
  'drug',
  'drug-class',
  'target',
  'therapy',
  'product',
  'regimen',
  'disease',
  'outcome',
  'abbreviation',
  'organisation',
  'term',
];
const ROLES: readonly Surface['role'][] = ['standard', 'english', 'accepted', 'abbreviation', 'variant', 'derived'];

/** Sections in file order. The entries' JSON comes last: a reader may leave it on disk (see `JsonSource`). */
const enum Section {
  Meta,
  Chars,
  EntryId,
  EntryJson,
  EntryCategory,
  EntryFlags,
  EntrySurfaces,
  SortedIds,
  SurfaceRole,
  SurfaceCase,
  SurfaceDetail,
  SurfaceFolded,
  SurfaceOther,
  SurfaceOtherKeys,
  Json,
  Count,
}

/** The size of a pack's header: what must be read to know where its sections are. */
export const PACK_HEADER_BYTES = 12 + Section.Count * 8;

/**
 * Where the entries' JSON (most of a pack's bytes) is read from when it is not in memory: a file holding the
 * pack, read an entry at a time. `size` is the pack's whole length there.
 */
export interface JsonSource {
  readonly size: number;
  read(offset: number, length: number): Uint8Array;
  /** Release the file (the layer is disposed). */
  close?(): void;
}

/** Where the entries' JSON starts in a pack, from its header (to read everything before it). */
export function packJsonOffset(header: Uint8Array): number {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  if (
    header.length < PACK_HEADER_BYTES ||
    view.getUint32(0, true) !== MAGIC ||
    view.getUint32(4, true) !== PACK_VERSION ||
    view.getUint32(8, true) !== Section.Count
  )
    throw new NotAPackError('not a MedTerm pack of this version');
  return view.getUint32(12 + Section.Json * 8, true);
}

const REFERENCES = 1;

/** The entries of a validated file, duplicates of an id within the file already removed (the first kept). */
export interface PackInput {
  readonly entries: readonly RawEntry[];
  /** Anything the reader needs back (problems, the cache key…): stored as JSON. */
  readonly meta: unknown;
}

/** Strings in one pool of UTF-16 units; a string met again (a folded key equal to its text) is shared. */
class StringPool {
  chars: Uint16Array;
  length = 0;
  private readonly pooled = new Map<string, number>();

  constructor(capacity: number) {
    this.chars = new Uint16Array(Math.max(1024, capacity));
  }

  /** The string's start in the pool. */
  intern(text: string): number {
    const known = this.pooled.get(text);
    if (known !== undefined) return known;
    if (this.length + text.length > this.chars.length) {
      const bigger = new Uint16Array(Math.max(this.chars.length * 2, this.length + text.length));
      bigger.set(this.chars);
      this.chars = bigger;
    }
    const start = this.length;
    for (let i = 0; i < text.length; i++) this.chars[this.length++] = text.charCodeAt(i);
    this.pooled.set(text, start);
    return start;
  }
}

/** Entries' JSON, encoded straight into one growing buffer (not a small buffer per entry). */
class JsonBuffer {
  bytes: Uint8Array;
  length = 0;
  private readonly encoder = new TextEncoder();

  constructor(capacity: number) {
    this.bytes = new Uint8Array(Math.max(1024, capacity));
  }

  append(text: string): void {
    if (this.length + text.length * 3 > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + text.length * 3));
      bigger.set(this.bytes.subarray(0, this.length));
      this.bytes = bigger;
    }
    this.length += this.encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }
}

/** The per-entry and per-surface columns while packing. */
class Columns {
  readonly pool: StringPool;
  readonly json: JsonBuffer;
  readonly entryId: Int32Array;
  readonly entryJson: Int32Array;
  readonly entryCategory: Uint8Array;
  readonly entryFlags: Uint8Array;
  readonly entrySurfaces: Int32Array;
  readonly surfaceRole: Int32List;
  readonly surfaceCase: Int32List;
  readonly surfaceDetail: Int32List;
  readonly surfaceFolded: Int32List;
  /**
   * Text and exact key only where they differ from the folded key (rarely, in Chinese): an index into
   * quadruples (text start, text length, exact start, exact length), or -1.
   */
  readonly surfaceOther: Int32List;
  readonly surfaceOtherKeys = new Int32List(16);
  surfaces = 0;

  constructor(count: number) {
    this.pool = new StringPool(count * 16);
    this.json = new JsonBuffer(count * 256);
    this.entryId = new Int32Array(count * 2);
    this.entryJson = new Int32Array(count + 1);
    this.entryCategory = new Uint8Array(count);
    this.entryFlags = new Uint8Array(count);
    this.entrySurfaces = new Int32Array(count + 1);
    this.surfaceRole = new Int32List(count * 2);
    this.surfaceCase = new Int32List(count * 2);
    this.surfaceDetail = new Int32List(count * 2);
    this.surfaceFolded = new Int32List(count * 4);
    this.surfaceOther = new Int32List(count * 2);
  }
}

const PACK_ORIGIN: Origin = { layer: 'builtin', source: '' };
const NO_ACCEPTED: ReadonlySet<string> = new Set();

/** Add one entry and its surfaces (as conceptSurfaces derives them with no accepted texts) to the columns. */
function packEntry(columns: Columns, entry: RawEntry, index: number): void {
  const { pool } = columns;
  columns.entryId[index * 2] = pool.intern(entry.id);
  columns.entryId[index * 2 + 1] = entry.id.length;
  columns.entryJson[index] = columns.json.length;
  columns.json.append(JSON.stringify(entry));
  columns.entryCategory[index] = CATEGORIES.indexOf(entry.category);
  const concept = toConcept(entry, PACK_ORIGIN);
  if (concept.classes.length + concept.targets.length + concept.components.length + concept.confusableWith.length > 0)
    columns.entryFlags[index] = REFERENCES;
  columns.entrySurfaces[index] = columns.surfaces;
  for (const surface of conceptSurfaces(concept, NO_ACCEPTED)) {
    columns.surfaces++;
    columns.surfaceRole.push(ROLES.indexOf(surface.role));
    columns.surfaceCase.push(surface.caseSensitive ? 1 : 0);
    columns.surfaceDetail.push(
      surface.variant
        ? concept.variants.indexOf(surface.variant)
        : surface.accepted
          ? concept.accepted.indexOf(surface.accepted)
          : -1,
    );
    columns.surfaceFolded.push(pool.intern(surface.key!));
    columns.surfaceFolded.push(surface.key!.length);
    if (surface.text === surface.key && surface.exactKey === surface.key) {
      columns.surfaceOther.push(-1);
    } else {
      columns.surfaceOther.push(columns.surfaceOtherKeys.length >> 2);
      for (const text of [surface.text, surface.exactKey!]) {
        columns.surfaceOtherKeys.push(pool.intern(text));
        columns.surfaceOtherKeys.push(text.length);
      }
    }
  }
}

/** The sections' bytes, in Section order (the table at the top of this file). */
function sectionsOf(columns: Columns, sortedIds: Int32Array, meta: unknown): Uint8Array[] {
  const bytes = (view: ArrayBufferView): Uint8Array => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  const sections: Uint8Array[] = [];
  sections[Section.Meta] = new TextEncoder().encode(JSON.stringify(meta ?? null));
  sections[Section.Chars] = bytes(columns.pool.chars.subarray(0, columns.pool.length));
  sections[Section.EntryId] = bytes(columns.entryId);
  sections[Section.EntryJson] = bytes(columns.entryJson);
  sections[Section.EntryCategory] = columns.entryCategory;
  sections[Section.EntryFlags] = columns.entryFlags;
  sections[Section.EntrySurfaces] = bytes(columns.entrySurfaces);
  sections[Section.SortedIds] = bytes(sortedIds);
  sections[Section.SurfaceRole] = Uint8Array.from(columns.surfaceRole.trim());
  sections[Section.SurfaceCase] = Uint8Array.from(columns.surfaceCase.trim());
  sections[Section.SurfaceDetail] = bytes(columns.surfaceDetail.trim());
  sections[Section.SurfaceFolded] = bytes(columns.surfaceFolded.trim());
  sections[Section.SurfaceOther] = bytes(columns.surfaceOther.trim());
  sections[Section.SurfaceOtherKeys] = bytes(columns.surfaceOtherKeys.trim());
  sections[Section.Json] = columns.json.bytes.subarray(0, columns.json.length);
  return sections;
}

/** The header and the sections, each at an offset divisible by 4 (the header table at the top of this file). */
function frame(sections: readonly Uint8Array[]): Uint8Array {
  const align = (n: number): number => (n + 3) & ~3;
  let total = align(PACK_HEADER_BYTES);
  const offsets: number[] = [];
  for (const section of sections) {
    offsets.push(total);
    total = align(total + section.length);
  }
  const out = new Uint8Array(total);
  const header = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const littleEndian = true;
  header.setUint32(0, MAGIC, littleEndian);
  header.setUint32(4, PACK_VERSION, littleEndian);
  header.setUint32(8, Section.Count, littleEndian);
  sections.forEach((section, index) => {
    header.setUint32(12 + index * 8, offsets[index]!, littleEndian);
    header.setUint32(16 + index * 8, section.length, littleEndian);
    out.set(section, offsets[index]!);
  });
  return out;
}

/** Pack entries into one buffer (the format documented at the top of this file). */
export function pack(input: PackInput): Uint8Array {
  const { entries } = input;
  const count = entries.length;
  const columns = new Columns(count);
  entries.forEach((entry, index) => packEntry(columns, entry, index));
  columns.entryJson[count] = columns.json.length;
  columns.entrySurfaces[count] = columns.surfaces;
  const sortedIds = Int32Array.from({ length: count }, (_, index) => index).sort((a, b) =>
    entries[a]!.id < entries[b]!.id ? -1 : entries[a]!.id > entries[b]!.id ? 1 : 0,
  );
  return frame(sectionsOf(columns, sortedIds, input.meta));
}

/** Thrown for a buffer that is not a pack of this version (a damaged or foreign cache file). */
export class NotAPackError extends Error {}

/** How many materialised concepts a packed layer keeps (the rest are parsed again when asked for). */
const CONCEPT_CACHE = 4096;

/** A read-only view of a packed layer's buffer. */
export class PackedLayer implements TermLayer {
  readonly lazy = true;
  /** Duplicates were dropped when packing (and are among the file's problems). */
  readonly duplicateIds: readonly string[] = [];
  readonly size: number;
  readonly surfaceCount: number;
  readonly meta: unknown;
  /** The buffer (what a cache stores). */
  readonly bytes: Uint8Array;
  private readonly origin: Origin;
  readonly chars: Uint16Array;
  /** The entries' JSON, when in memory; else read from `external` at `jsonOffset`. */
  private readonly json: Uint8Array | undefined;
  private readonly jsonOffset: number = 0;
  private readonly jsonLength: number;
  private readonly entryId: Int32Array;
  private readonly entryJson: Int32Array;
  private readonly entryCategory: Uint8Array;
  private readonly entryFlags: Uint8Array;
  private readonly entrySurfaces: Int32Array;
  private readonly sortedIds: Int32Array;
  private readonly surfaceRole: Uint8Array;
  readonly surfaceCase: Uint8Array;
  private readonly surfaceDetail: Int32Array;
  readonly surfaceFolded: Int32Array;
  private readonly surfaceOther: Int32Array;
  private readonly surfaceOtherKeys: Int32Array;
  private readonly cache = new Map<number, Concept>();
  private readonly decoder = new TextDecoder();

  /**
   * `bytes`: the pack, or (with `external`) at least everything before its JSON section, which is then read
   * from `external` an entry at a time.
   */
  constructor(
    bytes: Uint8Array,
    readonly source: string,
    readonly layer: LayerKind,
    private readonly external?: JsonSource,
  ) {
    // Typed-array views need aligned offsets; a buffer read from a file may start anywhere in its pool.
    const own = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
    this.bytes = own;
    if (!HOST_IS_LITTLE_ENDIAN) throw new NotAPackError('packs are read on little-endian hosts only');
    if (own.length < 12) throw new NotAPackError('too short');
    const header = new DataView(own.buffer, own.byteOffset, own.byteLength);
    if (
      header.getUint32(0, true) !== MAGIC ||
      header.getUint32(4, true) !== PACK_VERSION ||
      header.getUint32(8, true) !== Section.Count
    )
      throw new NotAPackError('not a MedTerm pack of this version');
    if (own.length < 12 + Section.Count * 8) throw new NotAPackError('truncated header');
    const section = (index: Section): { offset: number; length: number } => {
      const offset = header.getUint32(12 + index * 8, true);
      const length = header.getUint32(16 + index * 8, true);
      const available = index === Section.Json && external ? external.size : own.length;
      if (offset % 4 !== 0 || offset + length > available) throw new NotAPackError('truncated');
      return { offset: own.byteOffset + offset, length };
    };
    type View<T> = {
      new (buffer: ArrayBufferLike, byteOffset: number, length: number): T;
      readonly BYTES_PER_ELEMENT: number;
    };
    const view = <T>(index: Section, Type: View<T>): T => {
      const { offset, length } = section(index);
      return new Type(own.buffer, offset, Math.floor(length / Type.BYTES_PER_ELEMENT));
    };
    const u8 = (index: Section): Uint8Array => view(index, Uint8Array);
    const i32 = (index: Section): Int32Array => view(index, Int32Array);
    this.meta = JSON.parse(this.decoder.decode(u8(Section.Meta)));
    this.chars = view(Section.Chars, Uint16Array);
    if (external) {
      const json = section(Section.Json);
      this.jsonOffset = json.offset - own.byteOffset;
      this.jsonLength = json.length;
    } else {
      this.json = u8(Section.Json);
      this.jsonLength = this.json.length;
    }
    this.entryId = i32(Section.EntryId);
    this.entryJson = i32(Section.EntryJson);
    this.entryCategory = u8(Section.EntryCategory);
    this.entryFlags = u8(Section.EntryFlags);
    this.entrySurfaces = i32(Section.EntrySurfaces);
    this.sortedIds = i32(Section.SortedIds);
    this.surfaceRole = u8(Section.SurfaceRole);
    this.surfaceCase = u8(Section.SurfaceCase);
    this.surfaceDetail = i32(Section.SurfaceDetail);
    this.surfaceFolded = i32(Section.SurfaceFolded);
    this.surfaceOther = i32(Section.SurfaceOther);
    this.surfaceOtherKeys = i32(Section.SurfaceOtherKeys);
    this.size = this.entryCategory.length;
    this.surfaceCount = this.surfaceRole.length;
    const consistent =
      this.entryId.length === this.size * 2 &&
      this.entryJson.length === this.size + 1 &&
      this.entrySurfaces.length === this.size + 1 &&
      this.sortedIds.length === this.size &&
      this.entrySurfaces[this.size] === this.surfaceCount &&
      this.surfaceFolded.length === this.surfaceCount * 2 &&
      this.surfaceOther.length === this.surfaceCount &&
      this.surfaceOtherKeys.length % 4 === 0 &&
      this.surfaceDetail.length === this.surfaceCount &&
      this.entryJson[this.size] === this.jsonLength;
    if (!consistent) throw new NotAPackError('inconsistent sections');
    this.origin = Object.freeze({ layer, source });
  }

  private string(start: number, length: number): string {
    return String.fromCharCode.apply(null, this.chars.subarray(start, start + length) as unknown as number[]);
  }

  id(entry: number): string {
    return this.string(this.entryId[entry * 2]!, this.entryId[entry * 2 + 1]!);
  }

  category(entry: number): Category {
    return CATEGORIES[this.entryCategory[entry]!]!;
  }

  hasReferences(entry: number): boolean {
    return (this.entryFlags[entry]! & REFERENCES) !== 0;
  }

  /** Compare an entry's id with `id` without making a string (as < and > on strings do). */
  private compareId(entry: number, id: string): number {
    const start = this.entryId[entry * 2]!;
    const length = this.entryId[entry * 2 + 1]!;
    const shared = Math.min(length, id.length);
    for (let k = 0; k < shared; k++) {
      const difference = this.chars[start + k]! - id.charCodeAt(k);
      if (difference !== 0) return difference;
    }
    return length - id.length;
  }

  /** The entry with this id, or -1 (binary search over the sorted ids). */
  indexOf(id: string): number {
    const index = firstIndexWhere(this.size, (k) => this.compareId(this.sortedIds[k]!, id) >= 0);
    const entry = this.sortedIds[index];
    return entry !== undefined && index < this.size && this.compareId(entry, id) === 0 ? entry : -1;
  }

  /** The entry as a concept object (parsed from its JSON; the last few thousand are kept). */
  concept(entry: number): Concept {
    let concept = this.cache.get(entry);
    if (concept) return concept;
    const start = this.entryJson[entry]!;
    const end = this.entryJson[entry + 1]!;
    const bytes = this.json
      ? this.json.subarray(start, end)
      : this.external!.read(this.jsonOffset + start, end - start);
    const raw = JSON.parse(this.decoder.decode(bytes)) as RawEntry;
    concept = toConcept(raw, this.origin);
    if (this.cache.size >= CONCEPT_CACHE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(entry, concept);
    return concept;
  }

  /** The surfaces of an entry: [first, end) surface indexes. */
  surfacesOf(entry: number): [number, number] {
    return [this.entrySurfaces[entry]!, this.entrySurfaces[entry + 1]!];
  }

  /** The entry a surface belongs to (binary search over the entries' first surfaces). */
  surfaceEntryOf(surface: number): number {
    // The last entry whose first surface is at or before `surface` (entry 0 starts at surface 0).
    return Math.max(0, firstIndexWhere(this.size, (k) => this.entrySurfaces[k]! > surface) - 1);
  }

  /** Start and length of the surface's text (0) or exact key (2) in the pool. */
  private other(surface: number, which: 0 | 2): [number, number] {
    const k = this.surfaceOther[surface]!;
    if (k < 0) return [this.surfaceFolded[surface * 2]!, this.surfaceFolded[surface * 2 + 1]!];
    return [this.surfaceOtherKeys[k * 4 + which]!, this.surfaceOtherKeys[k * 4 + which + 1]!];
  }

  key(surface: number): readonly [Uint16Array, number, number] {
    return [this.chars, this.surfaceFolded[surface * 2]!, this.surfaceFolded[surface * 2 + 1]!];
  }

  caseFlag(surface: number): number {
    return this.surfaceCase[surface]!;
  }

  /** Never: a packed surface becomes an object only when matched. */
  surfaceObject(): undefined {
    return undefined;
  }

  /** Close the file the entries' JSON is read from, if any. */
  dispose(): void {
    this.external?.close?.();
  }

  isVariant(surface: number): boolean {
    return ROLES[this.surfaceRole[surface]!] === 'variant';
  }

  folded(surface: number): string {
    return this.string(this.surfaceFolded[surface * 2]!, this.surfaceFolded[surface * 2 + 1]!);
  }

  /** Whether `units` holds the surface's exact key at `from`. */
  exactAt(surface: number, units: Uint16Array, from: number): boolean {
    const [start, length] = this.other(surface, 2);
    if (from + length > units.length) return false;
    for (let k = 0; k < length; k++) if (units[from + k] !== this.chars[start + k]) return false;
    return true;
  }

  /** The surface as an object (as conceptSurfaces makes it). */
  surface(index: number): Surface {
    const entry = this.surfaceEntryOf(index);
    const concept = this.concept(entry);
    const role = ROLES[this.surfaceRole[index]!]!;
    const detail = this.surfaceDetail[index]!;
    return {
      text: this.string(...this.other(index, 0)),
      key: this.folded(index),
      exactKey: this.string(...this.other(index, 2)),
      conceptId: concept.id,
      role,
      caseSensitive: this.surfaceCase[index] === 1,
      accepted: (role === 'accepted' || role === 'derived') && detail >= 0 ? concept.accepted[detail] : undefined,
      variant: role === 'variant' && detail >= 0 ? concept.variants[detail] : undefined,
    };
  }
}
