import { describe, expect, it } from 'vitest';
import { analyze, applyEdits, type Finding } from '../../server/src/engine';
import { builtinDictionary } from '../helpers/dictionary';

/** The data tests itself: every example of every entry, from → to and accepted as is. */
const dictionary = builtinDictionary();
const TERM_RULES = new Set(['nonstandard-name', 'confusable-term']);

function termFindings(text: string): Finding[] {
  return analyze(text, dictionary).findings.filter((finding) => TERM_RULES.has(finding.ruleId));
}

const cases = [...dictionary.concepts.values()].flatMap((concept) =>
  concept.examples.map((example, index) => ({ id: concept.id, index, example })),
);

describe('dictionary examples', () => {
  it('every entry with variants or confusables carries examples of both kinds of outcome', () => {
    const missing = [...dictionary.concepts.values()]
      .filter((concept) => concept.variants.length > 0 || concept.confusableWith.length > 0)
      .filter((concept) => !concept.examples.some((example) => 'from' in example))
      .map((concept) => concept.id);
    expect(missing).toEqual([]);
  });

  it.each(cases)('$id example $index', ({ example }) => {
    if ('accept' in example) {
      expect(termFindings(example.accept)).toEqual([]);
      return;
    }
    const findings = termFindings(example.from);
    expect(findings.length).toBeGreaterThan(0);
    // Apply each finding's first fix (safe, or the suggestion for clinically weighty cases).
    const edits = findings.map((finding) => finding.fixes[0]!.edits[0]!);
    expect(applyEdits(example.from, edits)).toBe(example.to);
    // …and the result is clean.
    expect(termFindings(example.to)).toEqual([]);
  });
});
