import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, complete, parsePrh, type Dictionary } from '../../server/src/engine';
import { Matcher } from '../../server/src/engine/matcher';
import { compareWithName, scanChineseLine } from '../../server/src/engine/nearMiss/chinese';
import { editDistance } from '../../server/src/engine/nearMiss/english';
import { buildMatchText } from '../../server/src/engine/text/matchText';
import type { Surface } from '../../server/src/engine/types';
import { layerFromChecked, parseDictionary } from '../../server/src/engine/dictionary/parse';
import { dictionaryOf, layerOf, type TestEntry } from '../helpers/dictionary';

/**
 * A layer of entries taken as already checked (as the cache of term files gives a file back), past the schema: the
 * two names below are refused by the term-file schema since 2026-12-08 (a line break or control character), so this
 * is the only way they reach the engine. The engine's handling of them is still pinned.
 */
function pastTheSchema(...entries: TestEntry[]) {
  const value = { entries: entries.map((entry) => ({ ...entry, cite: [{ source: 'test' }] })) };
  return layerFromChecked({ value, problems: [], badEntries: [] }, 'inline.yaml', 'builtin');
}

/**
 * Mutants of the second sampled mutation run (seed 2) that survived in the matching, scope, analysis, completion,
 * near-miss and rule modules, each killed by the exact behaviour it would change. The triage (killed / equivalent)
 * is in docs/mutation.md.
 */

const myeloma = dictionaryOf({
  id: 'multiple-myeloma',
  category: 'disease',
  zh: '多发性骨髓瘤',
  en: 'multiple myeloma',
});
const spans = (text: string, dictionary: Dictionary, previous?: string, languageId = 'plaintext') =>
  analyze(text, dictionary, {
    languageId,
    previous: previous === undefined ? undefined : analyze(previous, dictionary, { languageId }),
  }).matches.map((match) => [match.conceptId, match.span.start, match.span.end]);

describe('analysis', () => {
  it('ignores no abbreviation unless told to, whatever its spelling', () => {
    const dictionary = dictionaryOf({
      id: 'odd',
      category: 'disease',
      zh: '怪病',
      en: 'odd disease',
      abbreviations: ['Stryker was here'],
    });
    const findings = analyze('Stryker was here', dictionary).findings;
    expect(findings.map((finding) => [finding.ruleId, finding.span])).toEqual([
      ['undefined-abbreviation', { start: 0, end: 16 }],
    ]);
    expect(analyze('Stryker was here', dictionary, { ignoreAbbreviations: ['Stryker was here'] }).findings).toEqual([]);
  });

  it('keeps the safe fix of a finding that starts where a linked heading ends', () => {
    const prh = parsePrh('version: 1\nrules:\n  - expected: " #"\n    pattern: "/ ##/"\n', 'prh.yml', 'workspace', {
      allowPatterns: true,
    });
    const dictionary = buildDictionary([layerOf({ id: 'x', category: 'disease', zh: '某病', en: 'x disease' }), prh]);
    // The heading's title 标题 is [13, 15); the pattern's match " ##" starts at 15.
    const text = '[见下](#标题)\n\n# 标题 ##\n';
    const findings = analyze(text, dictionary, { languageId: 'markdown' }).findings;
    expect(findings.map((finding) => [finding.ruleId, finding.span, finding.fixes.map((fix) => fix.tier)])).toEqual([
      ['nonstandard-name', { start: 15, end: 18 }, ['safe']],
    ]);
  });
});

describe('completion', () => {
  const drugs = dictionaryOf(
    { id: 'bortezomib', category: 'drug', zh: '硼替佐米', en: 'bortezomib' },
    { id: 'bortaxel', category: 'drug', en: 'bortaxel' },
    { id: 'bortumab', category: 'drug', en: 'bortumab' },
    { id: 'bostinib', category: 'drug', en: 'bostinib' },
  );
  const items = (typed: string) =>
    complete(typed, typed.length, drugs, { locale: 'en' })!.items.map((item) => [
      item.conceptId,
      item.matchedBy,
      item.label,
      item.detail,
    ]);

  it('searches fuzzily only when prefixes found fewer than three names (bort: no bostinib)', () => {
    expect(items('bort')).toEqual([
      ['bortaxel', 'latin', 'bortaxel', 'drug'],
      ['bortumab', 'latin', 'bortumab', 'drug'],
      ['bortezomib', 'latin', '硼替佐米', 'bortezomib · drug'],
    ]);
  });

  it('joins only the parts of a detail there are (no English name beside the label, no typed variant)', () => {
    expect(items('bos')).toEqual([
      ['bostinib', 'latin', 'bostinib', 'drug'],
      ['bortaxel', 'fuzzy', 'bortaxel', 'drug'],
      ['bortezomib', 'fuzzy', '硼替佐米', 'bortezomib · drug'],
      ['bortumab', 'fuzzy', 'bortumab', 'drug'],
    ]);
  });
});

