import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  deepFreeze,
  duplicateIdProblem,
  layerFromChecked,
  listItemOffsets,
  oneReasonPerAlternative,
  parseDictionary,
  readablePath,
} from '../../server/src/engine/dictionary/parse';
import { PACK_MIN_ENTRIES } from '../../server/src/engine/dictionary/packed';
import { isFileProblem, sortProblems } from '../../server/src/engine/dictionary/problems';

/** One block-style entry (5 lines); `extra` adds lines (each "    key: value\n"). */
const entry = (id: string, zh: string, extra = '    cite: [{ source: house guide }]\n'): string =>
  `  - id: ${id}\n    category: drug\n    zh: ${zh}\n    en: ${id}\n${extra}`;
const file = (...entries: string[]): string => `entries:\n${entries.join('')}`;
const summary = (problems: readonly { path: string; message: string; line?: number; column?: number }[]) =>
  problems.map((problem) => [problem.path, problem.message, problem.line, problem.column]);

describe('parseDictionary: reading the file', () => {
  it('a valid block-style file: its concepts, no problems, the checked value kept for a cache', () => {
    const parsed = parseDictionary(file(entry('drug-a', '甲药'), entry('drug-b', '乙药')), 'team.yaml', 'workspace');
    expect(parsed.problems).toEqual([]);
    expect(parsed.source).toBe('team.yaml');
    expect(parsed.layer).toBe('workspace');
    expect(parsed.concepts.map((concept) => [concept.id, concept.zh, concept.en])).toEqual([
      ['drug-a', '甲药', 'drug-a'],
      ['drug-b', '乙药', 'drug-b'],
    ]);
    expect(parsed.concepts[0]!.origin).toEqual({ layer: 'workspace', source: 'team.yaml' });
    expect(parsed.checked?.badEntries).toEqual([]);
    expect(parsed.packed).toBeUndefined();
    expect(parsed.accept).toEqual([]);
    expect(parsed.variantAdditions).toEqual([]);
  });

  it('the layer defaults to builtin', () => {
    expect(parseDictionary(file(entry('drug-a', '甲药')), 'a.yaml').layer).toBe('builtin');
  });

  it('a byte order mark opens the file only: it is dropped there, kept inside a value', () => {
    const withBom = parseDictionary(`\ufeff${file(entry('drug-a', '甲药'))}`, 'a.yaml', 'workspace');
    expect(withBom.problems).toEqual([]);
    expect(withBom.concepts[0]!.zh).toBe('甲药');
    const inside = parseDictionary(file(entry('drug-a', '"甲\ufeff药"')), 'a.yaml', 'workspace');
    expect(inside.concepts[0]!.zh).toBe('甲\ufeff药');
    // Positions count from after the mark.
    const bad = parseDictionary(`\ufeff${file(entry('drug-a', '甲药', ''))}`, 'a.yaml', 'workspace');
    expect(summary(bad.problems)).toEqual([['entries[0]', 'missing required field "cite"', 1, 4]]);
  });

  it('an empty file (or only a comment) is an empty layer with one file problem at its start', () => {
    for (const text of ['', '# nothing here\n', '~\n']) {
      const parsed = parseDictionary(text, 'empty.yaml', 'workspace');
      expect(parsed.concepts).toEqual([]);
      expect(parsed.checked).toBeUndefined();
      expect(parsed.problems).toEqual([
        {
          source: 'empty.yaml',
          path: '(file)',
          message: 'the file is empty; expected a mapping with "entries"',
          severity: 'error',
          line: 0,
          column: 0,
        },
      ]);
    }
  });

  it('a YAML syntax error: the whole file is an empty layer; the problem has its first line and position', () => {
    const text = 'entries:\n  - id: a\n    zh: [unclosed\n';
    const parsed = parseDictionary(text, 'bad.yaml', 'workspace');
    expect(parsed.concepts).toEqual([]);
    expect(parsed.problems.length).toBeGreaterThan(0);
    for (const problem of parsed.problems) {
      expect(problem).toMatchObject({ source: 'bad.yaml', path: '(file)', severity: 'error' });
      expect(problem.message).not.toContain('\n');
      expect(problem.span).toBeDefined();
      expect(problem.line).toBeGreaterThanOrEqual(2);
    }
  });

  it('a tag the fast reader refuses but YAML allows: the file is read through the full parser', () => {
    const parsed = parseDictionary(file(entry('drug-a', '!house 甲药')), 'tag.yaml', 'workspace');
    expect(parsed.problems).toEqual([]);
    expect(parsed.concepts.map((concept) => [concept.id, concept.zh])).toEqual([['drug-a', '甲药']]);
  });

  it('through the full parser, aliases are limited: a few are read, too many are refused (the caller reports it)', () => {
    const aliases = (count: number) => {
      let text = 'x: &c [{ source: !house guide }]\nentries:\n';
      for (let i = 0; i < count; i++) text += `  - { id: d${i}, category: drug, en: d${i}, cite: *c }\n`;
      return text;
    };
    expect(parseDictionary(aliases(5), 'a.yaml', 'workspace').concepts).toHaveLength(5);
    expect(() => parseDictionary(aliases(120), 'a.yaml', 'workspace')).toThrow(/alias/i);
  });

  it('at most 20 syntax problems are told', () => {
    let text = 'entries:\n';
    for (let i = 0; i < 25; i++) text += `dup: ${i}\n`;
    const parsed = parseDictionary(text, 'dup.yaml', 'workspace');
    expect(parsed.problems).toHaveLength(20);
    expect(parsed.problems[0]!.message).toMatch(/unique/i);
    expect(parsed.problems[0]!.line).toBe(2);
    expect(parsed.problems[0]!.column).toBe(0);
    expect(parsed.problems[0]!.span).toEqual({ start: 16, end: 17 });
    expect(parsed.problems[19]!.line).toBe(21);
  });

  it('a file of many aliases of one anchor is read (the fast reader has no alias limit to hit)', () => {
    let text = 'x: &c [{ source: house guide }]\nentries:\n';
    for (let i = 0; i < 120; i++) text += `  - { id: d${i}, category: drug, en: d${i}, cite: *c }\n`;
    // The anchor's key is not a field of the file: one problem, the entries all read.
    const parsed = parseDictionary(text, 'alias.yaml', 'workspace');
    expect(summary(parsed.problems)).toEqual([['x', 'unknown field "x"', 0, 0]]);
    expect(parsed.concepts).toHaveLength(120);
  });

  it("a JSON file's syntax error in JSON's terms, at its position; the .json test ignores case, needs the end", () => {
    const parsed = parseDictionary('{"a":1', 'terms.json', 'workspace');
    expect(parsed.problems).toEqual([
      {
        source: 'terms.json',
        path: '(file)',
        message: "JSON syntax error: Expected ',' or '}' after property value",
        severity: 'error',
        line: 0,
        column: 6,
        span: { start: 6, end: 6 },
      },
    ]);
    expect(parseDictionary('{"a":1', 'TERMS.JSON', 'workspace').problems[0]!.message).toMatch(/^JSON syntax error: /);
    // YAML that is not JSON: an error in a .json file, none in a .yaml file or a .json.yaml one.
    const yaml = file(entry('drug-a', '甲药'));
    expect(parseDictionary(yaml, 'a.json', 'workspace').problems[0]!.message).toMatch(/^JSON syntax error: /);
    expect(parseDictionary(yaml, 'a.json', 'workspace').problems[0]!.message).not.toMatch(/at position|JSON\.parse/);
    expect(parseDictionary(yaml, 'a.json.yaml', 'workspace').problems).toEqual([]);
    expect(parseDictionary(yaml, 'a.yaml', 'workspace').problems).toEqual([]);
    // Valid JSON in a .json file reads like YAML.
    const json = JSON.stringify({ entries: [{ id: 'drug-a', category: 'drug', en: 'a', cite: [{ source: 'abc' }] }] });
    expect(parseDictionary(json, 'a.json', 'workspace').concepts.map((concept) => concept.id)).toEqual(['drug-a']);
  });

  it('a JSON error without a position is placed at the end of the text', () => {
    const text = '{"entries": [}';
    const parsed = parseDictionary(text, 'x.json', 'workspace');
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({
      line: 0,
      column: text.length,
      span: { start: text.length, end: text.length },
    });
    const lines = '{\n"entries":\n[}';
    expect(parseDictionary(lines, 'x.json', 'workspace').problems[0]).toMatchObject({ line: 2, column: 2 });
  });

  it('a value read before (preloaded) is the one validated', () => {
    const parsed = parseDictionary('not: read', 'pre.yaml', 'workspace', {
      value: { entries: [{ id: 'pre', category: 'drug', en: 'pre', cite: [{ source: 'abc' }] }] },
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.concepts.map((concept) => concept.id)).toEqual(['pre']);
  });
});

describe('parseDictionary: schema problems', () => {
  it('each kind of schema error, in words, at the key (or the entry when a field is missing)', () => {
    const text = file(
      entry('drug-a', '甲药', ''), // missing cite
      entry('drug-b', '乙药', '    cite: [{ source: house guide }]\n    colour: red\n'), // unknown field
      '  - id: drug-c\n    category: pill\n    en: c\n    cite: [{ source: house guide }]\n', // enum
      '  - id: drug-d\n    category: drug\n    en: 12\n    cite: [{ source: house guide }]\n', // type
      '  - id: Drug_E\n    category: drug\n    en: e\n    cite: [{ source: house guide }]\n', // pattern
      '  - id: drug-f\n    category: drug\n    en: ""\n    cite: [{ source: house guide }]\n', // minLength
      entry('drug-g', '庚药'),
    );
    const parsed = parseDictionary(text, 'team.yaml', 'workspace');
    expect(summary(parsed.problems)).toEqual([
      ['entries[0]', 'missing required field "cite"', 1, 4],
      ['entries[1].colour', 'unknown field "colour"', 10, 4],
      [
        'entries[2].category',
        'must be one of: drug, drug-class, target, therapy, product, regimen, disease, outcome, abbreviation, organisation, term',
        12,
        4,
      ],
      ['entries[3].en', 'must be of type string', 17, 4],
      ['entries[4].id', 'must match ^[a-z0-9]+(-[a-z0-9]+)*$', 19, 4],
      ['entries[5].en', 'must NOT have fewer than 1 characters', 25, 4],
    ]);
    expect(parsed.problems.every((problem) => problem.severity === 'error' && problem.source === 'team.yaml')).toBe(
      true,
    );
    expect(parsed.problems[1]!.span).toEqual({ start: text.indexOf('colour'), end: text.indexOf('colour') + 6 });
    // Every entry in error is dropped; the others are kept.
    expect(parsed.concepts.map((concept) => concept.id)).toEqual(['drug-g']);
    expect(parsed.checked?.badEntries).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a flow-style file is placed through the whole document', () => {
    const text =
      'entries: [{ id: a, category: drug, en: a }, { id: b, category: drug, en: b, cite: [{ source: abc }], x: 1 }]\n';
    const parsed = parseDictionary(text, 'flow.yaml', 'workspace');
    expect(summary(parsed.problems)).toEqual([
      ['entries[0]', 'missing required field "cite"', 0, 10],
      ['entries[1].x', 'unknown field "x"', 0, text.indexOf('x: 1')],
    ]);
  });

  it('an entry past the tenth keeps its own index in paths and positions, at its own level or deeper', () => {
    const entries: string[] = [];
    for (let i = 0; i < 12; i++) entries.push(entry(`drug-${i}`, `药${i}`));
    entries[11] = entry('drug-11', '药11', '');
    entries[10] = entry('drug-10', '药10', '    cite: [{ source: ab }]\n');
    const parsed = parseDictionary(file(...entries), 'many.yaml', 'workspace');
    expect(summary(parsed.problems)).toEqual([
      ['entries[10].cite[0].source', 'must NOT have fewer than 3 characters', 55, 13],
      ['entries[11]', 'missing required field "cite"', 56, 4],
    ]);
    expect(parsed.concepts).toHaveLength(10);
  });

  it('top-level problems come before the entries when a file has several entries; after, with one', () => {
    const bad = entry('drug-a', '甲药', '');
    for (const count of [1, 2, 3]) {
      const text = `accept: [""]\nentries:\n${bad.repeat(count).replace(/drug-a/g, (_, offset: number) => `d${offset}`)}`;
      const parsed = parseDictionary(text, 'order.yaml', 'workspace');
      const paths = parsed.problems.map((problem) => problem.path);
      expect(paths).toContain('accept[0]');
      expect(paths.indexOf('accept[0]') === 0).toBe(count >= 2);
      expect(paths.filter((path) => path.startsWith('entries['))).toHaveLength(count);
      // A problem in accept does not drop the entries' good parts, but drops accept.
      expect(parsed.accept).toEqual([]);
    }
  });

  it('a file with none of entries, accept and variants says it needs one of them, at the file', () => {
    const parsed = parseDictionary('description: nothing\n', 'none.yaml', 'workspace');
    expect(summary(parsed.problems)).toEqual([
      ['(file)', 'needs one of the fields "entries", "accept", "variants"', 0, 0],
    ]);
  });

  it('a citation that fits neither form gets the reason of the branch that got furthest', () => {
    const cites: [string, string[]][] = [
      ['[{}]', ['entries[0].cite[0]|needs one of the fields "review", "source"']],
      ['[{ source: ab }]', ['entries[0].cite[0].source|must NOT have fewer than 3 characters']],
      ['[{ review: "x" }]', ['entries[0].cite[0].review|must match ^(abstract|\\d+(\\.\\d+)*)$']],
      // The review branch has more errors, but deeper ones: it wins.
      [
        '[{ review: "x", refs: [0, 0, 0] }]',
        [
          'entries[0].cite[0].review|must match ^(abstract|\\d+(\\.\\d+)*)$',
          'entries[0].cite[0].refs[0]|must be >= 1',
          'entries[0].cite[0].refs[1]|must be >= 1',
          'entries[0].cite[0].refs[2]|must be >= 1',
        ],
      ],
      ['[5]', ['entries[0].cite[0]|must be of type object']],
    ];
    for (const [cite, expected] of cites) {
      const parsed = parseDictionary(file(entry('drug-a', '甲药', `    cite: ${cite}\n`)), 'c.yaml', 'workspace');
      expect(parsed.problems.map((problem) => `${problem.path}|${problem.message}`)).toEqual(expected);
    }
  });

  it('a regional name without regions: the "then" branch says what is missing (the "if" itself is not told)', () => {
    const text = file(
      entry('drug-a', '甲药', '    cite: [{ source: house guide }]\n    accepted: [{ text: 甲藥, kind: regional }]\n'),
    );
    const parsed = parseDictionary(text, 'r.yaml', 'workspace');
    expect(parsed.problems.map((problem) => `${problem.path}|${problem.message}`)).toEqual([
      'entries[0].accepted[0]|missing required field "regions"',
      'entries[0].accepted[0]|missing required field "cite"',
    ]);
  });

  it('50 problems are told; more are counted in one warning, and every entry in error is still dropped', () => {
    for (const [count, told] of [
      [50, 50],
      [51, 50],
      [53, 50],
    ] as const) {
      const entries: string[] = [];
      for (let i = 0; i < count; i++) entries.push(entry(`bad-${i}`, `坏${i}`, ''));
      entries.push(entry('good', '好'));
      const parsed = parseDictionary(file(...entries), 'many.yaml', 'workspace');
      expect(parsed.concepts.map((concept) => concept.id)).toEqual(['good']);
      const errors = parsed.problems.filter((problem) => problem.severity === 'error');
      expect(errors).toHaveLength(told);
      const warnings = parsed.problems.filter((problem) => problem.severity === 'warning');
      if (count === told) expect(warnings).toEqual([]);
      else
        expect(warnings).toEqual([
          {
            source: 'many.yaml',
            path: 'entries',
            message: `${count - told} more problem(s) not listed; every entry in error is skipped`,
            severity: 'warning',
          },
        ]);
      expect(parsed.checked?.badEntries).toHaveLength(count);
    }
  });

  it('a problem outside the entries is placed in the whole file, not in an entry of the same index', () => {
    const text = `${file(entry('drug-a', '甲药'), entry('drug-b', '乙药'))}accept: [x, ""]\nvariants: [{ concept: drug-a }]\n`;
    const parsed = parseDictionary(text, 'house.yaml', 'workspace');
    expect(summary(parsed.problems)).toEqual([
      ['accept[1]', 'must NOT have fewer than 1 characters', 11, 12],
      ['variants[0]', 'missing required field "text"', 12, 11],
    ]);
    expect(parsed.concepts).toHaveLength(2);
  });

  it('a value given for an empty text: its problems have no position', () => {
    const parsed = parseDictionary('', 'pre.yaml', 'workspace', { value: { description: 'x' } });
    expect(parsed.problems).toEqual([
      {
        source: 'pre.yaml',
        path: '(file)',
        message: 'needs one of the fields "entries", "accept", "variants"',
        severity: 'error',
      },
    ]);
  });

  it('a problem through an alias is placed where the path stops existing', () => {
    const text = `x: &c [{ source: ab }]\nentries:\n${entry('drug-a', '甲药', '    cite: *c\n')}`;
    const parsed = parseDictionary(text, 'alias.yaml', 'workspace');
    expect(summary(parsed.problems)).toEqual([
      ['x', 'unknown field "x"', 0, 0],
      ['entries[0].cite[0].source', 'must NOT have fewer than 3 characters', 6, 10],
    ]);
  });
});

describe('parseDictionary: duplicate ids', () => {
  it('a later entry with an id already used is dropped with a warning at its id, naming the first line', () => {
    const text = file(
      entry('drug-a', '甲药', ''),
      entry('drug-a', '乙药'),
      entry('drug-b', '丙药'),
      entry('drug-a', '丁药'),
    );
    const parsed = parseDictionary(text, 'dup.yaml', 'workspace');
    // The first entry is invalid: the second is the first of its id.
    expect(parsed.problems).toEqual([
      expect.objectContaining({ path: 'entries[0]', severity: 'error' }),
      {
        source: 'dup.yaml',
        path: 'entries[3].id',
        message: 'duplicate id "drug-a" in this file (first at line 6); the later entry is ignored',
        severity: 'warning',
        line: 15,
        column: 4,
        span: { start: text.lastIndexOf('id: drug-a'), end: text.lastIndexOf('id: drug-a') + 2 },
      },
    ]);
    expect(parsed.concepts.map((concept) => [concept.id, concept.zh])).toEqual([
      ['drug-a', '乙药'],
      ['drug-b', '丙药'],
    ]);
    expect(parsed.checked?.badEntries).toEqual([0, 3]);
  });

  it('duplicateIdProblem with and without the first line', () => {
    expect(duplicateIdProblem('f.yaml', 'x')).toEqual({
      source: 'f.yaml',
      path: 'entries(id=x)',
      message: 'duplicate id "x" in this file; the later entry is ignored',
      severity: 'warning',
    });
    expect(duplicateIdProblem('f.yaml', 'x', 0).message).toBe(
      'duplicate id "x" in this file (first at line 1); the later entry is ignored',
    );
  });
});

describe('layerFromChecked: accept, variants, packing', () => {
  const cite = [{ source: 'abc' }];
  const raw = (id: string) => ({ id, category: 'drug', en: id, cite });

  it('accept and variant additions, with their defaults; a bad variant drops only itself', () => {
    const value = {
      accept: ['甲', '乙'],
      variants: [
        { concept: 'drug-a', text: '甲甲' },
        { concept: 'drug-b', text: 'BB', kind: 'typo', replaceWith: 'B', note: { zh: '注', en: 'note' } },
        ...Array.from({ length: 9 }, (_, i) => ({ concept: 'drug-c', text: `c${i}` })),
      ],
    };
    const problems = [{ source: 'h.yaml', path: 'variants[10].text', message: 'm', severity: 'error' as const }];
    const parsed = layerFromChecked({ value, problems, badEntries: [] }, 'h.yaml', 'workspace');
    expect(parsed.accept).toEqual(['甲', '乙']);
    expect(parsed.concepts).toEqual([]);
    expect(parsed.variantAdditions).toHaveLength(10);
    expect(parsed.variantAdditions![0]).toEqual({
      conceptId: 'drug-a',
      variant: {
        text: '甲甲',
        kind: 'nonstandard-term',
        replaceWith: undefined,
        note: { zh: '本工作区的写法规定（h.yaml）', en: 'house style of this workspace (h.yaml)' },
        cite: [{ source: 'h.yaml' }],
      },
    });
    expect(parsed.variantAdditions![1]!.variant).toEqual({
      text: 'BB',
      kind: 'typo',
      replaceWith: 'B',
      note: { zh: '注', en: 'note' },
      cite: [{ source: 'h.yaml' }],
    });
    const variant = parsed.variantAdditions![0]!.variant;
    expect(Object.isFrozen(variant)).toBe(true);
    expect(Object.isFrozen(variant.cite)).toBe(true);
    expect(Object.isFrozen(variant.cite![0])).toBe(true);
    expect(Object.isFrozen(variant.note)).toBe(true);
    expect(parsed.variantAdditions!.map((addition) => addition.variant.text)).not.toContain('c8');
    expect(parsed.variantAdditions!.map((addition) => addition.variant.text)).toContain('c7');
  });

  it('a problem at accept, in it, or below it drops accept; a problem elsewhere does not', () => {
    const value = { accept: ['甲'] };
    const with_ = (path: string) =>
      layerFromChecked(
        { value, problems: [{ source: 'a', path, message: 'm', severity: 'error' }], badEntries: [] },
        'a',
        'workspace',
      ).accept;
    expect(with_('accept')).toEqual([]);
    expect(with_('accept[0]')).toEqual([]);
    expect(with_('accept.x')).toEqual([]);
    expect(with_('acceptable')).toEqual(['甲']);
    expect(with_('entries[0]')).toEqual(['甲']);
    expect(with_('(file)')).toEqual(['甲']);
    // Not a list: nothing accepted, no variants.
    const odd = layerFromChecked(
      { value: { accept: 'x', variants: 'y' }, problems: [], badEntries: [] },
      'a',
      'workspace',
    );
    expect(odd.accept).toEqual([]);
    expect(odd.variantAdditions).toEqual([]);
    const none = layerFromChecked({ value: null, problems: [], badEntries: [] }, 'a', 'workspace');
    expect(none.concepts).toEqual([]);
    expect(none.accept).toEqual([]);
  });

  it('bad entries are left out; a file of at least packMinEntries entries is packed, duplicates dropped', () => {
    const value = { entries: [raw('a'), raw('b'), raw('a'), raw('c')], accept: ['甲'] };
    const plain = layerFromChecked({ value, problems: [], badEntries: [1] }, 'p.yaml', 'workspace', 4);
    expect(plain.packed).toBeUndefined();
    expect(plain.concepts.map((concept) => concept.id)).toEqual(['a', 'a', 'c']);
    const packed = layerFromChecked({ value, problems: [], badEntries: [1] }, 'p.yaml', 'workspace', 3);
    expect(packed.packed).toBeDefined();
    expect(packed.concepts).toEqual([]);
    expect(packed.packed!.size).toBe(2);
    expect(packed.packed!.id(0)).toBe('a');
    expect(packed.packed!.id(1)).toBe('c');
    expect(packed.accept).toEqual(['甲']);
    expect(packed.problems).toEqual([duplicateIdProblem('p.yaml', 'a')]);
    expect(packed.packed!.meta).toEqual({
      value: { accept: ['甲'], variants: undefined },
      problems: packed.problems,
      badEntries: [],
    });
  });
});

describe('parseDictionary: a large file', () => {
  it('is packed (PACK_MIN_ENTRIES entries): no concept objects, no checked value kept', () => {
    const entries = Array.from({ length: PACK_MIN_ENTRIES }, (_, i) => ({
      id: `d${i}`,
      category: 'drug',
      en: `drug ${i}`,
      cite: [{ source: 'abc' }],
    }));
    const parsed = parseDictionary(JSON.stringify({ entries, accept: ['甲'] }), 'big.json', 'workspace');
    expect(parsed.problems).toEqual([]);
    expect(parsed.concepts).toEqual([]);
    expect(parsed.packed?.size).toBe(PACK_MIN_ENTRIES);
    expect(parsed.checked).toBeUndefined();
    expect(parsed.accept).toEqual(['甲']);
  });
});

describe('listItemOffsets', () => {
  it('the start of each item of a block list, then its end', () => {
    const text = 'entries:\n  - a\n  - b\n';
    expect(listItemOffsets(text, 'entries')).toEqual([9, 15, 21]);
    // No newline at the end.
    expect(listItemOffsets('entries:\n  - a\n  - b', 'entries')).toEqual([9, 15, 20]);
    // Items at column 0, and multi-line items, and comments and blank lines between.
    expect(listItemOffsets('rules:\n- a\n  x: 1\n\n# c\n- b\naccept: []\n', 'rules')).toEqual([7, 23, 27]);
    // A comment after the key, Windows line ends.
    expect(listItemOffsets('entries: # list\r\n  - a\r\n  - b\r\n', 'entries')).toEqual([17, 24, 31]);
    // An item marker followed by nothing.
    expect(listItemOffsets('entries:\n  -\n    id: a\n  - b\n', 'entries')).toEqual([9, 23, 29]);
  });

  it('a line less indented than the items ends the list; a deeper "-" line is not an item', () => {
    expect(listItemOffsets('entries:\n  - a\n    - nested\n  - b\nnext: 1\n  - c\n', 'entries')).toEqual([9, 28, 34]);
    // A carriage return opening a line is not indentation.
    expect(listItemOffsets('entries:\n  - a\n\r  - b\n', 'entries')).toEqual([9, 15]);
    // A "-" glued to text is not an item marker.
    expect(listItemOffsets('entries:\n  - a\n  -b\n', 'entries')).toEqual([9, 15]);
  });

  it('undefined for a flow list, a missing key or a first line that is not an item', () => {
    expect(listItemOffsets('entries: [a, b]\n', 'entries')).toBeUndefined();
    expect(listItemOffsets('accept:\n  - a\n', 'entries')).toBeUndefined();
    expect(listItemOffsets('entries:\n  id: a\n', 'entries')).toBeUndefined();
    expect(listItemOffsets('my-entries:\n  - a\n', 'entries')).toBeUndefined();
    expect(listItemOffsets('entries: x\n  - a\n', 'entries')).toBeUndefined();
    // The key on a later line.
    expect(listItemOffsets('accept: []\nentries:\n  - a\n', 'entries')).toEqual([20, 26]);
  });
});

describe('oneReasonPerAlternative, readablePath, deepFreeze', () => {
  const error = (over: Partial<ErrorObject>): ErrorObject => ({
    keyword: 'required',
    instancePath: '/a',
    schemaPath: '#/oneOf/0/required',
    params: {},
    ...over,
  });

  it('errors outside the alternative (other schema path, other instance) are kept', () => {
    const errors = [
      error({ schemaPath: '#/oneOf/0/required', params: { missingProperty: 'x' } }),
      error({ schemaPath: '#/oneOf/1/required', params: { missingProperty: 'y' } }),
      error({ schemaPath: '#/oneOfX/1/required', params: { missingProperty: 'z' } }),
      error({ schemaPath: '#/oneOf/1/type', instancePath: '/b', keyword: 'type' }),
      error({ keyword: 'oneOf', schemaPath: '#/oneOf' }),
    ];
    const out = oneReasonPerAlternative(errors);
    expect(out.map((e) => [e.keyword, e.schemaPath, e.instancePath, e.message])).toEqual([
      ['required', '#/oneOfX/1/required', '/a', undefined],
      ['type', '#/oneOf/1/type', '/b', undefined],
      ['required', '#/oneOf', '/a', 'needs one of the fields "x", "y"'],
    ]);
  });

  it('a single branch is not an alternative: its errors stay, the summary goes', () => {
    const errors = [error({ params: { missingProperty: 'x' } }), error({ keyword: 'anyOf', schemaPath: '#/oneOf' })];
    expect(oneReasonPerAlternative(errors)).toEqual([errors[0]]);
  });

  it('the deepest branch wins; at equal depth, the one with fewer errors; at a tie, the first', () => {
    const deep = error({ schemaPath: '#/oneOf/1/p', instancePath: '/a/b/c', keyword: 'pattern' });
    const shallow = [
      error({ schemaPath: '#/oneOf/0/r', instancePath: '/a', keyword: 'type' }),
      error({ schemaPath: '#/oneOf/0/s', instancePath: '/a', keyword: 'type' }),
    ];
    expect(oneReasonPerAlternative([...shallow, deep, error({ keyword: 'oneOf', schemaPath: '#/oneOf' })])).toEqual([
      deep,
    ]);
    const few = error({ schemaPath: '#/oneOf/1/p', instancePath: '/a', keyword: 'type' });
    expect(oneReasonPerAlternative([...shallow, few, error({ keyword: 'oneOf', schemaPath: '#/oneOf' })])).toEqual([
      few,
    ]);
    const other = error({ schemaPath: '#/oneOf/1/p', instancePath: '/a', keyword: 'const' });
    expect(oneReasonPerAlternative([shallow[0]!, other, error({ keyword: 'oneOf', schemaPath: '#/oneOf' })])).toEqual([
      shallow[0],
    ]);
    // The root (depth 0) against depth 1.
    const root = error({ schemaPath: '#/oneOf/0/t', instancePath: '', keyword: 'type' });
    const one = error({ schemaPath: '#/oneOf/1/t', instancePath: '/a', keyword: 'type' });
    const two = error({ schemaPath: '#/oneOf/1/u', instancePath: '/a', keyword: 'type' });
    expect(
      oneReasonPerAlternative([root, one, two, error({ keyword: 'oneOf', schemaPath: '#/oneOf', instancePath: '' })]),
    ).toEqual([one, two]);
  });

  it("an inner alternative's errors, once summarised, are not a branch of the outer one", () => {
    const inner = [
      error({ schemaPath: '#/oneOf/0/oneOf/0/required', instancePath: '/a/b', params: { missingProperty: 'x' } }),
      error({ schemaPath: '#/oneOf/0/oneOf/1/required', instancePath: '/a/b', params: { missingProperty: 'y' } }),
      error({ keyword: 'oneOf', schemaPath: '#/oneOf/0/oneOf', instancePath: '/a/b' }),
    ];
    const other = error({ schemaPath: '#/oneOf/1/type', instancePath: '/a', keyword: 'type' });
    const out = oneReasonPerAlternative([...inner, other, error({ keyword: 'oneOf', schemaPath: '#/oneOf' })]);
    expect(out.map((e) => [e.schemaPath, e.message])).toEqual([
      ['#/oneOf/0/oneOf', 'needs one of the fields "x", "y"'],
      ['#/oneOf/1/type', undefined],
    ]);
  });

  it('only missing fields, all at the alternative itself, make the "needs one of" summary', () => {
    const missing = error({ schemaPath: '#/oneOf/0/required', params: { missingProperty: 'x' } });
    const summaryError = error({ keyword: 'oneOf', schemaPath: '#/oneOf' });
    // The other branch fails deeper down (a missing field there, or another error): it is the reason.
    const deeperMissing = error({
      schemaPath: '#/oneOf/1/required',
      instancePath: '/a/b',
      params: { missingProperty: 'y' },
    });
    expect(oneReasonPerAlternative([missing, deeperMissing, summaryError])).toEqual([deeperMissing]);
    const deeperType = error({ schemaPath: '#/oneOf/1/type', instancePath: '/a/b', keyword: 'type' });
    expect(oneReasonPerAlternative([missing, deeperType, summaryError])).toEqual([deeperType]);
  });

  it('readablePath', () => {
    expect(readablePath(['entries', 12, 'variants', 0, 'kind'])).toBe('entries[12].variants[0].kind');
    expect(readablePath(['a', 'b'])).toBe('a.b');
    expect(readablePath(['x1', '1x', '42'])).toBe('x1.1x[42]');
    expect(readablePath([3, 'a'])).toBe('[3].a');
    expect(readablePath([])).toBe('(file)');
  });

  it('deepFreeze freezes objects and arrays all the way down, and returns its argument', () => {
    const value = { a: [{ b: 1 }, [2]], c: { d: { e: 'x' } } };
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.a)).toBe(true);
    expect(Object.isFrozen(value.a[0])).toBe(true);
    expect(Object.isFrozen(value.a[1])).toBe(true);
    expect(Object.isFrozen(value.c.d)).toBe(true);
    expect(deepFreeze(null)).toBeNull();
    expect(deepFreeze('s')).toBe('s');
  });
});

