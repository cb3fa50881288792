import { describe, expect, it } from 'vitest';
import { ignoresRule, parsePrh, withoutPrhRules } from '../../server/src/engine';
import { isPrhDocument } from '../../server/src/engine/dictionary/prh';

// prh.yml details read in this process (test/reliability/prh.test.ts runs the CLI on whole rule sets).
const read = (yaml: string, allowPatterns = true) => parsePrh(yaml, 'prh.yml', 'workspace', { allowPatterns });

describe('prh files: what is taken', () => {
  it('a file of `version` (and `meta`) alone is a prh file; other keys beside them are not', () => {
    expect(isPrhDocument({ version: 1 })).toBe(true);
    expect(isPrhDocument({ version: 1, meta: { author: 'x' } })).toBe(true);
    expect(isPrhDocument({ version: 1, entires: [] })).toBe(false);
    expect(isPrhDocument({ entries: [], rules: [] })).toBe(false);
  });

  it('an untrusted workspace names the ignored regular expression as written', () => {
    const file = read('version: 1\nrules:\n  - expected: 硼替佐米\n    pattern: /硼替.{1,2}米/\n', false);
    expect(file.problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('regular expression /硼替.{1,2}米/ ignored: this workspace is not trusted'),
    ]);
  });

  it('a pattern that cannot be used is named in the problem', () => {
    const file = read('version: 1\nrules:\n  - expected: 甲\n    pattern: /(a)\\1/\n');
    expect(file.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^.*pattern \/\(a\)\\1\/ cannot be used: /),
    ]);
  });

  it('takes specs given as { from, to } and skips the others', () => {
    const file = read(
      'version: 1\nrules:\n  - expected: 来那度胺\n    pattern: 利那度胺\n    specs:\n      - from: 利那度胺\n        to: 来那度胺\n      - from: 3\n        to: x\n      - oops\n',
    );
    expect(file.specs.map(({ from, to }) => ({ from, to }))).toEqual([{ from: '利那度胺', to: '来那度胺' }]);
  });

  it('reads ignoreRules given as strings and as { pattern, expected }', () => {
    const file = read(
      'version: 1\nimports:\n  - path: base.yml\n    ignoreRules:\n      - 阿霉素\n      - { expected: 泼尼松 }\n      - { pattern: 3 }\n      - 7\n',
    );
    expect(file.importOptions).toEqual([
      {
        path: 'base.yml',
        disableImports: false,
        ignoreRules: [
          { pattern: '阿霉素', expected: undefined },
          { pattern: undefined, expected: '泼尼松' },
          { pattern: undefined, expected: undefined },
        ],
      },
    ]);
  });

  it('withoutPrhRules drops the rules named, with their specs, and keeps the rest in place', () => {
    const file = read(
      'version: 1\nrules:\n  - expected: 来那度胺\n    pattern: 利那度胺\n    specs:\n      - { from: 利那度胺, to: 来那度胺 }\n  - expected: 泼尼松\n    pattern: 强的松\n    specs:\n      - { from: 强的松, to: 泼尼松 }\n',
    );
    const without = withoutPrhRules(file, (rule) => ignoresRule({ pattern: '利那度胺' }, rule));
    expect(without.specs.map((spec) => spec.from)).toEqual(['强的松']);
    expect(without.rules.map((rule) => rule?.expected)).toEqual([undefined, '泼尼松']);
    expect(withoutPrhRules(file, () => false)).toBe(file);
  });
});
