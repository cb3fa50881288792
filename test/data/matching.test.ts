import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/engine';
import { builtinDictionary, ranges } from '../helpers/dictionary';

/**
 * The matching table over the shipped dictionary: the shipped names, and no other shipped entry, match in these
 * texts (a new entry that matched inside one of them, or a renamed id, shows here). The matcher itself is tested
 * over an inline dictionary in test/engine/matching.test.ts.
 */
const dictionary = builtinDictionary();

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

describe('matching with the shipped dictionary', () => {
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