describe('which term-file problems stop a run', () => {
  const at = (path: string, severity: 'error' | 'warning' = 'error') => ({
    source: 't.yaml',
    path,
    message: 'm',
    severity,
  });

  it('errors at the file, its imports, or a whole top-level list; not an entry, a rule or a warning', () => {
    for (const path of ['(file)', 'imports', 'entries', 'accept', 'variants']) {
      expect(isFileProblem(at(path))).toBe(true);
      expect(isFileProblem(at(path, 'warning'))).toBe(false);
    }
    for (const path of ['entries[0]', 'accept[1]', 'variants[0].text', 'rules[2]', 'imports[0]', 'x']) {
      expect(isFileProblem(at(path))).toBe(false);
    }
  });

  it('sortProblems: an entry error that already says "skipped" or "ignored" is left as it is', () => {
    const { fatal, skipped } = sortProblems(
      [
        { ...at('entries[0]'), message: 'bad; the entry is skipped' },
        { ...at('entries[1]'), message: 'bad; ignored' },
        { ...at('entries[2]'), message: 'unskipped' },
        at('accept'),
        { ...at('entries'), severity: 'warning' as const, message: '3 more' },
      ],
      (problem) => problem.message === '3 more',
    );
    expect(fatal.map((problem) => problem.path)).toEqual(['accept']);
    expect(skipped.map((problem) => problem.message)).toEqual([
      'bad; the entry is skipped',
      'bad; ignored',
      'unskipped (this entry is skipped)',
      '3 more',
    ]);
  });
});

