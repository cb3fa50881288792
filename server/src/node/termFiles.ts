import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDictionary, type LayerKind, type ParsedLayerFile } from '../engine';

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

export function readTermDirectory(directory: string, layer: LayerKind, label = directory): ParsedLayerFile[] {
  return readdirSync(directory)
    .filter(isTermFile)
    .sort()
    .map((name) => parseDictionary(readFileSync(join(directory, name), 'utf8'), `${label}/${name}`, layer));
}

export function readTermFile(path: string, layer: LayerKind): ParsedLayerFile {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    return { source: path, layer, concepts: [], problems: [{ source: path, path: '(file)', message: `cannot read the file: ${(error as Error).message}`, severity: 'error' }] };
  }
  return parseDictionary(raw, path, layer);
}
