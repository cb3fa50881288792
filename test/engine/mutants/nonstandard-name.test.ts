import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, parseDictionary } from '../../../server/src/engine';

/**
 * The transition form 标准名（旧名） of nonstandard-name needs both brackets: the standard name right before an
 * opening bracket, and a closing one right after the old name. A small inline dictionary.
 */
const small = buildDictionary([
  parseDictionary(
    `entries:
  - id: doxorubicin
    category: drug
    zh: 多柔比星
    en: doxorubicin
    variants:
      - { text: 阿霉素, kind: outdated, note: { zh: 旧名, en: old name } }
    cite: [{ source: test }]
`,
    'small.yaml',
    'builtin',
  ),
]);

const flagged = (text: string): string[] =>
  analyze(text, small, { languageId: 'plaintext' })
    .findings.filter((finding) => finding.ruleId === 'nonstandard-name')
    .map((finding) => text.slice(finding.span.start, finding.span.end));

describe('nonstandard-name: the transition form needs its opening bracket', () => {
  it('accepts 多柔比星（阿霉素） and 多柔比星 (阿霉素)', () => {
    expect(flagged('多柔比星（阿霉素）')).toEqual([]);
    expect(flagged('多柔比星 (阿霉素)')).toEqual([]);
  });

  it('flags the old name after the standard name without an opening bracket (多柔比星阿霉素）)', () => {
    expect(flagged('多柔比星阿霉素）')).toEqual(['阿霉素']);
    expect(flagged('多柔比星、阿霉素)')).toEqual(['阿霉素']);
  });
});
