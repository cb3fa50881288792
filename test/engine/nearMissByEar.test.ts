import { describe, expect, it } from 'vitest';
import { analyze, formatMessage, type Finding } from '../../server/src/engine';
import { dictionaryOf, ranges } from '../helpers/dictionary';

/**
 * Names written by ear (nearMiss/soundAlike.ts): every character other than the name's read alike. An inline
 * dictionary (names as in 《中国药品通用名称》), so a data correction cannot change these expectations; 地 of 地塞米松
 * makes 地 a transliteration character.
 */
const dictionary = dictionaryOf(
  { id: 'mesna', category: 'drug', zh: '美司钠', en: 'mesna' },
  { id: 'ixazomib', category: 'drug', zh: '伊沙佐米', en: 'ixazomib' },
  { id: 'dexamethasone', category: 'drug', zh: '地塞米松', en: 'dexamethasone' },
  { id: 'azacitidine', category: 'drug', zh: '阿扎胞苷', en: 'azacitidine' },
  { id: 'proteasome-inhibitor', category: 'drug-class', zh: '蛋白酶体抑制剂', en: 'proteasome inhibitor' },
);

function nearMisses(text: string): Finding[] {
  return analyze(text, dictionary).findings.filter((finding) => finding.ruleId === 'near-miss-name');
}

describe('near-miss names written by ear', () => {
  const TABLE: { name: string; marked: string; fix?: string }[] = [
    {
      name: '梅斯纳 for 美司钠: no character the same, each read alike',
      marked: '术中使用[[梅斯纳]]预防',
      fix: '美司钠',
    },
    { name: '依莎佐米 for 伊沙佐米: two characters heard alike', marked: '接受[[依莎佐米]]治疗', fix: '伊沙佐米' },
    { name: 'near homophones count (z/zh: 阿渣胞苷)', marked: '改用[[阿渣胞苷]]。', fix: '阿扎胞苷' },
    { name: 'one character only is the one-edit rule (still found)', marked: '使用[[伊莎佐米]]后', fix: '伊沙佐米' },
    { name: 'a character neither the same nor read alike: nothing', marked: '使用梅斯克预防', fix: undefined },
    { name: 'a recognised term inside the window: nothing', marked: '美斯美司钠', fix: undefined },
    { name: 'a transliteration character after it carries the word on', marked: '使用梅斯纳地后', fix: undefined },
    {
      name: 'class names are phrases, never matched by ear (蛋白没体一制剂)',
      marked: '蛋白没体一制剂',
      fix: undefined,
    },
  ];
  for (const row of TABLE)
    it(row.name, () => {
      const { text, ranges: expected } = ranges(row.marked);
      const found = nearMisses(text);
      expect(found.map((finding) => finding.span)).toEqual(expected.map(({ start, end }) => ({ start, end })));
      expect(found.map((finding) => finding.fixes[0]?.edits[0]?.newText)).toEqual(row.fix ? [row.fix] : []);
    });

  it('says why, with the name’s reading, in both languages', () => {
    const [finding] = nearMisses('术中使用梅斯纳预防');
    expect(formatMessage(finding!.message, 'en')).toBe(
      '“梅斯纳” is not in the dictionary; probably “美司钠”: 梅斯纳 reads like 美司钠 (měi sī nà); the generic name is 美司钠',
    );
    expect(formatMessage(finding!.message, 'zh-cn')).toContain('“梅斯纳”与“美司钠”读音相同或相近（měi sī nà）');
    expect(finding!.fixes.every((fix) => fix.tier === 'suggestion')).toBe(true);
  });
});
