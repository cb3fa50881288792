import { describe, expect, it } from 'vitest';
import { analyze, formatMessage, hoverAt } from '../../server/src/engine';
import { builtinDictionary, ranges } from '../helpers/dictionary';

/** Taiwan/Hong Kong names of the built-in data (accepted kind `regional`): recognised as their concepts, accepted in their region, suggested to the mainland name elsewhere. */
const dictionary = builtinDictionary();

const CASES: { name: string; marked: string; id: string; mainland: string }[] = [
  {
    name: 'Taiwan brand 萬科注射劑 is bortezomib',
    marked: '使用[[萬科注射劑]]治療',
    id: 'bortezomib',
    mainland: '硼替佐米',
  },
  { name: 'Taiwan 沙利竇邁 is thalidomide', marked: '[[沙利竇邁]]併用類固醇', id: 'thalidomide', mainland: '沙利度胺' },
  {
    name: 'Taiwan brand 莫須瘤 is rituximab',
    marked: '[[莫須瘤]]併用化學療法',
    id: 'rituximab',
    mainland: '利妥昔单抗',
  },
  { name: 'Taiwan brand 柏萊膜衣錠 is dasatinib', marked: '服用[[柏萊膜衣錠]]', id: 'dasatinib', mainland: '达沙替尼' },
  { name: 'Taiwan brand 基利克 is imatinib', marked: '服用[[基利克]]膠囊', id: 'imatinib', mainland: '伊马替尼' },
  {
    name: 'Taiwan 單株抗體 is the class monoclonal antibody',
    marked: '人類[[單株抗體]]藥物',
    id: 'monoclonal-antibody',
    mainland: '单克隆抗体',
  },
  {
    name: 'Taiwan 蛋白質體抑制劑 is the class proteasome inhibitor',
    marked: '[[蛋白質體抑制劑]]與類固醇',
    id: 'proteasome-inhibitor',
    mainland: '蛋白酶体抑制剂',
  },
  {
    name: 'Taiwan 多發性骨髓癌 is multiple myeloma',
    marked: '進展性[[多發性骨髓癌]]病人',
    id: 'multiple-myeloma',
    mainland: '多发性骨髓瘤',
  },
];

describe('regional names in the built-in data', () => {
  it.each(CASES)('$name, accepted in a zh-TW document', ({ marked, id }) => {
    const {
      text,
      ranges: [range],
    } = ranges(marked);
    const analysis = analyze(text, dictionary, { region: 'zh-TW' });
    const match = analysis.matches.find((m) => m.span.start === range!.start);
    expect(match?.conceptId).toBe(id);
    expect(match?.span).toEqual({ start: range!.start, end: range!.end });
    expect(match?.surface.accepted?.kind).toBe('regional');
    expect(
      analysis.findings.filter((finding) => finding.span.start < range!.end && finding.span.end > range!.start),
    ).toEqual([]);
    // The same text with no setting: mostly traditional, so zh-TW too.
    expect(analyze(text, dictionary).findings.filter((finding) => finding.ruleId === 'nonstandard-name')).toEqual([]);
  });

  it.each(CASES)('$name; in a zh-CN document it is a suggestion to the mainland name', ({ marked, id, mainland }) => {
    const {
      text,
      ranges: [range],
    } = ranges(marked);
    const span = { start: range!.start, end: range!.end };
    const findings = analyze(text, dictionary, { region: 'zh-CN' }).findings.filter(
      (finding) => finding.ruleId === 'nonstandard-name',
    );
    expect(findings.map((finding) => [finding.conceptId, finding.span])).toEqual([[id, span]]);
    expect(findings[0]!.fixes.map((fix) => [fix.tier, fix.edits])).toEqual([
      ['suggestion', [{ span, newText: mainland }]],
    ]);
  });

  it('a Hong Kong name (匹博利組單抗, pembrolizumab) is accepted in zh-HK, suggested in zh-TW', () => {
    const text = '使用匹博利組單抗治療';
    expect(analyze(text, dictionary, { region: 'zh-HK' }).findings).toEqual([]);
    const findings = analyze(text, dictionary, { region: 'zh-TW' }).findings.filter(
      (finding) => finding.ruleId === 'nonstandard-name',
    );
    expect(findings.map((finding) => [finding.conceptId, finding.span])).toEqual([
      ['pembrolizumab', { start: 2, end: 8 }],
    ]);
    expect(formatMessage(findings[0]!.message, 'zh-cn')).toBe(
      '“匹博利組單抗”是香港地区用名；中国大陆的通用名为“帕博利珠單抗”，面向中国大陆的文稿宜用通用名。',
    );
    // …in the script of a traditional-script text; in zh-CN, simplified.
    expect(findings[0]!.fixes[0]!.edits[0]!.newText).toBe('帕博利珠單抗');
    expect(
      analyze(text, dictionary, { region: 'zh-CN' }).findings.find((finding) => finding.ruleId === 'nonstandard-name')
        ?.fixes[0]?.edits[0]?.newText,
    ).toBe('帕博利珠单抗');
  });

  it('万科 alone (a company) is not bortezomib', () => {
    expect(analyze('万科集团发布年报', dictionary).matches.map((match) => match.conceptId)).toEqual([]);
  });

  it('hover on a Taiwan name names its concept and says it is the Taiwan name', () => {
    const text = '使用萬科注射劑治療';
    const hover = hoverAt(analyze(text, dictionary), dictionary, 3, 'zh-cn');
    expect(hover?.conceptId).toBe('bortezomib');
    expect(hover?.span).toEqual({ start: 2, end: 7 });
    expect(hover?.markdown).toContain('**台湾地区用名**：中国大陆写作“硼替佐米”。');
  });

  it("no regional name folds to its own concept's standard name (that would be script, not region)", () => {
    const same = [...dictionary.concepts.values()].flatMap((concept) =>
      concept.accepted
        .filter(
          (name) =>
            name.kind === 'regional' &&
            analyze(name.text, dictionary).matches.some((m) => m.surface.role === 'standard'),
        )
        .map((name) => `${concept.id}: ${name.text}`),
    );
    expect(same).toEqual([]);
  });

  it('every regional name has regions and a source', () => {
    const regional = [...dictionary.concepts.values()].flatMap((concept) =>
      concept.accepted.filter((name) => name.kind === 'regional'),
    );
    expect(regional.length).toBeGreaterThanOrEqual(9);
    expect(regional.filter((name) => !name.regions?.length || !name.cite?.length)).toEqual([]);
  });
});
