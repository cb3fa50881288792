import { SaxesParser } from 'saxes';
import type { Edit } from '../types';
import { encodePart, paragraphAt, type DocxDocument } from './document';
import { DocxError } from './errors';
import type { DocxSegment } from './extract';
import { rewriteZip } from './zip';

/**
 * Fixes written as Word tracked changes: each replacement becomes a deletion (w:del) of the old characters
 * and an insertion (w:ins) of the new ones, by author "MedTerm" with a date, so the writer accepts or
 * rejects each in Word or WPS. The edits are spliced into the XML text of the parts at the offsets the
 * reader recorded (no regular expressions over XML, no re-serialisation): a run is closed before the
 * change and reopened after it with the same start tag and properties (w:rPr), so formatting is kept,
 * and the package's other parts are copied byte for byte.
 */

export interface TrackedChangeOptions {
  readonly author?: string;
  /** ISO 8601 date of the revisions (w:date), e.g. 2026-12-07T13:00:00Z. */
  readonly date: string;
}

export interface TrackedChangeResult {
  /** The new package, or undefined when no edit could be written. */
  readonly bytes?: Uint8Array;
  /** Edits written as tracked changes. */
  readonly applied: readonly Edit[];
  /** Edits left out: in field results, earlier revisions, across paragraphs or around tabs and breaks. */
  readonly skipped: readonly Edit[];
}

