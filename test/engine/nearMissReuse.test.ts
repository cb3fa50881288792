import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { analyze, documentKind, skippedRegions, type Dictionary, type Span } from '../../server/src/engine';
import { byLines, type LineResults } from '../../server/src/engine/nearMiss/chunks';
import { builtinDictionary, review } from '../helpers/dictionary';

/**
 * The near-miss scans reuse the result of an earlier text where it agrees with the new one (nearMiss/chunks.ts):
 * the units before the first difference and after the last, of characters or of spans. The result must be
 * exactly that of a scan from scratch, whatever the edit and however the terms and skipped regions moved.
 */

interface Item {
  readonly span: Span;
  readonly seen: string;
}

/** A scan that reports everything it was given: the unit's text and spans, and one item per 'x' or '药'. */
function scanUnit(line: string, matches: readonly Span[], skip: readonly Span[]): Item[] {
  const out: Item[] = [
    { span: { start: 0, end: 0 }, seen: `${line}|${JSON.stringify(matches)}|${JSON.stringify(skip)}` },
  ];
  for (let i = 0; i < line.length; i++)
    if (line[i] === 'x' || line[i] === '药') out.push({ span: { start: i, end: i + 1 }, seen: line[i]! });
  return out;
}

const shift = (item: Item, offset: number): Item => ({
  ...item,
  span: { start: item.span.start + offset, end: item.span.end + offset },
});

function results(
  text: string,
  matches: Span[],
  skip: Span[],
  previous?: LineResults<Item>,
  shortest = 0,
): LineResults<Item> {
  return { text, matches, skip, items: byLines(text, matches, skip, previous, scanUnit, shift, shortest) };
}

/** Sorted, non-overlapping spans inside [0, length), from cut points (a span may cross line breaks). */
function spansOf(length: number, cuts: readonly number[]): Span[] {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * (length + 1))))].sort((a, b) => a - b);
  const out: Span[] = [];
  for (let k = 0; k + 1 < points.length; k += 2)
    if (points[k]! < points[k + 1]!) out.push({ start: points[k]!, end: points[k + 1]! });
  return out;
}

const piece = fc.constantFrom('x', '药', 'a', '\n', '\n\n', '，', ' ', '名');
const chunk = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
const cuts = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 });

/** The spans of the edited text: the old ones outside the edit (shifted), some dropped, new ones added. */
function editedSpans(
  old: readonly Span[],
  at: number,
  removed: number,
  inserted: number,
  length: number,
  extra: Span[],
) {
  const kept = old
    .filter((span) => span.end <= at || span.start >= at + removed)
    .map((span) =>
      span.start >= at + removed
        ? { start: span.start - removed + inserted, end: span.end - removed + inserted }
        : span,
    );
  const all = [...kept, ...extra].filter((span) => span.end <= length).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const span of all) if (out.length === 0 || span.start >= out[out.length - 1]!.end) out.push(span);
  return out;
}

