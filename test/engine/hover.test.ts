import { describe, expect, it } from 'vitest';
import { analyze, hoverAt } from '../../server/src/engine';
import { dictionaryOf } from '../helpers/dictionary';

/** Hover cards over a small inline dictionary; what the shipped entries show is tested in test/data/hover.test.ts. */
const dictionary = dictionaryOf(
  {
    id: 'bortezomib',
    category: 'drug',
    zh: '硼替佐米',
    en: 'bortezomib',
    classes: ['proteasome-inhibitor'],
    cite: [{ review: '2.1', refs: [3, 4, 5] }],
  },
  { id: 'proteasome-inhibitor', category: 'drug-class', zh: '蛋白酶体抑制剂', en: 'proteasome inhibitor' },
  {
    id: 'elotuzumab',
    category: 'drug',
    zh: '埃罗妥珠单抗',
    en: 'elotuzumab',
    variants: [
      {
        text: '埃雷妥珠单抗',
        kind: 'nonstandard-transliteration',
        note: { zh: '另一种音译', en: 'another transliteration' },
      },
    ],
  },
  { id: 'carfilzomib', category: 'drug', zh: '卡非佐米', en: 'carfilzomib' },
  { id: 'ixazomib', category: 'drug', zh: '伊沙佐米', en: 'ixazomib' },
  {
    id: 'lenalidomide',
    category: 'drug',
    zh: '来那度胺',
    en: 'lenalidomide',
    corrections: [
      {
        claim: { review: '2.1', refs: [9] },
        correction: { zh: '测试用的更正', en: 'a correction for the test' },
        cite: [{ source: 'REVLIMID label (test)' }],
      },
    ],
  },
  { id: 'dexamethasone', category: 'drug', zh: '地塞米松', en: 'dexamethasone' },
  {
    id: 'krd',
    category: 'regimen',
    zh: '卡非佐米+来那度胺+地塞米松',
    en: 'KRd',
    abbreviations: ['KRd'],
    components: ['carfilzomib', 'lenalidomide', 'dexamethasone'],
  },
  {
    id: 'ird',
    category: 'regimen',
    zh: '伊沙佐米+来那度胺+地塞米松',
    en: 'IRd',
    abbreviations: ['IRd'],
    components: ['ixazomib', 'lenalidomide', 'dexamethasone'],
  },
);

function hover(text: string, at: string, locale: 'zh-cn' | 'en' = 'zh-cn') {
  const analysis = analyze(text, dictionary);
  return hoverAt(analysis, dictionary, text.indexOf(at) + 1, locale);
}

describe('hover', () => {
  it('names the drug, its English INN and its class, in Chinese and English text', () => {
    for (const [text, at] of [
      ['硼替佐米是基础药物', '硼替佐米'],
      ['bortezomib is standard', 'bortezomib'],
    ] as const) {
      const result = hover(text, at)!;
      expect(result.conceptId).toBe('bortezomib');
      expect(result.markdown).toContain('**硼替佐米** · bortezomib');
      expect(result.markdown).toContain('蛋白酶体抑制剂');
      expect(result.markdown).toMatch(/综述 §2\.1 \[3, 4, 5\]/);
    }
  });

  it('says first that a variant is non-standard and what to write', () => {
    const result = hover('FDA 批准了埃雷妥珠单抗', '埃雷妥珠单抗')!;
    expect(result.markdown.split('\n')[0]).toContain('应写作“埃罗妥珠单抗”');
    expect(result.span).toEqual({ start: 7, end: 13 });
  });

  it("lists a regimen's components, each named", () => {
    const result = hover('采用 KRd 方案', 'KRd')!;
    expect(result.markdown).toContain('卡非佐米（carfilzomib） + 来那度胺（lenalidomide） + 地塞米松（dexamethasone）');
  });

  it('shows the regimens a drug belongs to, and the regimen a written-out chain forms', () => {
    const result = hover('伊沙佐米联合来那度胺和地塞米松', '来那度胺')!;
    expect(result.markdown).toMatch(/所属方案：.*KRd/);
    expect(result.markdown).toContain('此处为方案 **IRd**');
  });

  it('shows corrections of the review with their sources, in English on request', () => {
    const result = hover('lenalidomide', 'lenalidomide', 'en')!;
    expect(result.markdown).toContain('Correction (review §2.1 [9]): a correction for the test');
    expect(result.markdown).toContain('REVLIMID');
  });

  it('returns nothing outside a term', () => {
    expect(hoverAt(analyze('普通文字', dictionary), dictionary, 1, 'zh-cn')).toBeUndefined();
  });
});
