import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyze, applyEdits, docx, safeEdits } from '../../server/src/engine';
import { builtinDictionary } from '../helpers/dictionary';
import { makeDocx, revisedText, type RunSpec } from '../helpers/docx';

/**
 * Word documents under property tests: any document of runs (terms, variants, XML-special, astral and
 * space characters; bold, italic, hidden) reads back as its visible text; its tracked-changes copy reads
 * as the fixed text when accepted and as the original when rejected; damaged bytes give a DocxError, never
 * another exception.
 */
const dictionary = builtinDictionary();
const variants = [
  ...new Set(
    dictionary
      .surfaceList()
      .filter((surface) => surface.role === 'variant')
      .map((surface) => surface.text),
  ),
];
const surfaces = [...new Set(dictionary.surfaceList().map((surface) => surface.text))].slice(0, 400);
const SPECIAL = [
  '&',
  '<',
  '>',
  '"',
  "'",
  '&amp;',
  '😀',
  '𠀀',
  ' ',
  '  ',
  '\u3000',
  '\t',
  '，',
  '。',
  'a',
  'B',
  '1',
  '埃雷',
  '妥珠单抗',
  '达雷',
  '木单抗',
  '利那',
  '度胺',
];

const runText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...variants) },
      { weight: 2, arbitrary: fc.constantFrom(...surfaces) },
      { weight: 4, arbitrary: fc.constantFrom(...SPECIAL) },
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((parts) => parts.join(''));
const run = fc.record({
  text: runText,
  bold: fc.boolean(),
  italic: fc.boolean(),
  hidden: fc.integer({ min: 0, max: 9 }).map((draw) => draw < 2),
});
const paragraphs = fc.array(fc.array(run, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });

function visibleText(body: readonly (readonly RunSpec[])[]): string {
  return body
    .map((runs) =>
      runs
        .filter((spec) => !spec.hidden)
        .map((spec) => spec.text)
        .join(''),
    )
    .filter((text) => text.trim() !== '')
    .join('\n\n');
}

describe('docx property tests', () => {
  it('reads any document of runs as its visible text, and its tracked changes accept to the fixes and reject to the original', () => {
    fc.assert(
      fc.property(paragraphs, (body) => {
        const bytes = makeDocx({ body });
        const document = docx.readDocx(bytes);
        expect(document.text).toBe(visibleText(body));
        const edits = safeEdits(analyze(document.text, dictionary, { languageId: docx.DOCX_LANGUAGE_ID }).findings);
        const result = docx.writeTrackedChanges(document, edits, { date: '2026-01-01T00:00:00Z' });
        expect(result.applied.length + result.skipped.length).toBe(edits.length);
        if (!result.bytes) return;
        expect(docx.readDocx(result.bytes).text).toBe(applyEdits(document.text, result.applied));
        const before = strFromU8(unzipSync(bytes)['word/document.xml']!);
        const after = strFromU8(unzipSync(result.bytes)['word/document.xml']!);
        expect(revisedText(after, 'reject')).toEqual(revisedText(before, 'accept'));
      }),
      { numRuns: 150 },
    );
  });

  it('gives a DocxError, never another exception, for damaged bytes', () => {
    const bytes = makeDocx({
      body: [[{ text: '埃雷', bold: true }, '妥珠单抗与利那度胺'], ['达雷木单抗']],
      footnotes: [['脚注']],
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.option(fc.nat({ max: bytes.length }), { nil: undefined }),
        (flips, cut) => {
          const damaged = bytes.slice(0, cut ?? bytes.length);
          for (const [at, mask] of flips) if (at < damaged.length) damaged[at]! ^= mask;
          try {
            docx.readDocx(damaged);
          } catch (error) {
            expect(error).toBeInstanceOf(docx.DocxError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
