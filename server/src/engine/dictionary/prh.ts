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
  const problems: DictionaryProblem[] = [];
  const text = raw.replace(/^\ufeff/, '');
  // Values with js-yaml (fast); the position-keeping Document only when a problem must be located.
  let fastValue: unknown;
  let fastOk = true;
  try {
    fastValue = load(text, { schema: CORE_SCHEMA });
  } catch {
    fastOk = false;
  }
  let built: { document: Document; lines: LineCounter } | undefined;
  const documentFor = (): { document: Document; lines: LineCounter } => {
    if (!built) {
      const lines = new LineCounter();
      built = { document: parseDocument(text, { prettyErrors: false, lineCounter: lines }), lines };
    }
    return built;
  };
  const at = (offset: number): { line: number; column: number } => {
    const pos = documentFor().lines.linePos(offset);
    return { line: pos.line - 1, column: pos.col - 1 };
  };
  const locate = (path: readonly (string | number)[]): { line?: number; column?: number } => {
    for (let depth = path.length; depth > 0; depth--) {
      const node = documentFor().document.getIn(path.slice(0, depth), true) as
        { range?: [number, number, number] } | undefined;
      if (node?.range) return at(node.range[0]);
    }
    return {};
  };
  const empty = { source, layer, concepts: [], problems, imports: [], importOptions: [], specs: [], rules: [] };
  const document = fastOk ? undefined : documentFor().document;
  if (document && document.errors.length > 0) {
    for (const error of document.errors.slice(0, 20))
      problems.push({
        source,
        path: '(file)',
        message: error.message.split('\n')[0] ?? error.message,
        severity: 'error',
        line: error.linePos?.[0].line !== undefined ? error.linePos[0].line - 1 : undefined,
        column: error.linePos?.[0].col !== undefined ? error.linePos[0].col - 1 : undefined,
      });
    return empty;
  }
  const value = ((fastOk ? fastValue : document!.toJS()) ?? {}) as {
    imports?: unknown;
    rules?: unknown;
    targets?: unknown;
    version?: unknown;
  };
  const imports: string[] = [];
  const importOptions: PrhImport[] = [];
  const importList =
    typeof value.imports === 'string'
      ? [value.imports]
      : Array.isArray(value.imports)
        ? value.imports
        : value.imports === undefined || value.imports === null
          ? []
          : [value.imports];
  importList.forEach((entry: unknown, index) => {
    const record = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : undefined;
    const path = typeof entry === 'string' ? entry : typeof record?.['path'] === 'string' ? record['path'] : undefined;
    if (path === undefined) {
      problems.push({
        source,
        path: `imports[${index}]`,
        message: 'an import must be a path or { path }; it is skipped',
        severity: 'warning',
        ...locate(['imports', index]),
      });
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
    imports.push(path);
    importOptions.push({ path, disableImports: record?.['disableImports'] === true, ignoreRules });
  });
  if (Array.isArray(value.targets) && value.targets.length > 0) {
    problems.push({
      source,
      path: 'targets',
      message:
        'prh "targets" (per-file include/exclude patterns) are not used: MedTerm decides what is prose by document kind (code, links and front matter are never checked)',
      severity: 'warning',
      ...locate(['targets']),
    });
  }
  if (!Array.isArray(value.rules) && importList.length === 0 && !Array.isArray(value.targets)) {
    problems.push({
      source,
      path: 'rules',
      message: 'this prh file has no rules',
      severity: 'warning',
      ...locate(['version']),
    });
  }
  const variantAdditions: VariantAddition[] = [];
  const patterns: PatternRule[] = [];
  const specs: PrhSpec[] = [];
  const infos: (PrhRuleInfo | undefined)[] = [];
  const rules = Array.isArray(value.rules) ? (value.rules as unknown[]) : [];
  // Each rule's line from a scan of the text (a position-keeping parse only when a problem needs more).
  let ruleLines: { line: number; column: number }[] | null | undefined;
  const ruleAt = (index: number): { line?: number; column?: number } => {
    if (ruleLines === undefined) {
      const starts = listItemOffsets(text, 'rules');
      ruleLines = null;
      if (starts && starts.length === rules.length + 1) {
        ruleLines = [];
        let line = 0;
        let scanned = 0;
        for (const start of starts.slice(0, -1)) {
          for (let i = text.indexOf('\n', scanned); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) line++;
          scanned = start;
          ruleLines.push({ line, column: text.indexOf('-', start) - start });
        }
      }
    }
    return ruleLines?.[index] ?? {};
  };
  rules.forEach((item, index) => {
    const path = `rules[${index}]`;
    const where = (...rest: (string | number)[]): { line?: number; column?: number } =>
      locate(['rules', index, ...rest]);
    const skip = (message: string, ...rest: (string | number)[]): void => {
      problems.push({
        source,
        path: rest.length > 0 ? `${path}.${rest.join('.')}` : path,
        message: `${message}; the rule is skipped`,
        severity: 'warning',
        ...where(...rest),
      });
    };
    // prh accepts a bare string as a rule: the expected text.
    const rule: RawRule =
      typeof item === 'string'
        ? { expected: item }
        : item && typeof item === 'object' && !Array.isArray(item)
          ? (item as RawRule)
          : {};
    if (typeof item !== 'string' && (!item || typeof item !== 'object' || Array.isArray(item)))
      return skip('a rule must be a mapping with "expected"');
    if (rule.expected === undefined || rule.expected === null)
      return skip('missing "expected" (the text to write)', ...('expected' in rule ? ['expected'] : []));
    if (typeof rule.expected !== 'string' && typeof rule.expected !== 'number')
      return skip('"expected" must be a string', 'expected');
    const expected = String(rule.expected);
    const writtenValue = rule.pattern ?? rule.patterns;
    const key = rule.pattern !== undefined && rule.pattern !== null ? 'pattern' : 'patterns';
    let written: string[] | undefined;
    if (writtenValue !== undefined && writtenValue !== null) {
      const list = Array.isArray(writtenValue) ? writtenValue : [writtenValue];
      const bad = list.findIndex((pattern) => typeof pattern !== 'string' && typeof pattern !== 'number');
      if (bad >= 0)
        return skip(
          'a pattern must be a string ("text" or "/regex/flags")',
          key,
          ...(Array.isArray(writtenValue) ? [bad] : []),
        );
      written = list.map(String);
      if (written.some((pattern) => pattern === '')) return skip('a pattern cannot be empty', key);
      if (written.length === 0) written = undefined;
      // prh reads /…/x with a letter that is no flag as literal text: say so, it is rarely what was meant.
      for (const pattern of written ?? []) {
        const flags = /^\/.*\/([a-zA-Z]+)$/s.exec(pattern)?.[1];
        if (flags && !regexLiteral(pattern))
          problems.push({
            source,
            path: `${path}.${key}`,
            message: `pattern ${pattern} is matched as the literal text "${pattern}", as prh does: "${[...flags].filter((flag) => !'gimuy'.includes(flag)).join('')}" is not a flag (g, i, m, u, y)`,
            severity: 'warning',
            ...where(key),
          });
      }
    }
    // Keys and options MedTerm does not know could change what the rule means: never a safe fix then.
    const unknownKeys = Object.keys(rule).filter((name) => !RULE_KEYS.has(name));
    const optionRecord =
      rule.options && typeof rule.options === 'object' ? (rule.options as Record<string, unknown>) : {};
    const unknownOptions = Object.keys(optionRecord).filter((name) => !OPTION_KEYS.has(name));
    const wordBoundary = optionRecord['wordBoundary'] === true;
    let mustEmpty: number | undefined;
    if (rule.regexpMustEmpty !== undefined && rule.regexpMustEmpty !== null) {
      const group = /^\$([0-9]+)$/.exec(String(rule.regexpMustEmpty));
      if (!group)
        return skip(
          `regexpMustEmpty must be a group such as $1 (prh refuses "${String(rule.regexpMustEmpty)}")`,
          'regexpMustEmpty',
        );
      mustEmpty = Number(group[1]);
    }
    let suggestion = false;
    if (unknownKeys.length > 0 || unknownOptions.length > 0) {
      suggestion = true;
      const names = [...unknownKeys, ...unknownOptions.map((name) => `options.${name}`)];
      problems.push({
        source,
        path,
        message: `${names.map((name) => `"${name}"`).join(', ')} not supported: this rule's fixes are offered as suggestions only, never applied automatically`,
        severity: 'warning',
        ...where(unknownKeys[0] ?? 'options'),
      });
    }
    if (expected === '') {
      suggestion = true;
      problems.push({
        source,
        path: `${path}.expected`,
        message:
          'expected is empty (the rule deletes what it matches): its fixes are offered as suggestions only, never applied automatically',
        severity: 'warning',
        ...where('expected'),
      });
    }
    const prhNote = typeof rule.prh === 'string' && rule.prh.trim() !== '' ? rule.prh.trim() : undefined;
    const note = prhNote
      ? { zh: prhNote, en: prhNote }
      : { zh: `团队术语规则（prh：${source}）`, en: `team rule (prh: ${source})` };
    let built: ReturnType<typeof prhSource>;
    try {
      built = prhSource(expected, written, wordBoundary);
    } catch (error) {
      return skip((error as Error).message, key);
    }
    infos[index] = { expected, written: written ?? [], printed: printedPattern(built.source, built.ignoreCase) };
    if (Array.isArray(rule.specs)) {
      (rule.specs as unknown[]).forEach((spec, specIndex) => {
        const { from, to } = (spec ?? {}) as { from?: unknown; to?: unknown };
        if (typeof from === 'string' && typeof to === 'string')
          specs.push({ from, to, prhRule: index, ...where('specs', specIndex) });
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
      written.every((pattern) => !regexLiteral(pattern) && /^[^\x00-\x7f\uff01-\uff5e\s\u3000]+$/.test(pattern));
    if (plain) {
      for (const pattern of written!) {
        if (pattern !== expected)
          variantAdditions.push({
            conceptId: '',
            conceptName: literalName,
            prhRule: index,
            variant: {
              text: pattern,
              kind: 'nonstandard-term',
              replaceWith: expected,
              note,
              cite: [{ source }],
              at: { path: `rules[${index}]`, ...ruleAt(index) },
            },
          });
      }
      return;
    }
    if (!options.allowPatterns) {
      problems.push({
        source,
        path,
        message: `regular expression ${written?.join(', ') ?? expected} ignored: this workspace is not trusted`,
        severity: 'warning',
        ...where(),
      });
      return;
    }
    try {
      const compiled = compilePrh(built);
      patterns.push({
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
        prhRule: index,
        compiledFrom: built,
      });
    } catch (error) {
      skip(
        `pattern ${written?.join(', ') ?? expected} cannot be used: ${(error as Error).message}`,
        ...(written ? [key] : []),
      );
    }
  });
  for (let index = 0; index < rules.length; index++) infos[index] ??= undefined;
  return {
    source,
    layer,
    concepts: [],
    problems,
    imports,
    importOptions,
    specs,
    rules: infos,
    variantAdditions,
    patterns,
  };
}

/** The file without the rules `drop` names (an import's ignoreRules, or rules the importing file already has). */
export function withoutPrhRules(
  file: ParsedPrhFile,
  drop: (rule: PrhRuleInfo, index: number) => boolean,
): ParsedPrhFile {
  const dropped = new Set<number>();
  file.rules.forEach((rule, index) => {
    if (rule && drop(rule, index)) dropped.add(index);
  });
  if (dropped.size === 0) return file;
  const kept = (item: { prhRule?: number }): boolean => item.prhRule === undefined || !dropped.has(item.prhRule);
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
