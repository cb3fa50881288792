import type { Edit, Fix } from '../types';
import { isLatinWordChar } from './characters';

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
  const original = text.slice(edit.span.start, edit.span.end);
  if (!/[\r\n]/.test(original)) return edit;
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
    breaks.push({ index: betweenWords ? content.length - 1 : content.length, run: found[0], replacesSpace: betweenWords });
  }
  content += original.slice(cursor);
  const replacement = edit.newText;
  let prefix = 0;
  const shorter = Math.min(content.length, replacement.length);
  while (prefix < shorter && content[prefix] === replacement[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && content[content.length - 1 - suffix] === replacement[replacement.length - 1 - suffix]) suffix++;
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

/** `keepLineBreaks` over every edit of a finding's fixes (unchanged, and not copied, when no span holds a break). */
export function fixesKeepingLineBreaks(text: string, fixes: readonly Fix[]): readonly Fix[] {
  if (!fixes.some((fix) => fix.edits.some((edit) => /[\r\n]/.test(text.slice(edit.span.start, edit.span.end))))) return fixes;
  return fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => keepLineBreaks(text, edit)) }));
}
