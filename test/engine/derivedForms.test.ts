import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, layerFromChecked } from '../../server/src/engine';
import { derivedForms } from '../../server/src/engine/dictionary/derivedForms';
import { builtinDictionary, dictionaryOf, layerOf, type TestEntry } from '../helpers/dictionary';

/**
 * Forms the dictionary derives from listed names by regular word formation (dictionary/derivedForms.ts): a class
 * written with another head (烷化药 for 烷化剂, alkylating drugs for alkylating agent), in the other number, an
 * antibody class named by its target, an acid as its salt. Recognised (hover), never a finding; they yield silently
 * to another concept's name. Over a small inline dictionary.
 */
const ENTRIES: TestEntry[] = [
  { id: 'alkylating-agent', category: 'drug-class', zh: '烷化剂', en: 'alkylating agent' },
  { id: 'anthracycline', category: 'drug-class', zh: '蒽环类药物', en: 'anthracycline' },
  {
    id: 'anti-cd38-antibody',
    category: 'drug-class',
    zh: '抗CD38单克隆抗体',
    en: 'anti-CD38 monoclonal antibody',
    accepted: [{ text: 'anti-CD38 antibody', kind: 'english' }],
  },
  { id: 'first-generation-tki', category: 'drug-class', zh: '第一代酪氨酸激酶抑制剂', en: 'first-generation TKI' },
  { id: 'proteasome-inhibitor', category: 'drug-class', zh: '蛋白酶体抑制剂', en: 'proteasome inhibitor' },
  {
    id: 'protease-inhibitor',
    category: 'drug-class',
    zh: '蛋白酶抑制剂',
    en: 'protease inhibitor',
    accepted: [
      {
        text: '蛋白酵素抑制劑',
        kind: 'regional',
        regions: ['zh-TW'],
        note: { zh: '测试', en: 'test' },
        cite: [{ source: 'test' }],
      },
    ],
  },
  { id: 'zoledronic-acid', category: 'drug', zh: '唑来膦酸', en: 'zoledronic acid' },
  {
    id: 'pamidronate',
    category: 'drug',
    zh: '帕米膦酸二钠',
    en: 'pamidronate disodium',
  },
  // Another concept that lists a form the first derives (烷化药 from 烷化剂): the listed name wins, no problem.
  {
    id: 'other-class',
    category: 'term',
    zh: '烷化药',
    en: 'other class',
  },
  // A variant that is a derived form of another concept is kept as the variant (a derived form never drops it).
  {
    id: 'sulfonamide',
    category: 'drug-class',
    zh: '磺胺类药物',
    en: 'sulfonamide',
    variants: [{ text: '蒽环类药', kind: 'nonstandard-term', note: { zh: '测试', en: 'test' } }],
  },
];
const dictionary = dictionaryOf(...ENTRIES);

function matched(text: string, dict = dictionary): [string, string, string][] {
  return analyze(text, dict).matches.map((match) => [
    text.slice(match.span.start, match.span.end),
    match.surface.conceptId,
    match.surface.role,
  ]);
}

