import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, formatMessage, hoverAt, type Finding } from '../../server/src/engine';
import { ROOT, builtinDictionary } from '../helpers/dictionary';

/**
 * What issue 14 must show, one test per row of the medical audit (../shared/notes/medical-audit.md,
 * rows E1–E6, D1–D8, G1–G10). Row ids are in the test titles.
 */
const dictionary = builtinDictionary();
const concept = (id: string) => dictionary.concepts.get(id)!;

function named(text: string): Finding[] {
  return analyze(text, dictionary).findings.filter((finding) => finding.ruleId === 'nonstandard-name');
}
function flags(text: string): { text: string; fix: string | undefined; tier: string | undefined }[] {
  return named(text).map((finding) => ({
    text: text.slice(finding.span.start, finding.span.end),
    fix: finding.fixes[0]?.edits[0]?.newText,
    tier: finding.fixes[0]?.tier,
  }));
}
function hover(text: string, at: string) {
  return hoverAt(analyze(text, dictionary), dictionary, text.indexOf(at) + 1, 'zh-cn');
}
function sources(id: string): string {
  const c = concept(id);
  const all = [
    ...c.cite,
    ...c.milestones.flatMap((m) => m.cite),
    ...c.variants.flatMap((v) => v.cite ?? []),
    ...c.accepted.flatMap((a) => a.cite ?? []),
  ];
  return all.map((cite) => ('source' in cite ? cite.source : `review ${cite.review}`)).join(' | ');
}

describe('issue 14 — the audit rows, each fixed', () => {
  it('E1: hover on 艾沙妥昔单抗 names isatuximab; 伊沙妥昔单抗 is flagged with 艾沙妥昔单抗 (safe fix); brand 赛可益; NMPA and FDA milestones', () => {
    expect(hover('艾沙妥昔单抗联合泊马度胺', '艾沙妥昔单抗')?.conceptId).toBe('isatuximab');
    expect(concept('isatuximab').zh).toBe('艾沙妥昔单抗');
    expect(flags('伊沙妥昔单抗联合泊马度胺')).toEqual([{ text: '伊沙妥昔单抗', fix: '艾沙妥昔单抗', tier: 'safe' }]);
    expect(concept('isatuximab').accepted.find((a) => a.text === '赛可益')?.kind).toBe('brand-cn');
    expect(concept('isatuximab').milestones.map((m) => m.year)).toEqual([2020, 2024, 2025]);
    expect(sources('isatuximab')).toContain('CSCO');
  });

  it('E1b, E1c, E1d: Isa-Pd, Isa-Kd and the anti-CD38 class write 艾沙妥昔单抗', () => {
    expect(concept('isa-pd').zh).toBe('艾沙妥昔单抗+泊马度胺+地塞米松');
    expect(concept('isa-kd').zh).toBe('艾沙妥昔单抗+卡非佐米+地塞米松');
    expect(concept('anti-cd38-antibody').description?.zh).toContain('艾沙妥昔单抗');
    const everything = JSON.stringify([...dictionary.concepts.values()].filter((c) => c.id !== 'isatuximab'));
    expect(everything).not.toContain('伊沙妥昔单抗');
  });

  it('E2, E2b: hover on 埃纳妥单抗 names elranatamab, with its conditional approval in China; data/README.md no longer says it has no Chinese name', () => {
    expect(hover('埃纳妥单抗单药治疗', '埃纳妥单抗')?.conceptId).toBe('elranatamab');
    expect(concept('elranatamab').milestones.some((m) => m.year === 2025 && m.text.zh.includes('附条件'))).toBe(true);
    const readme = readFileSync(join(ROOT, 'data', 'README.md'), 'utf8');
    expect(readme).not.toMatch(/Elranatamab, idecabtagene/);
    expect(readme).toContain('埃纳妥单抗');
  });

  it('E3, E4, E5: 阿霉素, 强的松 and 马法兰 are flagged (kind outdated, safe fix) with 多柔比星, 泼尼松 and 美法仑', () => {
    expect(flags('阿霉素、强的松和马法兰')).toEqual([
      { text: '阿霉素', fix: '多柔比星', tier: 'safe' },
      { text: '强的松', fix: '泼尼松', tier: 'safe' },
      { text: '马法兰', fix: '美法仑', tier: 'safe' },
    ]);
    for (const [id, text] of [
      ['doxorubicin', '阿霉素'],
      ['prednisone', '强的松'],
      ['melphalan', '马法兰'],
    ] as const) {
      expect(concept(id).variants.find((v) => v.text === text)?.kind, text).toBe('outdated');
      expect(
        concept(id).accepted.some((a) => a.text === text),
        text,
      ).toBe(false);
    }
  });

  it('E3: the message calls 阿霉素 an old name (旧称) and keeps the note that it is still common', () => {
    const [finding] = named('阿霉素');
    expect(formatMessage(finding!.message, 'zh-cn')).toMatch(/^“阿霉素”是非标准写法（旧称），应写作“多柔比星”。仍常见/);
    expect(formatMessage(finding!.message, 'en')).toContain('(outdated name); write “多柔比星”');
  });

  it('E3 (policy (c)): the transition form 多柔比星（阿霉素） is not flagged; 阿霉素（多柔比星） is', () => {
    expect(flags('多柔比星（阿霉素）')).toEqual([]);
    expect(flags('多柔比星(阿霉素)')).toEqual([]);
    expect(flags('阿霉素（多柔比星）')).toEqual([{ text: '阿霉素', fix: '多柔比星', tier: 'safe' }]);
  });

  it('E6: BiTE is 双特异性T细胞衔接器; the unattested 双特异性T细胞结合抗体 is flagged; T-cell engagers are their own class', () => {
    expect(concept('bispecific-t-cell-engager').zh).toBe('双特异性T细胞衔接器');
    expect(flags('双特异性T细胞结合抗体')).toEqual([
      { text: '双特异性T细胞结合抗体', fix: '双特异性T细胞衔接器', tier: 'safe' },
    ]);
    expect(concept('t-cell-engager').abbreviations).toContain('TCE');
    expect(concept('linvoseltamab').classes).toContain('t-cell-engager');
  });

  it('D1: talquetamab keeps 塔奎妥单抗 only as a provisional, unverified name and warns of 塔拉妥单抗', () => {
    expect(concept('talquetamab').zhNote?.en).toMatch(/unverified/);
    expect(concept('talquetamab').zhNote?.zh).toContain('塔拉妥单抗');
  });

  it('D2: panobinostat records the withdrawal of its US approval with the Federal Register notice', () => {
    const withdrawal = concept('panobinostat').milestones.find((m) => m.year === 2021);
    expect(withdrawal?.text.en).toMatch(/withdr/);
    expect(withdrawal?.cite.map((c) => ('source' in c ? c.source : '')).join()).toContain('Federal Register');
  });

  it('D3, D4, D5, D6: 反应停, 氟美松, 吡喃阿霉素 and 苯丙氨酸氮芥 are outdated names with safe fixes', () => {
    expect(flags('反应停；氟美松；吡喃阿霉素；苯丙氨酸氮芥')).toEqual([
      { text: '反应停', fix: '沙利度胺', tier: 'safe' },
      { text: '氟美松', fix: '地塞米松', tier: 'safe' },
      { text: '吡喃阿霉素', fix: '吡柔比星', tier: 'safe' },
      { text: '苯丙氨酸氮芥', fix: '美法仑', tier: 'safe' },
    ]);
  });

  it('D7: the new myeloma entries cite the 2024 revision of the Chinese guideline', () => {
    for (const id of ['mgus', 'smoldering-myeloma', 'ultra-high-risk-myeloma'])
      expect(sources(id), id).toContain('2024年修订');
  });

  it('D8: κ轻链 stays the standard; Kappa轻链 stays accepted (decision recorded in data/README.md)', () => {
    expect(concept('kappa-light-chain').zh).toBe('κ轻链');
    expect(flags('Kappa轻链')).toEqual([]);
    expect(readFileSync(join(ROOT, 'data', 'README.md'), 'utf8')).toContain('D8');
  });

  it('G1, G2, G3: brands 兆珂速 (SC daratumumab) and 凯洛斯 (carfilzomib); salt 枸橼酸伊沙佐米', () => {
    expect(hover('兆珂速皮下注射', '兆珂速')?.conceptId).toBe('daratumumab');
    expect(hover('凯洛斯', '凯洛斯')?.conceptId).toBe('carfilzomib');
    expect(concept('ixazomib').accepted.find((a) => a.text === '枸橼酸伊沙佐米')?.kind).toBe('salt');
  });

  it('G4, G5, G9: cilta-cel China approval 2024; belantamab withdrawal and 2025 BVd approval; teclistamab China approval is conditional', () => {
    expect(concept('ciltacabtagene-autoleucel').milestones.some((m) => m.year === 2024)).toBe(true);
    expect(concept('belantamab-mafodotin').milestones.map((m) => m.year)).toEqual([2020, 2025]);
    expect(concept('teclistamab').milestones.find((m) => m.year === 2024)?.text.zh).toContain('附条件');
  });

  it('G10: AHSCT and auto-HSCT are accepted abbreviations of autologous transplantation', () => {
    for (const text of ['AHSCT', 'auto-HSCT'])
      expect(concept('asct').accepted.find((a) => a.text === text)?.kind, text).toBe('abbreviation');
  });
});

