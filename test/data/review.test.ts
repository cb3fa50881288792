import { describe, expect, it } from 'vitest';
import { analyze, applyEdits, fixAllSafe, safeEdits } from '../../server/src/engine';
import { builtinDictionary, review } from '../helpers/dictionary';

/**
 * What the seed review gets wrong, found by reading it in full, with counts. MedTerm must find each
 * one at every place it occurs, with this replacement, and flag nothing else.
 */
const ERRATA: readonly {
  rule: string;
  text: string;
  fix: string;
  tier: 'safe' | 'suggestion';
  count: number;
  why: string;
}[] = [
  // Non-standard names
  {
    rule: 'nonstandard-name',
    text: '埃雷妥珠单抗',
    fix: '埃罗妥珠单抗',
    tier: 'safe',
    count: 4,
    why: '§6.1 writes elotuzumab differently from §1',
  },
  {
    rule: 'nonstandard-name',
    text: '达雷木单抗',
    fix: '达雷妥尤单抗',
    tier: 'safe',
    count: 2,
    why: '§6.2 uses the old transliteration of daratumumab',
  },
  {
    rule: 'nonstandard-name',
    text: '利那度胺',
    fix: '来那度胺',
    tier: 'safe',
    count: 1,
    why: '§2.3 non-standard transliteration of lenalidomide',
  },
  {
    rule: 'nonstandard-name',
    text: '复发性和/或顽固性',
    fix: '复发性和/或难治性',
    tier: 'safe',
    count: 4,
    why: '§2.3 "refractory" is 难治性',
  },
  {
    rule: 'nonstandard-name',
    text: '完全反应',
    fix: '完全缓解',
    tier: 'safe',
    count: 1,
    why: '§2.2 complete response is 完全缓解',
  },
  {
    rule: 'nonstandard-name',
    text: '周边神经损伤',
    fix: '周围神经损伤',
    tier: 'safe',
    count: 1,
    why: '§2.2 peripheral nerve is 周围神经',
  },
  {
    rule: 'nonstandard-name',
    text: '多发性骨髓肿瘤',
    fix: '多发性骨髓瘤',
    tier: 'safe',
    count: 1,
    why: '§4 disease name',
  },
  {
    rule: 'nonstandard-name',
    text: '高粘滞综合征',
    fix: '高黏滞综合征',
    tier: 'safe',
    count: 1,
    why: 'abstract: 黏 not 粘',
  },
  { rule: 'nonstandard-name', text: '细胞粘附', fix: '细胞黏附', tier: 'safe', count: 1, why: '§3.1.3: 黏 not 粘' },
  {
    rule: 'nonstandard-name',
    text: '双特异性T细胞结合抗体',
    fix: '双特异性T细胞衔接器',
    tier: 'safe',
    count: 1,
    why: "§3 audit E6: the Chinese term for BiTE is 双特异性T细胞衔接器 (the review's form is found in no other source)",
  },
  {
    rule: 'nonstandard-name',
    text: 'CTL01-9',
    fix: 'CTL019',
    tier: 'safe',
    count: 1,
    why: '§3.1.2 typo of the product code',
  },
  {
    rule: 'nonstandard-name',
    text: 'PCD',
    fix: 'PCd',
    tier: 'suggestion',
    count: 1,
    why: '§4.3 upper-case D reads as daratumumab',
  },
  // Class-name confusions around 蛋白酶体抑制剂
  {
    rule: 'nonstandard-name',
    text: '蛋白质酶抑制剂',
    fix: '蛋白酶体抑制剂',
    tier: 'suggestion',
    count: 1,
    why: '§2.4 marizomib is a proteasome inhibitor',
  },
  {
    rule: 'nonstandard-name',
    text: '蛋白酶亚单位',
    fix: '蛋白酶体亚单位',
    tier: 'suggestion',
    count: 1,
    why: '§2.3 ixazomib binds a proteasome subunit',
  },
  {
    rule: 'nonstandard-name',
    text: '泛素蛋白酶的信号通路',
    fix: '泛素-蛋白酶体通路',
    tier: 'suggestion',
    count: 1,
    why: '§2.1 the ubiquitin–proteasome pathway',
  },
  {
    rule: 'confusable-term',
    text: '蛋白酶抑制剂',
    fix: '蛋白酶体抑制剂',
    tier: 'suggestion',
    count: 3,
    why: '§2.3 ×2, §2.4 ×1: protease inhibitor where proteasome inhibitor is meant',
  },
  // One concept, two accepted forms
  {
    rule: 'inconsistent-term',
    text: '免疫调节药物',
    fix: '免疫调节剂',
    tier: 'suggestion',
    count: 3,
    why: '§1, §4.2, §4.3 vs §1, §4, §4.1 (tie → the standard name)',
  },
  {
    rule: 'inconsistent-term',
    text: '自体干细胞移植',
    fix: '自体造血干细胞移植',
    tier: 'suggestion',
    count: 1,
    why: '§1 vs §5',
  },
  {
    rule: 'inconsistent-term',
    text: '免疫疗法',
    fix: '免疫治疗',
    tier: 'suggestion',
    count: 1,
    why: '§3 免疫疗法 once (the other four are inside longer terms) vs 免疫治疗',
  },
  {
    rule: 'inconsistent-term',
    text: '细胞免疫疗法',
    fix: '细胞免疫治疗',
    tier: 'suggestion',
    count: 1,
    why: '§1 vs §7 (tie → the standard name)',
  },
  {
    rule: 'inconsistent-term',
    text: '无进展生存时间',
    fix: '无进展生存期',
    tier: 'suggestion',
    count: 1,
    why: '§5 vs §2.2, §2.3',
  },
  // Abbreviations used before (or without) a definition
  ...['FDA', 'CRBN', 'ORR', 'OR', 'PFS', 'OS', 'CAR-T', 'BCMA', 'CAR', 'DARA', 'CR', 'RRMM'].map((abbreviation) => ({
    rule: 'undefined-abbreviation',
    text: abbreviation,
    fix: '',
    tier: 'suggestion' as const,
    count: 1,
    why: 'undefined at first use',
  })),
];

