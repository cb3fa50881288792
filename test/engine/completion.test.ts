import { describe, expect, it } from 'vitest';
import { complete, prepareCompletion, type Dictionary } from '../../server/src/engine';
import { cursor, dictionaryOf, type TestEntry } from '../helpers/dictionary';

/**
 * Completion over a small inline dictionary, with neighbours that compete for the same prefixes (卡铂 for 卡 and
 * car…, 米托蒽醌 for the lone 米). What the shipped dictionary offers is tested in test/data/completion.test.ts.
 */
const ENTRIES: TestEntry[] = [
  {
    id: 'carfilzomib',
    category: 'drug',
    zh: '卡非佐米',
    en: 'carfilzomib',
    accepted: [{ text: 'Kyprolis', kind: 'brand-us' }],
  },
  { id: 'carboplatin', category: 'drug', zh: '卡铂', en: 'carboplatin' },
  { id: 'mitoxantrone', category: 'drug', zh: '米托蒽醌', en: 'mitoxantrone' },
  { id: 'bortezomib', category: 'drug', zh: '硼替佐米', en: 'bortezomib' },
  { id: 'lenalidomide', category: 'drug', zh: '来那度胺', en: 'lenalidomide' },
  { id: 'dexamethasone', category: 'drug', zh: '地塞米松', en: 'dexamethasone' },
  {
    id: 'elotuzumab',
    category: 'drug',
    zh: '埃罗妥珠单抗',
    en: 'elotuzumab',
    variants: [
      { text: '埃雷妥珠单抗', kind: 'nonstandard-transliteration', note: { zh: '另一种音译', en: 'another' } },
    ],
  },
  {
    id: 'daratumumab',
    category: 'drug',
    zh: '达雷妥尤单抗',
    en: 'daratumumab',
    variants: [{ text: '达雷木单抗', kind: 'outdated', note: { zh: '旧名', en: 'old name' } }],
  },
  { id: 'chemotherapy', category: 'therapy', zh: '化学治疗', en: 'chemotherapy' },
  {
    id: 'krd',
    category: 'regimen',
    zh: '卡非佐米+来那度胺+地塞米松',
    en: 'KRd',
    abbreviations: ['KRd'],
    components: ['carfilzomib', 'lenalidomide', 'dexamethasone'],
  },
];
const dictionary = dictionaryOf(...ENTRIES);

function completeAt(marked: string, regimenInsert: 'abbreviation' | 'components' | 'both' = 'both') {
  const { text, offset } = cursor(marked);
  const result = complete(text, offset, dictionary, { locale: 'zh-cn', regimenInsert });
  return { text, result, fragment: result ? text.slice(result.range.start, result.range.end) : undefined };
}

describe('completion', () => {
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

  it('ranks the names that share a typed prefix: 卡 and car offer both 卡铂 and 卡非佐米, the shorter first', () => {
    expect(completeAt('卡|').result!.items.map((item) => item.conceptId)).toEqual(['carboplatin', 'carfilzomib']);
    expect(completeAt('car|').result!.items.map((item) => item.conceptId)).toEqual(['carboplatin', 'carfilzomib']);
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

  it('computes the range in UTF-16 units after astral-plane characters', () => {
    const { text, result } = completeAt('😀𠀀卡非|');
    expect(result!.range).toEqual({ start: text.indexOf('卡'), end: text.length });
  });

  it('offers nothing where nothing is being typed', () => {
    expect(completeAt('。|').result).toBeUndefined();
    expect(completeAt('|').result).toBeUndefined();
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
    const lazy: Dictionary = dictionaryOf(...ENTRIES);
    const prepared: Dictionary = dictionaryOf(...ENTRIES);
    // Not `expect(lazy).not.toBe(prepared)`: on two distinct objects vitest compares them deeply, for seconds.
    expect(lazy === prepared).toBe(false);
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

describe('completion: the standard name, then synonyms, then other accepted names, then variants', () => {
  const ranked = dictionaryOf(
    { id: 'alpha', category: 'drug', zh: '丙丁戊己', en: 'alpha', accepted: [{ text: '甲乙戊己', kind: 'brand-cn' }] },
    { id: 'beta', category: 'drug', zh: '辛壬癸子', en: 'beta', accepted: [{ text: '甲乙子丑', kind: 'synonym' }] },
    {
      id: 'gamma',
      category: 'drug',
      zh: '子丑寅卯',
      en: 'gamma',
      variants: [{ text: '甲乙辰巳', kind: 'outdated', note: { zh: '旧名', en: 'old name' } }],
    },
    { id: 'delta', category: 'drug', zh: '甲乙午未', en: 'delta' },
  );
  it('甲乙 offers the standard name, the synonym, the brand and the old name in that order', () => {
    const { text, offset } = cursor('使用甲乙|');
    const items = complete(text, offset, ranked, { locale: 'zh-cn', regimenInsert: 'both' })!.items;
    expect(items.map((item) => item.conceptId)).toEqual(['delta', 'beta', 'alpha', 'gamma']);
  });
});