describe('issue 14 — short Latin abbreviations stay out of ordinary English', () => {
  const RESPONSE = new Set([
    'complete-response',
    'partial-response',
    'progressive-disease',
    'stable-disease',
    'minimal-response',
  ]);
  const hits = (text: string) =>
    analyze(text, dictionary)
      .matches.filter((match) => RESPONSE.has(match.conceptId))
      .map((match) => match.text);

  it('matches CR, PR, PD, SD and MR only as whole upper-case words', () => {
    expect(
      hits('Mr Chen and Dr Li read the cr, pr, pd, sd and mr notes; CRISPR, PDF, SDK and MRI are not responses.'),
    ).toEqual([]);
    expect(hits('Best response: CR 12%, PR 40%, MR 8%, SD 30%, PD 10%.')).toEqual(['CR', 'PR', 'MR', 'SD', 'PD']);
  });

  it('reads PD-1 and PD-L1 as targets, not as progressive disease', () => {
    const matches = analyze('PD-1 表达与 PD-L1 表达', dictionary).matches.map((match) => [match.text, match.conceptId]);
    expect(matches).toEqual([
      ['PD-1', 'pd-1'],
      ['PD-L1', 'pd-l1'],
    ]);
    // With the lymphoid classes merged, "PD-1 抑制剂" is the drug class as a whole (longest match), still not PD.
    const inhibitors = analyze('PD-1 抑制剂与 PD-L1 抑制剂', dictionary).matches.map((match) => match.conceptId);
    expect(inhibitors).toEqual(['pd-1-inhibitor', 'pd-l1-inhibitor']);
  });

  it('keeps regimen abbreviations apart by case: BVd (belantamab) and BVD (bendamustine)', () => {
    expect(analyze('BVd', dictionary).matches[0]?.conceptId).toBe('bvd');
    expect(analyze('BVD', dictionary).matches[0]?.conceptId).toBe('bendamustine-bortezomib-dexamethasone');
  });
});
