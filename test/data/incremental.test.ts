import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis, type Dictionary } from '../../server/src/engine';
import { builtinDictionary, review } from '../helpers/dictionary';

/**
 * The incremental oracle over the shipped dictionary (every shipped name, shared key and rule interaction), on
 * the forms below and on the review. The same oracle over inline dictionaries, and the tests of what is reused, are
 * in test/engine/incremental.test.ts.
 *
 * An analysis given the analysis of the previous version (options.previous) reuses its matches outside the
 * edited part (engine/incremental.ts). It must give exactly what an analysis from scratch gives, whatever
 * the edit: inside a term, across a paragraph break, opening a code block or a URL that changes what is
 * skipped further on, next to Latin words, full-width letters, white space of every kind, NUL.
 */

const plain = (analysis: Analysis) => ({
  matches: analysis.matches.map((match) => ({
    span: match.span,
    text: match.text,
    conceptId: match.conceptId,
    surface: match.surface.text,
    role: match.surface.role,
  })),
  regimens: analysis.regimenMentions,
  findings: analysis.findings,
});

function expectSame(text: string, dictionary: Dictionary, languageId: string, previous: Analysis): Analysis {
  const incremental = analyze(text, dictionary, { languageId, previous });
  const scratch = analyze(text, dictionary, { languageId });
  expect(plain(incremental)).toEqual(plain(scratch));
  return incremental;
}

const dictionary = builtinDictionary();
const forms = [
  '来那度胺',
  '利那度胺',
  '硼替佐米',
  '地塞米松',
  '达雷妥尤单抗',
  '达雷木单抗',
  '埃雷妥珠单抗',
  '多发性骨髓瘤',
  '多发性骨髓',
  '骨髓瘤',
  'PFS',
  'pfs',
  'VRd',
  'KRd',
  'bortezomib',
  'Bortezomib',
  'multiple myeloma',
  'multiple  myeloma',
  '蛋白酶抑制剂',
  '蛋白酶体抑制剂',
  '无进展生存期',
  'CAR-T',
  'ＰＦＳ',
  '自体造血干细胞移植',
  '自体干细胞移植',
];
const pieces = [
  '，',
  '。',
  '和',
  '联合',
  '、',
  ' ',
  '\t',
  '\u3000',
  '\n',
  '\n\n',
  '\r\n',
  '\r\n\r\n',
  '（',
  '）',
  '(',
  ')',
  'a',
  'x1',
  '2',
  '7',
  'q',
  'Ｚ',
  '`',
  '```\n',
  '~~~\n',
  '$',
  '\\',
  '\\cite{a}',
  '%',
  'http://e.org/',
  ' www.',
  '<!--',
  '-->',
  '[t](',
  '---\n',
  '\u0000',
  '\uD842',
  '\uDFB7',
  '髓',
  '瘤',
  '多',
  '抑制剂',
];
const fragment = fc
  .array(fc.oneof(fc.constantFrom(...forms), fc.constantFrom(...pieces)), { maxLength: 12 })
  .map((parts) => parts.join(''));
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 12 }),
  insert: fragment,
});

function applyEdit(text: string, change: { at: number; remove: number; insert: string }): string {
  const at = Math.min(text.length, Math.floor(change.at * (text.length + 1)));
  return text.slice(0, at) + change.insert + text.slice(Math.min(text.length, at + change.remove));
}

describe('incremental analysis with the shipped dictionary', () => {
  for (const languageId of ['markdown', 'latex', 'plaintext']) {
    it(`equals an analysis from scratch after any sequence of edits (${languageId})`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.constantFrom(...forms), fc.constantFrom(...pieces)), { maxLength: 60 }),
          fc.array(edit, { minLength: 1, maxLength: 6 }),
          (parts, edits) => {
            let text = parts.join('');
            let previous = analyze(text, dictionary, { languageId });
            for (const change of edits) {
              text = applyEdit(text, change);
              previous = expectSame(text, dictionary, languageId, previous);
            }
          },
        ),
        { numRuns: 400 },
      );
    });
  }

  it('equals an analysis from scratch on the review, for edits anywhere in it', () => {
    const base = review();
    fc.assert(
      fc.property(edit, (change) => {
        expectSame(
          applyEdit(base, change),
          dictionary,
          'markdown',
          analyze(base, dictionary, { languageId: 'markdown' }),
        );
      }),
      { numRuns: 150 },
    );
  });
});
