import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import {
  ignoresRule,
  parseDictionary,
  parseTermFile,
  withoutPrhRules,
  type LayerKind,
  type ParsedLayerFile,
  type ParsedPrhFile,
} from '../engine';
import { readWithCache } from './dictionaryCache';

/**
 * Node-side loading of term files: the engine parses text, this reads files. Shared by the server
 * and the CLI so that both see exactly the same dictionary.
 */

/** The folder of built-in term files, next to the bundle (dist/../data/terms) or in the source tree. */
export function builtinTermsDirectory(bundleDirectory: string): string {
  return join(bundleDirectory, '..', 'data', 'terms');
}

export function isTermFile(name: string): boolean {
  return /\.(ya?ml|json)$/i.test(name);
}

/**
 * Read every term file of a folder (the built-in data). With a cache directory, the files come from the
 * cache of validated term files whatever their size: start-up then parses no YAML at all.
 */
export function readTermDirectory(
  directory: string,
  layer: LayerKind,
  label = directory,
  cacheDirectory?: string,
): ParsedLayerFile[] {
  return readdirSync(directory)
    .filter(isTermFile)
    .sort()
    .map((name) => {
      const path = join(directory, name);
      const source = `${label}/${name}`;
      return readWithCache(
        path,
        layer,
        cacheDirectory,
        () => readFileSync(path, 'utf8'),
        (raw) => parseDictionary(raw, source, layer),
        { source, minBytes: 0 },
      );
    });
}

export interface UserTermFileOptions {
  /** Regular expressions from prh files are used only where the workspace is trusted. */
  readonly allowPatterns: boolean;
  /** Text of files open in the editor, which wins over the disk (edits take effect before saving). */
  readonly readOverride?: (path: string) => string | undefined;
  /** Where validated large files are cached (see dictionaryCache.ts); undefined: no cache. */
  readonly cacheDirectory?: string;
}

/**
 * Read a user's term file (MedTerm format or prh.yml) and, for prh files, what it imports, relative to
 * itself. A cycle or a missing import is a problem in the importing file, not an exception.
 */
export function readUserTermFile(
  path: string,
  layer: LayerKind,
  options: UserTermFileOptions,
  seen = new Set<string>(),
  followImports = true,
): ParsedLayerFile[] {
  const absolute = resolve(path);
  if (seen.has(absolute)) return [];
  seen.add(absolute);
  const override = options.readOverride?.(absolute);
  let parsed: ReturnType<typeof parseTermFile>;
  try {
    // Unsaved text is parsed as it is (never cached); files on disk go through the cache (large ones).
    const cacheDirectory = override === undefined ? options.cacheDirectory : undefined;
    parsed = readWithCache(
      absolute,
      layer,
      cacheDirectory,
      () => override ?? readFileSync(absolute, 'utf8'),
      (raw) => parseTermFile(raw, absolute, layer, options),
      { readAs: options.allowPatterns ? 'patterns' : 'no-patterns' },
    );
  } catch (error) {
    return [
      {
        source: absolute,
        layer,
        concepts: [],
        problems: [
          {
            source: absolute,
            path: '(file)',
            message: `cannot read the file: ${(error as Error).message}`,
            severity: 'error',
          },
        ],
      },
    ];
  }
  const files: ParsedLayerFile[] = [parsed];
  if ('imports' in parsed && followImports) {
    const prh = parsed as ParsedPrhFile;
    // prh's merge: an imported rule whose expected text the importing side already has is dropped.
    const known = new Set(prh.rules.flatMap((rule) => (rule ? [rule.expected] : [])));
    prh.imports.forEach((imported, index) => {
      const spec = prh.importOptions?.[index];
      const target = isAbsolute(imported) ? imported : join(dirname(absolute), imported);
      if (!existsSync(target)) {
        files[0] = {
          ...files[0]!,
          problems: [
            ...files[0]!.problems,
            { source: absolute, path: 'imports', message: `imported file not found: ${imported}`, severity: 'error' },
          ],
        };
        return;
      }
      const loaded = readUserTermFile(target, layer, options, seen, !spec?.disableImports).map((file) => {
        if (!('rules' in file)) return file;
        const rules = file as ParsedPrhFile;
        return withoutPrhRules(
          rules,
          (rule) => known.has(rule.expected) || (spec?.ignoreRules ?? []).some((ignore) => ignoresRule(ignore, rule)),
        );
      });
      for (const file of loaded)
        if ('rules' in file) for (const rule of (file as ParsedPrhFile).rules) if (rule) known.add(rule.expected);
      files.push(...loaded);
    });
  }
  return files;
}

/** Term files found by convention: every YAML or JSON file in a `.medterm` folder. */
export function conventionalTermFiles(folder: string): string[] {
  const directory = join(folder, '.medterm');
  if (!existsSync(directory) || !statSync(directory).isDirectory()) return [];
  return readdirSync(directory)
    .filter(isTermFile)
    .sort()
    .map((name) => join(directory, name));
}
