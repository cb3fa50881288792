import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/engine';
import { builtinDictionary, ranges } from '../helpers/dictionary';

/**
 * The shipped names in traditional script: matched, with fixes in the script of the text. Script folding itself
 * is tested over an inline dictionary in test/engine/script.test.ts.
 */
const dictionary = builtinDictionary();

/** [[…]] marks each expected match in traditional-script text; ids list the concepts in order. */
const MATCHES: { name: string; marked: string; ids: string[] }[] = [
  {
    name: 'a standard name in traditional script (來那度胺)',
    marked: '[[來那度胺]]聯合[[地塞米松]]',
    ids: ['lenalidomide', 'dexamethasone'],
  },
  {
    name: 'a name whose characters are the same in both scripts (硼替佐米)',
    marked: '接受[[硼替佐米]]治療',
    ids: ['bortezomib'],
  },
  { name: 'a disease name (多發性骨髓瘤)', marked: '[[多發性骨髓瘤]]患者', ids: ['multiple-myeloma'] },
  { name: 'a mAb in traditional script (達雷妥尤單抗)', marked: '[[達雷妥尤單抗]]', ids: ['daratumumab'] },
  { name: 'mixed scripts inside one name', marked: '[[達雷妥尤单抗]]', ids: ['daratumumab'] },
  {
    name: "a Taiwan variant character goes through OpenCC's TW table (為)",
    marked: '為[[來那度胺]]',
    ids: ['lenalidomide'],
  },
  { name: "Taiwan's 美法崙 is melphalan (崙 is a traditional form of 仑)", marked: '[[美法崙]]', ids: ['melphalan'] },
  {
    name: 'an older name in traditional script (馬法蘭) is the same older name',
    marked: '[[馬法蘭]]與[[強的松]]',
    ids: ['melphalan', 'prednisone'],
  },
];

describe('traditional script with the shipped dictionary', () => {
  it.each(MATCHES)('$name', ({ marked, ids }) => {
    const { text, ranges: expected } = ranges(marked);
    const found = analyze(text, dictionary).matches;
    expect(found.map((match) => match.conceptId)).toEqual(ids);
    expect(found.map(({ span }) => span)).toEqual(expected.map(({ start, end }) => ({ start, end })));
    // The match keeps the text as written.
    expect(found.map((match) => match.text)).toEqual(expected.map((range) => range.text));
  });

  it('a non-standard form in traditional script is flagged, and its fix is written in traditional script', () => {
    const {
      text,
      ranges: [range],
    } = ranges('使用[[達雷木單抗]]治療');
    const findings = analyze(text, dictionary).findings.filter((finding) => finding.ruleId === 'nonstandard-name');
    expect(findings.map((finding) => finding.span)).toEqual([{ start: range!.start, end: range!.end }]);
    expect(findings[0]!.fixes[0]!.edits).toEqual([
      { span: { start: range!.start, end: range!.end }, newText: '達雷妥尤單抗' },
    ]);
    expect(findings[0]!.message.params?.replacement).toBe('達雷妥尤單抗');
  });

  it('the same form in simplified script gets its fix in simplified script', () => {
    const {
      text,
      ranges: [range],
    } = ranges('使用[[达雷木单抗]]治疗');
    const findings = analyze(text, dictionary).findings.filter((finding) => finding.ruleId === 'nonstandard-name');
    expect(findings[0]!.fixes[0]!.edits).toEqual([
      { span: { start: range!.start, end: range!.end }, newText: '达雷妥尤单抗' },
    ]);
  });

  it("Taiwan's 美法崙 gets no finding of any rule", () => {
    expect(analyze('使用美法崙治療', dictionary).findings).toEqual([]);
  });
});
