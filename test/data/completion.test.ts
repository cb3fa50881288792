import { describe, expect, it } from 'vitest';
import { buildDictionary, complete, prepareCompletion } from '../../server/src/engine';
import { builtinDictionary, builtinFiles, cursor } from '../helpers/dictionary';

/**
 * What completion offers from the shipped dictionary: 卡非佐米 first among all its neighbours, the regimens' insert
 * texts, no shipped variant ever inserted, the typos found among every name, and the prepared indexes of the whole
 * dictionary equal to the lazy ones. The mechanism is tested over an inline dictionary in test/engine/completion.test.ts.
 */
const dictionary = builtinDictionary();

function completeAt(marked: string, regimenInsert: 'abbreviation' | 'components' | 'both' = 'both') {
  const { text, offset } = cursor(marked);
  const result = complete(text, offset, dictionary, { locale: 'zh-cn', regimenInsert });
  return { text, result, fragment: result ? text.slice(result.range.start, result.range.end) : undefined };
}

describe('completion from the shipped dictionary', () => {
  it.each([
    ['Chinese prefix inside running text', 'FDA 于 2012 年批准了卡非|', '卡非', 'zh'],
    ['full pinyin', '应用 kafei|', 'kafei', 'pinyin'],
    ['pinyin initials', '应用 kfzm|', 'kfzm', 'initials'],
    ['English INN prefix', 'treated with carfil|', 'carfil', 'latin'],
    ['US brand name', 'Kyprolis|', 'Kyprolis', 'latin'],
  ])('%s offers 卡非佐米 first, replacing only the typed fragment', (_name, marked, fragment, matchedBy) => {
    const { result, fragment: typed } = completeAt(marked);
    expect(typed).toBe(fragment);
    const first = result!.items[0]!;
    expect(first.label).toBe('卡非佐米');
    expect(first.insertText).toBe('卡非佐米');
    expect(first.matchedBy).toBe(matchedBy);
    expect(first.filterText).toBe(fragment);
  });

  it('offers a regimen by its abbreviation, inserting abbreviation, components or both', () => {
    expect(completeAt('方案 KRd|').result!.items[0]).toMatchObject({
      conceptId: 'krd',
      label: 'KRd',
      insertText: '卡非佐米+来那度胺+地塞米松（KRd）',
    });
    expect(completeAt('方案 KRd|', 'abbreviation').result!.items[0]!.insertText).toBe('KRd');
    expect(completeAt('方案 KRd|', 'components').result!.items[0]!.insertText).toBe('卡非佐米+来那度胺+地塞米松');
    expect(completeAt('方案 KRd|').result!.items[0]!.detail).toContain('卡非佐米+来那度胺+地塞米松');
  });

  it('never inserts a non-standard variant: typing one offers the standard name', () => {
    const { result } = completeAt('使用埃雷|');
    expect(result!.items[0]).toMatchObject({
      conceptId: 'elotuzumab',
      insertText: '埃罗妥珠单抗',
      typedVariant: '埃雷妥珠单抗',
    });
    const inserted = new Set(result!.items.map((item) => item.insertText));
    for (const concept of dictionary.concepts.values())
      for (const variant of concept.variants) expect(inserted.has(variant.text)).toBe(false);
  });

  it('finds a name despite a typo through fuzzy matching', () => {
    const { result } = completeAt('bortezomb|');
    expect(result!.items.map((item) => item.conceptId)).toContain('bortezomib');
  });

  it.each([
    ['a transliteration slip', '治疗选用埃洛妥珠|', '埃洛妥珠', '埃罗妥珠单抗'],
    ['a wrong character', '卡菲佐米|', '卡菲佐米', '卡非佐米'],
  ])('finds a Chinese name despite %s, replacing the last characters typed', (_name, marked, fragment, label) => {
    const { result, fragment: typed } = completeAt(marked);
    expect(typed).toBe(fragment);
    expect(result!.items[0]).toMatchObject({ label, matchedBy: 'fuzzy' });
  });

  it('offers nothing fuzzy for ordinary prose that shares no name', () => {
    expect(completeAt('患者接受的治疗方案|').result!.items).toEqual([]);
  });

  it('answers the same whether its indexes were prepared ahead or built on demand', () => {
    const lazy = buildDictionary(builtinFiles());
    const prepared = buildDictionary(builtinFiles());
    expect(lazy).not.toBe(prepared);
    prepareCompletion(prepared);
    for (const marked of [
      'bortezomb|',
      'carflzomib|',
      '埃雷妥珠|',
      '埃洛妥珠|',
      '达雷木|',
      'kfzm|',
      'dara|',
      'xyzzy|',
    ]) {
      const { text, offset } = cursor(marked);
      expect(complete(text, offset, prepared, { locale: 'en' })).toEqual(
        complete(text, offset, lazy, { locale: 'en' }),
      );
    }
  });
});
