import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  buildDictionary,
  fixAllSafe,
  formatMessage,
  parsePrh,
  type ParsedLayerFile,
} from '../../server/src/engine';
import { readUserTermFile } from '../../server/src/node/termFiles';
import { ROOT, builtinFiles } from '../helpers/dictionary';
import { PRH_RULES, prhRuleFiles } from '../interop/prhCompare';

/**
 * prh interoperability (reliability audit rows D5, W6, W7): prh's keys keep their meaning or the rule
 * is never a safe fix; one rule MedTerm cannot run is skipped with a located warning; the public prh
 * rule sets (read from ../shared/interop at run time, never copied) load in the engine and the CLI.
 */
const prh = (yaml: string): ParsedLayerFile => parsePrh(yaml, 'rules.yml', 'workspace', { allowPatterns: true });
const withPrh = (yaml: string) => buildDictionary([...builtinFiles(), prh(yaml)]);
const fixed = (text: string, yaml: string): string => fixAllSafe(text, withPrh(yaml)).text;

describe('prh keys keep their meaning or the rule is never a safe fix', () => {
  it('D5: regexpMustEmpty — a match whose named group is not empty is no match (変更に stays, 更に → さらに)', () => {
    const rules = 'version: 1\nrules:\n  - expected: さらに\n    pattern: /(変)?更に/\n    regexpMustEmpty: $1\n';
    expect(prh(rules).problems).toEqual([]);
    expect(fixed('仕様を変更にする。更に改善する。', rules)).toBe('仕様を変更にする。さらに改善する。');
  });

  it('D5: regexpMustEmpty with a replacement group — ピン留め stays, 踏み留まる → 踏みとどまる', () => {
    const rules = 'rules:\n  - pattern: /(ピン)?留([まめ])/\n    regexpMustEmpty: $1\n    expected: とど$2\n';
    expect(fixed('ピン留めして踏み留まる', rules)).toBe('ピン留めして踏みとどまる');
  });

  it('D5: options.wordBoundary — altJS is not a match, JS is', () => {
    const rules = 'rules:\n  - expected: js\n    options:\n      wordBoundary: true\n';
    expect(fixed('foo altJS bar', rules)).toBe('foo altJS bar');
    expect(fixed('use JS here', rules)).toBe('use js here');
    // \b is an ASCII word boundary in prh (JavaScript) as in RE2: full-width ｊｓ has none, so no match there either.
    expect(fixed('use ｊｓ here', rules)).toBe('use ｊｓ here');
  });

  it('D5: a key MedTerm does not know makes the rule a suggestion only, with a warning at its line and column', () => {
    const rules = 'rules:\n  - expected: さらに\n    pattern: /(変)?更に/\n    mustBeSomething: $1\n';
    const file = prh(rules);
    expect(file.problems).toEqual([
      expect.objectContaining({
        path: 'rules[0]',
        severity: 'warning',
        line: 3,
        column: 21,
        message: expect.stringMatching(/"mustBeSomething" not supported: .*suggestions only/),
      }),
    ]);
    const text = '仕様を変更にする。';
    const analysis = analyze(text, buildDictionary([...builtinFiles(), file]));
    const finding = analysis.findings.find((candidate) => candidate.ruleId === 'nonstandard-name')!;
    expect(finding.fixes.map((fix) => fix.tier)).toEqual(['suggestion']);
    expect(fixAllSafe(text, buildDictionary([...builtinFiles(), file])).text).toBe(text);
  });

  it('D5: an empty expected (a deletion, prh/rules terms/review.yml) is a suggestion, never applied by --fix', () => {
    const rules =
      'rules:\n  - expected: ""\n    pattern: /[\\x00-\\x08]+/\n    prh: 不可視の制御コードが混入しています\n';
    const file = prh(rules);
    expect(file.problems.map((problem) => [problem.path, problem.severity, problem.line])).toEqual([
      ['rules[0].expected', 'warning', 1],
    ]);
    const text = 'a\u0001b';
    const dictionary = buildDictionary([...builtinFiles(), file]);
    expect(
      analyze(text, dictionary).findings.find((finding) => finding.ruleId === 'nonstandard-name')!.fixes[0]!.tier,
    ).toBe('suggestion');
    expect(fixAllSafe(text, dictionary).text).toBe(text);
  });
});

