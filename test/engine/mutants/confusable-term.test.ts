import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, formatMessage, parseDictionary } from '../../../server/src/engine';

/**
 * confusable-term on its own, with a small inline dictionary: what its finding says and offers (rules.test.ts
 * checks only where it fires), in Chinese and English text, and that a variant is left to nonstandard-name.
 */
const small = buildDictionary([
  parseDictionary(
    `entries:
  - id: bortezomib
    category: drug
    zh: 硼替佐米
    en: bortezomib
    cite: [{ source: test }]
  - id: proteasome-inhibitor
    category: drug-class
    zh: 蛋白酶体抑制剂
    en: proteasome inhibitor
    cite: [{ source: test }]
  - id: protease-inhibitor
    category: drug-class
    zh: 蛋白酶抑制剂
    en: protease inhibitor
    variants:
      - { text: 蛋白酶抑制药, kind: misnomer, note: { zh: 测试, en: test } }
    confusableWith:
      - { id: proteasome-inhibitor, context: [bortezomib], reason: { zh: 测试用的理由, en: a reason for the test } }
    cite: [{ source: test }]
`,
    'small.yaml',
    'builtin',
  ),
]);

const findingsOf = (text: string, rule: string) =>
  analyze(text, small, { languageId: 'plaintext' }).findings.filter((finding) => finding.ruleId === rule);

describe('confusable-term', () => {
  it('names the concept meant and the reason, and offers it as a suggestion', () => {
    const text = '硼替佐米是一种蛋白酶抑制剂。';
    const [finding, ...rest] = findingsOf(text, 'confusable-term');
    expect(rest).toEqual([]);
    expect(finding!.span).toEqual({ start: 7, end: 13 });
    expect(finding!.conceptId).toBe('protease-inhibitor');
    expect(finding!.message).toEqual({
      id: 'confusable-term.message',
      params: {
        other: '蛋白酶体抑制剂',
        otherEn: 'proteasome inhibitor',
        reason: { zh: '测试用的理由', en: 'a reason for the test' },
      },
    });
    expect(formatMessage(finding!.message, 'zh-cn')).toContain('蛋白酶体抑制剂');
    expect(finding!.fixes).toEqual([
      {
        tier: 'suggestion',
        title: { id: 'confusable-term.fix', params: { other: '蛋白酶体抑制剂' } },
        edits: [{ span: { start: 7, end: 13 }, newText: '蛋白酶体抑制剂' }],
      },
    ]);
  });

  it('offers the English name where the English name was written', () => {
    const text = 'Bortezomib is a protease inhibitor.';
    const [finding] = findingsOf(text, 'confusable-term');
    expect(text.slice(finding!.span.start, finding!.span.end)).toBe('protease inhibitor');
    expect(finding!.message.params?.other).toBe('proteasome inhibitor');
    expect(finding!.fixes[0]!.edits[0]!.newText).toBe('proteasome inhibitor');
  });

  it('leaves a variant of the confusable term to nonstandard-name', () => {
    const text = '硼替佐米是一种蛋白酶抑制药。';
    expect(findingsOf(text, 'confusable-term')).toEqual([]);
    expect(findingsOf(text, 'nonstandard-name').map((finding) => finding.span)).toEqual([{ start: 7, end: 13 }]);
  });
});