describe('derived forms', () => {
  it.each([
    ['烷化剂', 'drug-class', ['烷化药物', '烷化药']],
    ['蒽环类药物', 'drug-class', ['蒽环类药', '蒽环类']],
    [
      '第一代酪氨酸激酶抑制剂',
      'drug-class',
      [
        '第一代酪氨酸激酶抑制药物',
        '第一代酪氨酸激酶抑制药',
        '一代酪氨酸激酶抑制剂',
        '一代酪氨酸激酶抑制药物',
        '一代酪氨酸激酶抑制药',
      ],
    ],
    ['抗CD38单克隆抗体', 'drug-class', ['抗CD38单抗', '抗CD38抗体', 'CD38单克隆抗体', 'CD38单抗', 'CD38抗体']],
    ['CD20单抗', 'drug-class', ['CD20单克隆抗体']],
    ['双特异性抗体', 'drug-class', []],
    ['门冬酰胺酶制剂', 'drug-class', []],
    [
      'alkylating agent',
      'drug-class',
      ['alkylating agents', 'alkylating drug', 'alkylating drugs', 'alkylating medication', 'alkylating medications'],
    ],
    ['proteasome inhibitors', 'drug-class', ['proteasome inhibitor']],
    ['anthracycline', 'drug-class', ['anthracyclines']],
    ['monoclonal antibody', 'drug-class', ['monoclonal antibodies']],
    [
      'anti-CD38 antibody',
      'drug-class',
      [
        'anti-CD38 antibodies',
        'anti-CD38 monoclonal antibody',
        'anti-CD38 monoclonal antibodies',
        'CD38 antibody',
        'CD38 antibodies',
        'CD38 monoclonal antibody',
        'CD38 monoclonal antibodies',
      ],
    ],
    ['唑来膦酸', 'drug', ['唑来膦酸盐']],
    ['帕米膦酸二钠', 'drug', ['帕米膦酸', '帕米膦酸盐']],
    ['亚叶酸钙', 'drug', ['亚叶酸', '亚叶酸盐']],
    ['zoledronic acid', 'drug', ['zoledronate']],
    ['brentuximab vedotin', 'drug', ['brentuximab']],
    ['ciltacabtagene autoleucel', 'drug', []],
    // Drugs derive nothing else; nor do other categories.
    ['硼替佐米', 'drug', []],
    ['bortezomib', 'drug', []],
    ['酸', 'drug', []],
    ['门冬酰胺酶', 'drug', []],
    ['免疫调节剂', 'term', []],
    ['R-CHOP', 'regimen', []],
  ] as const)('%s (%s) derives %j', (text, category, forms) => {
    expect(derivedForms(text, category, undefined)).toEqual(forms);
  });

  it('abbreviations, brands and outdated names derive nothing; a code derives its spellings', () => {
    expect(derivedForms('PIs', 'drug-class', 'abbreviation')).toEqual([]);
    expect(derivedForms('Velcade', 'drug', 'brand-us')).toEqual([]);
    expect(derivedForms('PS-341', 'drug', 'code')).toEqual(['PS341', 'PS 341']);
    expect(derivedForms('烷化药剂', 'drug-class', 'synonym')).toEqual([]);
    expect(derivedForms('蛋白酵素抑制劑', 'drug-class', 'regional')).toEqual(['蛋白酵素抑制藥物', '蛋白酵素抑制藥']);
  });

  it.each([
    ['患者既往使用烷化药物。', '烷化药物', 'alkylating-agent'],
    ['蒽环类是基础药物。', '蒽环类', 'anthracycline'],
    ['一代酪氨酸激酶抑制剂耐药。', '一代酪氨酸激酶抑制剂', 'first-generation-tki'],
    ['CD38抗体治疗后。', 'CD38抗体', 'anti-cd38-antibody'],
    ['The CD38 antibodies changed care.', 'CD38 antibodies', 'anti-cd38-antibody'],
    ['Two alkylating drugs were given.', 'alkylating drugs', 'alkylating-agent'],
    ['唑来膦酸盐每月一次。', '唑来膦酸盐', 'zoledronic-acid'],
    ['帕米膦酸盐每月一次。', '帕米膦酸盐', 'pamidronate'],
  ])('%s: “%s” is recognised as %s, a derived form, with no finding', (text, form, concept) => {
    expect(matched(text)).toEqual([[form, concept, 'derived']]);
    expect(analyze(text, dictionary).findings).toEqual([]);
  });

  it('a derived form yields, silently, to another concept that lists it; a variant is never dropped for one', () => {
    expect(dictionary.problems).toEqual([]);
    expect(matched('烷化药')).toEqual([['烷化药', 'other-class', 'standard']]);
    expect(matched('蒽环类药')).toEqual([['蒽环类药', 'sulfonamide', 'variant']]);
  });

  it('a form derived from a Taiwan name stays a Taiwan name (suggested to the mainland name in zh-CN)', () => {
    const text = '本段讨论蛋白酵素抑制藥。';
    const [match] = analyze(text, dictionary).matches;
    expect(match?.surface.role).toBe('derived');
    expect(match?.surface.accepted?.kind).toBe('regional');
  });

  it('a packed layer derives the same forms as the objects', () => {
    const layer = layerOf(...ENTRIES);
    const packed = buildDictionary([
      { ...layerFromChecked(layer.checked!, layer.source, layer.layer, 0), patterns: layer.patterns },
    ]);
    expect(packed.problems).toEqual([]);
    for (const text of [
      '烷化药物。',
      'CD38抗体。',
      'alkylating drugs.',
      '帕米膦酸盐。',
      '蛋白酶抑制藥。',
      '蒽环类药。',
    ])
      expect(matched(text, packed)).toEqual(matched(text));
  });

  it('a derived English form of a confusable class is told its English counterpart (built-in dictionary)', () => {
    const text = 'Bortezomib and other protease inhibitors are used in myeloma.';
    const findings = analyze(text, builtinDictionary()).findings.filter((f) => f.ruleId === 'confusable-term');
    expect(findings.map((f) => [text.slice(f.span.start, f.span.end), f.fixes?.[0]?.edits[0]?.newText])).toEqual([
      ['protease inhibitors', 'proteasome inhibitor'],
    ]);
  });
});
