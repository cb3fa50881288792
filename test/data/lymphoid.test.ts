import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/engine';
import { builtinDictionary } from '../helpers/dictionary';

/**
 * The lymphoid data (data/terms/lymphoid-*.yaml): short Latin regimen abbreviations must not fire in ordinary
 * text, longer forms win over the shorter ones inside them, and a regimen's components (some from cytotoxic-drugs.yaml)
 * resolve.
 */
const dictionary = builtinDictionary();

function ids(text: string): string[] {
  return analyze(text, dictionary).matches.map((match) => match.conceptId);
}

describe('lymphoid regimens and ordinary text', () => {
  const TABLE: { name: string; text: string; expected: string[] }[] = [
    {
      name: 'CHOP is case-sensitive: the English verb is not a regimen',
      text: 'Chop the onions and chop the garlic.',
      expected: [],
    },
    { name: 'CHOP in a Chinese sentence is the regimen', text: '采用CHOP方案', expected: ['chop'] },
    { name: 'R-CHOP is one regimen, not R plus CHOP', text: '接受R-CHOP治疗', expected: ['r-chop'] },
    {
      name: 'R-CHOP-14 is matched whole (longest form)',
      text: 'R-CHOP-14 与 R-CHOP-21',
      expected: ['r-chop', 'r-chop'],
    },
    { name: 'Pola-R-CHP is matched whole', text: 'Pola-R-CHP方案', expected: ['pola-r-chp'] },
    {
      name: 'BR is case-sensitive: bromine (Br) is not bendamustine + rituximab',
      text: '溴的元素符号是 Br，而 BR 方案含苯达莫司汀',
      expected: ['br', 'bendamustine'],
    },
    { name: 'a Latin letter may not touch BR (BRCA is no regimen)', text: 'BRCA1 突变', expected: [] },
    { name: 'BV is the abbreviation of brentuximab vedotin', text: 'BV 单药', expected: ['brentuximab-vedotin'] },
    {
      name: 'a regimen written out in drug names is recognised',
      text: '利妥昔单抗联合苯达莫司汀',
      expected: ['rituximab', 'bendamustine'],
    },
    { name: 'ICE and R-ICE are case-sensitive regimens', text: '挽救方案 ICE 与 R-ICE', expected: ['ice', 'r-ice'] },
    { name: 'ice in English prose is not the ICE regimen', text: 'Ice was forming; ice cream.', expected: [] },
    {
      name: 'ALL in Chinese text is the disease; B-ALL, T-ALL and Ph+ALL are their own concepts',
      text: '成人ALL、B-ALL、T-ALL与Ph+ALL',
      expected: ['acute-lymphoblastic-leukemia', 'b-cell-all', 't-cell-all', 'ph-positive-all'],
    },
    { name: 'all and All in English prose are not ALL', text: 'All patients, all cycles.', expected: [] },
    {
      name: 'a bare ABC is ordinary English; ABC型 is the DLBCL subtype',
      text: 'the ABC of staging; ABC型',
      expected: ['abc-type'],
    },
    {
      name: 'GCB and non-GCB are told apart (longest form)',
      text: 'GCB与non-GCB',
      expected: ['gcb-type', 'non-gcb-type'],
    },
    {
      name: 'R2方案 is the lenalidomide + rituximab regimen',
      text: '复发FL采用R2方案',
      expected: ['follicular-lymphoma', 'r2'],
    },
    { name: 'a bare R2 (coefficient of determination) is not a regimen', text: '模型的 R2 = 0.85', expected: [] },
    { name: 'R2-ISS stays the myeloma stage, not R2', text: 'R2-ISS 分期', expected: ['r2-iss'] },
    { name: 'GDP方案 is the salvage regimen', text: '复发后采用GDP方案', expected: ['gdp'] },
    {
      name: 'English plural class names',
      text: 'Covalent BTK inhibitors, anti-CD20 antibodies and PD-1 inhibitors',
      expected: ['covalent-btk-inhibitor', 'anti-cd20-antibody', 'pd-1-inhibitor'],
    },
    {
      name: 'P-GDP and P-Gemox are whole regimens, not GDP or GemOx',
      text: 'ENKTL 采用 P-GDP 或 P-Gemox',
      expected: ['enktl', 'p-gdp', 'p-gemox'],
    },
    { name: 'a bare GDP (gross domestic product) is not a regimen', text: 'GDP grew by 5% and GDP 增长', expected: [] },
    {
      name: 'BEAM is case-sensitive: a laser beam is not conditioning',
      text: 'The laser beam; Beam width',
      expected: [],
    },
    {
      name: 'BEAM conditioning and BEACOPP',
      text: 'BEAM 预处理；BEACOPP 加强方案',
      expected: ['beam', 'conditioning', 'beacopp'],
    },
    { name: 'GemOx and R-GemOx are matched whole', text: 'R-GemOx 或 GemOx', expected: ['r-gemox', 'gemox'] },
    { name: 'BV-AVD is one regimen (longest form), not BV plus AVD', text: 'BV-AVD 方案', expected: ['bv-avd'] },
  ];
  it.each(TABLE)('$name', ({ text, expected }) => {
    expect(ids(text)).toEqual(expected);
  });

  it('recognises 利妥昔单抗联合苯达莫司汀 as the BR regimen', () => {
    const mentions = analyze('利妥昔单抗联合苯达莫司汀', dictionary).regimenMentions.map(
      (mention) => mention.regimenId,
    );
    expect(mentions).toEqual(['br']);
  });

  it('flags the old name 霍奇金病 but not the transition form 霍奇金淋巴瘤（霍奇金病）', () => {
    const findings = (text: string): string[] =>
      analyze(text, dictionary)
        .findings.filter((finding) => finding.ruleId === 'nonstandard-name')
        .map((finding) => finding.conceptId ?? '');
    expect(findings('霍奇金病的治愈率较高')).toEqual(['hodgkin-lymphoma']);
    expect(findings('霍奇金淋巴瘤（霍奇金病）的治愈率较高')).toEqual([]);
  });

  it('flags 格罗菲妥单抗 and 奥滨尤妥珠单抗 and leaves the approved names alone', () => {
    const findings = (text: string): string[] =>
      analyze(text, dictionary)
        .findings.filter((finding) => finding.ruleId === 'nonstandard-name')
        .map((finding) => finding.conceptId ?? '');
    expect(findings('格罗菲妥单抗和奥滨尤妥珠单抗')).toEqual(['glofitamab', 'obinutuzumab']);
    expect(findings('格菲妥单抗和奥妥珠单抗')).toEqual([]);
  });
});

describe('MOPP (once parked in data/pending until mechlorethamine existed)', () => {
  it('is recognised by its abbreviation and its components resolve', () => {
    expect(ids('MOPP 方案')).toEqual(['mopp']);
    const mopp = dictionary.concepts.get('mopp');
    expect(mopp?.components).toEqual(['mechlorethamine', 'vincristine', 'procarbazine', 'prednisone']);
    for (const id of mopp?.components ?? []) expect(dictionary.concepts.has(id), id).toBe(true);
  });
});
