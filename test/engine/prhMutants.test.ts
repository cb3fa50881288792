import { describe, expect, it } from 'vitest';
import type { DictionaryProblem } from '../../server/src/engine';
import {
  ignoresRule,
  isPrhDocument,
  parsePrh,
  withoutPrhRules,
  type ParsedPrhFile,
  type PrhRuleInfo,
} from '../../server/src/engine/dictionary/prh';
import {
  compilePrh,
  explainRegexError,
  prhSource,
  regexLiteral,
  splitLookarounds,
  spreadAlphaNum,
} from '../../server/src/engine/dictionary/prhRegex';
import { expandReplacement, runPatterns, type PatternRule } from '../../server/src/engine/dictionary/patterns';

/**
 * prh import in detail (dictionary/prh.ts, prhRegex.ts, patterns.ts): every branch a prh.yml can reach, with the
 * exact problems (path, line, column, message), rules, variants and pattern matches it gives.
 * test/engine/prhImport.test.ts and test/reliability/prh.test.ts cover the common paths end to end.
 */
const read = (yaml: string, allowPatterns = true): ParsedPrhFile =>
  parsePrh(yaml, 'prh.yml', 'workspace', { allowPatterns });
const where = (problems: readonly DictionaryProblem[]) =>
  problems.map((problem) => [problem.path, problem.line, problem.column, problem.severity]);
const messages = (file: ParsedPrhFile) => file.problems.map((problem) => problem.message);
const rule = (yaml: string) => `rules:\n  - expected: 甲\n${yaml}`;
const SKIPPED = '; the rule is skipped';
const DEFAULT_NOTE = { zh: '团队术语规则（prh：prh.yml）', en: 'team rule (prh: prh.yml)' };

describe('isPrhDocument', () => {
  it.each([
    [null, false],
    ['rules: []', false],
    [[{ rules: [] }], false],
    [{}, false],
    [{ entries: [], rules: [] }, false],
    [{ accept: [], rules: [] }, false],
    [{ variants: [], imports: [] }, false],
    [{ rules: [] }, true],
    [{ rules: 'x' }, false],
    [{ imports: 'a.yml' }, true],
    [{ imports: null }, true],
    [{ targets: [] }, true],
    [{ targets: 'x' }, false],
    [{ version: 1 }, true],
    [{ version: 1, meta: { author: 'x' } }, true],
    [{ meta: {} }, false],
    [{ version: 1, entires: [] }, false],
    [{ version: 1, rules: 'x', other: 1 }, false],
  ])('%j → %s', (value, expected) => {
    expect(isPrhDocument(value)).toBe(expected);
  });
});

