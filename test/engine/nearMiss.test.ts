import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { analyze, fixAllSafe, formatMessage, hoverAt } from '../../server/src/engine';
import { charRelation, fuzzySyllable, readings, tonedReading } from '../../server/src/engine/nearMiss/similarity';
import { isEnglishWord } from '../../server/src/engine/nearMiss/english';
// @ts-expect-error: a plain ES module without types
import { GLYPH_MODULE_PATH, generateGlyphSource } from '../../scripts/generate-glyph-table.mjs';
// @ts-expect-error: a plain ES module without types
import { READINGS_PATH, generateReadingsSource } from '../../scripts/generate-readings.mjs';
import { dictionaryOf, type TestEntry } from '../helpers/dictionary';
import { RULES, describeNearMissTables } from '../helpers/nearMissTables';

/**
 * The near-miss rules over a small inline dictionary: the names the slips below are near, the known variants and
 * old names that must stay the other rules' business, and the class cards the hover shows. The same tables over
 * the shipped dictionary (no shipped name turns a slip into a match, or makes a silent text speak) are in
 * test/data/nearMiss.test.ts. The stem table and the reading and glyph tables are the engine's own (generated).
 */
const note = { zh: '测试用的说明', en: 'a note for the test' };
const drug = (id: string, zh: string, extra: Partial<TestEntry> = {}): TestEntry => ({
  id,
  category: 'drug',
  zh,
  en: id,
  ...extra,
});
const dictionary = dictionaryOf(
  drug('ixazomib', '伊沙佐米', { classes: ['proteasome-inhibitor'] }),
  drug('carfilzomib', '卡非佐米', { classes: ['proteasome-inhibitor'] }),
  drug('bortezomib', '硼替佐米', { classes: ['proteasome-inhibitor'] }),
  drug('lenalidomide', '来那度胺', {
    accepted: [{ text: 'Revlimid', kind: 'brand-us' }],
    variants: [{ text: '利那度胺', kind: 'nonstandard-transliteration', note }],
  }),
  drug('pomalidomide', '泊马度胺'),
  drug('thalidomide', '沙利度胺'),
  drug('dexamethasone', '地塞米松'),
  drug('daratumumab', '达雷妥尤单抗', { variants: [{ text: '达雷木单抗', kind: 'outdated', note }] }),
  drug('isatuximab', '艾沙妥昔单抗', {
    variants: [{ text: '伊沙妥昔单抗', kind: 'nonstandard-transliteration', note }],
  }),
  drug('doxorubicin', '多柔比星', {
    classes: ['anthracycline'],
    variants: [{ text: '阿霉素', kind: 'outdated', note }],
  }),
  drug('prednisone', '泼尼松', { variants: [{ text: '强的松', kind: 'outdated', note }] }),
  drug('melphalan', '美法仑', { variants: [{ text: '马法兰', kind: 'outdated', note }] }),
  {
    id: 'proteasome-inhibitor',
    category: 'drug-class',
    zh: '蛋白酶体抑制剂',
    en: 'proteasome inhibitor',
    accepted: [{ text: 'proteasome inhibitors', kind: 'english' }],
  },
  { id: 'protease-inhibitor', category: 'drug-class', zh: '蛋白酶抑制剂', en: 'protease inhibitor' },
  {
    id: 'immunomodulatory-drug',
    category: 'drug-class',
    zh: '免疫调节剂',
    en: 'immunomodulatory drug',
    accepted: [{ text: 'immunomodulatory drugs', kind: 'english' }],
  },
  { id: 'anthracycline', category: 'drug-class', zh: '蒽环类药物', en: 'anthracycline' },
  { id: 'cd38', category: 'target', zh: 'CD38', en: 'CD38' },
);
describeNearMissTables(dictionary, 'near-miss-name and unknown-drug-name', (nearMisses) => {
  it('says why: 莎 and 沙 are both shā; the generic name is 伊沙佐米', () => {
    const [finding] = nearMisses('伊莎佐米');
    expect(finding!.message.id).toBe('near-miss-name.message');
    expect(formatMessage(finding!.message, 'en')).toBe(
      '“伊莎佐米” is not in the dictionary; probably “伊沙佐米”: 莎 and 沙 are both shā; the generic name is 伊沙佐米',
    );
    expect(formatMessage(finding!.message, 'zh-cn')).toContain('“莎”与“沙”同音（shā）');
  });

  it('offers ranked candidates as suggestions, and fix-all changes nothing', () => {
    const text = '使用伊莎佐米。';
    expect(nearMisses(text)[0]!.fixes.map((fix) => fix.title)).toEqual([
      { id: 'near-miss-name.fix', params: { candidate: '伊沙佐米' } },
    ]);
    expect(fixAllSafe(text, dictionary).text).toBe(text);
  });

  it('can be turned off or made a warning per rule', () => {
    expect(
      analyze('伊莎佐米', dictionary, { rules: { 'near-miss-name': 'off' } }).findings.filter((finding) =>
        RULES.has(finding.ruleId),
      ),
    ).toEqual([]);
    expect(analyze('伊莎佐米', dictionary, { rules: { 'near-miss-name': 'warning' } }).findings[0]?.severity).toBe(
      'warning',
    );
    expect(analyze('伊莎佐米', dictionary).findings[0]?.severity).toBe('information');
    expect(analyze('泛柔比星', dictionary).findings[0]?.severity).toBe('hint');
  });

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

  it('tells how characters relate', () => {
    expect(charRelation('莎', '沙')).toBe('homophone');
    expect(charRelation('卓', '佐')).toBe('near-homophone');
    expect(charRelation('拍', '泊')).toBe('glyph');
    expect(charRelation('妥', '雷')).toBeUndefined();
    expect(['zhi', 'chang', 'shen', 'nan', 'hu', 'ying'].map(fuzzySyllable)).toEqual([
      'zi',
      'can',
      'sen',
      'lan',
      'fu',
      'yin',
    ]);
  });

  it('guards English words (the generated list holds those near known names)', () => {
    expect(['inhibitors', 'agents', 'antibodies', 'alkaloids'].map(isEnglishWord)).toEqual([true, true, true, true]);
    expect(['botrezomib', 'inhibrtors'].map(isEnglishWord)).toEqual([false, false]);
  });

  it('reads pinyin from the generated table, polyphones with all their readings, with tone marks for messages', () => {
    expect(readings('莎')).toEqual(['sha', 'suo']);
    expect(['沙', '非', '胺', '绿', '修', '贵', '的'].map(tonedReading)).toEqual([
      'shā',
      'fēi',
      'àn',
      'lǜ',
      'xiū',
      'guì',
      'de',
    ]);
    expect(readings('a')).toEqual([]);
  });

  // Not under mutation testing (npm run mutate): its sandbox is not a checkout the generators can read.
  it.skipIf(process.env['MEDTERM_MUTATE'] === '1')(
    'the readings table is generated from pinyin-pro (run `npm run generate`)',
    () => {
      expect(readFileSync(READINGS_PATH as string, 'utf8')).toBe((generateReadingsSource as () => string)());
    },
  );

  // Not under mutation testing (npm run mutate): its sandbox is not a checkout the generators can read.
  it.skipIf(process.env['MEDTERM_MUTATE'] === '1')(
    'the glyph table is generated from data/glyph/same_stroke.txt (run `npm run generate`)',
    () => {
      expect(readFileSync(GLYPH_MODULE_PATH as string, 'utf8')).toBe((generateGlyphSource as () => string)());
    },
  );
});
