import type { LayerKind } from '../types';
import { layerFromChecked, type CheckedTermFile, type ParsedLayerFile } from './parse';
import type { PatternRule } from './patterns';
import type { ParsedPrhFile } from './prh';
import { compilePrh } from './prhRegex';

/**
 * What a cache of term files stores for one parsed file, whatever its format: plain data (JSON), from which
 * `layerFromCached` rebuilds the same layer without reading or parsing the file. Every term source has a
 * kind here; a new source adds one (and bumps the cache's CACHE_FORMAT in node/dictionaryCache.ts).
 * Large MedTerm files are cached as packs instead (dictionary/packed.ts), not through this form.
 */
export type CachedTermFile =
  | { readonly kind: 'medterm'; readonly checked: CheckedTermFile }
  | { readonly kind: 'prh'; readonly prh: CachedPrhFile };

/** A pattern rule without its compiled regular expressions (compiled again from `compiledFrom`). */
type CachedPattern = Omit<PatternRule, 'regex' | 'lookahead' | 'lookbehind'>;

type CachedPrhFile = Omit<ParsedPrhFile, 'source' | 'layer' | 'patterns' | 'checked' | 'packed'> & {
  readonly patterns: readonly CachedPattern[];
};

function isPrhFile(parsed: ParsedLayerFile): parsed is ParsedPrhFile {
  return 'rules' in parsed && 'imports' in parsed;
}

/** The cacheable form of a parsed file, or undefined when it has none (a packed layer is cached as its pack). */
export function cachedFormOf(parsed: ParsedLayerFile): CachedTermFile | undefined {
  if (parsed.packed) return undefined;
  if (parsed.checked) return { kind: 'medterm', checked: parsed.checked };
  if (!isPrhFile(parsed)) return undefined;
  const { source: _source, layer: _layer, patterns, ...rest } = parsed;
  const plain = (patterns ?? []).map(
    ({ regex: _regex, lookahead: _ahead, lookbehind: _behind, ...pattern }) => pattern,
  );
  return { kind: 'prh', prh: { ...rest, patterns: plain } };
}

/** Whether a value read from a cache has the shape `cachedFormOf` gives (a damaged or foreign file has not). */
export function isCachedForm(value: unknown): value is CachedTermFile {
  const form = value as { kind?: unknown; checked?: Partial<CheckedTermFile>; prh?: Partial<CachedPrhFile> } | null;
  if (!form || typeof form !== 'object') return false;
  if (form.kind === 'medterm')
    return !!form.checked && Array.isArray(form.checked.problems) && Array.isArray(form.checked.badEntries);
  const prh = form.prh;
  return (
    form.kind === 'prh' &&
    !!prh &&
    [prh.problems, prh.imports, prh.importOptions, prh.specs, prh.rules, prh.patterns, prh.concepts].every(
      Array.isArray,
    )
  );
}

/** The layer a cached form stands for: the same as parsing the file again gives. */
export function layerFromCached(form: CachedTermFile, source: string, layer: LayerKind): ParsedLayerFile {
  if (form.kind === 'medterm') return layerFromChecked(form.checked, source, layer);
  const patterns: PatternRule[] = form.prh.patterns.map((pattern) => ({
    ...pattern,
    ...compilePrh(pattern.compiledFrom),
  }));
  // JSON has no undefined in arrays: a rule left out (undefined) comes back as null.
  const rules = form.prh.rules.map((rule) => rule ?? undefined);
  const file: ParsedPrhFile = { ...form.prh, source, layer, patterns, rules };
  return file;
}