describe('incremental scan: the window around an edit', () => {
  it('looks for a resetting character after an edit deep in the text, not only up to offset 10,000', () => {
    // The edit (生 → 性) is at 5,002; the term runs past it to the end, with nothing that resets after it.
    const pad = '。'.repeat(5000);
    const text = `${pad}多发性骨髓瘤`;
    expect(spans(text, myeloma, `${pad}多发生骨髓瘤`)).toEqual([['multiple-myeloma', 5000, 5006]]);
    expect(spans(text, myeloma)).toEqual([['multiple-myeloma', 5000, 5006]]);
  });

  it('rescans to the end when no resetting character follows the edit within 10,000 characters', () => {
    // The term starts at 9,999 and crosses 10,001, where the search for a resetting character gives up.
    const filler = 'x'.repeat(9997);
    const text = `乙 ${filler}多发性骨髓瘤`;
    expect(spans(text, myeloma, `甲 ${filler}多发性骨髓瘤`)).toEqual([['multiple-myeloma', 9999, 10005]]);
  });

  it('rescans in full when a skipped region after the edit is gone (a list item makes indented code its text)', () => {
    const previous = '甲。\n\n    多发性骨髓瘤\n';
    expect(spans(previous, myeloma, undefined, 'markdown')).toEqual([]);
    const text = `- ${previous}`;
    expect(spans(text, myeloma, previous, 'markdown')).toEqual([['multiple-myeloma', 10, 16]]);
  });
});

describe('matcher: keys shared by several surfaces', () => {
  it("never matches a variant dropped as another concept's accepted name, when the variant comes first", () => {
    const dictionary = buildDictionary([
      layerOf(
        {
          id: 'b',
          category: 'drug',
          zh: '乙药',
          en: 'b drug',
          variants: [{ text: '共名', kind: 'typo', note: { zh: '注', en: 'note' } }],
        },
        { id: 'a', category: 'drug', zh: '甲药', en: 'a drug', accepted: [{ text: '共名', kind: 'synonym' }] },
      ),
    ]);
    expect(dictionary.problems.map((problem) => problem.message)).toEqual([
      'variant "共名" is an accepted name of "a"; the variant is ignored',
    ]);
    const analysis = analyze('使用共名。', dictionary);
    expect(analysis.matches.map((match) => [match.conceptId, match.surface.role])).toEqual([['a', 'accepted']]);
    expect(analysis.findings).toEqual([]);
  });

  // ABC and Abc match only as written; abc (twice, the second dropped) in any case.
  const shared = buildDictionary([
    layerOf(
      { id: 'upper', category: 'disease', zh: '甲病', en: 'upper disease', abbreviations: ['ABC'] },
      { id: 'title', category: 'disease', zh: '乙病', en: 'title disease', abbreviations: ['Abc'] },
      { id: 'plain', category: 'disease', en: 'abc' },
      { id: 'again', category: 'disease', en: 'ABc' },
    ),
  ]);

  it('keeps every surface the resolver keeps under a key when it drops one', () => {
    expect(shared.problems.map((problem) => problem.message)).toEqual([
      '"ABc" is also a name of "plain"; the first definition is used',
    ]);
    for (const [text, conceptId] of [
      ['ABC', 'upper'],
      ['Abc', 'title'],
      ['abc', 'plain'],
      ['aBC', 'plain'],
      ['ABc', 'plain'],
    ])
      expect(spans(`见 ${text} 。`, shared)).toEqual([[conceptId, 2, 5]]);
  });

  it('falls back to the first surface of the dictionary (index 0) when no surface under its key is written so', () => {
    const dictionary = buildDictionary([
      layerOf(
        { id: 'first', category: 'disease', en: 'abc' },
        { id: 'second', category: 'disease', zh: '乙病', en: 'second disease', abbreviations: ['ABC'] },
      ),
    ]);
    expect(dictionary.problems).toEqual([]);
    expect(spans('Abc', dictionary)).toEqual([['first', 0, 3]]);
    expect(spans('ABC', dictionary)).toEqual([['second', 0, 3]]);
  });

  it('scans to the end of a text whose dictionary has a key that starts with U+0000', () => {
    const entry: TestEntry = { id: 'x', category: 'drug', zh: '\u0000甲药', en: 'x drug' };
    expect(
      parseDictionary(JSON.stringify({ entries: [{ ...entry, cite: [{ source: 'test' }] }] }), 'a.json').concepts,
    ).toEqual([]);
    const dictionary = buildDictionary([pastTheSchema(entry)]);
    expect(dictionary.problems).toEqual([]);
    expect(spans('用\u0000甲药。', dictionary)).toEqual([['x', 1, 4]]);
    expect(spans('用甲药', dictionary)).toEqual([]);
  });

  it('takes surfaces from the table when it has no objects for them (`direct` is optional)', () => {
    const surface = { text: 'abc', conceptId: 'x', role: 'english', caseSensitive: false } as Surface;
    const matcher = new Matcher({
      count: 1,
      caseFlags: new Uint8Array(1),
      key: () => ['abc', 0, 3],
      exactAt: () => true,
      surface: () => surface,
    });
    expect(matcher.scanMatchText('an abc', buildMatchText('an abc'))).toEqual([
      { span: { start: 3, end: 6 }, text: 'abc', surface, conceptId: 'x' },
    ]);
  });
});