describe('near-miss reuse of an earlier result (nearMiss/chunks.ts)', () => {
  it('equals a scan from scratch after any sequence of edits of the text and of its spans', () => {
    fc.assert(
      fc.property(
        chunk,
        cuts,
        cuts,
        fc.array(
          fc.record({
            at: fc.double({ min: 0, max: 1, noNaN: true }),
            remove: fc.nat({ max: 8 }),
            insert: chunk,
            matches: cuts,
            skip: cuts,
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (start, matchCuts, skipCuts, edits) => {
          let text = start;
          let matches = spansOf(text.length, matchCuts);
          let skip = spansOf(text.length, skipCuts);
          let previous = results(text, matches, skip);
          let shortPrevious = results(text, matches, skip, undefined, 3);
          for (const edit of edits) {
            const at = Math.min(text.length, Math.floor(edit.at * (text.length + 1)));
            const removed = Math.min(edit.remove, text.length - at);
            text = text.slice(0, at) + edit.insert + text.slice(at + removed);
            matches = editedSpans(
              matches,
              at,
              removed,
              edit.insert.length,
              text.length,
              spansOf(text.length, edit.matches).slice(0, 1),
            );
            skip = editedSpans(
              skip,
              at,
              removed,
              edit.insert.length,
              text.length,
              spansOf(text.length, edit.skip).slice(0, 1),
            );
            const reused = results(text, matches, skip, previous);
            expect(reused.items).toEqual(results(text, matches, skip).items);
            // Units shorter than three characters left out (as the near-miss scans do), reused or not.
            const longer = results(text, matches, skip, shortPrevious, 3);
            expect(longer.items).toEqual(results(text, matches, skip, undefined, 3).items);
            shortPrevious = longer;
            previous = reused;
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('equals a scan from scratch when only the spans change (a term recognised after a dictionary edit)', () => {
    const text = 'x药\n名x\n\n药a x\n';
    const before = results(text, [{ start: 4, end: 5 }], []);
    const after = results(text, [{ start: 1, end: 5 }], [], before);
    expect(after.items).toEqual(results(text, [{ start: 1, end: 5 }], []).items);
    // 药 at 1 is inside the new term's unit (lines 1 and 2 joined): that unit was scanned again.
    expect(after.items[0]!.seen).toBe('x药\n名x\n|[{"start":1,"end":5}]|[]');
  });

  it('scans no unit shorter than the shortest given (blank lines)', () => {
    const text = 'x\n\n药\nxx\n';
    expect(results(text, [], [], undefined, 3).items.map((item) => [item.span.start, item.seen])).toEqual([
      [5, 'xx\n|[]|[]'],
      [5, 'x'],
      [6, 'x'],
    ]);
  });

  it('keeps the items of the units before and after the edit (the same objects, shifted after it)', () => {
    const text = 'x\n药\nax\n';
    const before = results(text, [], []);
    const after = results('x\n药药\nax\n', [], [], before);
    expect(after.items[0]).toBe(before.items[0]);
    expect(after.items.map((item) => [item.span.start, item.seen])).toEqual([
      [0, 'x\n|[]|[]'],
      [0, 'x'],
      [2, '药药\n|[]|[]'],
      [2, '药'],
      [3, '药'],
      [5, 'ax\n|[]|[]'],
      [6, 'x'],
    ]);
  });
});

describe('near-miss scan of edited versions of the review equals a scan from scratch', () => {
  const kind = documentKind('markdown');
  const off = { 'near-miss-name': 'off', 'unknown-drug-name': 'off' } as const;
  const slips = ['伊莎佐米', '卡非佐米', '来那度安', '泛柔比星', 'carfillzomib ', 'proteasome inhibrtors', '\n', '。'];

  async function freshScan(text: string, dictionary: Dictionary) {
    vi.resetModules();
    const { scanNearMisses } = await import('../../server/src/engine/nearMiss/scan');
    const analysis = analyze(text, dictionary, { languageId: 'markdown', rules: off });
    return scanNearMisses(text, analysis.matches, skippedRegions(text, kind), dictionary);
  }

  it('after inserting slips and deleting text at places across the review', async () => {
    const { scanNearMisses } = await import('../../server/src/engine/nearMiss/scan');
    const dictionary = builtinDictionary();
    let text = review();
    const scanOf = (version: string) => {
      const analysis = analyze(version, dictionary, { languageId: 'markdown', rules: off });
      return scanNearMisses(version, analysis.matches, skippedRegions(version, kind), dictionary);
    };
    scanOf(text);
    for (let step = 0; step < 12; step++) {
      const at = Math.floor((((step * 7919) % 1000) / 1000) * text.length);
      text =
        step % 3 === 2
          ? text.slice(0, at) + text.slice(at + 40)
          : text.slice(0, at) + slips[step % slips.length]! + text.slice(at);
      const reused = scanOf(text);
      expect(JSON.parse(JSON.stringify(reused))).toEqual(JSON.parse(JSON.stringify(await freshScan(text, dictionary))));
    }
  });
});
