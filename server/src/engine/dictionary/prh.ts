import { CORE_SCHEMA, load } from 'js-yaml';
import { parseDocument, type Document } from 'yaml';
import type { DictionaryProblem, LayerKind } from '../types';
import type { ParsedLayerFile, VariantAddition } from './parse';
import { compilePattern, type PatternRule } from './patterns';

/**
 * Import of prh rule files (the format textlint-rule-prh users keep): `version`, `imports`,
 * `rules: [{ expected, pattern | patterns, specs }]`. Literal patterns become variants of the concept
 * named by `expected` (an existing concept when the name is known, else a new one); patterns written
 * /like this/ become linear-time pattern rules. A rule without a pattern matches `expected` in any
 * letter case, as prh does.
 */
export interface ParsedPrhFile extends ParsedLayerFile {
  /** Paths of imported prh files, as written (relative to this file). */
  readonly imports: readonly string[];
  /** prh specs: text before → after, checked after the dictionary is built. */
  readonly specs: readonly { from: string; to: string }[];
}

/** A YAML value that looks like a prh file rather than a MedTerm term file. */
export function isPrhDocument(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return !('entries' in record) && (Array.isArray(record['rules']) || Array.isArray(record['imports']));
}

type RawRule = { expected?: unknown; pattern?: unknown; patterns?: unknown; specs?: unknown };

export function parsePrh(raw: string, source: string, layer: LayerKind, options: { allowPatterns: boolean }): ParsedPrhFile {
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
  let built: Document | undefined;
  const documentFor = (): Document => (built ??= parseDocument(text, { prettyErrors: false }));
  const empty = { source, layer, concepts: [], problems, imports: [], specs: [] };
  const document = fastOk ? undefined : documentFor();
  if (document && document.errors.length > 0) {
    for (const error of document.errors.slice(0, 20)) problems.push({ source, path: '(file)', message: error.message.split('\n')[0] ?? error.message, severity: 'error', line: error.linePos?.[0].line !== undefined ? error.linePos[0].line - 1 : undefined, column: error.linePos?.[0].col !== undefined ? error.linePos[0].col - 1 : undefined });
    return empty;
  }
  const value = ((fastOk ? fastValue : document!.toJS()) ?? {}) as { imports?: unknown; rules?: unknown };
  const imports: string[] = [];
  for (const entry of Array.isArray(value.imports) ? value.imports : []) {
    if (typeof entry === 'string') imports.push(entry);
    else if (entry && typeof entry === 'object' && typeof (entry as { path?: unknown }).path === 'string') imports.push((entry as { path: string }).path);
    else problems.push({ source, path: 'imports', message: 'an import must be a path or { path }', severity: 'error' });
  }
  const variantAdditions: VariantAddition[] = [];
  const patterns: PatternRule[] = [];
  const specs: { from: string; to: string }[] = [];
  const note = { zh: `团队术语规则（prh：${source}）`, en: `team rule (prh: ${source})` };
  const rules = Array.isArray(value.rules) ? (value.rules as RawRule[]) : [];
  rules.forEach((rule, index) => {
    const path = `rules[${index}]`;
    const position = (): { line?: number; column?: number } => {
      const node = documentFor().getIn(['rules', index], true) as { range?: [number, number, number] } | undefined;
      if (!node?.range) return {};
      const before = raw.slice(0, node.range[0]);
      const line = before.split('\n').length - 1;
      return { line, column: node.range[0] - before.lastIndexOf('\n') - 1 };
    };
    if (typeof rule?.expected !== 'string' || rule.expected === '') {
      problems.push({ source, path: `${path}.expected`, message: 'missing "expected" (the text to write)', severity: 'error', ...position() });
      return;
    }
    const expected = rule.expected;
    const written = rule.patterns !== undefined ? rule.patterns : rule.pattern !== undefined ? [rule.pattern] : [];
    const list = Array.isArray(written) ? written : [written];
    const literalName = /\$\d/.test(expected) ? undefined : expected;
    const addPattern = (pattern: string, caseInsensitive: boolean): void => {
      if (!options.allowPatterns) {
        problems.push({ source, path, message: `regular expression ${pattern} ignored: this workspace is not trusted`, severity: 'warning', ...position() });
        return;
      }
      try {
        patterns.push({ pattern, regex: compilePattern(pattern, caseInsensitive), expected, conceptName: literalName, note, source });
      } catch (error) {
        problems.push({ source, path, message: `pattern ${pattern} cannot be used: ${(error as Error).message} (MedTerm matches in linear time, so look-around and back-references are not supported)`, severity: 'error', ...position() });
      }
    };
    if (list.length === 0) addPattern(expected, true);
    for (const pattern of list) {
      if (typeof pattern !== 'string') {
        problems.push({ source, path: `${path}.pattern`, message: 'a pattern must be a string ("text" or "/regex/flags")', severity: 'error', ...position() });
        continue;
      }
      if (/^\/[\s\S]*\/[a-z]*$/.test(pattern)) addPattern(pattern, false);
      else if (pattern !== expected && literalName) variantAdditions.push({ conceptId: '', conceptName: literalName, variant: { text: pattern, kind: 'nonstandard-term', replaceWith: expected, note, cite: [{ source }] } });
      else if (pattern !== expected) addPattern(`/${pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`, false);
    }
    if (Array.isArray(rule.specs)) {
      for (const spec of rule.specs as { from?: unknown; to?: unknown }[]) {
        if (typeof spec?.from === 'string' && typeof spec.to === 'string') specs.push({ from: spec.from, to: spec.to });
      }
    }
  });
  return { source, layer, concepts: [], problems, imports, specs, variantAdditions, patterns };
}
