import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDictionary, parseDictionary, parsePrh, parseTermFile } from '../../server/src/engine';
import { ROOT, builtinFiles } from '../helpers/dictionary';

/** Bad rules and entries in users' term files (reliability audit rows F2, F3, P6, P7, P8). */
const CLI = join(ROOT, 'dist', 'cli.js');
const medterm = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8', NO_COLOR: '1' },
  });
const entry = (id: string, zh: string, extra = ''): string =>
  `  - id: ${id}\n    category: drug\n    zh: ${zh}\n    en: ${id}\n    variants: [{ text: ${zh}x, kind: typo, note: { zh: 错, en: wrong } }]\n${extra}`;
const cite = '    cite: [{ source: house style guide }]\n';

describe('term-file problems', () => {
  it.skipIf(!existsSync(CLI))(
    'F2: one bad entry is skipped with a warning at file:line:col; the other entries and the files are still used (not exit 2)',
    () => {
      const directory = mkdtempSync(join(tmpdir(), 'medterm-f2-'));
      writeFileSync(
        join(directory, 'team.yaml'),
        `entries:\n${entry('house-a', '某药甲')}${entry('house-b', '某药乙', cite)}`,
      );
      writeFileSync(join(directory, 'a.md'), '某药乙x与利那度胺。\n');
      const result = medterm(
        ['lint', '--no-cache', '--format', 'json', '--dictionary', 'team.yaml', 'a.md'],
        directory,
      );
      expect(result.stderr).toBe(
        `medterm: warning: ${join(directory, 'team.yaml')}:2:5: entries[0]: missing required field "cite" (this entry is skipped)\n`,
      );
      expect(result.status).toBe(1);
      const findings = (
        JSON.parse(result.stdout) as {
          findings: { rule: string; replacement?: string; line: number; column: number }[];
        }[]
      )[0]!.findings;
      // The valid entry (house-b) works next to the built-in dictionary.
      expect(findings.map((finding) => [finding.line, finding.column])).toEqual([
        [1, 1],
        [1, 6],
      ]);
    },
  );

  it('F3: every invalid entry is dropped, however many (only the first 50 were before), and the problems say how many more', () => {
    const count = 400;
    let yaml = 'entries:\n';
    for (let i = 0; i < count; i++) yaml += entry(`bad-${i}`, `坏药${i}号`);
    yaml += entry('good', '好药', cite);
    const file = parseDictionary(yaml, 'many.yaml', 'workspace');
    expect(file.concepts.map((concept) => concept.id)).toEqual(['good']);
    expect(file.problems).toHaveLength(51);
    expect(file.problems[49]).toMatchObject({
      path: 'entries[49]',
      message: 'missing required field "cite"',
      line: 49 * 5 + 1,
      column: 4,
    });
    expect(file.problems[50]).toMatchObject({
      path: 'entries',
      severity: 'warning',
      message: `${count - 50} more problem(s) not listed; every entry in error is skipped`,
    });
  });

  it("P6: a duplicate id is reported once, at the later entry's line and column, as a warning (the later entry is ignored)", () => {
    const file = parseDictionary(
      `entries:\n${entry('dup', '甲药', cite)}${entry('dup', '乙药', cite)}`,
      'dup.yaml',
      'workspace',
    );
    const dictionary = buildDictionary([...builtinFiles(), file]);
    const duplicates = dictionary.problems.filter((problem) => /duplicate id/.test(problem.message));
    expect(duplicates).toEqual([
      {
        source: 'dup.yaml',
        path: 'entries[1].id',
        message: 'duplicate id "dup" in this file (first at line 2); the later entry is ignored',
        severity: 'warning',
        line: 7,
        column: 4,
        span: expect.anything(),
      },
    ]);
    expect(dictionary.concepts.get('dup')!.zh).toBe('甲药');
  });

  it('P7: a failed alternative gives one reason: the branch that got furthest', () => {
    const citation = parseDictionary(
      'entries:\n  - { id: x, category: drug, zh: 某药, en: x, cite: [{ source: s }] }\n',
      'c.yaml',
      'workspace',
    );
    expect(citation.problems.map((problem) => [problem.path, problem.message])).toEqual([
      ['entries[0].cite[0].source', 'must NOT have fewer than 3 characters'],
    ]);
    const example = parseDictionary(
      'entries:\n  - { id: x, category: drug, zh: 某药, en: x, cite: [{ source: abc }], examples: [{ from: 1, to: a }] }\n',
      'e.yaml',
      'workspace',
    );
    expect(example.problems.map((problem) => [problem.path, problem.message])).toEqual([
      ['entries[0].examples[0].from', 'must be of type string'],
    ]);
    const nothing = parseTermFile('title: my terms\n', 'n.yaml', 'workspace', { allowPatterns: true });
    expect(nothing.problems.map((problem) => problem.message)).toEqual([
      'needs one of the fields "entries", "accept", "variants"',
      'unknown field "title"',
    ]);
    const emptyExpected = parsePrh('rules:\n  - expected: ""\n    pattern: x\n', 'p.yml', 'workspace', {
      allowPatterns: true,
    });
    expect(emptyExpected.problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^expected is empty/),
    ]);
    const targets = parseTermFile('version: 1\ntargets:\n  - file: /\\.md$/\n', 't.yml', 'workspace', {
      allowPatterns: true,
    });
    expect(targets.problems.map((problem) => problem.path)).toEqual(['targets']);
    const misspelt = parseTermFile('version: 1\nentires: []\n', 'm.yaml', 'workspace', { allowPatterns: true });
    expect(misspelt.problems.map((problem) => problem.message)).toEqual([
      'needs one of the fields "entries", "accept", "variants"',
      'unknown field "version"',
      'unknown field "entires"',
    ]);
  });

  it.each([
    ['/[/', /^pattern \/\[\/ cannot be used: missing closing \]: `\[`; the rule is skipped$/],
    ['/a/z', /^pattern \/a\/z is matched as the literal text "\/a\/z", as prh does: "z" is not a flag/],
    ['/(a{1000}){1000}/', /invalid repeat count/],
    ['/a(?<!b)c/', /a look-behind \(\?<!b\) is supported only at the start of a pattern/],
    ['/(x)\\1/', /back-references such as \\1 are not supported/],
  ])('P8: the RE2 error for %s says the real cause', (pattern, message) => {
    const file = parsePrh(`rules:\n  - expected: y\n    pattern: '${pattern}'\n`, 'p.yml', 'workspace', {
      allowPatterns: true,
    });
    expect(file.problems).toHaveLength(1);
    expect(file.problems[0]!.message).toMatch(message);
    if (!/look|back-ref/.test(String(message))) expect(file.problems[0]!.message).not.toMatch(/look-around/);
  });

  it("P8: a JSON term file's syntax error is told in JSON terms, with its position", () => {
    const file = parseTermFile('{"entries": [\n  {"id": "x",}\n]}\n', 'terms.json', 'workspace', {
      allowPatterns: true,
    });
    expect(file.problems).toHaveLength(1);
    expect(file.problems[0]!.message).toMatch(/^JSON syntax error: /);
    expect(file.problems[0]!.message).not.toMatch(/Flow|YAML|indented/);
    expect(file.problems[0]!.line).toBe(1);
  });
});
