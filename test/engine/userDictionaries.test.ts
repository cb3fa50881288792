import { describe, expect, it } from 'vitest';
import {
  addAcceptedText,
  addVariant,
  analyze,
  applyEdits,
  buildDictionary,
  parseDictionary,
  parsePrh,
  parseTermFile,
  safeEdits,
} from '../../server/src/engine';
import { layerOf } from '../helpers/dictionary';

// A small inline built-in layer under the users' files: the concepts their rules and variants join or override.
const note = { zh: '测试用的说明', en: 'a note for the test' };
const builtin = layerOf(
  {
    id: 'lenalidomide',
    category: 'drug',
    zh: '来那度胺',
    en: 'lenalidomide',
    variants: [{ text: '利那度胺', kind: 'nonstandard-transliteration', note }],
  },
  {
    id: 'elotuzumab',
    category: 'drug',
    zh: '埃罗妥珠单抗',
    en: 'elotuzumab',
    variants: [{ text: '埃雷妥珠单抗', kind: 'nonstandard-transliteration', note }],
  },
  {
    id: 'immunomodulatory-drug',
    category: 'drug-class',
    zh: '免疫调节剂',
    en: 'immunomodulatory drug',
    accepted: [{ text: '免疫调节药物', kind: 'synonym' }],
  },
  { id: 'bortezomib', category: 'drug', zh: '硼替佐米', en: 'bortezomib', classes: ['proteasome-inhibitor'] },
  { id: 'proteasome-inhibitor', category: 'drug-class', zh: '蛋白酶体抑制剂', en: 'proteasome inhibitor' },
);
const withFile = (file: ReturnType<typeof parseTermFile>) => buildDictionary([builtin, file]);

describe('prh.yml import', () => {
  const prh = `version: 1
rules:
  - expected: 来那度胺
    pattern: 雷利度胺
    specs:
      - from: 雷利度胺胶囊
        to: 来那度胺胶囊
  - expected: 骨髓瘤细胞
    patterns:
      - 瘤细胞株
      - /骨髓瘤(细胞)?系/
  - expected: JavaScript
  - expected: 第$1期
    pattern: /第([一二三四])阶段/
`;

  it('reads literal, regular-expression and letter-case rules, and attaches known names to their concept', () => {
    const file = parsePrh(prh, 'prh.yml', 'workspace', { allowPatterns: true });
    expect(file.problems).toEqual([]);
    expect(file.specs).toEqual([{ from: '雷利度胺胶囊', to: '来那度胺胶囊', prhRule: 0, line: 5, column: 8 }]);
    const dictionary = withFile(file);
    const text = '雷利度胺；瘤细胞株与骨髓瘤系；javascript；第三阶段';
    const analysis = analyze(text, dictionary);
    const fixes = analysis.findings.filter((finding) => finding.ruleId === 'nonstandard-name');
    expect(
      fixes.map((finding) => [text.slice(finding.span.start, finding.span.end), finding.fixes[0]!.edits[0]!.newText]),
    ).toEqual([
      ['雷利度胺', '来那度胺'],
      ['瘤细胞株', '骨髓瘤细胞'],
      ['骨髓瘤系', '骨髓瘤细胞'],
      ['javascript', 'JavaScript'],
      ['第三阶段', '第三期'],
    ]);
    // 来那度胺 is a known concept: the prh variant joins it instead of creating a second concept.
    expect(fixes[0]!.conceptId).toBe('lenalidomide');
    expect(applyEdits(text, safeEdits(analysis.findings))).toBe('来那度胺；骨髓瘤细胞与骨髓瘤细胞；JavaScript；第三期');
  });

  it('ignores regular expressions from an untrusted workspace but keeps literal rules', () => {
    const file = parsePrh(prh, 'prh.yml', 'workspace', { allowPatterns: false });
    expect(file.patterns).toEqual([]);
    expect(file.problems.map((problem) => problem.severity)).toEqual(['warning', 'warning', 'warning']);
    expect(analyze('雷利度胺', withFile(file)).findings.map((finding) => finding.ruleId)).toEqual(['nonstandard-name']);
  });

  it('runs a catastrophic pattern on a long line in linear time', () => {
    const file = parsePrh('rules:\n  - expected: b\n    pattern: /(a+)+$/\n', 'evil.yml', 'workspace', {
      allowPatterns: true,
    });
    const dictionary = withFile(file);
    const line = `${'a'.repeat(100_000)}!`;
    const started = performance.now();
    const analysis = analyze(line, dictionary);
    const elapsed = performance.now() - started;
    expect(analysis.findings).toEqual([]);
    // A backtracking engine needs astronomically long here; RE2JS finishes. The bound is generous on purpose.
    expect(elapsed).toBeLessThan(5_000);
  });

  it('reports patterns the linear-time engine cannot run, and rules without "expected"', () => {
    // One bad rule is skipped with a warning at its line; the others stay usable (W6).
    const file = parsePrh(
      'rules:\n  - expected: x\n    pattern: /a(?<=a)b/\n  - pattern: y\n  - expected: 来那度胺\n    pattern: 雷利度胺\n',
      'bad.yml',
      'workspace',
      { allowPatterns: true },
    );
    expect(file.problems.map((problem) => [problem.path, problem.severity, problem.line])).toEqual([
      ['rules[0].pattern', 'warning', 2],
      ['rules[1]', 'warning', 3],
    ]);
    expect(file.problems[0]!.message).toMatch(/look-behind \(\?<=a\) is supported only at the start of a pattern/);
    expect(file.variantAdditions?.map((addition) => addition.variant.text)).toEqual(['雷利度胺']);
  });

  it('tells prh files from MedTerm files', () => {
    expect('imports' in parseTermFile('rules: []\n', 'a.yml', 'workspace', { allowPatterns: true })).toBe(true);
    expect('imports' in parseTermFile('entries: []\n', 'b.yml', 'workspace', { allowPatterns: true })).toBe(false);
  });
});