describe('prh rule files MedTerm cannot run entirely still work', () => {
  it('W6: pattern as a list (prh combines the patterns, $1 counts across them)', () => {
    const rules =
      'rules:\n  - expected: Cookie\n    pattern:\n      - cookie\n      - COOKIE\n  - expected: ($1)\n    pattern:\n      - /\\[(a)\\]/\n      - /\\{(b)\\}/\n';
    expect(prh(rules).problems).toEqual([]);
    expect(fixed('cookie と COOKIE と Cookie', rules)).toBe('Cookie と Cookie と Cookie');
    // prh joins the list into one /(?:…|…)/: the second pattern's group is $2, so $1 is empty there.
    expect(fixed('[a] {b}', rules)).toBe('(a) ()');
  });

  it('W6: a look-ahead at the end and a look-behind at the start are checked at the match edges', () => {
    const rules =
      'rules:\n  - expected: サーバー\n    pattern: /サーバ(?!ー)/\n  - expected: で\n    pattern: /(?<!ま)でで(?!(きる|きます|す))/\n';
    expect(prh(rules).problems).toEqual([]);
    const once = fixed('サーバとサーバーの話ででした。まででもいい。でできる', rules);
    expect(once).toBe('サーバーとサーバーの話でした。まででもいい。でできる');
    expect(fixed(once, rules)).toBe(once);
  });

  it('W6: the edge checks keep matching linear: a look-behind that rejects every long match on a 100,000-character line', () => {
    const rules = 'rules:\n  - expected: x\n    pattern: /(?<!a)b.*c/\n  - expected: y\n    pattern: /b(?!a)/\n';
    const line = `${'ab'.repeat(50_000)}c`;
    const started = performance.now();
    // Every b follows an a (no match of the first rule); only the last b is not followed by an a.
    expect(fixed(line, rules)).toBe(`${'ab'.repeat(49_999)}ayc`);
    // Quadratic work would take minutes here; the bound is generous on purpose (a shared, loaded machine).
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('W6: one rule MedTerm cannot run is skipped with a warning naming file, line and column; the others are used', () => {
    const rules =
      'rules:\n  - expected: a\n    pattern: /x(?!y)z/\n  - expected: c\n    pattern: /(d)\\1/\n  - expected: 来那度胺\n    pattern: 雷利度胺\n';
    const file = prh(rules);
    expect(
      file.problems.map((problem) => [problem.source, problem.path, problem.severity, problem.line, problem.column]),
    ).toEqual([
      ['rules.yml', 'rules[0].pattern', 'warning', 2, 13],
      ['rules.yml', 'rules[1].pattern', 'warning', 4, 13],
    ]);
    expect(file.problems[0]!.message).toMatch(/look-ahead \(\?!y\) is supported only at the end of a pattern/);
    expect(file.problems[1]!.message).toMatch(/back-references such as \\1 are not supported/);
    expect(fixed('雷利度胺', rules)).toBe('来那度胺');
  });

  const files = prhRuleFiles();
  it.skipIf(files.length === 0)(
    'W6: every file of the public prh rule sets loads: no error, each skipped rule located',
    () => {
      expect(files.length).toBeGreaterThanOrEqual(10);
      for (const path of files) {
        const layers = readUserTermFile(path, 'workspace', { allowPatterns: true });
        const dictionary = buildDictionary([...builtinFiles(), ...layers]);
        const own = dictionary.problems.filter((problem) => layers.some((layer) => layer.source === problem.source));
        expect(
          own.filter((problem) => problem.severity === 'error'),
          relative(PRH_RULES, path),
        ).toEqual([]);
        for (const problem of own)
          expect(problem.line, `${relative(PRH_RULES, path)} ${problem.path}: ${problem.message}`).toBeTypeOf('number');
        // Rules were actually imported (targets-only files aside).
        const rules = layers.reduce(
          (sum, layer) => sum + (layer.patterns?.length ?? 0) + (layer.variantAdditions?.length ?? 0),
          0,
        );
        if (!/files\//.test(relative(PRH_RULES, path))) expect(rules, relative(PRH_RULES, path)).toBeGreaterThan(0);
      }
    },
  );

  it.skipIf(files.length === 0 || !existsSync(join(ROOT, 'dist', 'cli.js')))(
    'W6: the CLI lints with every public prh rule set at once: warnings, not exit 2',
    () => {
      const directory = mkdtempSync(join(tmpdir(), 'medterm-prh-'));
      writeFileSync(join(directory, 'a.md'), 'そうですね(笑)\n');
      const args = files.flatMap((file) => ['--dictionary', file]);
      const result = spawnSync(
        process.execPath,
        [join(ROOT, 'dist', 'cli.js'), 'lint', '--no-cache', '--format', 'json', ...args, 'a.md'],
        { cwd: directory, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } },
      );
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/warning: .*WEB\+DB_PRESS\.yml:\d+:\d+: rules\[\d+\]/);
      const findings = (JSON.parse(result.stdout) as { findings: { replacement?: string; message: string }[] }[])[0]!
        .findings;
      expect(findings.length).toBeGreaterThan(0);
    },
  );
});

describe('prh behaviour imported as prh has it', () => {
  it('W7: a rule with only expected matches any letter case and full-width letters (ＪＱＵＥＲＹ → jQuery)', () => {
    const rules = 'rules:\n  - expected: jQuery\n    specs:\n      - from: ＪＱＵＥＲＹ\n        to: jQuery\n';
    expect(fixed('ＪＱＵＥＲＹ と JQUERY と jquery と jQuery', rules)).toBe('jQuery と jQuery と jQuery と jQuery');
  });

  it("W7: the rule's own explanation (prh:) is the message's note", () => {
    const rules = 'version: 1\nrules:\n  - expected: 来那度胺\n    pattern: 利那杜胺\n    prh: 团队规范第3条\n';
    const finding = analyze('利那杜胺', withPrh(rules)).findings.find(
      (candidate) => candidate.ruleId === 'nonstandard-name',
    )!;
    expect(formatMessage(finding.message, 'zh-cn')).toContain('团队规范第3条');
    expect(formatMessage(finding.message, 'en')).toContain('团队规范第3条');
    expect(formatMessage(finding.message, 'en')).not.toContain('rules.yml');
  });

  it("W7: imports with ignoreRules and disableImports; an importing file's rule wins over an imported one with the same expected", () => {
    const root = mkdtempSync(join(tmpdir(), 'medterm-prh-imports-'));
    writeFileSync(
      join(root, 'a.yml'),
      'version: 1\nimports:\n  - nested.yml\nrules:\n  - expected: 来那度胺\n    pattern: 利那杜胺\n  - expected: 硼替佐米\n    pattern: 硼替左米\n  - expected: X\n    pattern: xx\n',
    );
    writeFileSync(join(root, 'nested.yml'), 'version: 1\nrules:\n  - expected: 骨髓瘤\n    pattern: 骨髓癌\n');
    writeFileSync(
      join(root, 'main.yml'),
      'version: 1\nimports:\n  - path: a.yml\n    disableImports: true\n    ignoreRules:\n      - 利那杜胺\n      - expected: 硼替佐米\nrules:\n  - expected: X\n    pattern: xx-main\n',
    );
    const layers = readUserTermFile(join(root, 'main.yml'), 'workspace', { allowPatterns: true });
    expect(layers.map((layer) => relative(root, layer.source))).toEqual(['main.yml', 'a.yml']);
    const dictionary = buildDictionary([...builtinFiles(), ...layers]);
    const text = '利那杜胺 硼替左米 骨髓癌 xx';
    // Both ignored rules stay silent, the nested import is not read, and a.yml's "X" rule gives way to main.yml's.
    expect(fixAllSafe(text, dictionary).text).toBe(text);
  });

  it('W7: a prh file with only targets loads with one warning (MedTerm decides by document kind), not as a broken MedTerm file', () => {
    const file = prh('version: 1\ntargets:\n  - file: /\\.md$/\n    excludes:\n      - pattern: /`.*?`/\n');
    expect(file.problems).toEqual([expect.objectContaining({ path: 'targets', severity: 'warning', line: 2 })]);
  });
});
