import type { ErrorObject } from 'ajv';
import { CORE_SCHEMA, load } from 'js-yaml';
import { LineCounter, isMap, isSeq, parseDocument, type Document } from 'yaml';
import validateTermFile from './termFileValidator.generated';
import type { Concept, DictionaryProblem, LayerKind, Variant } from '../types';
import type { PatternRule } from './patterns';
import { HOST_IS_LITTLE_ENDIAN, PACK_MIN_ENTRIES, PackedLayer, pack } from './packed';
import { toConcept, type RawEntry } from './rawEntry';
import { firstIndexWhere } from '../collections';

/** A non-standard form a user's file adds to an existing concept. */
export interface VariantAddition {
  /** The concept's id; empty when it is named instead (conceptName, from prh's "expected"). */
  readonly conceptId: string;
  readonly conceptName?: string;
  readonly variant: Variant;
  /** Index of the prh rule it comes from (imports' ignoreRules drop rules by it). */
  readonly prhRule?: number;
}

/** The result of reading one term file: its valid concepts and every problem, with positions. */
export interface ParsedLayerFile {
  readonly source: string;
  readonly layer: LayerKind;
  readonly concepts: readonly Concept[];
  readonly problems: readonly DictionaryProblem[];
  /** Texts accepted as they are (no findings), from users' files. */
  readonly accept?: readonly string[];
  readonly variantAdditions?: readonly VariantAddition[];
  /** Regular-expression rules (from prh.yml files), matched in linear time. */
  readonly patterns?: readonly PatternRule[];
  /** The validated file as plain data, for a cache (MedTerm-format files that parsed). */
  readonly checked?: CheckedTermFile;
  /** A large file's entries, packed (dictionary/packed.ts); `concepts` is then empty. */
  readonly packed?: PackedLayer;
}

/** The schema's validator, compiled ahead of time by scripts/generate-validator.mjs (ajv standalone code). */
function validateValue(value: unknown): ErrorObject[] {
  const validate = validateTermFile as ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };
  return validate(value) ? [] : oneReasonPerAlternative(validate.errors ?? []);
}

/**
 * Validate a file entry by entry: the validator gathers every error of a call in one array that it
 * copies as it grows, so one call over 50,000 invalid entries took time quadratic in their number
 * (33 s); one call per entry keeps each array small and the whole check linear.
 */
function validateFile(value: unknown): ErrorObject[] {
  const file =
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const entries = file?.['entries'];
  if (!file || !Array.isArray(entries) || entries.length < 2) return validateValue(value);
  const errors = validateValue({ ...file, entries: [] });
  for (let index = 0; index < entries.length; index++) {
    const found = validateValue({ entries: [entries[index]] });
    for (const error of found)
      errors.push({ ...error, instancePath: error.instancePath.replace(/^\/entries\/0(?=\/|$)/, `/entries/${index}`) });
  }
  return errors;
}

/**
 * One reason per failed alternative (oneOf/anyOf): ajv reports every branch's errors, which contradict
 * each other (`missing "review"` and `unknown field "source"` for a citation meant as { source }). Keep
 * the branch that got furthest into the value (its deepest error; then the fewest errors); when every
 * branch only misses a field at the same place, say so once.
 */
