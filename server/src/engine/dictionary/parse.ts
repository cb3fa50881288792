import type { ErrorObject } from 'ajv';
import { CORE_SCHEMA, load } from 'js-yaml';
import { LineCounter, isMap, parseDocument, type Document } from 'yaml';
import validateTermFile from './termFileValidator.generated';
import type { Concept, DictionaryProblem, LayerKind, Variant } from '../types';
import type { PatternRule } from './patterns';
import { PACK_MIN_ENTRIES, PackedLayer, pack } from './packed';
import { toConcept, type RawEntry } from './rawEntry';

/** A non-standard form a user's file adds to an existing concept. */
export interface VariantAddition {
  /** The concept's id; empty when it is named instead (conceptName, from prh's "expected"). */
  readonly conceptId: string;
  readonly conceptName?: string;
  readonly variant: Variant;
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
function validateFile(value: unknown): ErrorObject[] {
  const validate = validateTermFile as ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };
  return validate(value) ? [] : [...(validate.errors ?? [])];
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

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown field "${String(params['additionalProperty'])}"`;
    case 'required':
      return `missing required field "${String(params['missingProperty'])}"`;
    case 'enum':
      return `must be one of: ${(params['allowedValues'] as unknown[]).join(', ')}`;
    case 'type':
      return `must be of type ${String(params['type'])}`;
    case 'pattern':
      return `must match ${String(params['pattern'])}`;
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
export function parseDictionary(raw: string, source: string, layer: LayerKind = 'builtin', preloaded?: { value: unknown }): ParsedLayerFile {
  const problems: DictionaryProblem[] = [];
  const text = raw.replace(/^\ufeff/, '');
  // Fast path: js-yaml reads values several times faster than a position-keeping parse (a 10,000-entry
  // file in a fraction of a second); the yaml Document, with positions, is built only to locate problems.
  let fast: { value: unknown } | undefined = preloaded;
  if (!fast) {
    try {
      fast = { value: load(text, { schema: CORE_SCHEMA, json: false }) };
    } catch {
      fast = undefined;
    }
  }
  let located: { document: Document; lineCounter: LineCounter } | undefined;
  const locateDocument = (): { document: Document; lineCounter: LineCounter } => {
    if (!located) {
      const lineCounter = new LineCounter();
      located = { document: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true }), lineCounter };
    }
    return located;
  };
  const position = (offset: number): { line: number; column: number } => {
    const pos = locateDocument().lineCounter.linePos(offset);
    return { line: pos.line - 1, column: pos.col - 1 };
  };
  const document = fast ? undefined : locateDocument().document;
  if (document && document.errors.length > 0) {
    for (const error of document.errors.slice(0, 20)) {
      const [start, end] = error.pos;
      problems.push({ source, path: '(file)', message: error.message.split('\n')[0] ?? error.message, severity: 'error', ...position(start), span: { start, end } });
    }
    return { source, layer, concepts: [], problems };
  }
  const value: unknown = fast ? fast.value : document!.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) {
    problems.push({ source, path: '(file)', message: 'the file is empty; expected a mapping with "entries"', severity: 'error', line: 0, column: 0 });
    return { source, layer, concepts: [], problems };
  }
  const errors = validateFile(value);
  const badEntries = new Set<number>();
  const seen = new Set<string>();
  for (const error of errors) {
    // oneOf/anyOf summaries repeat what their branches said; keep the specific errors.
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const segments = pointerSegments(error.instancePath);
    if (error.keyword === 'additionalProperties') segments.push(String((error.params as Record<string, unknown>)['additionalProperty']));
    const path = readablePath(segments);
    const message = describe(error);
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (segments[0] === 'entries' && typeof segments[1] === 'number') badEntries.add(segments[1]);
    problems.push({ source, path, message, severity: 'error', ...locate(locateDocument().document, segments, position) });
    if (problems.length >= 50) break;
  }
  const checked: CheckedTermFile = { value, problems, badEntries: [...badEntries] };
  const parsed = layerFromChecked(checked, source, layer);
  // A packed layer is stored (by a cache) as its buffer; the parsed value would only hold memory.
  return parsed.packed ? parsed : { ...parsed, checked };
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

export function layerFromChecked(checked: CheckedTermFile, source: string, layer: LayerKind, packMinEntries = PACK_MIN_ENTRIES): ParsedLayerFile {
  const { value } = checked;
  const badEntries = new Set(checked.badEntries);
  const file = (value && typeof value === 'object' ? value : {}) as { entries?: unknown; accept?: unknown; variants?: unknown };
  const entries = Array.isArray(file.entries) ? (file.entries as RawEntry[]).filter((_, index) => !badEntries.has(index)) : [];
  if (entries.length >= packMinEntries) {
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
export function duplicateIdProblem(source: string, id: string): DictionaryProblem {
  return { source, path: `entries(id=${id})`, message: `duplicate id "${id}" in this file; the later entry is ignored`, severity: 'error' };
}

/** A layer rebuilt from a packed buffer (a cache hit): the pack's meta holds the rest of the file. */
export function layerFromPacked(packed: PackedLayer): ParsedLayerFile {
  return { ...layerFromChecked(packed.meta as CheckedTermFile, packed.source, packed.layer), packed };
}

function layerFromParts(checked: CheckedTermFile, entries: readonly RawEntry[], source: string, layer: LayerKind): ParsedLayerFile {
  const { value, problems } = checked;
  const file = (value && typeof value === 'object' ? value : {}) as { entries?: unknown; accept?: unknown; variants?: unknown };
  const origin = { layer, source };
  const concepts: Concept[] = entries.map((entry) => toConcept(entry, origin));
  const pathIsBad = (prefix: string): boolean => problems.some((problem) => problem.path === prefix || problem.path.startsWith(`${prefix}[`) || problem.path.startsWith(`${prefix}.`));
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
          note: addition.note ?? { zh: `本工作区的写法规定（${source}）`, en: `house style of this workspace (${source})` },
          cite: [{ source }],
        }),
      });
    });
  }
  return { source, layer, concepts, problems, accept, variantAdditions };
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

type RawAddition = { concept: string; text: string; kind?: Variant['kind']; replaceWith?: string; note?: Variant['note'] };

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