describe('parseDictionary: names that can never match as written', () => {
  it('a name holding a line break, a tab or a control character is a problem at its path, and its entry is skipped', () => {
    const parsed = parseDictionary(
      file(
        entry('drug-a', '"甲\\n药"'),
        entry(
          'drug-b',
          '乙药',
          '    accepted: [{ text: "乙\\t药", kind: synonym }]\n    cite: [{ source: house guide }]\n',
        ),
        entry('drug-c', '丙药', '    abbreviations: ["AB\\u0000C"]\n    cite: [{ source: house guide }]\n'),
        entry(
          'drug-d',
          '丁药',
          '    variants: [{ text: "丁\\u007f", kind: typo, note: { zh: 注, en: note } }]\n    cite: [{ source: house guide }]\n',
        ),
        entry('drug-e', '戊药'),
      ),
      'team.yaml',
      'workspace',
    );
    const message = 'a name cannot hold a line break, a tab or another control character';
    expect(summary(parsed.problems)).toEqual([
      // At the key of the name (its item, for a list of strings), as for every schema problem.
      ['entries[0].zh', message, 3, 4],
      ['entries[1].accepted[0].text', message, 10, 17],
      ['entries[2].abbreviations[0]', message, 16, 20],
      ['entries[3].variants[0].text', message, 22, 17],
    ]);
    expect(parsed.concepts.map((concept) => concept.id)).toEqual(['drug-e']);
  });

  it('a note may hold a line break (notes are prose, not names)', () => {
    const parsed = parseDictionary(
      file(
        entry(
          'drug-a',
          '甲药',
          '    variants: [{ text: 甲要, kind: typo, note: { zh: "第一行\\n第二行", en: note } }]\n    cite: [{ source: house guide }]\n',
        ),
      ),
      'team.yaml',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.concepts[0]!.variants[0]!.note.zh).toBe('第一行\n第二行');
  });
});