export function oneReasonPerAlternative(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<number>();
  const replaced = new Map<number, ErrorObject>();
  const depth = (error: ErrorObject): number =>
    error.instancePath === '' ? 0 : error.instancePath.split('/').length - 1;
  errors.forEach((summary, k) => {
    if (summary.keyword !== 'oneOf' && summary.keyword !== 'anyOf') return;
    dropped.add(k);
    const prefix = `${summary.schemaPath}/`;
    const branches = new Map<string, number[]>();
    for (let i = 0; i < k; i++) {
      const error = errors[i]!;
      if (dropped.has(i) || !error.schemaPath.startsWith(prefix)) continue;
      if (error.instancePath !== summary.instancePath && !error.instancePath.startsWith(`${summary.instancePath}/`))
        continue;
      const branch = error.schemaPath.slice(prefix.length).split('/')[0]!;
      (branches.get(branch) ?? branches.set(branch, []).get(branch)!).push(i);
    }
    if (branches.size < 2) return;
    const lists = [...branches.values()];
    const onlyMissing = lists.every((list) =>
      list.every((i) => errors[i]!.keyword === 'required' && errors[i]!.instancePath === summary.instancePath),
    );
    if (onlyMissing) {
      const fields = lists.flatMap((list) =>
        list.map((i) => String((errors[i]!.params as Record<string, unknown>)['missingProperty'])),
      );
      for (const list of lists) for (const i of list) dropped.add(i);
      replaced.set(k, {
        ...summary,
        keyword: 'required',
        message: `needs one of the fields ${fields.map((field) => `"${field}"`).join(', ')}`,
        params: {},
      });
      return;
    }
    const score = (list: number[]): number => Math.max(...list.map((i) => depth(errors[i]!))) * 1000 - list.length;
    const best = lists.reduce((a, b) => (score(b) > score(a) ? b : a));
    for (const list of lists) if (list !== best) for (const i of list) dropped.add(i);
  });
  const out: ErrorObject[] = [];
  errors.forEach((error, k) => {
    const replacement = replaced.get(k);
    if (replacement) out.push(replacement);
    else if (!dropped.has(k)) out.push(error);
  });
  return out;
}

/** entries/12/variants/0 → entries[12].variants[0] */
export function readablePath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number' || /^\d+$/.test(String(segment))) out += `[${segment}]`;
    else out += out ? `.${segment}` : String(segment);
  }
  return out || '(file)';
}

