import { describe, expect, it } from 'vitest';
import {
  analyze,
  buildDictionary,
  crossFileFindings,
  fileForms,
  fixAllSafe,
  formatMessage,
  parseDictionary,
  RULES,
  type Finding,
  type Message,
} from '../../server/src/engine';

/**
 * The engine's blind spots that the design review found by mutation (design-review.md §2.8, "real blind
 * spots"): each test here fails under the mutant it names. Self-contained: a small inline dictionary, so a
 * correction to data/ cannot break them.
 */

const small = buildDictionary([
  parseDictionary(
    `entries:
  - id: third-name
    category: drug
    zh: 丙替尼
    en: bingtinib
    variants:
      - { text: 甲替尼, kind: outdated, replaceWith: 乙替尼, note: { zh: 更早的旧名, en: an older name } }
      - { text: 乙替尼, kind: outdated, note: { zh: 旧名, en: old name } }
    cite: [{ source: test }]
  - id: immunomodulator
    category: drug-class
    zh: 免疫调节剂
    en: immunomodulatory drug
    abbreviations: [IMiD]
    accepted:
      - { text: 免疫调节药物, kind: synonym }
    cite: [{ source: test }]
  - id: carfilzomib
    category: drug
    zh: 卡非佐米
    en: carfilzomib
    cite: [{ source: test }]
  - id: doxorubicin
    category: drug
    zh: 多柔比星
    en: doxorubicin
    cite: [{ source: test }]
  - id: pfs
    category: outcome
    zh: 无进展生存期
    en: progression-free survival
    abbreviations: [PFS]
    cite: [{ source: test }]
  - id: protease-inhibitor
    category: drug-class
    zh: 蛋白酶抑制剂
    en: protease inhibitor
    confusableWith:
      - { id: immunomodulator, context: [immunomodulator], reason: { zh: 测试用的理由, en: a reason for the test } }
    cite: [{ source: test }]
`,
    'small.yaml',
    'builtin',
  ),
]);

describe('engine blind spots (design review §2.8)', () => {
  it('fix-all takes a second pass when a fix reveals another (A → B → C), and stops when nothing is left', () => {
    expect(fixAllSafe('用甲替尼。', small, { languageId: 'plaintext' })).toEqual({ text: '用丙替尼。', edits: 2 });
    expect(fixAllSafe('用丙替尼。', small, { languageId: 'plaintext' })).toEqual({ text: '用丙替尼。', edits: 0 });
  });

  it('a workspace tie goes to the standard name', () => {
    const options = { severity: 'information' as const, conceptName: (id: string) => id };
    const synonymText = '本章使用免疫调节药物。';
    const standardText = '本章使用免疫调节剂。';
    const synonym = analyze(synonymText, small, { languageId: 'plaintext' }).matches;
    const standard = analyze(standardText, small, { languageId: 'plaintext' }).matches;
    // One use each: the tie goes to 免疫调节剂, so the file that writes the synonym is told, and the other is not.
    const onSynonym = crossFileFindings('a', synonym, [{ uri: 'b', forms: fileForms(standard) }], options);
    expect(
      onSynonym.map((finding) => [
        finding.conceptId,
        synonymText.slice(finding.span.start, finding.span.end),
        finding.fixes[0]!.edits[0]!.newText,
      ]),
    ).toEqual([['immunomodulator', '免疫调节药物', '免疫调节剂']]);
    expect(crossFileFindings('b', standard, [{ uri: 'a', forms: fileForms(synonym) }], options)).toEqual([]);
  });

  it('a parameter missing from a message stays visible as {name} (so the test below can see it)', () => {
    expect(formatMessage({ id: 'nonstandard-name.fix', params: {} }, 'en')).toBe('Replace with “{replacement}”');
  });

  it('every message a rule emits has each of its template parameters (no "{name}" left in zh or en)', () => {
    const text = '用甲替尼，乙替尼。PFS 延长；免疫调节剂与免疫调节药物；蛋白酶抑制剂。IMiD 类。接受卡菲佐米。';
    const everyRule = {
      languageId: 'plaintext',
      rules: Object.fromEntries(RULES.map((rule) => [rule.id, 'warning' as const])),
    };
    // 泛柔比星 is built like a drug name (柔 of 多柔比星, the stem 比星) and near no name of the small dictionary.
    const findings: readonly Finding[] = [
      ...analyze(text, small, everyRule).findings,
      ...analyze('新药泛柔比星上市。', small, everyRule).findings,
    ];
    const rulesSeen = new Set(findings.map((finding) => finding.ruleId));
    // The text reaches every rule, so that a template of each is checked.
    expect([...rulesSeen].sort()).toEqual(RULES.map((rule) => rule.id).sort());
    const messages: Message[] = findings.flatMap((finding) => [
      finding.message,
      ...finding.fixes.map((fix) => fix.title),
      ...(finding.related ?? []).map((related) => related.message),
    ]);
    for (const message of messages) {
      for (const locale of ['zh-cn', 'en'] as const)
        expect(formatMessage(message, locale), `${message.id} (${locale})`).not.toMatch(/\{\w+\}/);
    }
  });
});
