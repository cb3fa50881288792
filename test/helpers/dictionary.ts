import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDictionary, parseDictionary, type Dictionary, type ParsedLayerFile } from '../../server/src/engine';
import type { RawEntry } from '../../server/src/engine/dictionary/rawEntry';
import { readTermDirectory } from '../../server/src/node/termFiles';

export const ROOT = join(__dirname, '..', '..');
export const TERMS_DIRECTORY = join(ROOT, 'data', 'terms');
export const REVIEW_PATH = join(ROOT, 'test', 'fixtures', 'review', 'mm-review.txt');

let files: ParsedLayerFile[] | undefined;
let dictionary: Dictionary | undefined;

/** The built-in term files, parsed once per test file. */
export function builtinFiles(): ParsedLayerFile[] {
  files ??= readTermDirectory(TERMS_DIRECTORY, 'builtin', 'data/terms');
  return files;
}

export function builtinDictionary(): Dictionary {
  dictionary ??= buildDictionary(builtinFiles());
  return dictionary;
}

/** The built-in dictionary plus one extra layer given as YAML text. */
export function dictionaryWith(yaml: string, layer: 'user' | 'workspace' = 'workspace'): Dictionary {
  return buildDictionary([...builtinFiles(), parseDictionary(yaml, 'extra.yaml', layer)]);
}

/** An entry of an inline test dictionary: a term-file entry whose citation defaults to `{ source: test }`. */
export type TestEntry = Omit<RawEntry, 'cite'> & { cite?: RawEntry['cite'] };

/**
 * A small dictionary built from the entries given, through the engine's own parse and build path (the entries
 * become a term file, in JSON, which is YAML). Engine tests use it so that a correction to data/ cannot break
 * them; what the shipped data says is tested in test/data. Throws if the entries have any problem.
 */
export function dictionaryOf(...entries: TestEntry[]): Dictionary {
  const file = { entries: entries.map((entry) => ({ ...entry, cite: entry.cite ?? [{ source: 'test' }] })) };
  const dictionary = buildDictionary([parseDictionary(JSON.stringify(file, null, 1), 'inline.yaml', 'builtin')]);
  if (dictionary.problems.length > 0) throw new Error(`inline dictionary: ${JSON.stringify(dictionary.problems)}`);
  return dictionary;
}

export function review(): string {
  return readFileSync(REVIEW_PATH, 'utf8');
}

/**
 * Cursor markers for table-driven tests: "年批准了卡非|" → text without the marker and its offset.
 * "[[x]]" marks expected ranges.
 */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error(`no cursor marker in ${marked}`);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function ranges(marked: string): { text: string; ranges: { start: number; end: number; text: string }[] } {
  const out: { start: number; end: number; text: string }[] = [];
  let text = '';
  let index = 0;
  while (index < marked.length) {
    if (marked.startsWith('[[', index)) {
      const close = marked.indexOf(']]', index);
      const inner = marked.slice(index + 2, close);
      out.push({ start: text.length, end: text.length + inner.length, text: inner });
      text += inner;
      index = close + 2;
    } else {
      text += marked[index];
      index++;
    }
  }
  return { text, ranges: out };
}
