import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, applyEdits, complete, fixAllSafe, hoverAt, safeEdits } from '../../server/src/engine';
import { builtinDictionary } from '../helpers/dictionary';

/**
 * Any text: property tests over generated documents. The engine never throws; every span lies inside
 * the document and never splits a surrogate pair; safe fixes converge, touch nothing else, and are
 * idempotent; hover and completion answer anywhere.
 */
const dictionary = builtinDictionary();
const surfaces = [...new Set(dictionary.surfaceList().map((surface) => surface.text))];
const variants = [
  ...new Set(
    dictionary
      .surfaceList()
      .filter((surface) => surface.role === 'variant')
      .map((surface) => surface.text),
  ),
];

const SPECIAL = [
  '😀',
  '𠀀',
  '𩸽',
  'e\u0301',
  '\u0301',
  'مرحبا',
  'שלום',
  '\u202e',
  '\r\n',
  '\r',
  '\n',
  '\n\n',
  '\ufeff',
  '\u0000',
  '\ud800',
  '\udc00',
  '\ud83d',
  'ＫＲｄ',
  '（',
  '）',
  '(',
  ')',
  ' ',
  '\u3000',
  '\t',
  '，',
  '。',
  '、',
  '+',
  'a',
  'B',
  '1',
  '-',
  '/',
  '`',
  '```\n',
  '~~~\n',
  '$',
  '$$',
  '\\textbf{',
  '\\cite{',
  '}',
  '%',
  '[链接](',
  'https://x.org/a_b',
  '<!--',
  '-->',
  '---\n',
];

const fragment = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...surfaces) },
  { weight: 3, arbitrary: fc.constantFrom(...variants) },
  { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('多发性骨髓', '瘤', '地塞米', '松', '埃雷妥珠', '单抗', 'PF', 'S') },
);
const documentText = fc.oneof(
  { weight: 9, arbitrary: fc.array(fragment, { maxLength: 60 }).map((parts) => parts.join('')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('a', '硼', ' '),
        fc.integer({ min: 2_000, max: 20_000 }),
        fc.array(fragment, { maxLength: 5 }),
      )
      .map(([unit, count, parts]) => unit.repeat(count) + parts.join('')),
  },
);
const languageId = fc.constantFrom('plaintext', 'markdown', 'latex');

const isHigh = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
const splitsPair = (text: string, offset: number): boolean =>
  offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));

export const GENERATED = { analyse: 3000, fixes: 1500, features: 1000 };

describe('any text', () => {
  it(`analyses ${GENERATED.analyse} generated documents without throwing, with spans inside the text that never split a surrogate pair`, () => {
    fc.assert(
      fc.property(documentText, languageId, (text, language) => {
        const analysis = analyze(text, dictionary, { languageId: language });
        for (const item of [...analysis.matches, ...analysis.findings, ...analysis.regimenMentions]) {
          expect(item.span.start).toBeGreaterThanOrEqual(0);
          expect(item.span.end).toBeLessThanOrEqual(text.length);
          expect(item.span.start).toBeLessThan(item.span.end);
          expect(splitsPair(text, item.span.start) || splitsPair(text, item.span.end)).toBe(false);
        }
        for (const finding of analysis.findings)
          for (const fix of finding.fixes)
            for (const edit of fix.edits) expect(edit.span.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: GENERATED.analyse },
    );
  });

  it(`applies safe fixes to ${GENERATED.fixes} generated documents: nothing safe is left, nothing else changes, twice changes nothing more`, () => {
    let withFixes = 0;
    fc.assert(
      fc.property(documentText, languageId, (text, language) => {
        const options = { languageId: language };
        // One pass: every character outside the edited spans is kept, in order.
        const edits = safeEdits(analyze(text, dictionary, options).findings);
        if (edits.length > 0) withFixes++;
        const once = applyEdits(text, edits);
        let cursor = 0;
        let position = 0;
        for (const edit of [...edits].sort((a, b) => a.span.start - b.span.start)) {
          const kept = text.slice(cursor, edit.span.start);
          expect(once.slice(position, position + kept.length)).toBe(kept);
          position += kept.length + edit.newText.length;
          cursor = edit.span.end;
        }
        expect(once.slice(position)).toBe(text.slice(cursor));
        // To the end: no safe finding is left, and fixing again changes nothing.
        const fixed = fixAllSafe(text, dictionary, options).text;
        expect(safeEdits(analyze(fixed, dictionary, options).findings)).toEqual([]);
        expect(fixAllSafe(fixed, dictionary, options).text).toBe(fixed);
      }),
      { numRuns: GENERATED.fixes },
    );
    // The property is only worth something if the generator produces fixable text often.
    expect(withFixes).toBeGreaterThan(GENERATED.fixes / 5);
  });

  it(`answers hover and completion at any offset of ${GENERATED.features} generated documents`, () => {
    fc.assert(
      fc.property(documentText, fc.nat(), (text, seed) => {
        const analysis = analyze(text, dictionary);
        const offset = text.length === 0 ? 0 : seed % (text.length + 1);
        const hover = hoverAt(analysis, dictionary, offset, 'zh-cn');
        if (hover) expect(hover.span.start <= offset && offset < hover.span.end).toBe(true);
        const completion = complete(text, offset, dictionary, { locale: 'en' });
        if (completion) {
          expect(completion.range.end).toBe(offset);
          expect(completion.range.start).toBeGreaterThanOrEqual(0);
          expect(splitsPair(text, completion.range.start)).toBe(false);
        }
      }),
      { numRuns: GENERATED.features },
    );
  });
});
