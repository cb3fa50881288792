import { readFileSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';
import { version } from '../../../package.json';
import schema from '../../../data/schema/medterm-terms.schema.json';
import { layerFromChecked, type CheckedTermFile, type LayerKind, type ParsedLayerFile } from '../engine';
import { writeAtomically } from './atomicWrite';

/**
 * A cache of validated term files. Reading a large term file is mostly YAML parsing and schema
 * validation (a 100,000-rule file: seconds); the cache keeps the validated data as JSON, keyed by the
 * file's path, size, modification time and inode, so the next process (CLI run, server start, reload) skips both. Node-side: the engine
 * only turns the cached data back into a layer (layerFromChecked).
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
 * Bump the leading number when what parseDictionary stores (CheckedTermFile, problem messages) changes
 * between releases.
 */
const CACHE_FORMAT = 2;
const FORMAT = hash64(`${CACHE_FORMAT}\0${version}\0${JSON.stringify(schema)}`);

/**
 * Where the cache lives: $MEDTERM_CACHE_DIR (empty or "off" turns it off), else the user's cache folder:
 * $XDG_CACHE_HOME/medterm or ~/.cache/medterm on Linux, ~/Library/Caches/medterm on macOS,
 * %LOCALAPPDATA%\medterm\Cache on Windows.
 */
export function dictionaryCacheDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string | undefined {
  const configured = env['MEDTERM_CACHE_DIR'];
  if (configured !== undefined) return configured === '' || configured.toLowerCase() === 'off' ? undefined : configured;
  if (platform === 'win32') return win32.join(env['LOCALAPPDATA'] || win32.join(home, 'AppData', 'Local'), 'medterm', 'Cache');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Caches', 'medterm');
  return posix.join(env['XDG_CACHE_HOME'] || posix.join(home, '.cache'), 'medterm');
}

interface CacheFile {
  /** The whole key: format, layer, path, source and the file's size, modification time and inode. */
  readonly key: string;
  readonly source: string;
  readonly checked: CheckedTermFile;
}

function isCacheFile(value: unknown, key: string, source: string): value is CacheFile {
  const file = value as Partial<CacheFile> | null;
  return !!file && file.key === key && file.source === source && !!file.checked && Array.isArray(file.checked.problems) && Array.isArray(file.checked.badEntries);
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
  options: { readonly source?: string; readonly minBytes?: number } = {},
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
  const key = `${FORMAT}\0${layer}\0${path}\0${source}\0${stamp}`;
  const cachePath = join(directory, `${hash64(key)}.json`);
  try {
    const cached: unknown = JSON.parse(readFileSync(cachePath, 'utf8'));
    if (isCacheFile(cached, key, source)) return layerFromChecked(cached.checked, source, layer);
  } catch {
    // missing, unreadable or damaged: parse the file
  }
  const parsed = parse(read());
  if (parsed.checked) {
    try {
      writeAtomically(cachePath, JSON.stringify({ key, source, checked: parsed.checked } satisfies CacheFile));
      prune(directory);
    } catch {
      // read-only or full disk: work without the cache
    }
  }
  return withoutChecked(parsed);
}

function prune(directory: string): void {
  const files = readdirSync(directory)
    .filter((name) => /^[0-9a-f]{16}\.json$/.test(name))
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
