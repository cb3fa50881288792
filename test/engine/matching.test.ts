import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/engine';
import { dictionaryOf, ranges } from '../helpers/dictionary';

/**
 * Matching over a small inline dictionary, with the shorter names that compete with longer ones (蛋白酶体 inside
 * 蛋白酶体抑制剂, 骨髓瘤 inside 多发性骨髓瘤, CD38 inside dCAR138-38). What the shipped dictionary matches in the
 * same texts is tested in test/data/matching.test.ts.
 */
const dictionary = dictionaryOf(
  {
    id: 'elotuzumab',
    category: 'drug',
    zh: '埃罗妥珠单抗',
    en: 'elotuzumab',
    variants: [
      { text: '埃雷妥珠单抗', kind: 'nonstandard-transliteration', note: { zh: '音译', en: 'transliteration' } },
    ],
  },
  {
    id: 'daratumumab',
    category: 'drug',
    zh: '达雷妥尤单抗',
    en: 'daratumumab',
    variants: [{ text: '达雷木单抗', kind: 'outdated', note: { zh: '旧名', en: 'old name' } }],
  },
  { id: 'lenalidomide', category: 'drug', zh: '来那度胺', en: 'lenalidomide' },
  { id: 'bortezomib', category: 'drug', zh: '硼替佐米', en: 'bortezomib' },
  { id: 'carfilzomib', category: 'drug', zh: '卡非佐米', en: 'carfilzomib' },
  { id: 'dexamethasone', category: 'drug', zh: '地塞米松', en: 'dexamethasone' },
  { id: 'thalidomide', category: 'drug', zh: '沙利度胺', en: 'thalidomide' },
  { id: 'proteasome-inhibitor', category: 'drug-class', zh: '蛋白酶体抑制剂', en: 'proteasome inhibitor' },
  { id: 'proteasome', category: 'target', zh: '蛋白酶体', en: 'proteasome' },
  {
    id: 'multiple-myeloma',
    category: 'disease',
    zh: '多发性骨髓瘤',
    en: 'multiple myeloma',
    accepted: [{ text: '骨髓瘤', kind: 'short-form' }],
  },
  { id: 'bcma', category: 'target', zh: 'B细胞成熟抗原', en: 'B-cell maturation antigen', abbreviations: ['BCMA'] },
  { id: 'cd38', category: 'target', zh: 'CD38', en: 'CD38' },
  { id: 'dcar138-38', category: 'therapy', en: 'dCAR138-38' },
  {
    id: 'chimeric-antigen-receptor',
    category: 'therapy',
    zh: '嵌合抗原受体',
    en: 'chimeric antigen receptor',
    abbreviations: ['CAR'],
  },
  {
    id: 'krd',
    category: 'regimen',
    zh: '卡非佐米+来那度胺+地塞米松',
    en: 'KRd (carfilzomib + lenalidomide + dexamethasone)',
    abbreviations: ['KRd'],
    components: ['carfilzomib', 'lenalidomide', 'dexamethasone'],
  },
  {
    id: 'progression-free-survival',
    category: 'outcome',
    zh: '无进展生存期',
    en: 'progression-free survival',
    abbreviations: ['PFS'],
  },
);

function matched(text: string, languageId = 'plaintext'): { text: string; id: string; start: number; end: number }[] {
  return analyze(text, dictionary, { languageId }).matches.map((match) => ({
    text: match.text,
    id: match.conceptId,
    start: match.span.start,
    end: match.span.end,
  }));
}

