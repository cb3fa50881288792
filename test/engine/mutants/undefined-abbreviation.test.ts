import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, parseDictionary } from '../../../server/src/engine';

/**
 * The forms of an abbreviation's definition that the rule accepts, each on its own (rules.test.ts covers the
 * common ones against the built-in data): the expansion in brackets after the abbreviation, written in
 * English or as a regimen's components, and the definitions a regimen whose components are not all known gets.
 * A small inline dictionary, so that no change to data/ can break them.
 */
const small = buildDictionary([
  parseDictionary(
    `entries:
  - id: pfs
    category: outcome
    zh: 无进展生存期
    en: progression-free survival
    abbreviations: [PFS]
    cite: [{ source: test }]
  - id: carfilzomib
    category: drug
    zh: 卡非佐米
    en: carfilzomib
    cite: [{ source: test }]
  - id: lenalidomide
    category: drug
    zh: 来那度胺
    en: lenalidomide
    cite: [{ source: test }]
  - id: dexamethasone
    category: drug
    zh: 地塞米松
    en: dexamethasone
    cite: [{ source: test }]
  - id: krd
    category: regimen
    zh: 卡非佐米+来那度胺+地塞米松
    en: KRd (carfilzomib + lenalidomide + dexamethasone)
    abbreviations: [KRd]
    components: [carfilzomib, lenalidomide, dexamethasone]
    cite: [{ source: test }]
`,
    'small.yaml',
    'builtin',
  ),
]);

function undefinedAbbreviations(text: string): { text: string; fix: string | undefined }[] {
  return analyze(text, small, { languageId: 'plaintext' })
    .findings.filter((finding) => finding.ruleId === 'undefined-abbreviation')
    .map((finding) => ({
      text: text.slice(finding.span.start, finding.span.end),
      fix: finding.fixes[0]?.edits[0]?.newText,
    }));
}

describe('undefined-abbreviation: definitions in brackets after the abbreviation', () => {
  it('accepts the English expansion in brackets after the abbreviation (PFS (progression-free survival))', () => {
    expect(undefinedAbbreviations('PFS (progression-free survival) improved; PFS was 12 months.')).toEqual([]);
    expect(undefinedAbbreviations('PFS（Progression-Free Survival）延长')).toEqual([]);
  });

  it('accepts a regimen written out in brackets after its abbreviation (KRd（卡非佐米、来那度胺和地塞米松）)', () => {
    expect(undefinedAbbreviations('采用 KRd（卡非佐米、来那度胺和地塞米松）方案；KRd 有效')).toEqual([]);
  });

  it('does not take a regimen written out after the closing bracket, or another expansion, as the definition', () => {
    expect(undefinedAbbreviations('采用 KRd（新方案）卡非佐米、来那度胺和地塞米松')).toEqual([
      { text: 'KRd', fix: '卡非佐米+来那度胺+地塞米松（KRd）' },
    ]);
    expect(undefinedAbbreviations('卡非佐米、来那度胺和地塞米松方案，即 KRd（新方案）')).toEqual([
      { text: 'KRd', fix: '卡非佐米+来那度胺+地塞米松（KRd）' },
    ]);
    expect(undefinedAbbreviations('PFS (overall survival) improved')).toEqual([
      { text: 'PFS', fix: 'progression-free survival (PFS)' },
    ]);
  });
});

describe('undefined-abbreviation: the expansion its message names', () => {
  const expansion = (text: string): unknown =>
    analyze(text, small, { languageId: 'plaintext' }).findings.find(
      (finding) => finding.ruleId === 'undefined-abbreviation',
    )?.message.params?.expansion;

  it("is a regimen's components, without the abbreviation in brackets", () => {
    expect(expansion('采用 KRd 方案')).toBe('卡非佐米+来那度胺+地塞米松');
    // In English text, with no space left before the closing bracket of the message.
    expect(expansion('The KRd regimen was given.')).toBe('carfilzomib + lenalidomide + dexamethasone');
  });

  it("is a term's Chinese and English names", () => {
    expect(expansion('PFS 延长')).toBe('无进展生存期 / progression-free survival');
  });
});

describe('undefined-abbreviation: what is not a definition', () => {
  it('a bracket around the abbreviation defines it only when the name or the regimen comes right before', () => {
    expect(undefinedAbbreviations('采用新方案（KRd）')).toEqual([
      { text: 'KRd', fix: '卡非佐米+来那度胺+地塞米松（KRd）' },
    ]);
    expect(undefinedAbbreviations('卡非佐米、来那度胺和地塞米松疗效好，新方案（KRd）')).toEqual([
      { text: 'KRd', fix: '卡非佐米+来那度胺+地塞米松（KRd）' },
    ]);
    expect(undefinedAbbreviations('卡非佐米、来那度胺和地塞米松（KRd）')).toEqual([]);
  });

  it('the full name used earlier in the sentence does not define the abbreviation in brackets after it', () => {
    expect(undefinedAbbreviations('无进展生存期较长，PFS（新定义）')).toEqual([
      { text: 'PFS', fix: '无进展生存期（progression-free survival，PFS）' },
    ]);
  });
});

describe('undefined-abbreviation: the definition of a regimen with a component the dictionary lacks', () => {
  const partial = buildDictionary([
    parseDictionary(
      `entries:
  - id: carfilzomib
    category: drug
    zh: 卡非佐米
    en: carfilzomib
    cite: [{ source: test }]
  - id: english-only
    category: drug
    en: englishonlymab
    cite: [{ source: test }]
  - id: kxd
    category: regimen
    en: KXd (carfilzomib + englishonlymab + dexamethasone)
    abbreviations: [KXd]
    components: [carfilzomib, english-only, dexamethasone]
    cite: [{ source: test }]
`,
      'partial.yaml',
      'builtin',
    ),
  ]);
  const fix = (text: string): string | undefined =>
    analyze(text, partial, { languageId: 'plaintext' }).findings.find(
      (finding) => finding.ruleId === 'undefined-abbreviation',
    )?.fixes[0]?.edits[0]?.newText;

  it('names a component without a Chinese name in English, and one the dictionary lacks by its id', () => {
    expect(fix('采用 KXd 方案')).toBe('卡非佐米+englishonlymab+dexamethasone（KXd）');
    expect(fix('The KXd regimen')).toBe('carfilzomib + englishonlymab + dexamethasone (KXd)');
  });
});
