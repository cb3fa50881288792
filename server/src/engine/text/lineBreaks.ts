import type { Edit, Fix } from '../types';
import { isLatinWordChar, isLineBreak } from './characters';

/** White space holding a line break: a soft line break, with a list continuation's indentation around it. */
const BREAK_RUN = /[ \t\u3000]*(?:\r\n|\r|\n)[ \t\u3000]*(?:(?:\r\n|\r|\n)[ \t\u3000]*)*/g;

/**
 * A term can be matched across a soft line break (利那\n度胺: the matcher folds white space next to CJK
 * away). Replacing the whole span would delete the break and its CRLF and change the file's lines, so the
 * replacement gets the break back: where the old and new text agree (common prefix or suffix) it stays at
 * the same character, inside the changed part at the same offset (clamped), and between two Latin words
 * it takes the place of the replacement's space.
 */
export function keepLineBreaks(text: string, edit: Edit): Edit {
  let crosses = false;
  for (let i = edit.span.start; i < edit.span.end && !crosses; i++) crosses = isLineBreak(text.charCodeAt(i));
  if (!crosses) return edit;
  const original = text.slice(edit.span.start, edit.span.end);
  interface Break {
    readonly index: number;
    readonly run: string;
    readonly replacesSpace: boolean;
  }
  const breaks: Break[] = [];
  let content = '';
  let cursor = 0;
  for (const found of original.matchAll(BREAK_RUN)) {
    const at = found.index;
    content += original.slice(cursor, at);
    cursor = at + found[0].length;
    const before = original.charCodeAt(at - 1);
    const after = original.charCodeAt(cursor);
    const betweenWords = isLatinWordChar(before) && isLatinWordChar(after);
    if (betweenWords) content += ' ';
    breaks.push({
      index: betweenWords ? content.length - 1 : content.length,
      run: found[0],
      replacesSpace: betweenWords,
    });
  }
  content += original.slice(cursor);
  const replacement = edit.newText;
  let prefix = 0;
  const shorter = Math.min(content.length, replacement.length);
  while (prefix < shorter && content[prefix] === replacement[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    content[content.length - 1 - suffix] === replacement[replacement.length - 1 - suffix]
  )
    suffix++;
  const placed = breaks.map((entry) => {
    let index: number;
    if (entry.index <= prefix) index = entry.index;
    else if (entry.index >= content.length - suffix) index = replacement.length - (content.length - entry.index);
    else index = Math.min(entry.index, replacement.length - suffix);
    return { ...entry, index };
  });
  let result = replacement;
  // From the last break to the first, so that earlier indexes stay valid.
  for (const entry of placed.reverse()) {
    const takesSpace = entry.replacesSpace && result[entry.index] === ' ';
    result = result.slice(0, entry.index) + entry.run + result.slice(entry.index + (takesSpace ? 1 : 0));
  }
  return { span: edit.span, newText: result };
}

/**
 * `keepLineBreaks` over the edits of findings' fixes, for one text: `(fixes) => fixes`, returning the same
 * objects when no edit spans a break. A "fix all in this document" edit list is shared by every finding of
 * its concept, so each list is looked at once (looking at it per finding was quadratic: 35,000 findings of a
 * 10 MB text took 45 s).
 */
export function lineBreakKeeper(text: string): (fixes: readonly Fix[]) => readonly Fix[] {
  const seen = new Map<readonly Edit[], readonly Edit[]>();
  const editsFor = (edits: readonly Edit[]): readonly Edit[] => {
    let kept = seen.get(edits);
    if (!kept) {
      let changed = false;
      const mapped = edits.map((edit) => {
        const next = keepLineBreaks(text, edit);
        if (next !== edit) changed = true;
        return next;
      });
      kept = changed ? mapped : edits;
      seen.set(edits, kept);
    }
    return kept;
  };
  return (fixes) => {
    let changed = false;
    const mapped = fixes.map((fix) => {
      const edits = editsFor(fix.edits);
      if (edits === fix.edits) return fix;
      changed = true;
      return { ...fix, edits };
    });
    return changed ? mapped : fixes;
  };
}
