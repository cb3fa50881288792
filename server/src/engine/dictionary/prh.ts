import { CORE_SCHEMA, load } from 'js-yaml';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { DictionaryProblem, LayerKind } from '../types';
import { listItemOffsets, type ParsedLayerFile, type VariantAddition } from './parse';
import type { PatternRule } from './patterns';
import { compilePrh, prhSource, regexLiteral } from './prhRegex';

/**
 * Import of prh rule files (the format textlint-rule-prh users keep): `version`, `imports` (with
 * `disableImports` and `ignoreRules`), `rules: [{ expected, pattern | patterns, regexpMustEmpty,
 * options.wordBoundary, specs, prh }]`, and files that hold only `targets`.
 *
 * A rule keeps prh's meaning or is not used as a safe fix: plain literal rules become variants of the
 * concept named by `expected` (an existing concept when the name is known, else a new one); every other
 * rule is compiled as prh builds it (prhRegex.ts) into a linear-time pattern rule. A rule MedTerm cannot
 * run is skipped with a warning at its line and column; a rule with a key MedTerm does not know, or an
 * empty `expected` (a deletion), is kept as a suggestion only. Nothing in one rule stops the others.
 */
export interface ParsedPrhFile extends ParsedLayerFile {
  /** Paths of imported prh files, as written (relative to this file). */
  readonly imports: readonly string[];
  /** The imports with prh's options, in the same order as `imports`. */
  readonly importOptions: readonly PrhImport[];
  /** prh specs: text before → after, checked after the dictionary is built. */
  readonly specs: readonly PrhSpec[];
  /** The file's rules as prh names them (for imports' ignoreRules and prh's "the importing file wins"). */
  readonly rules: readonly (PrhRuleInfo | undefined)[];
}

export interface PrhSpec {
  readonly from: string;
  readonly to: string;
  readonly prhRule?: number;
  readonly line?: number;
  readonly column?: number;
}

export interface PrhImport {
  readonly path: string;
  readonly disableImports: boolean;
  /** A string is a pattern as written in the rule or as prh prints it (/…/gmu); an object names the pattern or the expected text. */
  readonly ignoreRules: readonly { readonly pattern?: string; readonly expected?: string }[];
}

export interface PrhRuleInfo {
  readonly expected: string;
  /** The patterns as written (none: the rule matches `expected`). */
  readonly written: readonly string[];
  /** The pattern as prh prints it with --rules-yaml (/source/flags), what prh compares ignoreRules with. */
  readonly printed?: string;
}

/** A YAML value that looks like a prh file rather than a MedTerm term file. */
export function isPrhDocument(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if ('entries' in record || 'accept' in record || 'variants' in record) return false;
  if (Array.isArray(record['rules']) || 'imports' in record || Array.isArray(record['targets'])) return true;
  // `version` alone (and prh's free-form `meta`) is a prh file with nothing in it; a MedTerm file with a
  // misspelt key (entires:) stays a MedTerm file and is told which key is unknown.
  return 'version' in record && Object.keys(record).every((key) => key === 'version' || key === 'meta');
}

type RawRule = Record<string, unknown> & {
  expected?: unknown;
  pattern?: unknown;
  patterns?: unknown;
  specs?: unknown;
  options?: unknown;
  regexpMustEmpty?: unknown;
  prh?: unknown;
};

const RULE_KEYS = new Set(['expected', 'pattern', 'patterns', 'specs', 'options', 'regexpMustEmpty', 'prh']);
const OPTION_KEYS = new Set(['wordBoundary']);

/** prh's printed form of a pattern (its RegExp's toString with the default flags gmu). */
function printedPattern(source: string, ignoreCase: boolean): string {
  return `/${source}/gmu${ignoreCase ? 'i' : ''}`;
}

