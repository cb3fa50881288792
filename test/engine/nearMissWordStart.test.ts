import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, parseDictionary, type Finding } from '../../server/src/engine';
import { ranges } from '../helpers/dictionary';

/**
 * Where a near-miss word starts, and what counts against a class name. Self-contained: a small inline dictionary
 * (names as in 《中国药品通用名称》), so a data correction cannot change these expectations. 曲 and 帕 are
 * transliteration characters here because 曲美替尼 and 帕博利珠单抗 are known names.
 */
const dictionary = buildDictionary([
  parseDictionary(
    `entries:
  - id: tocilizumab
    category: drug
    zh: 托珠单抗
    en: tocilizumab
    cite: [{ source: test }]
  - id: bosutinib
    category: drug
    zh: 博舒替尼
    en: bosutinib
    cite: [{ source: test }]
  - id: carfilzomib
    category: drug
    zh: 卡非佐米
    en: carfilzomib
    cite: [{ source: test }]
  - id: trametinib
    category: drug
    zh: 曲美替尼
    en: trametinib
    cite: [{ source: test }]
  - id: pembrolizumab
    category: drug
    zh: 帕博利珠单抗
    en: pembrolizumab
    cite: [{ source: test }]
  - id: antithrombotic-agent
    category: drug-class
    zh: 抗血栓药物
    en: antithrombotic agent
    cite: [{ source: test }]
`,
    'small.yaml',
    'builtin',
  ),
]);

function nearMisses(text: string): Finding[] {
  return analyze(text, dictionary).findings.filter((finding) => finding.ruleId === 'near-miss-name');
}

describe('near-miss words: where a word starts', () => {
  const TABLE: { name: string; marked: string; fixes: string[] }[] = [
    // The tail of a longer name the dictionary lacks is not a slip of a shorter known one.
    { name: '曲妥珠单抗 is not 托珠单抗 misspelt (妥/托)', marked: '加用曲妥珠单抗治疗', fixes: [] },
    { name: '帕妥珠单抗 likewise', marked: '联合帕妥珠单抗。', fixes: [] },
    { name: '卡博替尼 is not 博舒替尼 with 舒 dropped', marked: '改用卡博替尼后', fixes: [] },
    // The same slips where a word ends before them are still found.
    { name: '妥珠单抗 after a verb is a slip of 托珠单抗', marked: '使用[[妥珠单抗]]后', fixes: ['托珠单抗'] },
    { name: '接受卡菲佐米 is 接受 + 卡菲佐米', marked: '患者接受[[卡菲佐米]]治疗', fixes: ['卡非佐米'] },
    { name: 'a slip at the start of a line', marked: '[[卡菲佐米]]每周一次', fixes: ['卡非佐米'] },
  ];
  for (const row of TABLE)
    it(row.name, () => {
      const { text, ranges: expected } = ranges(row.marked);
      const found = nearMisses(text);
      expect(found.map((finding) => finding.span)).toEqual(expected.map(({ start, end }) => ({ start, end })));
      expect(found.map((finding) => finding.fixes[0]?.edits[0]?.newText ?? '')).toEqual(row.fixes);
    });
});

describe('near-miss words: class names are phrases', () => {
  it('a shorter form of a class name (抗栓药物) is usage, not a dropped character', () => {
    expect(nearMisses('抗栓药物的选择')).toEqual([]);
  });
  it('a character written alike still counts against a class name (拴/栓)', () => {
    const found = nearMisses('抗血拴药物的选择');
    expect(found.map((finding) => finding.fixes[0]?.edits[0]?.newText)).toEqual(['抗血栓药物']);
  });
});
