import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { version } from '../../../package.json';
import schema from '../../../data/schema/medterm-terms.schema.json';
import { layerFromChecked, type CheckedTermFile, type LayerKind, type ParsedLayerFile } from '../engine';
import { writeAtomically } from './atomicWrite';

/**
 * A cache of validated term files. Reading a large term file is mostly YAML parsing and schema
 * validation (a 100,000-rule file: seconds); the cache keeps the validated data as JSON, keyed by the
 * file's content, so the next process (CLI run, server start, reload) skips both. Node-side: the engine
 * only turns the cached data back into a layer (layerFromChecked).
 */

/** Smaller files parse faster than a cache lookup pays for. */
export const CACHE_MIN_BYTES = 64 * 1024;
/** Cache files kept; older ones are removed when a new one is written. */
const KEEP = 32;
/** Changes whenever MedTerm, its schema or this format changes, so a stale entry is never read. */
const FORMAT = createHash('sha256').update(`1\0${version}\0${JSON.stringify(schema)}`).digest('hex').slice(0, 16);

/**
 * Where the cache lives: $MEDTERM_CACHE_DIR (empty or "off" turns it off), else $XDG_CACHE_HOME/medterm,
 * else ~/.cache/medterm.
 */
export function dictionaryCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env['MEDTERM_CACHE_DIR'];
  if (configured !== undefined) return configured === '' || configured.toLowerCase() === 'off' ? undefined : configured;
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'medterm');
}

interface CacheFile {
  readonly format: string;
  readonly source: string;
  readonly checked: CheckedTermFile;
}

function isCacheFile(value: unknown, source: string): value is CacheFile {
  const file = value as Partial<CacheFile> | null;
  return !!file && file.format === FORMAT && file.source === source && !!file.checked && Array.isArray(file.checked.problems) && Array.isArray(file.checked.badEntries);
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
export function readWithCache<T extends ParsedLayerFile>(path: string, layer: LayerKind, directory: string | undefined, read: () => string, parse: (raw: string) => T): T | ParsedLayerFile {
  let stamp: string | undefined;
  if (directory) {
    try {
      const stat = statSync(path);
      if (stat.size >= CACHE_MIN_BYTES) stamp = `${stat.size}\0${stat.mtimeMs}\0${stat.ino}`;
    } catch {
      // unreadable: read() reports it
    }
  }
  if (!directory || stamp === undefined) return withoutChecked(parse(read()));
  const key = createHash('sha256').update(`${FORMAT}\0${layer}\0${path}\0${stamp}`).digest('hex');
  const cachePath = join(directory, `${key}.json`);
  try {
    const cached: unknown = JSON.parse(readFileSync(cachePath, 'utf8'));
    if (isCacheFile(cached, path)) return layerFromChecked(cached.checked, path, layer);
  } catch {
    // missing, unreadable or damaged: parse the file
  }
  const parsed = parse(read());
  if (parsed.checked) {
    try {
      writeAtomically(cachePath, JSON.stringify({ format: FORMAT, source: path, checked: parsed.checked } satisfies CacheFile));
      prune(directory);
    } catch {
      // read-only or full disk: work without the cache
    }
  }
  return withoutChecked(parsed);
}

function prune(directory: string): void {
  const files = readdirSync(directory)
    .filter((name) => /^[0-9a-f]{64}\.json$/.test(name))
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
