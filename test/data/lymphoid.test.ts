import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, parseDictionary } from '../../server/src/engine';
import { ROOT, builtinDictionary, builtinFiles } from '../helpers/dictionary';

/**
 * The lymphoid data (data/terms/lymphoid-*.yaml): short Latin regimen abbreviations must not fire in ordinary
 * text, longer forms win over the shorter ones inside them, and the regimens parked in data/pending (waiting for
 * cytotoxic drugs of another file) stay valid so that moving them into data/terms is all that is left to do.
 */
const dictionary = builtinDictionary();

function ids(text: string): string[] {
  return analyze(text, dictionary).matches.map((match) => match.conceptId);
}

describe('lymphoid regimens and ordinary text', () => {
  const TABLE: { name: string; text: string; expected: string[] }[] = [
    { name: 'CHOP is case-sensitive: the English verb is not a regimen', text: 'Chop the onions and chop the garlic.', expected: [] },
    { name: 'CHOP in a Chinese sentence is the regimen', text: '采用CHOP方案', expected: ['chop'] },
    { name: 'R-CHOP is one regimen, not R plus CHOP', text: '接受R-CHOP治疗', expected: ['r-chop'] },
    { name: 'R-CHOP-14 is matched whole (longest form)', text: 'R-CHOP-14 与 R-CHOP-21', expected: ['r-chop', 'r-chop'] },
    { name: 'Pola-R-CHP is matched whole', text: 'Pola-R-CHP方案', expected: ['pola-r-chp'] },
    { name: 'BR is case-sensitive: bromine (Br) is not bendamustine + rituximab', text: '溴的元素符号是 Br，而 BR 方案含苯达莫司汀', expected: ['br', 'bendamustine'] },
    { name: 'a Latin letter may not touch BR (BRCA is no regimen)', text: 'BRCA1 突变', expected: [] },
    { name: 'BV is the abbreviation of brentuximab vedotin', text: 'BV 单药', expected: ['brentuximab-vedotin'] },
    { name: 'a regimen written out in drug names is recognised', text: '利妥昔单抗联合苯达莫司汀', expected: ['rituximab', 'bendamustine'] },
    { name: 'ICE and R-ICE are case-sensitive regimens', text: '挽救方案 ICE 与 R-ICE', expected: ['ice', 'r-ice'] },
    { name: 'ice in English prose is not the ICE regimen', text: 'Ice was forming; ice cream.', expected: [] },
    { name: 'ALL in Chinese text is the disease; B-ALL, T-ALL and Ph+ALL are their own concepts', text: '成人ALL、B-ALL、T-ALL与Ph+ALL', expected: ['acute-lymphoblastic-leukemia', 'b-cell-all', 't-cell-all', 'ph-positive-all'] },
    { name: 'all and All in English prose are not ALL', text: 'All patients, all cycles.', expected: [] },
    { name: 'a bare ABC is ordinary English; ABC型 is the DLBCL subtype', text: 'the ABC of staging; ABC型', expected: ['abc-type'] },
    { name: 'GCB and non-GCB are told apart (longest form)', text: 'GCB与non-GCB', expected: ['gcb-type', 'non-gcb-type'] },
    { name: 'R2方案 is the lenalidomide + rituximab regimen', text: '复发FL采用R2方案', expected: ['follicular-lymphoma', 'r2'] },
    { name: 'a bare R2 (coefficient of determination) is not a regimen', text: '模型的 R2 = 0.85', expected: [] },
    { name: 'R2-ISS stays the myeloma stage, not R2', text: 'R2-ISS 分期', expected: ['r2-iss'] },
    { name: 'GemOx and R-GemOx are matched whole', text: 'R-GemOx 或 GemOx', expected: ['r-gemox', 'gemox'] },
    { name: 'BV-AVD is one regimen (longest form), not BV plus AVD', text: 'BV-AVD 方案', expected: ['bv-avd'] },
  ];
  it.each(TABLE)('$name', ({ text, expected }) => {
    expect(ids(text)).toEqual(expected);
  });

  it('recognises 利妥昔单抗联合苯达莫司汀 as the BR regimen', () => {
    const mentions = analyze('利妥昔单抗联合苯达莫司汀', dictionary).regimenMentions.map((mention) => mention.regimenId);
    expect(mentions).toEqual(['br']);
  });

  it('flags the old name 霍奇金病 but not the transition form 霍奇金淋巴瘤（霍奇金病）', () => {
    const findings = (text: string): string[] => analyze(text, dictionary).findings.filter((finding) => finding.ruleId === 'nonstandard-name').map((finding) => finding.conceptId ?? '');
    expect(findings('霍奇金病的治愈率较高')).toEqual(['hodgkin-lymphoma']);
    expect(findings('霍奇金淋巴瘤（霍奇金病）的治愈率较高')).toEqual([]);
  });

  it('flags 格罗菲妥单抗 and 奥滨尤妥珠单抗 and leaves the approved names alone', () => {
    const findings = (text: string): string[] => analyze(text, dictionary).findings.filter((finding) => finding.ruleId === 'nonstandard-name').map((finding) => finding.conceptId ?? '');
    expect(findings('格罗菲妥单抗和奥滨尤妥珠单抗')).toEqual(['glofitamab', 'obinutuzumab']);
    expect(findings('格菲妥单抗和奥妥珠单抗')).toEqual([]);
  });
});

describe('pending lymphoid regimens (data/pending/lymphoid-regimens.yaml)', () => {
  const raw = readFileSync(join(ROOT, 'data', 'pending', 'lymphoid-regimens.yaml'), 'utf8');
  const pending = parseDictionary(raw, 'data/pending/lymphoid-regimens.yaml', 'builtin');
  // The cytotoxic drugs another data file adds; stubs stand in for them here.
  const WAITING = ['mechlorethamine'];

  it('is valid against the schema', () => {
    expect(pending.problems).toEqual([]);
    expect(pending.concepts.map((concept) => concept.id)).toEqual(['mopp']);
  });

  // Components not (yet) in data/terms; once a data branch adds them, the entry can move into data/terms.
  const missing = [...new Set(pending.concepts.flatMap((concept) => concept.components.filter((id) => !dictionary.concepts.has(id))))].sort();

  it('refers to no concept other than existing ones and the waiting cytotoxics', () => {
    for (const id of missing) expect(WAITING, id).toContain(id);
  });

  it('loads without problems and passes its own examples once the cytotoxics exist', () => {
    const stubs = missing.length === 0 ? undefined : parseDictionary(
      `entries:\n${missing.map((id) => `  - { id: ${id}, category: drug, en: ${id}, zhNote: { zh: 测试占位, en: test stub }, classes: [alkylating-agent], mechanism: { zh: 占位, en: stub }, route: [intravenous], cite: [{ source: test stub }] }`).join('\n')}\n`,
      'stubs.yaml',
      'builtin',
    );
    expect(stubs?.problems ?? []).toEqual([]);
    const merged = buildDictionary([...builtinFiles(), ...(stubs ? [stubs] : []), pending]);
    expect(merged.problems).toEqual([]);
    for (const concept of pending.concepts) {
      for (const example of concept.examples) {
        if (!('accept' in example)) continue;
        const findings = analyze(example.accept, merged).findings.filter((finding) => finding.ruleId === 'nonstandard-name' || finding.ruleId === 'confusable-term');
        expect(findings, `${concept.id}: ${example.accept}`).toEqual([]);
      }
    }
    expect(analyze('MOPP 方案', merged).matches.map((match) => match.conceptId)).toEqual(['mopp']);
  });
});