describe('parsePrh: the file', () => {
  it('a YAML error is an error at its line and column, and nothing else is read', () => {
    const file = read('version: 1\nrules:\n  - expected: [甲\n  - b: c: d\n');
    expect(file.problems.map((problem) => [problem.path, problem.severity, problem.source])).toEqual([
      ['(file)', 'error', 'prh.yml'],
      ['(file)', 'error', 'prh.yml'],
    ]);
    expect(file.problems.map((problem) => [problem.line, problem.column])).toEqual([
      [3, 2],
      [3, 7],
    ]);
    expect(messages(file)).toEqual([
      'Flow sequence in block collection must be sufficiently indented and end with a ]',
      'Nested mappings are not allowed in compact mappings',
    ]);
    expect(file).toMatchObject({ concepts: [], imports: [], importOptions: [], specs: [], rules: [] });
    expect(file.patterns).toBeUndefined();
  });

  it('at most 20 YAML errors are reported', () => {
    const file = read(`rules:\n${'  - b: c: d\n'.repeat(30)}`);
    expect(file.problems).toHaveLength(20);
    expect(file.problems.map((problem) => problem.line)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it('a file js-yaml refuses but yaml reads (an unknown tag) is read', () => {
    const file = read('rules:\n  - expected: !team 甲\n    pattern: 乙\n');
    expect(file.problems).toEqual([]);
    expect(file.rules).toEqual([{ expected: '甲', written: ['乙'], printed: '/乙/gmu' }]);
  });

  it('reads YAML with the core schema: a date stays text', () => {
    const file = read('rules:\n  - expected: 2026-01-01\n    pattern: 二〇二六年一月一日\n');
    expect(file.problems).toEqual([]);
    expect(file.variantAdditions?.map((addition) => addition.conceptName)).toEqual(['2026-01-01']);
  });

  it('drops a byte order mark before reading (the rules keep their lines)', () => {
    const file = read('\ufeffrules:\n  - expected: 甲\n    pattern: 乙\n');
    expect(file.variantAdditions?.[0]?.variant.at).toEqual({ path: 'rules[0]', line: 1, column: 2 });
  });

  it.each([
    ['', [['rules', undefined, undefined, 'warning']]],
    ['version: 1\n', [['rules', 0, 9, 'warning']]],
    ['version: 1\nrules: none\n', [['rules', 0, 9, 'warning']]],
    ['version: 1\nrules: []\n', []],
    ['version: 1\nimports: a.yml\n', []],
    ['version: 1\ntargets: []\n', []],
    ['version: 1\nimports: null\n', [['rules', 0, 9, 'warning']]],
    ['rules: 5\n', [['rules', undefined, undefined, 'warning']]],
  ])('file %j: problems %j', (yaml, expected) => {
    const file = read(yaml);
    expect(where(file.problems)).toEqual(expected);
    for (const message of messages(file)) expect(message).toBe('this prh file has no rules');
  });

  it('warns that targets are not used, at their line', () => {
    const file = read('version: 1\nrules: []\ntargets:\n  - file: /\\.md$/\n');
    expect(where(file.problems)).toEqual([['targets', 3, 2, 'warning']]);
    expect(messages(file)).toEqual([
      'prh "targets" (per-file include/exclude patterns) are not used: MedTerm decides what is prose by document kind (code, links and front matter are never checked)',
    ]);
  });
});

describe('parsePrh: imports', () => {
  it('one path', () => {
    const file = read('imports: base.yml\n');
    expect(file.imports).toEqual(['base.yml']);
    expect(file.importOptions).toStrictEqual([{ path: 'base.yml', disableImports: false, ignoreRules: [] }]);
    expect(file.problems).toEqual([]);
  });

  it('a list of paths and { path } entries; other entries are skipped with a warning at them', () => {
    const file = read(
      'imports:\n  - a.yml\n  - path: b.yml\n    disableImports: true\n  - { path: c.yml, disableImports: "yes", ignoreRules: 甲 }\n  - 5\n  - { file: d.yml }\n  - { path: 7 }\n  - [e.yml]\n',
    );
    expect(file.imports).toEqual(['a.yml', 'b.yml', 'c.yml']);
    expect(file.importOptions).toStrictEqual([
      { path: 'a.yml', disableImports: false, ignoreRules: [] },
      { path: 'b.yml', disableImports: true, ignoreRules: [] },
      { path: 'c.yml', disableImports: false, ignoreRules: [] },
    ]);
    expect(where(file.problems)).toEqual([
      ['imports[3]', 5, 4, 'warning'],
      ['imports[4]', 6, 4, 'warning'],
      ['imports[5]', 7, 4, 'warning'],
      ['imports[6]', 8, 4, 'warning'],
    ]);
    expect(new Set(messages(file))).toEqual(new Set(['an import must be a path or { path }; it is skipped']));
  });

  it('an import that is neither a path nor a list is one bad entry', () => {
    const file = read('imports: 5\n');
    expect(file.imports).toEqual([]);
    expect(where(file.problems)).toEqual([['imports[0]', 0, 9, 'warning']]);
  });

  it('ignoreRules entries that are neither text nor a mapping are left out', () => {
    const file = read(
      'imports:\n  - path: a.yml\n    ignoreRules: [null, 甲, { pattern: /乙/, expected: 丙 }, true, { pattern: 3, expected: 4 }]\n',
    );
    expect(file.importOptions[0]!.ignoreRules).toStrictEqual([
      { pattern: '甲' },
      { pattern: '/乙/', expected: '丙' },
      { pattern: undefined, expected: undefined },
    ]);
  });
});

describe('parsePrh: rules that are skipped', () => {
  it.each([
    ['rules:\n  - 5\n', 'rules[0]', 1, 4, 'a rule must be a mapping with "expected"'],
    ['rules:\n  - [甲]\n', 'rules[0]', 1, 4, 'a rule must be a mapping with "expected"'],
    ['rules:\n  - null\n', 'rules[0]', 1, 4, 'a rule must be a mapping with "expected"'],
    ['rules:\n  - pattern: 乙\n', 'rules[0]', 1, 4, 'missing "expected" (the text to write)'],
    ['rules:\n  - expected:\n    pattern: 乙\n', 'rules[0].expected', 1, 13, 'missing "expected" (the text to write)'],
    ['rules:\n  - expected: [甲]\n', 'rules[0].expected', 1, 14, '"expected" must be a string'],
    ['rules:\n  - expected: true\n', 'rules[0].expected', 1, 14, '"expected" must be a string'],
    [
      rule('    pattern: { a: 1 }\n'),
      'rules[0].pattern',
      2,
      13,
      'a pattern must be a string ("text" or "/regex/flags")',
    ],
    [
      rule('    patterns: [乙, true]\n'),
      'rules[0].patterns.1',
      2,
      18,
      'a pattern must be a string ("text" or "/regex/flags")',
    ],
    [
      rule('    pattern: null\n    patterns: [乙, [丙]]\n'),
      'rules[0].patterns.1',
      3,
      18,
      'a pattern must be a string ("text" or "/regex/flags")',
    ],
    [rule('    pattern: ""\n'), 'rules[0].pattern', 2, 13, 'a pattern cannot be empty'],
    [rule('    patterns: [乙, ""]\n'), 'rules[0].patterns', 2, 14, 'a pattern cannot be empty'],
    [
      rule('    regexpMustEmpty: x\n'),
      'rules[0].regexpMustEmpty',
      2,
      21,
      'regexpMustEmpty must be a group such as $1 (prh refuses "x")',
    ],
    [
      rule('    regexpMustEmpty: 1\n'),
      'rules[0].regexpMustEmpty',
      2,
      21,
      'regexpMustEmpty must be a group such as $1 (prh refuses "1")',
    ],
    [
      rule('    regexpMustEmpty: x$1\n'),
      'rules[0].regexpMustEmpty',
      2,
      21,
      'regexpMustEmpty must be a group such as $1 (prh refuses "x$1")',
    ],
    [
      rule('    regexpMustEmpty: $1x\n'),
      'rules[0].regexpMustEmpty',
      2,
      21,
      'regexpMustEmpty must be a group such as $1 (prh refuses "$1x")',
    ],
    [
      rule('    patterns: [/乙/, /丙/i]\n'),
      'rules[0].patterns',
      2,
      14,
      'the patterns of this rule have different flags (prh refuses to combine /…/ and /…/i)',
    ],
  ])('%j: %s', (yaml, path, line, column, message) => {
    const file = read(yaml);
    expect(where(file.problems)).toEqual([[path, line, column, 'warning']]);
    expect(messages(file)).toEqual([`${message}${SKIPPED}`]);
    expect(file.rules).toStrictEqual([undefined]);
    expect(file.patterns).toEqual([]);
    expect(file.variantAdditions).toEqual([]);
  });

  it.each([
    ['rules:\n  - expected: a(\n', 'rules[0]', 1, 4, 'pattern a( cannot be used: missing closing ): `(?m)[AaＡａ](`'],
    [
      rule('    patterns: [/(/, /b/]\n'),
      'rules[0].patterns',
      2,
      14,
      'pattern /(/, /b/ cannot be used: missing closing ): `(?m)(?:(|b)`',
    ],
    [
      rule('    pattern: /(a)\\1/\n'),
      'rules[0].pattern',
      2,
      13,
      'pattern /(a)\\1/ cannot be used: back-references such as \\1 are not supported (MedTerm matches in linear time)',
    ],
  ])(
    '%j: a pattern RE2 refuses is skipped at %s (the rule is still named for ignoreRules)',
    (yaml, path, line, column, message) => {
      const file = read(yaml);
      expect(where(file.problems)).toEqual([[path, line, column, 'warning']]);
      expect(messages(file)).toEqual([`${message}${SKIPPED}`]);
      expect(file.rules).toHaveLength(1);
      expect(file.rules[0]?.written).toEqual(yaml.includes('a(') ? [] : expect.any(Array));
      expect(file.patterns).toEqual([]);
      expect(file.variantAdditions).toEqual([]);
    },
  );

  it('a skipped rule leaves its place in rules empty, and the other rules are read', () => {
    const file = read('rules:\n  - expected: 甲\n    pattern: 乙\n  - 5\n  - expected: 丙\n    pattern: 丁\n  - 6\n');
    expect(file.rules).toHaveLength(4);
    expect(file.rules).toStrictEqual([
      { expected: '甲', written: ['乙'], printed: '/乙/gmu' },
      undefined,
      { expected: '丙', written: ['丁'], printed: '/丁/gmu' },
      undefined,
    ]);
    expect(where(file.problems)).toEqual([
      ['rules[1]', 3, 4, 'warning'],
      ['rules[3]', 6, 4, 'warning'],
    ]);
  });
});

describe('parsePrh: plain literal rules become variants', () => {
  it('each pattern other than expected is a variant of the concept named expected, located at its rule', () => {
    const file = read(
      'version: 1\nrules:\n  - expected: 来那度胺\n    pattern: 雷利度胺\n\n  # a comment\n  - expected: 甲\n    patterns:\n      - 乙\n      - 甲\n      - 丙\n    prh: "  团队说明  "\n',
    );
    expect(file.problems).toEqual([]);
    expect(file.patterns).toEqual([]);
    const variant = (text: string, expected: string, index: number, line: number, note: object) => ({
      conceptId: '',
      conceptName: expected,
      prhRule: index,
      variant: {
        text,
        kind: 'nonstandard-term',
        replaceWith: expected,
        note,
        cite: [{ source: 'prh.yml' }],
        at: { path: `rules[${index}]`, line, column: 2 },
      },
    });
    const note = { zh: '团队说明', en: '团队说明' };
    expect(file.variantAdditions).toStrictEqual([
      variant('雷利度胺', '来那度胺', 0, 2, DEFAULT_NOTE),
      variant('乙', '甲', 1, 6, note),
      variant('丙', '甲', 1, 6, note),
    ]);
    expect(file.rules).toStrictEqual([
      { expected: '来那度胺', written: ['雷利度胺'], printed: '/雷利度胺/gmu' },
      { expected: '甲', written: ['乙', '甲', '丙'], printed: '/(?:乙|甲|丙)/gmu' },
    ]);
  });

  it('lines are counted from the file start (a blank first line too); a list the scan misreads gives no line', () => {
    const blank = read('\n\nrules:\n  - expected: 甲\n    pattern: 乙\n');
    expect(blank.variantAdditions?.map((addition) => addition.variant.at)).toEqual([
      { path: 'rules[0]', line: 3, column: 2 },
    ]);
    // The scan takes the "rules:" inside the quoted text for the list: one item found for two rules, no line given.
    const misread = read(
      'version: "a\nrules:\n  - x"\nrules:\n  - expected: 甲\n    pattern: 乙\n  - expected: 丙\n    pattern: 丁\n',
    );
    expect(misread.variantAdditions?.map((addition) => addition.variant.at)).toStrictEqual([
      { path: 'rules[0]' },
      { path: 'rules[1]' },
    ]);
  });

  it('a rule indented further is located at its dash; rules written in flow style have no line', () => {
    const indented = read('rules:\n    - expected: 甲\n      pattern: 乙\n    - expected: 丙\n      pattern: 丁\n');
    expect(indented.variantAdditions?.map((addition) => addition.variant.at)).toEqual([
      { path: 'rules[0]', line: 1, column: 4 },
      { path: 'rules[1]', line: 3, column: 4 },
    ]);
    const flow = read('rules: [{ expected: 甲, pattern: 乙 }]\n');
    expect(flow.variantAdditions?.map((addition) => addition.variant.at)).toStrictEqual([{ path: 'rules[0]' }]);
  });

  it('a number as expected or pattern is its text', () => {
    const file = read('rules:\n  - expected: 3\n    pattern: 三\n  - expected: 甲\n    pattern: 42\n');
    expect(file.variantAdditions?.map((addition) => [addition.variant.text, addition.variant.replaceWith])).toEqual([
      ['三', '3'],
    ]);
    expect(file.patterns?.map((pattern) => [pattern.pattern, pattern.expected, pattern.compiledFrom])).toEqual([
      ['42', '甲', { source: '42', ignoreCase: false }],
    ]);
  });

  it.each([
    ['    pattern: 乙\n', 'variant'],
    ['    pattern: [乙, 甲]\n', 'variant'],
    ['', 'pattern'],
    ['    pattern: null\n', 'pattern'],
    ['    patterns: null\n', 'pattern'],
    ['    pattern: null\n    patterns: null\n', 'pattern'],
    ['    pattern: []\n', 'pattern'],
    ['    pattern: 乙\n    foo: 1\n', 'pattern'],
    ['    pattern: 乙\n    options: { wordBoundary: true }\n', 'pattern'],
    ['    pattern: 乙\n    options: { wordBoundary: yes }\n', 'variant'],
    ['    pattern: 乙\n    options: 5\n', 'variant'],
    ['    pattern: 乙\n    options: null\n', 'variant'],
    ['    pattern: 乙\n    regexpMustEmpty: $1\n', 'pattern'],
    ['    pattern: 乙\n    regexpMustEmpty: null\n', 'variant'],
    ['    pattern: /乙/\n', 'pattern'],
    ['    pattern: [乙, /丙/]\n', 'pattern'],
    ['    pattern: 乙a\n', 'pattern'],
    ['    pattern: a乙\n', 'pattern'],
    ['    pattern: 乙！\n', 'pattern'],
    ['    pattern: 乙～\n', 'pattern'],
    ['    pattern: 乙｟\n', 'variant'],
    ['    pattern: 乙 丙\n', 'pattern'],
    ['    pattern: "乙\\t丙"\n', 'pattern'],
    ['    pattern: 乙\u3000丙\n', 'pattern'],
    ['    pattern: 乙\x7f\n', 'pattern'],
    ['    pattern: é\n', 'variant'],
  ])('rule 甲 with %j: a %s', (yaml, kind) => {
    const file = read(rule(yaml));
    expect(file.problems.filter((problem) => !problem.message.includes('not supported'))).toEqual([]);
    expect([file.variantAdditions?.length, file.patterns?.length]).toEqual(kind === 'variant' ? [1, 0] : [0, 1]);
  });

  it('an expected with a group reference is never a variant', () => {
    const file = read('rules:\n  - expected: 第$1期\n    pattern: 第一阶段\n');
    expect(file.variantAdditions).toEqual([]);
    expect(file.patterns?.map((pattern) => [pattern.expected, pattern.conceptName])).toEqual([['第$1期', '第$1期']]);
  });
});

describe('parsePrh: pattern rules', () => {
  const only = (yaml: string, allowPatterns = true): PatternRule => {
    const file = read(yaml, allowPatterns);
    expect(file.patterns).toHaveLength(1);
    return file.patterns![0]!;
  };

  it('a rule of expected alone: every letter in either case and full width, no concept for the empty name', () => {
    const found = only('rules:\n  - 5mg\n');
    expect(found).toMatchObject({
      pattern: '5mg',
      expected: '5mg',
      conceptName: '5mg',
      note: DEFAULT_NOTE,
      source: 'prh.yml',
      prhRule: 0,
      compiledFrom: { source: '[5５][MmＭｍ][GgＧｇ]', ignoreCase: false },
    });
    expect(found.suggestion).toBeUndefined();
    expect(found.mustEmpty).toBeUndefined();
    expect(found.lookahead).toBeUndefined();
    expect(found.lookbehind).toBeUndefined();
    expect(found.regex.matcher('5ＭＧ').matches()).toBe(true);
  });

  it('patterns are joined with " | " as its name; the regex is multi-line and keeps the i flag', () => {
    const found = only(rule('    patterns: [/^a/i, /b$/i]\n    regexpMustEmpty: $12\n'));
    expect(found.pattern).toBe('/^a/i | /b$/i');
    expect(found.mustEmpty).toBe(12);
    expect(found.compiledFrom).toEqual({ source: '(?:^a|b$)', ignoreCase: true });
    expect(read(rule('    patterns: [/^a/i, /b$/i]\n')).rules[0]!.printed).toBe('/(?:^a|b$)/gmui');
    const matcher = found.regex.matcher('x\nA');
    expect(matcher.find()).toBe(true);
    expect(matcher.start()).toBe(2);
  });

  it('look-arounds at the edges become edge checks', () => {
    const found = only(rule('    pattern: /(?<!ま)でで(?=す)/\n'));
    expect(found.lookbehind?.negative).toBe(true);
    expect(found.lookahead?.negative).toBe(false);
    expect(found.regex.matcher('でで').matches()).toBe(true);
  });

  it('a key or option MedTerm does not know makes a suggestion, warned at the first unknown key', () => {
    const file = read(
      rule('    pattern: /乙/\n    foo: 1\n    bar: 2\n    options: { baz: 3, wordBoundary: false }\n'),
    );
    expect(where(file.problems)).toEqual([['rules[0]', 3, 9, 'warning']]);
    expect(messages(file)).toEqual([
      '"foo", "bar", "options.baz" not supported: this rule\'s fixes are offered as suggestions only, never applied automatically',
    ]);
    expect(file.patterns![0]!.suggestion).toBe(true);
    const optionOnly = read(rule('    pattern: /乙/\n    options:\n      qux: 1\n'));
    expect(where(optionOnly.problems)).toEqual([['rules[0]', 4, 6, 'warning']]);
    expect(messages(optionOnly)).toEqual([
      '"options.qux" not supported: this rule\'s fixes are offered as suggestions only, never applied automatically',
    ]);
  });

  it('an empty expected deletes: a suggestion with no concept, warned at expected', () => {
    const file = read('rules:\n  - expected: ""\n    pattern: /x+/\n');
    expect(where(file.problems)).toEqual([['rules[0].expected', 1, 14, 'warning']]);
    expect(messages(file)).toEqual([
      'expected is empty (the rule deletes what it matches): its fixes are offered as suggestions only, never applied automatically',
    ]);
    expect(file.patterns![0]).toMatchObject({ expected: '', suggestion: true });
    expect(file.patterns![0]!.conceptName).toBeUndefined();
  });

  it.each([
    ['    prh: 团队说明\n', { zh: '团队说明', en: '团队说明' }],
    ['    prh: "   "\n', DEFAULT_NOTE],
    ['    prh: 5\n', DEFAULT_NOTE],
  ])('note from %j', (yaml, note) => {
    expect(only(rule(`    pattern: /乙/\n${yaml}`)).note).toEqual(note);
  });

  it('wordBoundary puts \\b around each pattern', () => {
    expect(only(rule('    pattern: a.b\n    options: { wordBoundary: true }\n')).compiledFrom).toEqual({
      source: '\\ba\\.b\\b',
      ignoreCase: false,
    });
  });

  it('a pattern /…/ with a letter that is no flag is literal text, with a warning naming the letters', () => {
    const file = read(rule('    pattern: /a.b/xig\n'));
    expect(where(file.problems)).toEqual([['rules[0].pattern', 2, 13, 'warning']]);
    expect(messages(file)).toEqual([
      'pattern /a.b/xig is matched as the literal text "/a.b/xig", as prh does: "x" is not a flag (g, i, m, u, y)',
    ]);
    expect(file.patterns![0]!.compiledFrom.source).toBe('\\/a\\.b\\/xig');
    const many = read(rule('    patterns: [/a/, "/b/ZQ", /c/]\n'));
    expect(where(many.problems)).toEqual([['rules[0].patterns', 2, 14, 'warning']]);
    expect(messages(many)[0]).toMatch(/: "ZQ" is not a flag/);
    // A slash pair with no letters after it is a regular expression; "/a/ x" has a space: literal, no warning.
    expect(read(rule('    pattern: /a/\n')).problems).toEqual([]);
    expect(read(rule('    pattern: "/a/ x"\n')).problems).toEqual([]);
    expect(read(rule('    pattern: /a/gi\n')).problems).toEqual([]);
    expect(read(rule('    pattern: 乙/b/x\n')).problems).toEqual([]);
    expect(read(rule('    pattern: /a/x1\n')).problems).toEqual([]);
    expect(messages(read(rule('    pattern: "/a\\nb/x"\n')))).toEqual([
      'pattern /a\nb/x is matched as the literal text "/a\nb/x", as prh does: "x" is not a flag (g, i, m, u, y)',
    ]);
  });

  it('in an untrusted workspace every non-literal rule is named and ignored; literal rules stay', () => {
    const file = read(
      'rules:\n  - expected: 甲\n    patterns: [乙a, 丙b]\n  - JS\n  - expected: 丁\n    pattern: 戊\n',
      false,
    );
    expect(where(file.problems)).toEqual([
      ['rules[0]', 1, 4, 'warning'],
      ['rules[1]', 3, 4, 'warning'],
    ]);
    expect(messages(file)).toEqual([
      'regular expression 乙a, 丙b ignored: this workspace is not trusted',
      'regular expression JS ignored: this workspace is not trusted',
    ]);
    expect(file.patterns).toEqual([]);
    expect(file.variantAdditions?.map((addition) => addition.variant.text)).toEqual(['戊']);
    expect(file.rules.map((info) => info?.expected)).toEqual(['甲', 'JS', '丁']);
  });

  it('specs: each { from, to } with its rule and location; others are left out', () => {
    const file = read(
      rule(
        '    pattern: 乙\n    specs:\n      - from: 乙乙\n        to: 甲甲\n      - null\n      - { from: 乙 }\n      - { to: 甲 }\n      - from: 乙丙\n        to: 甲丙\n',
      ),
    );
    expect(file.specs).toStrictEqual([
      { from: '乙乙', to: '甲甲', prhRule: 0, line: 4, column: 8 },
      { from: '乙丙', to: '甲丙', prhRule: 0, line: 9, column: 8 },
    ]);
    expect(read(rule('    pattern: 乙\n    specs: { from: 乙, to: 甲 }\n')).specs).toEqual([]);
  });
});

describe('withoutPrhRules and ignoresRule', () => {
  const file = read(
    'rules:\n  - expected: 甲\n    pattern: 乙\n    specs: [{ from: 乙, to: 甲 }]\n  - expected: 丙\n    pattern: /丁/\n    specs: [{ from: 丁, to: 丙 }]\n  - expected: 戊\n    pattern: 己\n    specs: [{ from: 己, to: 戊 }]\n',
  );

  it('drops what the dropped rules gave, keeps the others in place', () => {
    const seen: [string, number][] = [];
    const without = withoutPrhRules(file, (info, index) => {
      seen.push([info.expected, index]);
      return index !== 2;
    });
    expect(seen).toEqual([
      ['甲', 0],
      ['丙', 1],
      ['戊', 2],
    ]);
    expect(without.rules).toStrictEqual([undefined, undefined, file.rules[2]]);
    expect(without.specs.map((spec) => spec.from)).toEqual(['己']);
    expect(without.variantAdditions?.map((addition) => addition.variant.text)).toEqual(['己']);
    expect(without.patterns).toEqual([]);
    expect(without.source).toBe('prh.yml');
    const second = withoutPrhRules(file, (_info, index) => index === 1);
    expect(second.rules).toStrictEqual([file.rules[0], undefined, file.rules[2]]);
    expect(second.specs.map((spec) => spec.from)).toEqual(['乙', '己']);
    expect(second.variantAdditions?.map((addition) => addition.variant.text)).toEqual(['乙', '己']);
    expect(second.patterns).toEqual([]);
    expect(withoutPrhRules(file, (_info, index) => index === 0).patterns?.map((pattern) => pattern.pattern)).toEqual([
      '/丁/',
    ]);
  });

  it('keeps items of no rule, and reads a file without variants or patterns', () => {
    const bare: ParsedPrhFile = {
      ...file,
      variantAdditions: undefined,
      patterns: undefined,
      specs: [{ from: 'a', to: 'b' }, ...file.specs],
    };
    const without = withoutPrhRules(bare, (_info, index) => index === 0);
    expect(without.variantAdditions).toEqual([]);
    expect(without.patterns).toEqual([]);
    expect(without.specs.map((spec) => spec.from)).toEqual(['a', '丁', '己']);
    // Rules already dropped (undefined) are never asked about.
    expect(withoutPrhRules(without, (info) => info.expected === '甲')).toBe(without);
  });

  const info: PrhRuleInfo = { expected: '甲', written: ['乙', '/丙/'], printed: '/(?:乙|丙)/gmu' };
  const bare: PrhRuleInfo = { expected: '甲', written: [], printed: '/甲/gmu' };
  it.each([
    [{ expected: '甲' }, info, true],
    [{ expected: '丁' }, info, false],
    [{ expected: '丁', pattern: '乙' }, info, true],
    [{ pattern: '/(?:乙|丙)/gmu' }, info, true],
    [{ pattern: '/丙/' }, info, true],
    [{ pattern: '乙' }, info, true],
    [{ pattern: '丁' }, info, false],
    [{ pattern: '甲' }, info, false],
    [{ pattern: '甲' }, bare, true],
    [{ pattern: '/甲/gmu' }, bare, true],
    [{}, bare, false],
    [{ pattern: '乙' }, { expected: '甲', written: ['乙'] }, true],
    [{ pattern: '/乙/gmu' }, { expected: '甲', written: ['乙'] }, false],
    [{}, { expected: '甲', written: ['乙'] }, false],
  ])('ignore %j, rule %j: %s', (ignore, ruleInfo, expected) => {
    expect(ignoresRule(ignore, ruleInfo)).toBe(expected);
  });
});

describe('prhRegex', () => {
  it.each([
    ['jQuery', '[JjＪｊ][QqＱｑ][UuＵｕ][EeＥｅ][RrＲｒ][YyＹｙ]'],
    ['a1', '[AaＡａ][1１]'],
    ['Node.js 甲', '[NnＮｎ][OoＯｏ][DdＤｄ][EeＥｅ].[JjＪｊ][SsＳｓ] 甲'],
    ['ｊ', 'ｊ'],
    // One case of ſ and ı is an ASCII letter: prh adds that letter's full-width form only.
    ['ſı', '[SſＳ][IıＩ]'],
    ['', ''],
  ])('spreadAlphaNum(%j) = %j', (text, expected) => {
    expect(spreadAlphaNum(text)).toBe(expected);
  });

  it.each([
    ['/a/gi', { body: 'a', flags: 'gi' }],
    ['/a/', { body: 'a', flags: '' }],
    ['//', { body: '', flags: '' }],
    ['/a/gimuy', { body: 'a', flags: 'gimuy' }],
    ['/a\nb/m', { body: 'a\nb', flags: 'm' }],
    ['/a/b/', { body: 'a/b', flags: '' }],
    ['/a/x', undefined],
    ['/a/G', undefined],
    ['a/', undefined],
    ['/a', undefined],
    [' /a/', undefined],
    ['/a/ ', undefined],
  ])('regexLiteral(%j)', (pattern, expected) => {
    expect(regexLiteral(pattern)).toStrictEqual(expected);
  });

  it.each([
    ['甲', undefined, false, { source: '甲', ignoreCase: false }],
    ['ab', undefined, true, { source: '\\b[AaＡａ][BbＢｂ]\\b', ignoreCase: false }],
    [
      'x',
      ['a.b*c+d?e{f}g(h)i[j]k^l$m|n/o-p\\d¥'],
      false,
      { source: 'a\\.b\\*c\\+d\\?e\\{f\\}g\\(h\\)i\\[j\\]k\\^l\\$m\\|n\\/o\\-p\\d¥', ignoreCase: false },
    ],
    ['x', ['/a.b/'], false, { source: 'a.b', ignoreCase: false }],
    ['x', ['/a/i'], true, { source: '\\ba\\b', ignoreCase: true }],
    ['x', ['a', '/b/'], true, { source: '(?:\\ba\\b|\\bb\\b)', ignoreCase: false }],
    ['x', ['/a/i', '/b/gi'], false, { source: '(?:a|b)', ignoreCase: true }],
    ['x', ['/a/g', 'b'], false, { source: '(?:a|b)', ignoreCase: false }],
  ])('prhSource(%j, %j, %s)', (expected, written, wordBoundary, source) => {
    expect(prhSource(expected, written, wordBoundary)).toStrictEqual(source);
  });

  it('prhSource refuses patterns with different flags', () => {
    expect(() => prhSource('x', ['a', '/b/i'], false)).toThrow(
      'the patterns of this rule have different flags (prh refuses to combine /…/ and /…/i)',
    );
  });

  it.each([
    ['abc', { body: 'abc' }],
    ['(a)(?:b)', { body: '(a)(?:b)' }],
    ['a(?=b)', { body: 'a', lookahead: { source: 'b', negative: false }, lookbehind: undefined }],
    ['a(?!b)', { body: 'a', lookahead: { source: 'b', negative: true }, lookbehind: undefined }],
    ['(?<=a)b', { body: 'b', lookahead: undefined, lookbehind: { source: 'a', negative: false } }],
    ['(?<!a)b', { body: 'b', lookahead: undefined, lookbehind: { source: 'a', negative: true } }],
    [
      '(?<!ま)でで(?!(きる|す))',
      {
        body: 'でで',
        lookahead: { source: '(きる|す)', negative: true },
        lookbehind: { source: 'ま', negative: true },
      },
    ],
    ['(?<=(?:a|b))c', { body: 'c', lookahead: undefined, lookbehind: { source: '(?:a|b)', negative: false } }],
    ['(a|b)(?=c)', { body: '(a|b)', lookahead: { source: 'c', negative: false }, lookbehind: undefined }],
    ['a)(?=b)', { body: 'a)', lookahead: { source: 'b', negative: false }, lookbehind: undefined }],
    ['a\\(?=b\\)', { body: 'a\\(?=b\\)' }],
    ['[(?=b)]c', { body: '[(?=b)]c' }],
    ['[]a(?=b)]c', { body: '[]a(?=b)]c' }],
    ['[^]a(?=b)]c', { body: '[^]a(?=b)]c' }],
    ['[\\](?=b)]c', { body: '[\\](?=b)]c' }],
    ['[a(?=b)', { body: '[a(?=b)' }],
  ])('splitLookarounds(%j)', (source, expected) => {
    expect(splitLookarounds(source)).toStrictEqual(expected);
  });

  it.each([
    ['(?=a)', 'a look-ahead (?=a) is supported only at the end of a pattern (MedTerm matches in linear time)'],
    ['(?!a)', 'a look-ahead (?!a) is supported only at the end of a pattern (MedTerm matches in linear time)'],
    ['a(?=b)c', 'a look-ahead (?=b) is supported only at the end of a pattern (MedTerm matches in linear time)'],
    ['(?<=a)', 'a look-behind (?<=a) is supported only at the start of a pattern (MedTerm matches in linear time)'],
    ['a(?<!b)c', 'a look-behind (?<!b) is supported only at the start of a pattern (MedTerm matches in linear time)'],
    [
      '(?<=a)(?=b)',
      'a look-behind (?<=a) is supported only at the start of a pattern (MedTerm matches in linear time)',
    ],
    ['(?<=(a))b', 'a look-behind with a capturing group is not supported (the groups after it would be renumbered)'],
    [
      '(?<=(?<n>a))b',
      'a look-behind with a capturing group is not supported (the groups after it would be renumbered)',
    ],
    [
      '(?<=(?P<n>a))b',
      'a look-behind with a capturing group is not supported (the groups after it would be renumbered)',
    ],
    [
      'a|b(?=c)',
      'a look-around next to a top-level alternation "|" is not supported (it would apply to one alternative only)',
    ],
    [
      '(?<=a)b|c',
      'a look-around next to a top-level alternation "|" is not supported (it would apply to one alternative only)',
    ],
    ['a(?=b(?!c))', 'a look-around inside a look-around is not supported'],
    ['(?<=a(?!b))c', 'a look-around inside a look-around is not supported'],
    ['(?<=a(?<=b))c', 'a look-around inside a look-around is not supported'],
  ])('splitLookarounds(%j) throws', (source, message) => {
    expect(() => splitLookarounds(source)).toThrow(message);
  });

  it.each([
    [
      '(a)\\1',
      'error parsing regexp: invalid escape sequence: `\\1`',
      'back-references such as \\1 are not supported (MedTerm matches in linear time)',
    ],
    [
      '(a)(b)\\2',
      'error parsing regexp: invalid escape sequence: `\\2`',
      'back-references such as \\2 are not supported (MedTerm matches in linear time)',
    ],
    [
      'x',
      'error parsing regexp: invalid escape sequence: `\\9`',
      'back-references such as \\1 are not supported (MedTerm matches in linear time)',
    ],
    ['x', 'error parsing regexp: invalid escape sequence: `\\q`', 'invalid escape sequence: `\\q`'],
    [
      'a(?<=b)',
      'error parsing regexp: invalid named capture: `(?<=b)`',
      'look-behind is supported only at the start of a pattern (MedTerm matches in linear time)',
    ],
    [
      'a(?<!b)',
      'error parsing regexp: invalid named capture: `(?<!b)`',
      'look-behind is supported only at the start of a pattern (MedTerm matches in linear time)',
    ],
    ['a(?<n', 'error parsing regexp: invalid named capture: `(?<n`', 'invalid named capture: `(?<n`'],
    ['a(', 'error parsing regexp: missing closing ): `a(`', 'missing closing ): `a(`'],
    ['a(', 'missing closing ): `a(`', 'missing closing ): `a(`'],
    ['a(', 'x error parsing regexp: y', 'x error parsing regexp: y'],
  ])('explainRegexError(%j, %j)', (source, message, expected) => {
    expect(explainRegexError(source, new Error(message))).toBe(expected);
  });

  it('compilePrh: multi-line, letter case as the flags say, errors explained', () => {
    const plain = compilePrh({ source: '^b', ignoreCase: false });
    expect(plain.regex.matcher('a\nb').find()).toBe(true);
    expect(plain.regex.matcher('a\nB').find()).toBe(false);
    expect(plain.lookahead).toBeUndefined();
    expect(plain.lookbehind).toBeUndefined();
    expect(compilePrh({ source: '^b', ignoreCase: true }).regex.matcher('a\nB').find()).toBe(true);
    expect(() => compilePrh({ source: '(a)\\1', ignoreCase: false })).toThrow(
      'back-references such as \\1 are not supported (MedTerm matches in linear time)',
    );
    expect(() => compilePrh({ source: 'a(?=(b)\\1)', ignoreCase: false })).toThrow(
      'back-references such as \\1 are not supported',
    );
    expect(() => compilePrh({ source: '(?<=a**)b', ignoreCase: false })).toThrow(
      'invalid nested repetition operator: `**`',
    );
    const edges = compilePrh({ source: '(?<!x)a(?=Y)', ignoreCase: true });
    expect(edges.lookahead?.negative).toBe(false);
    expect(edges.lookahead?.regex.matcher('y').matches()).toBe(true);
    expect(edges.lookbehind?.negative).toBe(true);
    // The look-behind must end where the match starts.
    expect(edges.lookbehind?.regex.matcher('X').find()).toBe(true);
    expect(edges.lookbehind?.regex.matcher('Xz').find()).toBe(false);
    expect(compilePrh({ source: '(?<=a|b)c', ignoreCase: false }).lookbehind?.regex.matcher('bz').find()).toBe(false);
  });
});

describe('patterns: expandReplacement and runPatterns', () => {
  it.each([
    ['[$0|$1|$2|$3]', 2, '[$0|A||$3]'],
    ['$1$1', 1, 'AA'],
    ['$10', 10, 'J'],
    ['$10', 9, '$10'],
    ['$100', 10, 'J0'],
    ['$$1', 1, '$A'],
    ['$a', 1, '$a'],
  ])('expandReplacement(%j, %i groups)', (expected, groupCount, out) => {
    const group = (index: number): string | null => (index === 2 ? null : String.fromCharCode(64 + index));
    expect(expandReplacement(expected, groupCount, group)).toBe(out);
  });

  const pattern = (source: string, expected: string, extra: Partial<PatternRule> = {}): PatternRule => ({
    pattern: source,
    ...compilePrh({ source, ignoreCase: false }),
    expected,
    note: { zh: '', en: '' },
    source: 'test.yml',
    compiledFrom: { source, ignoreCase: false },
    ...extra,
  });
  const run = (text: string, rules: PatternRule[], skip: { start: number; end: number }[] = []) =>
    runPatterns(text, rules, skip).map((found) => [found.span.start, found.span.end, found.text, found.replacement]);

  it('every match of every rule, by start, with its replacement and rule', () => {
    const b = pattern('b+', 'B');
    const a = pattern('a(x)?', 'A$1');
    const found = runPatterns('ab axbb', [b, a], []);
    expect(found.map((match) => [match.span, match.text, match.replacement, match.rule])).toEqual([
      [{ start: 0, end: 1 }, 'a', 'A', a],
      [{ start: 1, end: 2 }, 'b', 'B', b],
      [{ start: 3, end: 5 }, 'ax', 'Ax', a],
      [{ start: 5, end: 7 }, 'bb', 'B', b],
    ]);
  });

  it('a match that is already the replacement is none', () => {
    expect(run('ab ac', [pattern('a[bc]', 'ab')])).toEqual([[3, 5, 'ac', 'ab']]);
  });

  it('matches touching a skipped region are kept, matches overlapping it are not', () => {
    const rules = [pattern('ab', 'X')];
    expect(run('ab ab ab', rules, [{ start: 2, end: 3 }])).toEqual([
      [0, 2, 'ab', 'X'],
      [3, 5, 'ab', 'X'],
      [6, 8, 'ab', 'X'],
    ]);
    expect(run('ab ab ab', rules, [{ start: 1, end: 2 }])).toEqual([
      [3, 5, 'ab', 'X'],
      [6, 8, 'ab', 'X'],
    ]);
    expect(run('ab ab ab', rules, [{ start: 3, end: 4 }])).toEqual([
      [0, 2, 'ab', 'X'],
      [6, 8, 'ab', 'X'],
    ]);
    expect(run('ab ab ab', rules, [{ start: 7, end: 7 }])).toEqual([
      [0, 2, 'ab', 'X'],
      [3, 5, 'ab', 'X'],
    ]);
    expect(
      run('ab ab ab', rules, [
        { start: 2, end: 2 },
        { start: 5, end: 5 },
        { start: 8, end: 9 },
      ]),
    ).toEqual([
      [0, 2, 'ab', 'X'],
      [3, 5, 'ab', 'X'],
      [6, 8, 'ab', 'X'],
    ]);
  });

  it('empty matches are never findings, and the search steps over a whole surrogate pair', () => {
    expect(run('abxx', [pattern('x*', 'y')])).toEqual([[2, 4, 'xx', 'y']]);
    expect(run('ab', [pattern('x*', 'y')])).toEqual([]);
    // An empty match before 𝒳: the next search starts after its pair, never between its halves.
    expect(run('\u{1D4B3}b', [pattern('[\\x{DC00}-\\x{DFFF}]|', 'y')])).toEqual([]);
  });

  it('regexpMustEmpty: a match whose group is not empty is none; a group that did not take part is empty', () => {
    const rules = [pattern('(変)?(x)?更に', 'さらに', { mustEmpty: 1 })];
    expect(run('変更に 更に', rules)).toEqual([[4, 6, '更に', 'さらに']]);
    expect(run('x更に', [pattern('(変)?(x)?更に', 'さらに', { mustEmpty: 2 })])).toEqual([]);
  });

  it('look-ahead and look-behind are checked at the match edges', () => {
    const ahead = pattern('a(?=b)', 'X');
    expect(run('ab a xb ac', [ahead])).toEqual([[0, 1, 'a', 'X']]);
    const notAhead = pattern('a(?!b)', 'X');
    expect(run('ab a', [notAhead])).toEqual([[3, 4, 'a', 'X']]);
    const behind = pattern('(?<=b)a', 'X');
    expect(run('ba bxa a', [behind])).toEqual([[1, 2, 'a', 'X']]);
    const notBehind = pattern('(?<!b)a', 'X');
    expect(run('ba bxa a', [notBehind])).toEqual([
      [5, 6, 'a', 'X'],
      [7, 8, 'a', 'X'],
    ]);
    // Near the start of a long text the look-behind sees what is before the match, not the text's end.
    expect(run(`ba${'x'.repeat(300)}`, [behind])).toEqual([[1, 2, 'a', 'X']]);
  });

  it('the edge checks look 256 characters around the match', () => {
    const behind = pattern('(?<=b.*)a', 'X');
    expect(run(`b${'x'.repeat(255)}a`, [behind])).toEqual([[256, 257, 'a', 'X']]);
    expect(run(`b${'x'.repeat(256)}a`, [behind])).toEqual([]);
    const ahead = pattern('a(?=.*b)', 'X');
    expect(run(`a${'x'.repeat(255)}b`, [ahead])).toEqual([[0, 1, 'a', 'X']]);
    expect(run(`a${'x'.repeat(256)}b`, [ahead])).toEqual([]);
  });

  it('after a rejected match the search goes on one character later, or past a match longer than 64', () => {
    const rules = [pattern('(?<!a)b+', 'X')];
    expect(run(`a${'b'.repeat(64)}`, rules)).toEqual([[2, 65, 'b'.repeat(63), 'X']]);
    expect(run(`a${'b'.repeat(65)}`, rules)).toEqual([]);
    expect(run(`a${'b'.repeat(65)} b`, rules)).toEqual([[67, 68, 'b', 'X']]);
    // One character on is one code point on: a look-behind rejects 𝒳 at 0, the search resumes after its pair.
    expect(run('a\u{1D4B3}', [pattern('(?<!a)[^a]', 'X')])).toEqual([]);
    expect(run('\u{1D4B3}', [pattern('(?<!^)(?:\u{1D4B3}|[\\x{DC00}-\\x{DFFF}])', 'X')])).toEqual([]);
  });
});