export function parsePrh(
  raw: string,
  source: string,
  layer: LayerKind,
  options: { allowPatterns: boolean },
): ParsedPrhFile {
  const reader = new PrhReader(raw.replace(/^\ufeff/, ''), source);
  const value = reader.value();
  const problems = reader.problems;
  if (value === undefined)
    return { source, layer, concepts: [], problems, imports: [], importOptions: [], specs: [], rules: [] };
  const importList = listOf(value.imports);
  const importOptions = readImports(reader, importList);
  warnAboutFile(reader, value, importList.length);
  const rules = Array.isArray(value.rules) ? (value.rules as unknown[]) : [];
  reader.ruleCount = rules.length;
  const out: RuleOutput = { variantAdditions: [], patterns: [], specs: [], infos: [] };
  rules.forEach((item, index) => {
    const rule = new RuleReader(reader, index);
    try {
      readRule(rule, item, options, out);
    } catch (error) {
      if (!(error instanceof RuleSkipped)) throw error;
      rule.skip(error.message, ...error.at);
    }
  });
  for (let index = 0; index < rules.length; index++) out.infos[index] ??= undefined;
  return {
    source,
    layer,
    concepts: [],
    problems,
    imports: importOptions.map((entry) => entry.path),
    importOptions,
    specs: out.specs,
    rules: out.infos,
    variantAdditions: out.variantAdditions,
    patterns: out.patterns,
  };
}

interface PrhValue {
  imports?: unknown;
  rules?: unknown;
  targets?: unknown;
  version?: unknown;
}

type Location = { line?: number; column?: number };

/**
 * One prh file's text and problems. Values come from js-yaml (fast); the position-keeping `yaml` Document is
 * built only when a problem must be located, and rules' lines from a scan of the text.
 */
class PrhReader {
  readonly problems: DictionaryProblem[] = [];
  /** The number of rules, for `ruleAt`. */
  ruleCount = 0;
  private built: { document: Document; lines: LineCounter } | undefined;
  private ruleLines: { line: number; column: number }[] | null | undefined;

  constructor(
    readonly text: string,
    readonly source: string,
  ) {}

  /** The file's value, or undefined when it is not YAML (the parse errors are then its problems). */
  value(): PrhValue | undefined {
    let fastValue: unknown;
    let fastOk = true;
    try {
      fastValue = load(this.text, { schema: CORE_SCHEMA });
    } catch {
      fastOk = false;
    }
    const built = fastOk ? undefined : this.documentFor();
    if (built && built.document.errors.length > 0) {
      for (const error of built.document.errors.slice(0, 20)) {
        // yaml gives an error's offsets (pos); its linePos is set only with prettyErrors, which is off here.
        const pos = built.lines.linePos(error.pos[0]);
        this.problems.push({
          source: this.source,
          path: '(file)',
          message: error.message.split('\n')[0] ?? error.message,
          severity: 'error',
          line: pos.line - 1,
          column: pos.col - 1,
        });
      }
      return undefined;
    }
    return ((fastOk ? fastValue : built!.document.toJS()) ?? {}) as PrhValue;
  }

  warn(path: string, message: string, at: Location): void {
    this.problems.push({ source: this.source, path, message, severity: 'warning', ...at });
  }

  /** Where the value at a YAML path starts (or its nearest ancestor that is there). */
  locate(path: readonly (string | number)[]): Location {
    for (let depth = path.length; depth > 0; depth--) {
      const node = this.documentFor().document.getIn(path.slice(0, depth), true) as
        { range?: [number, number, number] } | undefined;
      if (node?.range) {
        const pos = this.documentFor().lines.linePos(node.range[0]);
        return { line: pos.line - 1, column: pos.col - 1 };
      }
    }
    return {};
  }