function pointerSegments(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The schema's pattern for names (data/schema): a line break or control character can never match as written. */
const NAME_PATTERN = '^[^\\u0000-\\u001f\\u007f]*$';

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown field "${String(params['additionalProperty'])}"`;
    case 'required':
      return params['missingProperty'] === undefined
        ? (error.message ?? 'missing a required field')
        : `missing required field "${String(params['missingProperty'])}"`;
    case 'enum':
      return `must be one of: ${(params['allowedValues'] as unknown[]).join(', ')}`;
    case 'type':
      return `must be of type ${String(params['type'])}`;
    case 'pattern':
      return params['pattern'] === NAME_PATTERN
        ? 'a name cannot hold a line break, a tab or another control character'
        : `must match ${String(params['pattern'])}`;
    default:
      return error.message ?? error.keyword;
  }
}

/**
 * Parse and validate one term file (YAML or JSON; JSON is YAML). Validation happens once, here, at
 * the boundary: a syntax error makes the whole file an empty layer; a schema error drops only the
 * entry it is in. Every problem names the file, the path (entries[12].variants[0].kind) and the
 * 0-based line and column.
 */
export function parseDictionary(
  raw: string,
  source: string,
  layer: LayerKind = 'builtin',
  preloaded?: { value: unknown },
): ParsedLayerFile {
  const text = new TermFileText(raw.replace(/^\ufeff/, ''), source);
  const read = readValue(text, preloaded);
  if ('problems' in read) return { source, layer, concepts: [], problems: read.problems };
  const { value } = read;
  const problems: DictionaryProblem[] = [];
  const badEntries = schemaProblems(text, value, problems);
  dropDuplicateIds(text, value, problems, badEntries);
  const checked: CheckedTermFile = { value, problems, badEntries: [...badEntries] };
  const parsed = layerFromChecked(checked, source, layer);
  // A packed layer is stored (by a cache) as its buffer; the parsed value would only hold memory.
  return parsed.packed ? parsed : { ...parsed, checked };
}

type Located = ReturnType<typeof locate>;

/** A term file's text, and where a value in it is: its line and column, from the cheapest parse that tells. */
class TermFileText {
  private located: { document: Document; lineCounter: LineCounter } | undefined;
  private lineStarts: number[] | undefined;
  private items: number[] | null | undefined;

  constructor(
    readonly text: string,
    readonly source: string,
  ) {}

  /** The position-keeping Document, built once and only when a problem needs it. */
  document(): Document {
    if (!this.located) {
      const lineCounter = new LineCounter();
      const document = parseDocument(this.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
      this.located = { document, lineCounter };
    }
    return this.located.document;
  }

  // Positions from a table of line starts: building the position-keeping Document of a 4 MB file only to
  // place 50 problems took longer than everything else (see where()).
  position(offset: number): { line: number; column: number } {
    const text = this.text;
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    }
    const lineStarts = this.lineStarts;
    // The last line that starts at or before the offset (line 0 starts at 0).
    const line = Math.max(0, firstIndexWhere(lineStarts.length, (k) => lineStarts[k]! > offset) - 1);
    return { line, column: offset - lineStarts[line]! };
  }

  /** A problem in entries[i] is placed by parsing only that entry's lines (block-style files); else the whole file. */
  where(segments: readonly (string | number)[]): Located {
    if (segments[0] === 'entries' && typeof segments[1] === 'number') {
      const found = this.whereInEntry(segments[1], segments.slice(2));
      if (found) return found;
    }
    return locate(this.document(), segments, (offset) => this.position(offset));
  }

  private whereInEntry(index: number, rest: readonly (string | number)[]): Located | undefined {
    if (this.items === undefined) this.items = listItemOffsets(this.text, 'entries') ?? null;
    const start = this.items?.[index];
    const end = this.items?.[index + 1];
    if (start === undefined || end === undefined) return undefined;
    const local = parseDocument(this.text.slice(start, end), { prettyErrors: false });
    if (local.errors.length > 0 || !isSeq(local.contents)) return undefined;
    const found = locate(local, [0, ...rest], (offset) => this.position(start + offset));
    if (found.line === undefined) return undefined;
    return { ...found, span: found.span && { start: found.span.start + start, end: found.span.end + start } };
  }

  fileError(message: string, at: { line: number; column: number; span?: { start: number; end: number } }) {
    return { source: this.source, path: '(file)', message, severity: 'error' as const, ...at };
  }
}

/**
 * The file's value, or the problems that leave it an empty layer (a syntax error, an empty file).
 * Fast path: js-yaml reads values several times faster than a position-keeping parse (a 10,000-entry
 * file in a fraction of a second); the yaml Document, with positions, is built only to locate problems.
 */
function readValue(
  file: TermFileText,
  preloaded: { value: unknown } | undefined,
): { value: unknown } | { problems: DictionaryProblem[] } {
  const text = file.text;
  let fast: { value: unknown } | undefined = preloaded;
  if (!fast) {
    try {
      fast = { value: load(text, { schema: CORE_SCHEMA, json: false }) };
    } catch {
      fast = undefined;
    }
  }
  if (/\.json$/i.test(file.source)) {
    // A JSON file's syntax error in JSON's own terms (the YAML parser would describe YAML).
    try {
      JSON.parse(text);
    } catch (error) {
      const message = (error as Error).message;
      const offset = Number(/at position (\d+)/.exec(message)?.[1] ?? text.length);
      const clean = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
      const at = { ...file.position(Math.min(offset, text.length)), span: { start: offset, end: offset } };
      return { problems: [file.fileError(`JSON syntax error: ${clean}`, at)] };
    }
  }
  const document = fast ? undefined : file.document();
  if (document && document.errors.length > 0)
    return {
      problems: document.errors.slice(0, 20).map((error) => {
        const [start, end] = error.pos;
        const message = error.message.split('\n')[0] ?? error.message;
        return file.fileError(message, { ...file.position(start), span: { start, end } });
      }),
    };
  const value: unknown = fast ? fast.value : document!.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined)
    return {
      problems: [file.fileError('the file is empty; expected a mapping with "entries"', { line: 0, column: 0 })],
    };
  return { value };
}

/** The schema's errors as problems (the first 50, then a summary); returns the entries in error. */
function schemaProblems(file: TermFileText, value: unknown, problems: DictionaryProblem[]): Set<number> {
  const source = file.source;
  const badEntries = new Set<number>();
  const seen = new Set<string>();
  let untold = 0;
  for (const error of validateFile(value)) {
    if (error.keyword === 'if') continue;
    const segments = pointerSegments(error.instancePath);
    // Every invalid entry is dropped; the first 50 problems are told (a summary says how many more).
    if (segments[0] === 'entries' && typeof segments[1] === 'number') badEntries.add(segments[1]);
    if (problems.length >= 50) {
      untold++;
      continue;
    }
    if (error.keyword === 'additionalProperties')
      segments.push(String((error.params as Record<string, unknown>)['additionalProperty']));
    const path = readablePath(segments);
    const message = describe(error);
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ source, path, message, severity: 'error', ...file.where(segments) });
  }
  if (untold > 0)
    problems.push({
      source,
      path: 'entries',
      message: `${untold} more problem(s) not listed; every entry in error is skipped`,
      severity: 'warning',
    });
  return badEntries;
}

/** A second entry with an id this file already has is dropped here, where its line is known. */
function dropDuplicateIds(
  file: TermFileText,
  value: unknown,
  problems: DictionaryProblem[],
  badEntries: Set<number>,
): void {
  const entryList = value && typeof value === 'object' ? (value as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(entryList)) return;
  const firstIndex = new Map<string, number>();
  entryList.forEach((entry: unknown, index) => {
    const id = entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
    if (typeof id !== 'string' || badEntries.has(index)) return;
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
      return;
    }
    badEntries.add(index);
    const firstLine = file.where(['entries', first, 'id']).line;
    problems.push({
      ...duplicateIdProblem(file.source, id, firstLine),
      path: `entries[${index}].id`,
      ...file.where(['entries', index, 'id']),
    });
  });
}

/**
 * A term file after validation: the parsed value, its problems (with positions) and the entries that
 * failed. Plain data: a cache can store it and `layerFromChecked` rebuilds the layer without parsing
 * or validating again.
 */
export interface CheckedTermFile {
  readonly value: unknown;
  readonly problems: readonly DictionaryProblem[];
  readonly badEntries: readonly number[];
}

export function layerFromChecked(
  checked: CheckedTermFile,
  source: string,
  layer: LayerKind,
  packMinEntries = PACK_MIN_ENTRIES,
): ParsedLayerFile {
  const { value } = checked;
  const badEntries = new Set(checked.badEntries);
  const file = (value && typeof value === 'object' ? value : {}) as {
    entries?: unknown;
    accept?: unknown;
    variants?: unknown;
  };
  const entries = Array.isArray(file.entries)
    ? (file.entries as RawEntry[]).filter((_, index) => !badEntries.has(index))
    : [];
  if (entries.length >= packMinEntries && HOST_IS_LITTLE_ENDIAN) {
    // A large file becomes a packed layer (dictionary/packed.ts): entries stay in one buffer, not objects.
    // Duplicate ids within the file are dropped here, the first kept, as buildDictionary does for objects.
    const seen = new Set<string>();
    const kept: RawEntry[] = [];
    const problems = [...checked.problems];
    for (const entry of entries) {
      if (seen.has(entry.id)) {
        problems.push(duplicateIdProblem(source, entry.id));
        continue;
      }
      seen.add(entry.id);
      kept.push(entry);
    }
    const rest: CheckedTermFile = { value: { accept: file.accept, variants: file.variants }, problems, badEntries: [] };
    const packed = new PackedLayer(pack({ entries: kept, meta: rest }), source, layer);
    return { ...layerFromChecked(rest, source, layer), packed };
  }
  return layerFromParts(checked, entries, source, layer);
}

/** The problem buildDictionary reports for a second entry with the same id in one file. */
export function duplicateIdProblem(source: string, id: string, firstLine?: number): DictionaryProblem {
  const first = firstLine === undefined ? '' : ` (first at line ${firstLine + 1})`;
  return {
    source,
    path: `entries(id=${id})`,
    message: `duplicate id "${id}" in this file${first}; the later entry is ignored`,
    severity: 'warning',
  };
}

/** A layer rebuilt from a packed buffer (a cache hit): the pack's meta holds the rest of the file. */
export function layerFromPacked(packed: PackedLayer): ParsedLayerFile {
  return { ...layerFromChecked(packed.meta as CheckedTermFile, packed.source, packed.layer), packed };
}

function layerFromParts(
  checked: CheckedTermFile,
  entries: readonly RawEntry[],
  source: string,
  layer: LayerKind,
): ParsedLayerFile {
  const { value, problems } = checked;
  const file = (value && typeof value === 'object' ? value : {}) as {
    entries?: unknown;
    accept?: unknown;
    variants?: unknown;
  };
  const origin = { layer, source };
  const concepts: Concept[] = entries.map((entry) => toConcept(entry, origin));
  const pathIsBad = (prefix: string): boolean =>
    problems.some(
      (problem) =>
        problem.path === prefix || problem.path.startsWith(`${prefix}[`) || problem.path.startsWith(`${prefix}.`),
    );
  const accept = Array.isArray(file.accept) && !pathIsBad('accept') ? (file.accept as string[]) : [];
  const variantAdditions: VariantAddition[] = [];
  if (Array.isArray(file.variants)) {
    (file.variants as RawAddition[]).forEach((addition, index) => {
      if (pathIsBad(`variants[${index}]`)) return;
      variantAdditions.push({
        conceptId: addition.concept,
        variant: deepFreeze({
          text: addition.text,
          kind: addition.kind ?? 'nonstandard-term',
          replaceWith: addition.replaceWith,
          note: addition.note ?? {
            zh: `本工作区的写法规定（${source}）`,
            en: `house style of this workspace (${source})`,
          },
          cite: [{ source }],
        }),
      });
    });
  }
  return { source, layer, concepts, problems, accept, variantAdditions };
}

/**
 * Where each item of a block-style top-level list (`entries:`, prh's `rules:`) starts, and (last) where the list ends;
 * undefined for any other layout (a flow list: the caller then parses the whole file, as it does when an
 * entry's lines alone do not parse, e.g. an alias to an anchor elsewhere).
 */
export function listItemOffsets(text: string, name: string): number[] | undefined {
  const key = new RegExp(`^${name}:[ \\t]*(?:#.*)?\\r?$`, 'm').exec(text);
  if (!key) return undefined;
  const out: number[] = [];
  let indent: string | undefined;
  let offset = key.index + key[0].length + 1;
  while (offset < text.length) {
    const newline = text.indexOf('\n', offset);
    const next = newline < 0 ? text.length : newline + 1;
    const line = text.slice(offset, newline < 0 ? text.length : newline).replace(/\r$/, '');
    if (!/^[ \t]*(?:#.*)?$/.test(line)) {
      const item = /^([ \t]*)-(?:[ \t]|$)/.exec(line);
      const lineIndent = /^[ \t]*/.exec(line)![0];
      if (indent === undefined) {
        if (!item) return undefined;
        indent = item[1]!;
      }
      if (item && item[1] === indent) out.push(offset);
      else if (lineIndent.length <= indent.length && !item) break;
    }
    offset = next;
  }
  out.push(Math.min(offset, text.length));
  return out;
}

function locate(
  document: Document,
  segments: readonly (string | number)[],
  position: (offset: number) => { line: number; column: number },
): { line?: number; column?: number; span?: { start: number; end: number } } {
  // Walk down as far as the path exists (a missing field is reported at its parent).
  for (let depth = segments.length; depth >= 0; depth--) {
    const node = depth === 0 ? document.contents : document.getIn(segments.slice(0, depth), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray((node as { range?: unknown }).range)) {
      const [start, end] = (node as { range: [number, number, number] }).range;
      // For a map key path, point at the key rather than the value where we can.
      if (depth === segments.length && depth > 0) {
        const parent = depth === 1 ? document.contents : document.getIn(segments.slice(0, depth - 1), true);
        if (isMap(parent)) {
          const pair = parent.items.find((item) => {
            const key = item.key as { value?: unknown } | null;
            return key && key.value === segments[depth - 1];
          });
          const keyRange = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
          if (keyRange) return { ...position(keyRange[0]), span: { start: keyRange[0], end: keyRange[1] } };
        }
      }
      return { ...position(start), span: { start, end } };
    }
  }
  return {};
}

type RawAddition = {
  concept: string;
  text: string;
  kind?: Variant['kind'];
  replaceWith?: string;
  note?: Variant['note'];
};

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    } else {
      for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
    }
  }
  return value;
}
