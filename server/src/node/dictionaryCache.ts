import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import schema from '../../../data/schema/medterm-terms.schema.json';
import {
  NotAPackError,
  PACK_HEADER_BYTES,
  PACK_VERSION,
  cachedFormOf,
  formatMessage,
  isCachedForm,
  layerFromCached,
  layerFromPacked,
  message,
  packJsonOffset,
  PackedLayer,
  type CachedTermFile,
  type LayerKind,
  type ParsedLayerFile,
} from '../engine';
import { writeAtomically } from './atomicWrite';
import { makeDirectory } from './cacheDirectory';
import { version } from '../version';

/**
 * A cache of validated term files. Reading a large term file is mostly YAML parsing and schema
 * validation (a 100,000-rule file: seconds); the cache keeps the result, keyed by the file's path, size,
 * modification time and inode, so the next process (CLI run, server start, reload) skips both. Files of
 * PACK_MIN_ENTRIES entries or more are stored as their packed layer (`<hash>.pack`, engine/dictionary/packed.ts),
 * read back without per-entry work and with the entries' JSON left on disk; smaller ones as validated JSON
 * (`<hash>.json`, engine/dictionary/cachedForm.ts: MedTerm files and prh files alike), which the engine turns
 * back into a layer (layerFromCached). Node-side only.
 */
/** Smaller files parse faster than a cache lookup pays for. */
export const CACHE_MIN_BYTES = 64 * 1024;
/** Cache files kept (the built-in files take a few); older ones are removed when a new one is written. */
const KEEP = 48;
/**
 * Two 32-bit FNV-style hashes of a string, as 16 hex digits: names cache files. Not cryptographic (loading
 * node:crypto costs more than the rest of a cache hit); every entry also stores its full key, checked on reading.
 */
function hash64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ code ^ (h1 >>> 16), 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/**
 * Changes whenever MedTerm's version, its schema or this format changes, so a stale entry is never read.
 * Bump the leading number when what parseDictionary or parsePrh stores (CachedTermFile, problem messages) changes
 * between releases.
 */
const CACHE_FORMAT = 5;
const FORMAT = hash64(`${CACHE_FORMAT}\0${PACK_VERSION}\0${version()}\0${JSON.stringify(schema)}`);

/** Cache folders that could not be created: used no further in this process, and reported once (cacheProblems). */
const unusable = new Set<string>();

/** Cache folders that could not be created, for a message ("working without the cache"). */
export function cacheProblems(): readonly string[] {
  return [...unusable];
}

/** The message for a cache folder that cannot be created, in both languages. */
export function cacheProblemMessage(directory: string, english: boolean): string {
  return formatMessage(message('server.cacheUnusable', { directory }), english ? 'en' : 'zh-cn');
}

interface CacheFile {
  /** The whole key: format, layer, path, source, how it is read and the file's size, modification time and inode. */
  readonly key: string;
  readonly source: string;
  /** The parsed file as plain data, whatever its format (engine/dictionary/cachedForm.ts). */
  readonly form: CachedTermFile;
}

function isCacheFile(value: unknown, key: string, source: string): value is CacheFile {
  const file = value as Partial<CacheFile> | null;
  return !!file && file.key === key && file.source === source && isCachedForm(file.form);
}

/** The layer without the plain-data copy that only the cache needs. */
function withoutChecked<T extends ParsedLayerFile>(parsed: T): T {
  if (!parsed.checked) return parsed;
  const { checked: _checked, ...layer } = parsed;
  return layer as T;
}

/**
 * Read and parse a term file through the cache in `directory`. The key is the file's path, size,
 * modification time and inode (as ESLint's cache does by default), so a hit reads neither the file nor
 * its YAML: it rebuilds the layer from validated data. A miss reads and parses, then stores the result
 * (atomically; a cache that cannot be written is simply not used). A damaged or foreign cache file is
 * ignored and replaced; small files are not cached at all.
 */