/** Known misses: real problems a term matcher cannot see (kept honest here, and in the README). */
export const KNOWN_MISSES = [
  '§2.1 对蛋白酶体抑制剂的特异性抑制 — "inhibition of the proteasome inhibitor": a semantic error, not a wrong term',
  '§2.4 MPD 方案 — an abbreviation the review never expands; MedTerm cannot know which regimen is meant',
  '§3.1.1 TNF-受体 and §3.2.3 BTK 抑制剂 — TNF and BTK are undefined, but are read as parts of longer known terms',
];

const squash = (text: string): string => text.replace(/\s+/g, '');

describe('the seed review', () => {
  const dictionary = builtinDictionary();
  const text = review();
  const analysis = analyze(text, dictionary, { languageId: 'plaintext' });

  it('finds every listed error, the right number of times, with the right fix tier and text', () => {
    for (const erratum of ERRATA) {
      const found = analysis.findings.filter(
        (finding) =>
          finding.ruleId === erratum.rule && squash(text.slice(finding.span.start, finding.span.end)) === erratum.text,
      );
      expect(found.length, `${erratum.rule} ${erratum.text}`).toBe(erratum.count);
      for (const finding of found) {
        const fix = finding.fixes[0]!;
        expect(fix.tier, erratum.text).toBe(erratum.tier);
        // A term written across a line break keeps the break in its fix (W3): compare without white space.
        if (erratum.fix) expect(squash(fix.edits[0]!.newText), erratum.text).toBe(erratum.fix);
        expect(finding.fixes.some((candidate) => candidate.tier === 'safe')).toBe(erratum.tier === 'safe');
      }
    }
  });

  it('places each finding exactly on an occurrence of its text (white space inside allowed)', () => {
    for (const finding of analysis.findings) {
      const written = text.slice(finding.span.start, finding.span.end);
      const erratum = ERRATA.find(
        (candidate) => candidate.rule === finding.ruleId && candidate.text === squash(written),
      );
      expect(erratum, `unexpected ${finding.ruleId} on ${JSON.stringify(written)}`).toBeDefined();
      // The span starts and ends on the term itself, not on surrounding white space.
      expect(written).toBe(written.trim());
    }
  });

  it('flags nothing that is standard: the findings are exactly the list', () => {
    const expected = ERRATA.reduce((sum, erratum) => sum + erratum.count, 0);
    expect(analysis.findings.length).toBe(expected);
  });

  it('fix-all applies exactly the safe fixes and leaves no safe finding behind', () => {
    const fixed = fixAllSafe(text, dictionary, { languageId: 'plaintext' });
    const safeCount = ERRATA.filter((erratum) => erratum.tier === 'safe').reduce(
      (sum, erratum) => sum + erratum.count,
      0,
    );
    expect(fixed.edits).toBe(safeCount);
    expect(safeEdits(analyze(fixed.text, dictionary).findings)).toEqual([]);
    // Nothing else changed: every character outside the safe spans is where it was, in order.
    const edits = safeEdits(analysis.findings);
    expect(fixed.text).toBe(applyEdits(text, edits));
    let cursor = 0;
    let position = 0;
    for (const edit of edits) {
      const kept = text.slice(cursor, edit.span.start);
      expect(fixed.text.slice(position, position + kept.length)).toBe(kept);
      position += kept.length + edit.newText.length;
      cursor = edit.span.end;
    }
    expect(fixed.text.slice(position)).toBe(text.slice(cursor));
  });

  it('gives a hover for every drug, target, regimen and abbreviation the review names', () => {
    const kinds = new Map<string, Set<string>>();
    for (const match of analysis.matches) {
      const concept = dictionary.concepts.get(match.conceptId)!;
      (kinds.get(concept.category) ?? kinds.set(concept.category, new Set()).get(concept.category)!).add(concept.id);
    }
    for (const mention of analysis.regimenMentions)
      (kinds.get('regimen') ?? kinds.set('regimen', new Set()).get('regimen')!).add(mention.regimenId);
    const drugs = [...(kinds.get('drug') ?? [])].sort();
    expect(drugs).toEqual(
      [
        'bendamustine',
        'bortezomib',
        'carfilzomib',
        'cisplatin',
        'clarithromycin',
        'cyclophosphamide',
        'daratumumab',
        'dexamethasone',
        'doxorubicin',
        'elotuzumab',
        'etoposide',
        'fludarabine',
        'ixazomib',
        'lenalidomide',
        'marizomib',
        'pirarubicin',
        'pomalidomide',
        'thalidomide',
        'vincristine',
      ].sort(),
    );
    expect([...(kinds.get('target') ?? [])].sort()).toEqual(
      [
        'bcma',
        'caspase-8',
        'cd138',
        'cd19',
        'cd38',
        'cd4',
        'cd8',
        'crbn',
        'kappa-light-chain',
        'proteasome',
        'tnf-receptor',
      ].sort(),
    );
    expect(kinds.get('regimen')?.size).toBeGreaterThanOrEqual(14);
  });
});