  /** Where rule `index` starts, from a scan of the text ({} when the scan cannot tell). */
  ruleAt(index: number): Location {
    if (this.ruleLines === undefined) {
      const text = this.text;
      const starts = listItemOffsets(text, 'rules');
      this.ruleLines = null;
      if (starts && starts.length === this.ruleCount + 1) {
        const ruleLines: { line: number; column: number }[] = [];
        let line = 0;
        let scanned = 0;
        for (const start of starts.slice(0, -1)) {
          for (let i = text.indexOf('\n', scanned); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
          scanned = start;
          ruleLines.push({ line, column: text.indexOf('-', start) - start });
        }
        this.ruleLines = ruleLines;
      }
    }
    return this.ruleLines?.[index] ?? {};
  }

  private documentFor(): { document: Document; lines: LineCounter } {
    if (!this.built) {
      const lines = new LineCounter();
      this.built = { document: parseDocument(this.text, { prettyErrors: false, lineCounter: lines }), lines };
    }
    return this.built;
  }
}

/** prh's `imports`: one path, a list, or anything else (then one bad entry). */
function listOf(imports: unknown): unknown[] {
  if (typeof imports === 'string') return [imports];
  if (Array.isArray(imports)) return imports;
  return imports === undefined || imports === null ? [] : [imports];
}

function readImports(reader: PrhReader, importList: readonly unknown[]): PrhImport[] {
  const importOptions: PrhImport[] = [];
  importList.forEach((entry: unknown, index) => {
    const record = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : undefined;
    const path = typeof entry === 'string' ? entry : typeof record?.['path'] === 'string' ? record['path'] : undefined;
    if (path === undefined) {
      const message = 'an import must be a path or { path }; it is skipped';
      reader.warn(`imports[${index}]`, message, reader.locate(['imports', index]));
      return;
    }
    const ignoreRules: { pattern?: string; expected?: string }[] = [];
    for (const ignore of Array.isArray(record?.['ignoreRules']) ? (record['ignoreRules'] as unknown[]) : []) {
      if (typeof ignore === 'string') ignoreRules.push({ pattern: ignore });
      else if (ignore && typeof ignore === 'object') {
        const { pattern, expected } = ignore as { pattern?: unknown; expected?: unknown };
        ignoreRules.push({
          pattern: typeof pattern === 'string' ? pattern : undefined,
          expected: typeof expected === 'string' ? expected : undefined,
        });
      }
    }
    importOptions.push({ path, disableImports: record?.['disableImports'] === true, ignoreRules });
  });
  return importOptions;
}

/** Warnings about the file as a whole: `targets` are not used; a file with no rules. */
function warnAboutFile(reader: PrhReader, value: PrhValue, importCount: number): void {
  if (Array.isArray(value.targets) && value.targets.length > 0)
    reader.warn(
      'targets',
      'prh "targets" (per-file include/exclude patterns) are not used: MedTerm decides what is prose by document kind (code, links and front matter are never checked)',
      reader.locate(['targets']),
    );
  if (!Array.isArray(value.rules) && importCount === 0 && !Array.isArray(value.targets))
    reader.warn('rules', 'this prh file has no rules', reader.locate(['version']));
}

/** What the rules add to the file. */
interface RuleOutput {
  readonly variantAdditions: VariantAddition[];
  readonly patterns: PatternRule[];
  readonly specs: PrhSpec[];
  readonly infos: (PrhRuleInfo | undefined)[];
}

/** A rule that cannot be used: `message` (without "the rule is skipped") at the rule's key path `at`. */
class RuleSkipped extends Error {
  readonly at: (string | number)[];
  constructor(message: string, ...at: (string | number)[]) {
    super(message);
    this.at = at;
  }
}

/** One rule's index, path and locations. */
class RuleReader {
  readonly path: string;

  constructor(
    readonly file: PrhReader,
    readonly index: number,
  ) {
    this.path = `rules[${index}]`;
  }

  where(...rest: (string | number)[]): Location {
    return this.file.locate(['rules', this.index, ...rest]);
  }

  warn(message: string, key?: string): void {
    this.file.warn(key === undefined ? this.path : `${this.path}.${key}`, message, this.where(...(key ? [key] : [])));
  }