export function readWithCache<T extends ParsedLayerFile>(
  path: string,
  layer: LayerKind,
  directory: string | undefined,
  read: () => string,
  parse: (raw: string) => T,
  /** `readAs`: what else the parse depends on (as `allowPatterns` for prh files): part of the key. */
  options: { readonly source?: string; readonly minBytes?: number; readonly readAs?: string } = {},
): T | ParsedLayerFile {
  const source = options.source ?? path;
  let stamp: string | undefined;
  if (directory) {
    try {
      const stat = statSync(path);
      if (stat.size >= (options.minBytes ?? CACHE_MIN_BYTES)) stamp = `${stat.size}\0${stat.mtimeMs}\0${stat.ino}`;
    } catch {
      // unreadable: read() reports it
    }
  }
  if (!directory || stamp === undefined) return withoutChecked(parse(read()));
  const key = `${FORMAT}\0${layer}\0${path}\0${source}\0${options.readAs ?? ''}\0${stamp}`;
  const name = hash64(key);
  const cachePath = join(directory, `${name}.json`);
  const packPath = join(directory, `${name}.pack`);
  try {
    // A large file is cached packed (engine/dictionary/packed.ts): one read, no per-entry work.
    const packed = readPack(packPath, key, source, layer);
    if (packed) return layerFromPacked(packed);
  } catch {
    // damaged: parse the file
  }
  try {
    const cached: unknown = JSON.parse(readFileSync(cachePath, 'utf8'));
    if (isCacheFile(cached, key, source)) return layerFromCached(cached.form, source, layer);
  } catch {
    // missing, unreadable or damaged: parse the file
  }
  const parsed = parse(read());
  const form = cachedFormOf(parsed);
  if ((parsed.packed || form) && !unusable.has(directory)) {
    if (!makeDirectory(directory)) {
      unusable.add(directory);
      return withoutChecked(parsed);
    }
    try {
      if (parsed.packed) writeAtomically(packPath, packFile(key, source, parsed.packed.bytes));
      else writeAtomically(cachePath, JSON.stringify({ key, source, form: form! } satisfies CacheFile));
      prune(directory);
      // Use the stored pack, which leaves the entries' JSON on disk, rather than the whole pack in memory.
      const stored = parsed.packed ? readPack(packPath, key, source, layer) : undefined;
      if (stored) return { ...withoutChecked(parsed), packed: stored };
    } catch {
      // read-only or full disk: work without the cache
    }
  }
  return withoutChecked(parsed);
}

/**
 * A cached pack (`<hash>.pack`), little-endian like the pack itself:
 *
 * | bytes              | field                                                            |
 * | ------------------ | ---------------------------------------------------------------- |
 * | 0..4               | L, the JSON header's length in bytes, u32 little-endian           |
 * | 4..4 + L           | the JSON header `{ key, source }`, UTF-8 (checked on reading)     |
 * | 4 + L..start       | zero padding, so that start = (4 + L) rounded up to a multiple of 4 |
 * | start..end         | the pack (engine/dictionary/packed.ts documents its format)      |
 *
 * The pack's typed arrays are views on the bytes read, so it must start at an offset divisible by 4.
 */
function packFile(key: string, source: string, pack: Uint8Array): Uint8Array {
  const header = Buffer.from(JSON.stringify({ key, source }), 'utf8');
  const start = (4 + header.length + 3) & ~3;
  const out = Buffer.alloc(start + pack.length);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  out.set(pack, start);
  return out;
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

/** Open cache files of packs in use: closed by the layer's `dispose()`, or else when the layer is collected. */
const openPacks = new FinalizationRegistry<number>(closeQuietly);

/**
 * The pack stored for `key`, or undefined when there is none (or another key's). Throws when damaged.
 * Everything but the entries' JSON is read into memory; the JSON (most of the file) stays on disk and is read
 * an entry at a time when a concept is needed, through a descriptor kept open until the layer is disposed
 * (`dispose()`; a `FinalizationRegistry` closes it if the layer is collected undisposed). On POSIX systems the
 * data stays readable even if the file is replaced or pruned meanwhile.
 */
function readPack(path: string, key: string, source: string, layer: LayerKind): PackedLayer | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  let packed: PackedLayer | undefined;
  let open = true;
  try {
    const size = fstatSync(fd).size;
    const read = (position: number, length: number): Buffer => {
      // Never through a closed descriptor: its number may already be another file's.
      if (!open) throw new Error(`MedTerm: ${source}: the packed layer was disposed`);
      if (position + length > size) throw new NotAPackError('truncated');
      const buffer = Buffer.allocUnsafeSlow(length);
      let done = 0;
      while (done < length) {
        const got = readSync(fd, buffer, done, length - done, position + done);
        if (got === 0) throw new NotAPackError('truncated');
        done += got;
      }
      return buffer;
    };
    const length = read(0, 4).readUInt32LE(0);
    const header = JSON.parse(read(4, length).toString('utf8')) as { key?: unknown; source?: unknown };
    if (header.key !== key || header.source !== source) return undefined;
    const start = (4 + length + 3) & ~3;
    const jsonOffset = packJsonOffset(read(start, PACK_HEADER_BYTES));
    const token = {};
    const close = (): void => {
      if (!open) return;
      open = false;
      openPacks.unregister(token);
      closeQuietly(fd);
    };
    packed = new PackedLayer(read(start, jsonOffset), source, layer, {
      size: size - start,
      read: (offset, bytes) => read(start + offset, bytes),
      close,
    });
    openPacks.register(packed, fd, token);
    return packed;
  } finally {
    if (!packed) closeSync(fd);
  }
}

function prune(directory: string): void {
  const files = readdirSync(directory)
    .filter((name) => /^[0-9a-f]{16}\.(json|pack)$/.test(name))
    .map((name) => ({ path: join(directory, name), time: statSync(join(directory, name)).mtimeMs }));
  if (files.length <= KEEP) return;
  files.sort((a, b) => b.time - a.time);
  for (const file of files.slice(KEEP)) {
    try {
      unlinkSync(file.path);
    } catch {
      // another process removed it
    }
  }
}
