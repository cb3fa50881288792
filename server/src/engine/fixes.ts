import { analyze, type AnalysisOptions } from './analysis';
import type { Dictionary } from './dictionary/dictionary';
import type { Edit, Finding } from './types';
import { compareSpans } from './collections';

/** Apply non-overlapping edits (an edit overlapping an earlier-starting one is dropped). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort(compareSpans);
  const parts: string[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.span.start < cursor) continue;
    parts.push(text.slice(cursor, edit.span.start), edit.newText);
    cursor = edit.span.end;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/** The edits of every safe fix (at most one per finding), without overlaps. */
export function safeEdits(findings: readonly Finding[]): Edit[] {
  const edits: Edit[] = [];
  let cursor = -1;
  for (const finding of [...findings].sort((a, b) => a.span.start - b.span.start)) {
    const fix = finding.fixes.find((candidate) => candidate.tier === 'safe');
    if (!fix) continue;
    const first = fix.edits[0];
    if (!first || first.span.start < cursor) continue;
    edits.push(...fix.edits);
    cursor = Math.max(...fix.edits.map((edit) => edit.span.end));
  }
  return edits;
}

/**
 * Apply safe fixes until none is left (a fix can reveal another, rarely); bounded so that a data
 * cycle (A → B → A) can never loop.
 */
export function fixAllSafe(
  text: string,
  dictionary: Dictionary,
  options: AnalysisOptions = {},
): { text: string; edits: number } {
  let current = text;
  let total = 0;
  for (let pass = 0; pass < 5; pass++) {
    const edits = safeEdits(analyze(current, dictionary, options).findings);
    if (edits.length === 0) break;
    current = applyEdits(current, edits);
    total += edits.length;
  }
  return { text: current, edits: total };
}
