import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary, parseDictionary } from '../../../server/src/engine';

/**
 * Which form inconsistent-term keeps (the majority; a tie goes to the standard name, then to the form used
 * first) and what its findings carry, with a small inline dictionary.
 */
const small = buildDictionary([
  parseDictionary(
    `entries:
  - id: immunomodulator
    category: drug-class
    zh: 免疫调节剂
    en: immunomodulatory drug
    accepted:
      - { text: 免疫调节药物, kind: synonym }
      - { text: 免疫调节类药, kind: synonym }
    cite: [{ source: test }]
`,
    'small.yaml',
    'builtin',
  ),
]);

const STANDARD = '免疫调节剂';
const SYNONYM = '免疫调节药物';
const OTHER = '免疫调节类药';

function inconsistent(text: string) {
  return analyze(text, small, { languageId: 'plaintext' }).findings.filter(
    (finding) => finding.ruleId === 'inconsistent-term',
  );
}

/** The text of each finding and the form its first fix writes. */
const flagged = (text: string) =>
  inconsistent(text).map((finding) => [
    text.slice(finding.span.start, finding.span.end),
    finding.fixes[0]!.edits[0]!.newText,
  ]);

describe('inconsistent-term: the form kept', () => {
  it('is the majority form, even when a minority form came first', () => {
    expect(flagged(`${STANDARD}；${SYNONYM}；${SYNONYM}。`)).toEqual([[STANDARD, SYNONYM]]);
    expect(flagged(`${OTHER}；${SYNONYM}；${SYNONYM}。`)).toEqual([[OTHER, SYNONYM]]);
  });

  it('is the standard name on a tie, whichever came first', () => {
    expect(flagged(`${STANDARD}；${SYNONYM}。`)).toEqual([[SYNONYM, STANDARD]]);
    expect(flagged(`${SYNONYM}；${STANDARD}。`)).toEqual([[SYNONYM, STANDARD]]);
  });

  it('is the form used first on a tie between two synonyms', () => {
    expect(flagged(`${OTHER}；${SYNONYM}。`)).toEqual([[SYNONYM, OTHER]]);
    expect(flagged(`${SYNONYM}；${OTHER}。`)).toEqual([[OTHER, SYNONYM]]);
  });
});

describe('inconsistent-term: its finding', () => {
  it('has the message, both fixes as suggestions, and at most three related uses of the form kept', () => {
    const text = `${STANDARD}、${STANDARD}、${STANDARD}、${STANDARD}；${SYNONYM}。`;
    const [finding, ...rest] = inconsistent(text);
    expect(rest).toEqual([]);
    const span = { start: 24, end: 30 };
    expect(text.slice(span.start, span.end)).toBe(SYNONYM);
    expect(finding!.span).toEqual(span);
    expect(finding!.message).toEqual({
      id: 'inconsistent-term.message',
      params: { text: SYNONYM, preferred: STANDARD, count: 4, en: 'immunomodulatory drug' },
    });
    expect(finding!.fixes).toEqual([
      {
        tier: 'suggestion',
        title: { id: 'inconsistent-term.fix.one', params: { preferred: STANDARD } },
        edits: [{ span, newText: STANDARD }],
      },
      {
        tier: 'suggestion',
        scope: 'document',
        title: { id: 'inconsistent-term.fix.all', params: { preferred: STANDARD, count: 1 } },
        edits: [{ span, newText: STANDARD }],
      },
    ]);
    expect(finding!.related).toEqual(
      [0, 6, 12].map((start) => ({
        span: { start, end: start + 5 },
        message: { id: 'inconsistent-term.related', params: { preferred: STANDARD } },
      })),
    );
  });
});
