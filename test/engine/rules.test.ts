import { describe, expect, it } from 'vitest';
import { analyze, applyEdits, formatMessage, hasMessage, RULES } from '../../server/src/engine';
import { dictionaryOf, type TestEntry } from '../helpers/dictionary';

/**
 * The rules over a small inline dictionary whose entries carry just what each rule reads (the variant kinds, the
 * accepted kinds, the confusable context, the abbreviations). What the shipped entries say is tested in test/data
 * (examples.test.ts runs every entry's examples; rules.test.ts keeps the rows below that name shipped facts).
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
  drug('elotuzumab', '埃罗妥珠单抗', {
    variants: [{ text: '埃雷妥珠单抗', kind: 'nonstandard-transliteration', note }],
  }),
  drug('daratumumab', '达雷妥尤单抗', { variants: [{ text: '达雷木单抗', kind: 'outdated', note }] }),
  drug('lenalidomide', '来那度胺', {
    variants: [{ text: '利那度胺', kind: 'nonstandard-transliteration', note }],
  }),
  drug('carfilzomib', '卡非佐米', { classes: ['proteasome-inhibitor'] }),
  drug('ixazomib', '伊沙佐米', { classes: ['proteasome-inhibitor'] }),
  drug('pomalidomide', '泊马度胺'),
  drug('cyclophosphamide', '环磷酰胺'),
  drug('dexamethasone', '地塞米松', { accepted: [{ text: '地塞米松磷酸钠', kind: 'salt' }] }),
  drug('bortezomib', '硼替佐米', { accepted: [{ text: '万珂', kind: 'brand-cn' }] }),
  drug('doxorubicin', '多柔比星', {
    accepted: [{ text: '盐酸多柔比星', kind: 'salt' }],
    variants: [{ text: '阿霉素', kind: 'outdated', note }],
  }),
  drug('melphalan', '美法仑', { variants: [{ text: '马法兰', kind: 'outdated', note }] }),
  drug('prednisone', '泼尼松', { variants: [{ text: '强的松', kind: 'outdated', note }] }),
  drug('pirarubicin', '吡柔比星'),
  drug('vincristine', '长春新碱'),
  drug('isatuximab', '艾沙妥昔单抗', {
    variants: [{ text: '伊沙妥昔单抗', kind: 'nonstandard-transliteration', note }],
  }),
  {
    id: 'pcd',
    category: 'regimen',
    zh: '泊马度胺+环磷酰胺+地塞米松',
    en: 'PCd',
    abbreviations: ['PCd'],
    components: ['pomalidomide', 'cyclophosphamide', 'dexamethasone'],
    variants: [{ text: 'PCD', kind: 'letter-case', replaceWith: 'PCd', note }],
  },
  {
    id: 'krd',
    category: 'regimen',
    zh: '卡非佐米+来那度胺+地塞米松',
    en: 'KRd',
    abbreviations: ['KRd'],
    components: ['carfilzomib', 'lenalidomide', 'dexamethasone'],
  },
  { id: 'proteasome-inhibitor', category: 'drug-class', zh: '蛋白酶体抑制剂', en: 'proteasome inhibitor' },
  {
    id: 'protease-inhibitor',
    category: 'drug-class',
    zh: '蛋白酶抑制剂',
    en: 'protease inhibitor',
    confusableWith: [{ id: 'proteasome-inhibitor', context: ['proteasome-inhibitor', 'ixazomib'], reason: note }],
  },
  {
    id: 'immunomodulatory-drug',
    category: 'drug-class',
    zh: '免疫调节剂',
    en: 'immunomodulatory drug',
    accepted: [{ text: '免疫调节药物', kind: 'synonym' }],
  },
  {
    id: 'asct',
    category: 'therapy',
    zh: '自体造血干细胞移植',
    en: 'autologous stem cell transplantation',
    accepted: [{ text: '自体干细胞移植', kind: 'synonym' }],
  },
  {
    id: 'chemotherapy',
    category: 'therapy',
    zh: '化学治疗',
    en: 'chemotherapy',
    accepted: [{ text: '化疗', kind: 'short-form' }],
  },
  {
    id: 'progression-free-survival',
    category: 'outcome',
    zh: '无进展生存期',
    en: 'progression-free survival',
    abbreviations: ['PFS'],
  },
  {
    id: 'overall-response-rate',
    category: 'outcome',
    zh: '总缓解率',
    en: 'overall response rate',
    abbreviations: ['ORR'],
  },
  { id: 'bcma', category: 'target', zh: 'B细胞成熟抗原', en: 'B-cell maturation antigen', abbreviations: ['BCMA'] },
  {
    id: 'fda',
    category: 'organisation',
    zh: '美国食品药品监督管理局',
    en: 'US Food and Drug Administration',
    abbreviations: ['FDA'],
  },
);

function findings(text: string, rule: string): { text: string; fix: string | undefined; tier: string | undefined }[] {
  return analyze(text, dictionary)
    .findings.filter((finding) => finding.ruleId === rule)
    .map((finding) => ({
      text: text.slice(finding.span.start, finding.span.end),
      fix: finding.fixes[0]?.edits[0]?.newText,
      tier: finding.fixes[0]?.tier,
    }));
}

describe('nonstandard-name', () => {
  it.each([
    ['埃雷妥珠单抗联合来那度胺', [{ text: '埃雷妥珠单抗', fix: '埃罗妥珠单抗', tier: 'safe' }]],
    ['达雷木单抗', [{ text: '达雷木单抗', fix: '达雷妥尤单抗', tier: 'safe' }]],
    ['利那度胺', [{ text: '利那度胺', fix: '来那度胺', tier: 'safe' }]],
    ['PCD 方案', [{ text: 'PCD', fix: 'PCd', tier: 'suggestion' }]],
    ['达雷妥尤单抗、来那度胺', []],
  ])('%s', (text, expected) => {
    expect(findings(text, 'nonstandard-name')).toEqual(expected);
  });
});

describe('nonstandard-name: the transition form 标准名（旧名） (issue 14)', () => {
  function spans(text: string): { start: number; end: number; fix: string | undefined; tier: string | undefined }[] {
    return analyze(text, dictionary)
      .findings.filter((finding) => finding.ruleId === 'nonstandard-name')
      .map((finding) => ({
        start: finding.span.start,
        end: finding.span.end,
        fix: finding.fixes[0]?.edits[0]?.newText,
        tier: finding.fixes[0]?.tier,
      }));
  }
  it.each([
    '多柔比星（阿霉素）',
    '多柔比星(阿霉素)',
    '多柔比星 (阿霉素)',
    '多柔比星（ 阿霉素 ）',
    '采用美法仑（马法兰）预处理',
    '泼尼松（强的松）',
    '盐酸多柔比星（阿霉素）',
  ])('accepts %s', (text) => {
    expect(spans(text)).toEqual([]);
  });
  it('still flags the old name alone, at its exact range, as a safe fix', () => {
    expect(spans('阿霉素 40 mg')).toEqual([{ start: 0, end: 3, fix: '多柔比星', tier: 'safe' }]);
    expect(spans('长春新碱+阿霉素+地塞米松')).toEqual([{ start: 5, end: 8, fix: '多柔比星', tier: 'safe' }]);
  });
  it('flags the reversed order 阿霉素（多柔比星）: the old name comes first', () => {
    expect(spans('阿霉素（多柔比星）')).toEqual([{ start: 0, end: 3, fix: '多柔比星', tier: 'safe' }]);
  });
  it('flags an old name in brackets after another drug, or not closed by a bracket', () => {
    expect(spans('吡柔比星（阿霉素）')).toEqual([{ start: 5, end: 8, fix: '多柔比星', tier: 'safe' }]);
    expect(spans('多柔比星（阿霉素、长春新碱）')).toEqual([{ start: 5, end: 8, fix: '多柔比星', tier: 'safe' }]);
    expect(spans('多柔比星，阿霉素')).toEqual([{ start: 5, end: 8, fix: '多柔比星', tier: 'safe' }]);
  });
  it('applies only to outdated names, not to non-standard transliterations', () => {
    expect(spans('艾沙妥昔单抗（伊沙妥昔单抗）')).toEqual([{ start: 7, end: 13, fix: '艾沙妥昔单抗', tier: 'safe' }]);
  });
});

describe('confusable-term', () => {
  it('suggests 蛋白酶体抑制剂 where a proteasome inhibitor is nearby, never as a safe fix', () => {
    expect(findings('伊沙佐米是第一种口服蛋白酶抑制剂。', 'confusable-term')).toEqual([
      { text: '蛋白酶抑制剂', fix: '蛋白酶体抑制剂', tier: 'suggestion' },
    ]);
  });
  it('accepts 蛋白酶抑制剂 where no proteasome context is near', () => {
    expect(findings('洛匹那韦是一种 HIV 蛋白酶抑制剂。', 'confusable-term')).toEqual([]);
  });
});

describe('inconsistent-term', () => {
  it('reports the minority form with "replace this" and "replace all" fixes', () => {
    const text = '免疫调节剂……免疫调节剂……免疫调节药物……免疫调节药物……免疫调节剂';
    const result = analyze(text, dictionary).findings.filter((finding) => finding.ruleId === 'inconsistent-term');
    expect(result.map((finding) => text.slice(finding.span.start, finding.span.end))).toEqual([
      '免疫调节药物',
      '免疫调节药物',
    ]);
    const all = result[0]!.fixes.find((fix) => fix.scope === 'document')!;
    expect(applyEdits(text, all.edits)).toBe('免疫调节剂……免疫调节剂……免疫调节剂……免疫调节剂……免疫调节剂');
    expect(result[0]!.related?.length).toBe(3);
  });
  it('breaks a tie in favour of the standard name', () => {
    expect(findings('自体干细胞移植与自体造血干细胞移植', 'inconsistent-term')).toEqual([
      { text: '自体干细胞移植', fix: '自体造血干细胞移植', tier: 'suggestion' },
    ]);
  });
  it('does not count brands, salts or short forms as inconsistent', () => {
    expect(findings('地塞米松与地塞米松磷酸钠；硼替佐米（万珂）；化疗与化学治疗', 'inconsistent-term')).toEqual([]);
  });
});

describe('undefined-abbreviation', () => {
  it.each([
    ['无进展生存期（progression-free survival，PFS）延长，PFS 为 12 个月', []],
    ['无进展生存期（PFS）延长', []],
    ['progression-free survival (PFS) improved', []],
    ['PFS（无进展生存期）延长', []],
    ['卡非佐米、来那度胺和地塞米松（KRd）方案；KRd 有效', []],
    ['B 细胞成熟抗原(BCMA)靶点', []],
  ])('accepts the definition in %s', (text, expected) => {
    expect(findings(text, 'undefined-abbreviation')).toEqual(expected);
  });
  it('reports once, at the first use, with a definition to insert', () => {
    expect(findings('PFS 延长，PFS 为 12 个月；无进展生存期（PFS）', 'undefined-abbreviation')).toEqual([
      { text: 'PFS', fix: '无进展生存期（progression-free survival，PFS）', tier: 'suggestion' },
    ]);
  });
  it('defines a regimen by its components', () => {
    expect(findings('采用 KRd 方案', 'undefined-abbreviation')).toEqual([
      { text: 'KRd', fix: '卡非佐米+来那度胺+地塞米松（KRd）', tier: 'suggestion' },
    ]);
  });
  it('uses the English form in English text', () => {
    expect(findings('The ORR was 60%.', 'undefined-abbreviation')).toEqual([
      { text: 'ORR', fix: 'overall response rate (ORR)', tier: 'suggestion' },
    ]);
  });
  it('honours the ignore list', () => {
    expect(findings('FDA 批准', 'undefined-abbreviation')).toEqual([
      { text: 'FDA', fix: '美国食品药品监督管理局（US Food and Drug Administration，FDA）', tier: 'suggestion' },
    ]);
    expect(analyze('FDA 批准', dictionary, { ignoreAbbreviations: ['FDA'] }).findings).toEqual([]);
  });
});

describe('rule modules', () => {
  it('have unique ids, messages in both languages, and can be turned off or re-graded', () => {
    expect(new Set(RULES.map((rule) => rule.id)).size).toBe(RULES.length);
    for (const rule of RULES) {
      expect(hasMessage(`${rule.id}.message`), rule.id).toBe(true);
      expect(rule.description.zh && rule.description.en).toBeTruthy();
    }
    const text = '埃雷妥珠单抗；PFS';
    expect(
      analyze(text, dictionary, { rules: { 'nonstandard-name': 'off' } }).findings.map((finding) => finding.ruleId),
    ).toEqual(['undefined-abbreviation']);
    expect(analyze(text, dictionary, { rules: { 'nonstandard-name': 'error' } }).findings[0]!.severity).toBe('error');
  });
  it('render messages in Chinese and English from the same finding', () => {
    const finding = analyze('利那度胺', dictionary).findings[0]!;
    expect(formatMessage(finding.message, 'zh-cn')).toContain('应写作“来那度胺”');
    expect(formatMessage(finding.message, 'en')).toContain('write “来那度胺”');
  });
});
