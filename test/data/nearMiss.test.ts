import { expect, it } from 'vitest';
import { analyze, hoverAt } from '../../server/src/engine';
import { builtinDictionary } from '../helpers/dictionary';
import { describeNearMissTables } from '../helpers/nearMissTables';

/**
 * The near-miss tables over the shipped dictionary: every slip is still found and still near the same shipped name,
 * and no shipped name makes a silent text speak. The rules themselves are tested over an inline dictionary in
 * test/engine/nearMiss.test.ts.
 */
const dictionary = builtinDictionary();
describeNearMissTables(dictionary, 'near-miss-name and unknown-drug-name with the shipped dictionary', () => {
  it('hovers a near miss with "did you mean" over the candidate\'s card', () => {
    const text = '接受卡菲佐米治疗';
    const analysis = analyze(text, dictionary);
    const hover = hoverAt(analysis, dictionary, 3, 'en')!;
    expect(hover.span).toEqual({ start: 2, end: 6 });
    expect(hover.conceptId).toBe('carfilzomib');
    expect(hover.markdown.split('\n')[0]).toBe(
      '**Did you mean** “卡非佐米”? 菲 and 非 are both fēi; the generic name is 卡非佐米',
    );
    expect(hover.markdown).toContain('**卡非佐米** · carfilzomib');
  });

  it('hovers an unknown drug-like word with what its stem means', () => {
    const text = '使用泛柔比星化疗';
    const hover = hoverAt(analyze(text, dictionary), dictionary, 3, 'en')!;
    expect(hover.span).toEqual({ start: 2, end: 6 });
    expect(hover.markdown.split('\n')[0]).toBe(
      '**Not in the dictionary**: “泛柔比星”. Stem -rubicin (比星): antineoplastic antibiotics, daunorubicin derivatives (anthracyclines)',
    );
    expect(hover.conceptId).toBe('anthracycline');
  });
});