  skip(message: string, ...rest: (string | number)[]): void {
    const path = rest.length > 0 ? `${this.path}.${rest.join('.')}` : this.path;
    this.file.warn(path, `${message}; the rule is skipped`, this.where(...rest));
  }
}

/** One rule: checked, then compiled as prh builds it, then a variant of a concept or a pattern rule. */
function readRule(rule: RuleReader, item: unknown, options: { allowPatterns: boolean }, out: RuleOutput): void {
  const raw = ruleRecord(item);
  const expected = expectedText(raw);
  const { written, key } = writtenPatterns(rule, raw);
  const { wordBoundary, mustEmpty, suggestion } = ruleOptions(rule, raw, expected);
  const source = rule.file.source;
  const prhNote = typeof raw.prh === 'string' && raw.prh.trim() !== '' ? raw.prh.trim() : undefined;
  const note = prhNote
    ? { zh: prhNote, en: prhNote }
    : { zh: `团队术语规则（prh：${source}）`, en: `team rule (prh: ${source})` };
  let built: ReturnType<typeof prhSource>;
  try {
    built = prhSource(expected, written, wordBoundary);
  } catch (error) {
    throw new RuleSkipped((error as Error).message, key);
  }
  out.infos[rule.index] = { expected, written: written ?? [], printed: printedPattern(built.source, built.ignoreCase) };
  if (Array.isArray(raw.specs)) {
    (raw.specs as unknown[]).forEach((spec, specIndex) => {
      const { from, to } = (spec ?? {}) as { from?: unknown; to?: unknown };
      if (typeof from === 'string' && typeof to === 'string')
        out.specs.push({ from, to, prhRule: rule.index, ...rule.where('specs', specIndex) });
    });
  }
  const literalName = /\$\d/.test(expected) ? undefined : expected;
  // Plain literal rules: variants in the dictionary's matcher, as MedTerm's own names.
  // Only where the matcher's folding (letter case, width, white space) cannot make them match more than prh.
  const plain =
    written !== undefined &&
    !suggestion &&
    !wordBoundary &&
    mustEmpty === undefined &&
    literalName !== undefined &&
    // (A /regex/ starts with an ASCII "/", and \s takes in the ideographic space U+3000.)
    written.every((pattern) => /^[^\x00-\x7f\uff01-\uff5e\s]+$/.test(pattern));
  if (plain) return addVariants(rule, expected, written, note, out.variantAdditions);
  if (!options.allowPatterns)
    return rule.warn(`regular expression ${written?.join(', ') ?? expected} ignored: this workspace is not trusted`);
  try {
    const compiled = compilePrh(built);
    out.patterns.push({
      pattern: written?.join(' | ') ?? expected,
      regex: compiled.regex,
      lookahead: compiled.lookahead,
      lookbehind: compiled.lookbehind,
      mustEmpty,
      suggestion: suggestion || undefined,
      expected,
      conceptName: expected === '' ? undefined : expected,
      note,
      source,
      prhRule: rule.index,
      compiledFrom: built,
    });
  } catch (error) {
    const message = `pattern ${written?.join(', ') ?? expected} cannot be used: ${(error as Error).message}`;
    throw new RuleSkipped(message, ...(written ? [key] : []));
  }
}

/** The rule as a mapping; prh accepts a bare string as a rule: the expected text. */
function ruleRecord(item: unknown): RawRule {
  if (typeof item === 'string') return { expected: item };
  if (item && typeof item === 'object' && !Array.isArray(item)) return item as RawRule;
  throw new RuleSkipped('a rule must be a mapping with "expected"');
}

function expectedText(rule: RawRule): string {
  if (rule.expected === undefined || rule.expected === null)
    throw new RuleSkipped('missing "expected" (the text to write)', ...('expected' in rule ? ['expected'] : []));
  if (typeof rule.expected !== 'string' && typeof rule.expected !== 'number')
    throw new RuleSkipped('"expected" must be a string', 'expected');
  return String(rule.expected);
}

/** The patterns as written (`pattern` or `patterns`; undefined: none), and the key they are under. */
function writtenPatterns(rule: RuleReader, raw: RawRule): { written: string[] | undefined; key: string } {
  const writtenValue = raw.pattern ?? raw.patterns;
  const key = raw.pattern !== undefined && raw.pattern !== null ? 'pattern' : 'patterns';
  if (writtenValue === undefined || writtenValue === null) return { written: undefined, key };
  const list = Array.isArray(writtenValue) ? writtenValue : [writtenValue];
  const bad = list.findIndex((pattern) => typeof pattern !== 'string' && typeof pattern !== 'number');
  if (bad >= 0)
    throw new RuleSkipped(
      'a pattern must be a string ("text" or "/regex/flags")',
      key,
      ...(Array.isArray(writtenValue) ? [bad] : []),
    );
  const written = list.map(String);
  if (written.some((pattern) => pattern === '')) throw new RuleSkipped('a pattern cannot be empty', key);
  // prh reads /…/x with a letter that is no flag as literal text: say so, it is rarely what was meant.
  for (const pattern of written) {
    const flags = /^\/.*\/([a-zA-Z]+)$/s.exec(pattern)?.[1];
    if (flags && !regexLiteral(pattern))
      rule.warn(
        `pattern ${pattern} is matched as the literal text "${pattern}", as prh does: "${[...flags].filter((flag) => !'gimuy'.includes(flag)).join('')}" is not a flag (g, i, m, u, y)`,
        key,
      );
  }
  return { written: written.length === 0 ? undefined : written, key };
}

/**
 * `options.wordBoundary` and `regexpMustEmpty`; whether the rule is a suggestion only (keys and options MedTerm
 * does not know could change what the rule means, and an empty `expected` deletes: never a safe fix then).
 */
function ruleOptions(
  rule: RuleReader,
  raw: RawRule,
  expected: string,
): { wordBoundary: boolean; mustEmpty: number | undefined; suggestion: boolean } {
  const unknownKeys = Object.keys(raw).filter((name) => !RULE_KEYS.has(name));
  const optionRecord = raw.options && typeof raw.options === 'object' ? (raw.options as Record<string, unknown>) : {};
  const unknownOptions = Object.keys(optionRecord).filter((name) => !OPTION_KEYS.has(name));
  const wordBoundary = optionRecord['wordBoundary'] === true;
  let mustEmpty: number | undefined;
  if (raw.regexpMustEmpty !== undefined && raw.regexpMustEmpty !== null) {
    const group = /^\$([0-9]+)$/.exec(String(raw.regexpMustEmpty));
    if (!group)
      throw new RuleSkipped(
        `regexpMustEmpty must be a group such as $1 (prh refuses "${String(raw.regexpMustEmpty)}")`,
        'regexpMustEmpty',
      );
    mustEmpty = Number(group[1]);
  }
  let suggestion = false;
  if (unknownKeys.length > 0 || unknownOptions.length > 0) {
    suggestion = true;
    const names = [...unknownKeys, ...unknownOptions.map((name) => `options.${name}`)];
    const message = `${names.map((name) => `"${name}"`).join(', ')} not supported: this rule's fixes are offered as suggestions only, never applied automatically`;
    rule.file.warn(rule.path, message, rule.where(unknownKeys[0] ?? 'options'));
  }
  if (expected === '') {
    suggestion = true;
    rule.warn(
      'expected is empty (the rule deletes what it matches): its fixes are offered as suggestions only, never applied automatically',
      'expected',
    );
  }
  return { wordBoundary, mustEmpty, suggestion };
}

/** A plain literal rule: each pattern other than `expected` a variant of the concept named `expected`. */
function addVariants(
  rule: RuleReader,
  expected: string,
  written: readonly string[],
  note: { zh: string; en: string },
  variantAdditions: VariantAddition[],
): void {
  const source = rule.file.source;
  for (const pattern of written) {
    if (pattern !== expected)
      variantAdditions.push({
        conceptId: '',
        conceptName: expected,
        prhRule: rule.index,
        variant: {
          text: pattern,
          kind: 'nonstandard-term',
          replaceWith: expected,
          note,
          cite: [{ source }],
          at: { path: rule.path, ...rule.file.ruleAt(rule.index) },
        },
      });
  }
}

/** The file without the rules `drop` names (an import's ignoreRules, or rules the importing file already has). */
export function withoutPrhRules(
  file: ParsedPrhFile,
  drop: (rule: PrhRuleInfo, index: number) => boolean,
): ParsedPrhFile {
  const dropped = new Set<number | undefined>();
  file.rules.forEach((rule, index) => {
    if (rule && drop(rule, index)) dropped.add(index);
  });
  if (dropped.size === 0) return file;
  // undefined (an item of no rule) is never in `dropped`: such items are kept.
  const kept = (item: { prhRule?: number }): boolean => !dropped.has(item.prhRule);
  return {
    ...file,
    variantAdditions: (file.variantAdditions ?? []).filter(kept),
    patterns: (file.patterns ?? []).filter(kept),
    specs: file.specs.filter(kept),
    rules: file.rules.map((rule, index) => (dropped.has(index) ? undefined : rule)),
  };
}

/** Whether an ignoreRules entry names a rule: by pattern as written or as prh prints it, or by expected text. */
export function ignoresRule(ignore: PrhImport['ignoreRules'][number], rule: PrhRuleInfo): boolean {
  if (ignore.expected !== undefined && ignore.expected === rule.expected) return true;
  if (ignore.pattern === undefined) return false;
  return (
    ignore.pattern === rule.printed ||
    rule.written.includes(ignore.pattern) ||
    (rule.written.length === 0 && ignore.pattern === rule.expected)
  );
}