interface Splice {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function escapeText(text: string): string {
  let out = '';
  for (const character of text)
    out += character === '&' ? '&amp;' : character === '<' ? '&lt;' : character === '>' ? '&gt;' : character;
  return out;
}

function escapeAttribute(text: string): string {
  return escapeText(text).split('"').join('&quot;');
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Shrink an edit to the characters that change (达雷木单抗 → 达雷妥尤单抗 deletes 木, inserts 妥尤). */
export function minimalEdit(text: string, edit: Edit): Edit {
  const old = text.slice(edit.span.start, edit.span.end);
  const replacement = edit.newText;
  let prefix = 0;
  while (prefix < old.length && prefix < replacement.length && old[prefix] === replacement[prefix]) prefix++;
  while (prefix > 0 && (isLowSurrogate(old, prefix) || isLowSurrogate(replacement, prefix))) prefix--;
  let suffix = 0;
  while (
    suffix < old.length - prefix &&
    suffix < replacement.length - prefix &&
    old[old.length - 1 - suffix] === replacement[replacement.length - 1 - suffix]
  )
    suffix++;
  while (
    suffix > 0 &&
    (isLowSurrogate(old, old.length - suffix) || isLowSurrogate(replacement, replacement.length - suffix))
  )
    suffix--;
  return {
    span: { start: edit.span.start + prefix, end: edit.span.end - suffix },
    newText: replacement.slice(prefix, replacement.length - suffix),
  };
}

interface Piece {
  readonly segment: DocxSegment;
  readonly xmlStart: number;
  readonly xmlEnd: number;
}

/** The pieces of editable segments that cover [start, end) exactly, or undefined. */
function cover(segments: readonly DocxSegment[], start: number, end: number): Piece[] | undefined {
  const pieces: Piece[] = [];
  let at = start;
  for (const segment of segments) {
    const segmentEnd = segment.start + segment.text.length;
    if (segmentEnd <= at || segment.start >= end) continue;
    if (segment.start > at || !segment.xml || !segment.run) return undefined;
    const to = Math.min(end, segmentEnd);
    pieces.push({ segment, xmlStart: segment.xml[at - segment.start]!, xmlEnd: segment.xml[to - segment.start]! });
    at = to;
    if (at >= end) break;
  }
  return at >= end ? pieces : undefined;
}

/** The tracked changes for `edits` (spans in document.text), and the new package. */
export function writeTrackedChanges(
  document: DocxDocument,
  edits: readonly Edit[],
  options: TrackedChangeOptions,
): TrackedChangeResult {
  const author = escapeAttribute(options.author ?? 'MedTerm');
  const date = escapeAttribute(options.date);
  let nextId = document.maxId + 1;
  const splices = new Map<string, Splice[]>();
  const preserved = new Set<string>();
  const applied: Edit[] = [];
  const skipped: Edit[] = [];
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let cursor = -1;
  for (const original of sorted) {
    const edit = minimalEdit(document.text, original);
    const paragraph = paragraphAt(document, original.span.start);
    if (
      original.span.start < cursor ||
      !paragraph ||
      original.span.end > paragraph.span.end ||
      (edit.span.start === edit.span.end && edit.newText === '')
    ) {
      skipped.push(original);
      continue;
    }
    const part = paragraph.location.part;
    const source = document.parts.get(part)!;
    // WordprocessingML as the default namespace (no producer MedTerm knows writes it): its attributes would
    // need a prefix of their own, so such a part is read but never edited.
    if (source.prefix === '') {
      skipped.push(original);
      continue;
    }
    const p = `${source.prefix}:`;
    const deletion = edit.span.end > edit.span.start ? cover(paragraph.segments, edit.span.start, edit.span.end) : [];
    // A pure insertion goes after the character before it (or before the one after it).
    let insertAt: Piece | undefined;
    if (deletion && deletion.length === 0) {
      const before =
        edit.span.start > paragraph.span.start
          ? cover(paragraph.segments, edit.span.start - 1, edit.span.start)
          : undefined;
      const after = before ? undefined : cover(paragraph.segments, edit.span.start, edit.span.start + 1);
      insertAt = before?.[0]
        ? { ...before[0], xmlStart: before[0].xmlEnd }
        : after?.[0]
          ? { ...after[0], xmlEnd: after[0].xmlStart }
          : undefined;
    }
    if (!deletion || (deletion.length === 0 && !insertAt)) {
      skipped.push(original);
      continue;
    }
    const list = splices.get(part) ?? [];
    const close = `</${p}t></${p}r>`;
    const reopen = (piece: Piece): string =>
      `${piece.segment.run!.openTag}${piece.segment.run!.properties}<${p}t xml:space="preserve">`;
    const revision = (kind: 'del' | 'ins', content: string): string =>
      `<${p}${kind} ${p}id="${nextId++}" ${p}author="${author}" ${p}date="${date}">${content}</${p}${kind}>`;
    const keepSpaces = (piece: Piece): void => {
      const run = piece.segment.run!;
      const key = `${part}:${run.textTagStart}`;
      if (run.preservesSpace || preserved.has(key)) return;
      preserved.add(key);
      list.push({ start: run.textTagStart, end: run.textTagEnd, text: `<${p}t xml:space="preserve">` });
    };
    const insertion = (piece: Piece): string =>
      edit.newText === ''
        ? ''
        : revision(
            'ins',
            `<${p}r>${piece.segment.run!.properties}<${p}t xml:space="preserve">${escapeText(edit.newText)}</${p}t></${p}r>`,
          );
    if (insertAt) {
      keepSpaces(insertAt);
      list.push({
        start: insertAt.xmlStart,
        end: insertAt.xmlStart,
        text: `${close}${insertion(insertAt)}${reopen(insertAt)}`,
      });
    } else {
      deletion.forEach((piece, index) => {
        keepSpaces(piece);
        const deleted = source.xml.slice(piece.xmlStart, piece.xmlEnd);
        const removed = revision(
          'del',
          `<${p}r>${piece.segment.run!.properties}<${p}delText xml:space="preserve">${deleted}</${p}delText></${p}r>`,
        );
        const added = index === deletion.length - 1 ? insertion(deletion[0]!) : '';
        list.push({ start: piece.xmlStart, end: piece.xmlEnd, text: `${close}${removed}${added}${reopen(piece)}` });
      });
    }
    splices.set(part, list);
    applied.push(original);
    cursor = original.span.end;
  }
  if (applied.length === 0) return { applied, skipped };
  const replacements = new Map<string, Uint8Array>();
  for (const [part, list] of splices) {
    const source = document.parts.get(part)!;
    list.sort((a, b) => a.start - b.start || a.end - b.end);
    let xml = '';
    let at = 0;
    for (const splice of list) {
      xml += source.xml.slice(at, splice.start) + splice.text;
      at = splice.end;
    }
    xml += source.xml.slice(at);
    checkWellFormed(xml, part);
    replacements.set(part, encodePart(xml, source.encoding));
  }
  return { bytes: rewriteZip(document.archive, replacements), applied, skipped };
}

/** A last check before anything is written: the spliced part must still be well-formed XML. */
function checkWellFormed(xml: string, part: string): void {
  const parser = new SaxesParser({ xmlns: false });
  try {
    parser.write(xml).close();
  } catch (error) {
    throw new DocxError('docx.error.xml', { part, detail: (error as Error).message.split('\n')[0] ?? '' });
  }
}
