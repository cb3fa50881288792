import { describe, expect, it } from 'vitest';
import { analyze, hoverAt } from '../../server/src/engine';
import { builtinDictionary } from '../helpers/dictionary';

/**
 * What the hover shows for shipped entries: their names, classes, citations, variants, regimens and corrections.
 * The hover itself (layout, spans, locales) is tested over an inline dictionary in test/engine/hover.test.ts.
 */
const dictionary = builtinDictionary();

function hover(text: string, at: string, locale: 'zh-cn' | 'en' = 'zh-cn') {
  const analysis = analyze(text, dictionary);
  return hoverAt(analysis, dictionary, text.indexOf(at) + 1, locale);
}

describe('hover on the shipped dictionary', () => {
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
    expect(result.markdown).toContain('Correction (review §2.1 [9]): ');
    expect(result.markdown).toContain('REVLIMID');
  });
});