/** [[…]] marks each expected match; ids list the concepts in order. */
const TABLE: { name: string; marked: string; ids: string[]; languageId?: string }[] = [
  {
    name: 'Chinese inside running text, no segmentation',
    marked: '年批准了[[埃罗妥珠单抗]]与[[来那度胺]]联合治疗',
    ids: ['elotuzumab', 'lenalidomide'],
  },
  {
    name: 'longest match wins (蛋白酶体抑制剂 over 蛋白酶体)',
    marked: '[[蛋白酶体抑制剂]]是基础药物',
    ids: ['proteasome-inhibitor'],
  },
  { name: 'soft line break inside a term', marked: '[[多发性骨髓\n瘤]]患者', ids: ['multiple-myeloma'] },
  { name: 'CRLF inside a term', marked: '[[地塞米\r\n松]]', ids: ['dexamethasone'] },
  { name: 'space between Latin and Chinese (盘古之白)', marked: '[[B 细胞成熟抗原]]([[BCMA]])', ids: ['bcma', 'bcma'] },
  {
    name: 'English case-insensitively, at word boundaries',
    marked: '[[Bortezomib]] and [[CARFILZOMIB]] but not xbortezomib',
    ids: ['bortezomib', 'carfilzomib'],
  },
  {
    name: 'abbreviations case-sensitively',
    marked: '[[KRd]] krd [[PFS]] pfs',
    ids: ['krd', 'progression-free-survival'],
  },
  {
    name: 'a digit or letter may not touch a Latin match',
    marked: 'CD380 [[CD38]]+ xdCAR138-38 [[dCAR138-38]] CARs [[CAR]]',
    ids: ['cd38', 'dcar138-38', 'chimeric-antigen-receptor'],
  },
  { name: 'full-width Latin folds to ASCII', marked: '[[ＫＲｄ]]方案', ids: ['krd'] },
  { name: 'astral-plane characters before a term keep offsets right', marked: '𠀀😀[[硼替佐米]]', ids: ['bortezomib'] },
  { name: 'variants are matched too', marked: '[[埃雷妥珠单抗]]和[[达雷木单抗]]', ids: ['elotuzumab', 'daratumumab'] },
  {
    name: 'a word across a blank line is joined in plain text (PDF extracts)',
    marked: '[[地塞米\n\n松]]',
    ids: ['dexamethasone'],
  },
  { name: 'Markdown: a blank line is a paragraph break', marked: '地塞米\n\n松', ids: [], languageId: 'markdown' },
  {
    name: 'Markdown: code spans, fences, URLs, link targets and front matter are skipped',
    marked:
      '---\ntitle: 硼替佐米\n---\n`硼替佐米` [[硼替佐米]] [链接](https://x.org/硼替佐米) https://x.org/来那度胺\n```\n来那度胺\n```\n',
    ids: ['bortezomib'],
    languageId: 'markdown',
  },
  {
    name: 'LaTeX: commands, keys and math are skipped, arguments in prose are not',
    marked: '\\textbf{[[硼替佐米]]} \\cite{来那度胺} $\\text{地塞米松}$ % 沙利度胺\n',
    ids: ['bortezomib'],
    languageId: 'latex',
  },
];

describe('matching', () => {
  it.each(TABLE)('$name', ({ marked, ids, languageId }) => {
    const { text, ranges: expected } = ranges(marked);
    const found = matched(text, languageId);
    expect(found.map((match) => match.id)).toEqual(ids);
    expect(found.map(({ start, end }) => ({ start, end }))).toEqual(expected.map(({ start, end }) => ({ start, end })));
  });

  it('never splits a surrogate pair and keeps spans inside the text', () => {
    const text = '😀硼替佐米😀\uD800来那度胺\uDC00𠀀';
    for (const match of matched(text)) {
      expect(match.start).toBeGreaterThanOrEqual(0);
      expect(match.end).toBeLessThanOrEqual(text.length);
      const before = text.charCodeAt(match.start - 1);
      const first = text.charCodeAt(match.start);
      expect(first >= 0xdc00 && first <= 0xdfff && before >= 0xd800 && before <= 0xdbff).toBe(false);
    }
    expect(matched(text).map((match) => match.id)).toEqual(['bortezomib', 'lenalidomide']);
  });
});