describe("users' term files", () => {
  it('accept texts and add variants to existing concepts', () => {
    const file = parseDictionary(
      'accept:\n  - 埃雷妥珠单抗\nvariants:\n  - { concept: immunomodulatory-drug, text: 免疫调节药物 }\n',
      'terms.yaml',
      'workspace',
    );
    expect(file.problems).toEqual([]);
    const dictionary = withFile(file);
    const text = '埃雷妥珠单抗与免疫调节药物';
    const analysis = analyze(text, dictionary);
    expect(
      analysis.findings.map((finding) => [
        text.slice(finding.span.start, finding.span.end),
        finding.fixes[0]?.edits[0]?.newText,
      ]),
    ).toEqual([['免疫调节药物', '免疫调节剂']]);
    // The accepted variant is still recognised: its hover works.
    expect(analysis.matches.map((match) => match.conceptId)).toEqual(['elotuzumab', 'immunomodulatory-drug']);
  });

  it('override a built-in concept with the same id in a higher layer', () => {
    const file = parseDictionary(
      'entries:\n  - { id: bortezomib, category: drug, zh: 硼替佐米, en: bortezomib, classes: [proteasome-inhibitor], mechanism: { zh: 团队说明, en: team note }, route: [oral], variants: [{ text: 硼替唑米, kind: typo, note: { zh: 笔误, en: typo } }], cite: [{ source: Team }] }\n',
      'team.yaml',
      'workspace',
    );
    const dictionary = withFile(file);
    expect(dictionary.concepts.get('bortezomib')!.origin.source).toBe('team.yaml');
    expect(analyze('硼替唑米', dictionary).findings[0]!.fixes[0]!.edits[0]!.newText).toBe('硼替佐米');
  });

  it('keep working when a file is malformed: problems with file, path, line and column', () => {
    const bad = parseDictionary(
      'entries:\n  - id: ok-term\n    category: term\n    zh: 好术语\n    en: good term\n    cite: [{ source: Team guide }]\n  - id: Bad\n    category: drug\n    en: 1\n',
      'bad.yaml',
      'workspace',
    );
    expect(bad.problems.map((problem) => [problem.path, problem.line, problem.message])).toEqual([
      ['entries[1]', 6, 'missing required field "cite"'],
      ['entries[1].id', 6, 'must match ^[a-z0-9]+(-[a-z0-9]+)*$'],
      ['entries[1].en', 8, 'must be of type string'],
    ]);
    const dictionary = withFile(bad);
    expect(dictionary.concepts.has('ok-term')).toBe(true);
    expect(analyze('利那度胺', dictionary).findings).toHaveLength(1);
    const broken = parseDictionary('entries: [\n', 'broken.yaml', 'workspace');
    expect(broken.concepts).toEqual([]);
    expect(broken.problems[0]).toMatchObject({ source: 'broken.yaml', severity: 'error' });
  });
});

describe("editing users' term files", () => {
  it('adds accepted texts and variants, keeping comments, without duplicates', () => {
    const original = '# 团队术语\naccept:\n  - 免疫疗法 # 保留\n';
    const once = addAcceptedText(original, '埃雷妥珠单抗');
    expect(addAcceptedText(once, '埃雷妥珠单抗')).toBe(once);
    expect(once).toContain('# 团队术语');
    expect(once).toContain('- 免疫疗法 # 保留');
    expect(parseDictionary(once, 't.yaml', 'workspace').accept).toEqual(['免疫疗法', '埃雷妥珠单抗']);
    const created = addVariant('', { concept: 'immunomodulatory-drug', text: '免疫调节药物' });
    expect(parseDictionary(created, 't.yaml', 'workspace')).toMatchObject({
      problems: [],
      variantAdditions: [
        { conceptId: 'immunomodulatory-drug', variant: { text: '免疫调节药物', kind: 'nonstandard-term' } },
      ],
    });
  });
});

describe('prh specs', () => {
  it('are checked once the dictionary is built: a failing spec is a warning in its file', async () => {
    const { checkSpecs } = await import('../../server/src/engine');
    const file = parsePrh(
      'rules:\n  - expected: 来那度胺\n    pattern: 雷利度胺\n    specs:\n      - { from: 雷利度胺胶囊, to: 来那度胺胶囊 }\n      - { from: 雷利度胺, to: 利那度胺 }\n',
      'team.yml',
      'workspace',
      { allowPatterns: true },
    );
    const dictionary = withFile(file);
    expect(checkSpecs(dictionary, [file])).toEqual([
      {
        source: 'team.yml',
        path: 'rules[0].specs',
        message: 'spec "雷利度胺" should become "利那度胺" but becomes "来那度胺"',
        severity: 'warning',
        line: 5,
        column: 8,
      },
    ]);
  });
});