describe('Chinese near misses and unknown drug-like words', () => {
  const dictionary = dictionaryOf(
    { id: 'daratumumab', category: 'drug', zh: '达雷妥尤单抗', en: 'daratumumab' },
    { id: 'ixazomib', category: 'drug', zh: '伊沙佐米', en: 'ixazomib' },
    { id: 'bendamustine', category: 'drug', zh: '苯达莫司汀', en: 'bendamustine' },
  );
  const unknowns = (line: string) =>
    scanChineseLine(line, [], [], dictionary).map((item) => [item.kind, item.text, item.span.start, item.span.end]);

  it('reads 比星光 as 比 + 星光, an ordinary word', () => {
    expect(unknowns('使用尤达比星光。')).toEqual([]);
    expect(unknowns('使用尤达比星。')).toEqual([['unknown', '尤达比星', 2, 6]]);
  });

  // Transliteration characters: those before the longest stem rendering a name ends with. 达雷妥尤单抗 ends with
  // 单抗 (not 妥昔单抗, which also ends in 抗): 妥 and 尤 are; 苯达莫司汀 ends with 莫司汀 (and 司汀): 莫 is not;
  // 伊沙佐米 ends with 佐米: 佐 and 米 are not. After 考虑 the word reaches left over them only.
  it.each([
    ['考虑妥尤达比星。', [['unknown', '妥尤达比星', 2, 7]]],
    ['考虑莫达比星。', [['unknown', '达比星', 3, 6]]],
    ['考虑米达比星。', [['unknown', '达比星', 3, 6]]],
  ])('%s', (line, expected) => {
    expect(unknowns(line)).toEqual(expected);
  });

  it('lists the candidates of a window best first, then by replacement', () => {
    const names = dictionaryOf(
      { id: 'a', category: 'drug', zh: '伊沙佐米', en: 'a' },
      { id: 'b', category: 'drug', zh: '伊莎佐咪', en: 'b' },
      { id: 'c', category: 'drug', zh: '依沙佐米', en: 'c' },
    );
    const candidates = (line: string) =>
      scanChineseLine(line, [], [], names).map((item) => [
        item.text,
        item.kind === 'miss' ? item.candidates.map((candidate) => candidate.name.replacement) : [],
      ]);
    expect(candidates('使用依莎佐米。')).toEqual([['依莎佐米', ['依沙佐米', '伊沙佐米', '伊莎佐咪']]]);
    expect(candidates('使用衣沙佐米。')).toEqual([['衣沙佐米', ['伊沙佐米', '依沙佐米', '伊莎佐咪']]]);
  });

  it('compareWithName: a window that differs at its first character and another is no one edit away', () => {
    expect(compareWithName('依莎佐米', '伊沙佐米')).toBeUndefined();
    expect(compareWithName('伊莎佐米', '伊沙佐米')).toEqual({ edit: 'homophone', written: '莎', meant: '沙' });
  });

  it('an unknown word whose stem names no drug class has the class id "" (the hover shows no class card)', () => {
    const findings = analyze('使用尤达帕利。', dictionary).findings;
    expect(findings.map((finding) => [finding.ruleId, finding.span, finding.message.params?.classId])).toEqual([
      ['unknown-drug-name', { start: 2, end: 6 }, ''],
    ]);
  });
});

describe('English edit distance', () => {
  it('counts a deleted first letter once (the first column of the second row is 1)', () => {
    expect(editDistance('xa', 'a', 2)).toBe(1);
  });

  it('counts a transposition only where both letters swap', () => {
    expect(editDistance('pq', 'rp', 2)).toBe(2);
    expect(editDistance('pq', 'qp', 2)).toBe(1);
  });
});

describe('undefined-abbreviation: the expansion of a regimen', () => {
  it('drops only a bracket that runs to the end of the definition (a name may hold a bracket and a line break)', () => {
    const dictionary = buildDictionary([
      pastTheSchema(
        { id: 'x', category: 'drug', zh: '甲(a\nb)', en: 'x drug' },
        { id: 'y', category: 'drug', zh: '乙药', en: 'y drug' },
        { id: 'xy', category: 'regimen', zh: '甲乙方案', en: 'XY', abbreviations: ['XY'], components: ['x', 'y'] },
      ),
    ]);
    expect(dictionary.problems).toEqual([]);
    expect(analyze('采用XY方案治疗。', dictionary).findings.map((finding) => finding.message.params)).toEqual([
      { abbreviation: 'XY', expansion: '甲(a\nb)+乙药' },
    ]);
  });
});
