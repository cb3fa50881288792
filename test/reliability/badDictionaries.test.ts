import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, parseDictionary, parseTermFile } from '../../server/src/engine';
import { builtinFiles } from '../helpers/dictionary';

/** Bad dictionaries: each gives a clear message naming the file and place; everything else keeps working. */
const CASES: { name: string; raw: string; expect: { path: string; message: RegExp; line?: number }[] }[] = [
  {
    name: 'malformed JSON',
    raw: '{ "entries": [ { "id": "x", } ',
    expect: [{ path: '(file)', message: /./, line: 0 }],
  },
  {
    name: 'malformed YAML',
    raw: 'entries:\n  - id: x\n   category: drug\n',
    expect: [{ path: '(file)', message: /./ }],
  },
  {
    name: 'wrong types',
    raw: 'entries:\n  - id: x\n    category: 3\n    en: [a]\n    cite: yes\n',
    expect: [
      { path: 'entries[0].category', message: /must be one of/, line: 2 },
      { path: 'entries[0].en', message: /type string/, line: 3 },
      { path: 'entries[0].cite', message: /type array/, line: 4 },
    ],
  },
  {
    name: 'unknown field',
    raw: 'entries:\n  - { id: x, category: term, en: x, cite: [{ source: abc }], colour: red }\n',
    expect: [{ path: 'entries[0].colour', message: /unknown field "colour"/, line: 1 }],
  },
  { name: 'not a mapping', raw: '- just\n- a list\n', expect: [{ path: '(file)', message: /type object/ }] },
  { name: 'empty file', raw: '', expect: [{ path: '(file)', message: /empty/ }] },
];

describe('bad dictionaries', () => {
  it.each(CASES)('$name: a message with file, path and position', ({ raw, expect: expected }) => {
    const file = parseTermFile(raw, 'team/terms.yaml', 'workspace', { allowPatterns: false });
    expect(file.problems.length).toBeGreaterThan(0);
    for (const want of expected) {
      const problem = file.problems.find((candidate) => candidate.path === want.path);
      expect(problem, `${want.path} in ${JSON.stringify(file.problems)}`).toBeDefined();
      expect(problem!.source).toBe('team/terms.yaml');
      expect(problem!.message).toMatch(want.message);
      if (want.line !== undefined) expect(problem!.line).toBe(want.line);
    }
    // The built-in dictionary still works with the bad layer on top.
    expect(
      analyze('利那度胺', buildDictionary([...builtinFiles(), file])).findings.map((finding) => finding.ruleId),
    ).toEqual(['nonstandard-name']);
  });

  it('reports duplicate ids in one file and keeps the first', () => {
    const file = parseDictionary(
      'entries:\n  - { id: dup, category: term, zh: 甲术语, en: a, cite: [{ source: abc }] }\n  - { id: dup, category: term, zh: 乙术语, en: b, cite: [{ source: abc }] }\n',
      'dup.yaml',
      'workspace',
    );
    const dictionary = buildDictionary([...builtinFiles(), file]);
    expect(dictionary.problems).toContainEqual(
      expect.objectContaining({ source: 'dup.yaml', message: expect.stringMatching(/duplicate id "dup"/) }),
    );
    expect(dictionary.concepts.get('dup')!.zh).toBe('甲术语');
  });

  it("rejects a variant that is another concept's standard name, and keeps the other concept intact", () => {
    const file = parseDictionary(
      'entries:\n  - { id: mine, category: term, zh: 我的术语, en: mine, variants: [{ text: 来那度胺, kind: typo, note: { zh: 错, en: wrong } }], cite: [{ source: abc }] }\n',
      'clash.yaml',
      'workspace',
    );
    const dictionary = buildDictionary([...builtinFiles(), file]);
    expect(dictionary.problems).toContainEqual(
      expect.objectContaining({
        source: 'clash.yaml',
        severity: 'error',
        message: expect.stringMatching(/variant "来那度胺" is an accepted name of "lenalidomide"/),
      }),
    );
    expect(analyze('来那度胺', dictionary).findings).toEqual([]);
  });
});
