import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze, hoverAt } from '../../server/src/engine';
import { hasTraditional, inScriptOf, toSimplified, toTraditional } from '../../server/src/engine/text/script';
// @ts-expect-error: a plain ES module without types
import { TABLES_PATH, generateScriptTablesSource } from '../../scripts/generate-script-tables.mjs';
import { dictionaryOf, ranges } from '../helpers/dictionary';

/**
 * Traditional script over a small inline dictionary (simplified names only, as data/ holds them); the same
 * matches over the shipped dictionary are in test/data/script.test.ts.
 */
const note = { zh: '测试用的说明', en: 'a note for the test' };
const dictionary = dictionaryOf(
  { id: 'lenalidomide', category: 'drug', zh: '来那度胺', en: 'lenalidomide' },
  { id: 'dexamethasone', category: 'drug', zh: '地塞米松', en: 'dexamethasone' },
  { id: 'bortezomib', category: 'drug', zh: '硼替佐米', en: 'bortezomib' },
  { id: 'carfilzomib', category: 'drug', zh: '卡非佐米', en: 'carfilzomib' },
  { id: 'multiple-myeloma', category: 'disease', zh: '多发性骨髓瘤', en: 'multiple myeloma' },
  {
    id: 'daratumumab',
    category: 'drug',
    zh: '达雷妥尤单抗',
    en: 'daratumumab',
    variants: [{ text: '达雷木单抗', kind: 'outdated', note }],
  },
  {
    id: 'melphalan',
    category: 'drug',
    zh: '美法仑',
    en: 'melphalan',
    variants: [{ text: '马法兰', kind: 'outdated', note }],
  },
  {
    id: 'prednisone',
    category: 'drug',
    zh: '泼尼松',
    en: 'prednisone',
    variants: [{ text: '强的松', kind: 'outdated', note }],
  },
);

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

describe('traditional script', () => {
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

  it('a standard name in traditional script is not a finding, and its hover is the concept card', () => {
    const text = '來那度胺聯合地塞米松';
    const analysis = analyze(text, dictionary);
    expect(analysis.findings.filter((finding) => finding.ruleId === 'nonstandard-name')).toEqual([]);
    const hover = hoverAt(analysis, dictionary, 1, 'en');
    expect(hover?.conceptId).toBe('lenalidomide');
    expect(hover?.span).toEqual({ start: 0, end: 4 });
  });

  it('simplified text is left as it is (no character of the simplified set is folded)', () => {
    const sample = '患者接受硼替佐米联合来那度胺和地塞米松治疗，后改用卡非佐米。干细胞移植后于门诊随访。';
    expect(hasTraditional(sample)).toBe(false);
    expect(toSimplified(sample)).toBe(sample);
  });

  it('converts both ways character by character', () => {
    expect(toSimplified('來那度胺')).toBe('来那度胺');
    expect(toTraditional('美法仑')).toBe('美法侖');
    expect(inScriptOf('馬法蘭', '美法仑')).toBe('美法侖');
    expect(inScriptOf('马法兰', '美法仑')).toBe('美法仑');
  });

  // Not under mutation testing (npm run mutate): its sandbox is not a checkout the generators can read.
  it.skipIf(process.env['MEDTERM_MUTATE'] === '1')(
    'the tables are generated from the current OpenCC data (run `npm run generate`)',
    () => {
      expect(readFileSync(TABLES_PATH as string, 'utf8')).toBe((generateScriptTablesSource as () => string)());
    },
  );
});
