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
  const writer = new RevisionWriter(document.maxId + 1, options);
  const applied: Edit[] = [];
  const skipped: Edit[] = [];
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let cursor = -1;
  for (const original of sorted) {
    const target = original.span.start < cursor ? undefined : targetOf(document, original);
    if (!target) {
      skipped.push(original);
      continue;
    }
    writer.write(target);
    applied.push(original);
    cursor = original.span.end;
  }
  if (applied.length === 0) return { applied, skipped };
  return { bytes: rewriteZip(document.archive, splicedParts(document, writer.splices)), applied, skipped };
}

/** Where an edit goes: its part, and the characters it deletes or the place it inserts at. */
interface Target {
  /** The edit shrunk to the characters that change. */
  readonly edit: Edit;
  readonly part: string;
  /** The prefix bound to WordprocessingML in the part, with its colon. */
  readonly p: string;
  /** The part's XML. */
  readonly xml: string;
  /** The pieces deleted; none for a pure insertion, which goes at `insertAt`. */
  readonly deletion: readonly Piece[];
  readonly insertAt?: Piece;
}

/** The target of an edit, or undefined when it cannot be written (see TrackedChangeResult.skipped). */
function targetOf(document: DocxDocument, original: Edit): Target | undefined {
  const edit = minimalEdit(document.text, original);
  const paragraph = paragraphAt(document, original.span.start);
  if (!paragraph || original.span.end > paragraph.span.end) return undefined;
  if (edit.span.start === edit.span.end && edit.newText === '') return undefined;
  const part = paragraph.location.part;
  const source = document.parts.get(part)!;
  // WordprocessingML as the default namespace (no producer MedTerm knows writes it): its attributes would
  // need a prefix of their own, so such a part is read but never edited.
  if (source.prefix === '') return undefined;
  const deletion = edit.span.end > edit.span.start ? cover(paragraph.segments, edit.span.start, edit.span.end) : [];
  if (!deletion) return undefined;
  const target = { edit, part, p: `${source.prefix}:`, xml: source.xml, deletion };
  if (deletion.length > 0) return target;
  // A pure insertion goes after the character before it (or before the one after it).
  const before =
    edit.span.start > paragraph.span.start
      ? cover(paragraph.segments, edit.span.start - 1, edit.span.start)
      : undefined;
  const after = before ? undefined : cover(paragraph.segments, edit.span.start, edit.span.start + 1);
  const insertAt = before?.[0]
    ? { ...before[0], xmlStart: before[0].xmlEnd }
    : after?.[0]
      ? { ...after[0], xmlEnd: after[0].xmlStart }
      : undefined;
  return insertAt ? { ...target, insertAt } : undefined;
}

/** The splices of every part, numbering the revisions (w:id) in the order they are written. */
class RevisionWriter {
  readonly splices = new Map<string, Splice[]>();
  /** Text tags (part:offset) already given xml:space="preserve". */
  private readonly preserved = new Set<string>();
  private readonly author: string;
  private readonly date: string;

  constructor(
    private nextId: number,
    options: TrackedChangeOptions,
  ) {
    this.author = escapeAttribute(options.author ?? 'MedTerm');
    this.date = escapeAttribute(options.date);
  }

  write(target: Target): void {
    const list = this.splices.get(target.part) ?? [];
    const { p, insertAt, deletion } = target;
    const close = `</${p}t></${p}r>`;
    if (insertAt) {
      this.keepSpaces(target, list, insertAt);
      const text = `${close}${this.insertion(target, insertAt)}${reopen(p, insertAt)}`;
      list.push({ start: insertAt.xmlStart, end: insertAt.xmlStart, text });
    } else {
      deletion.forEach((piece, index) => {
        this.keepSpaces(target, list, piece);
        const deleted = target.xml.slice(piece.xmlStart, piece.xmlEnd);
        const removed = this.revision(
          p,
          'del',
          `<${p}r>${piece.segment.run!.properties}<${p}delText xml:space="preserve">${deleted}</${p}delText></${p}r>`,
        );
        const added = index === deletion.length - 1 ? this.insertion(target, deletion[0]!) : '';
        list.push({ start: piece.xmlStart, end: piece.xmlEnd, text: `${close}${removed}${added}${reopen(p, piece)}` });
      });
    }
    this.splices.set(target.part, list);
  }

  private revision(p: string, kind: 'del' | 'ins', content: string): string {
    return `<${p}${kind} ${p}id="${this.nextId++}" ${p}author="${this.author}" ${p}date="${this.date}">${content}</${p}${kind}>`;
  }

  /** The inserted run, formatted as `piece`'s run ('' when the edit only deletes). */
  private insertion({ p, edit }: Target, piece: Piece): string {
    if (edit.newText === '') return '';
    const properties = piece.segment.run!.properties;
    return this.revision(
      p,
      'ins',
      `<${p}r>${properties}<${p}t xml:space="preserve">${escapeText(edit.newText)}</${p}t></${p}r>`,
    );
  }

  /** The run split around a change keeps its spaces at the new edges: its w:t gets xml:space="preserve". */
  private keepSpaces({ part, p }: Target, list: Splice[], piece: Piece): void {
    const run = piece.segment.run!;
    const key = `${part}:${run.textTagStart}`;
    if (run.preservesSpace || this.preserved.has(key)) return;
    this.preserved.add(key);
    list.push({ start: run.textTagStart, end: run.textTagEnd, text: `<${p}t xml:space="preserve">` });
  }
}

/** The run reopened after a change: its start tag and properties, and a w:t that keeps spaces. */
function reopen(p: string, piece: Piece): string {
  return `${piece.segment.run!.openTag}${piece.segment.run!.properties}<${p}t xml:space="preserve">`;
}

/** Each changed part's XML with its splices made, checked and encoded as it was. */
function splicedParts(document: DocxDocument, splices: ReadonlyMap<string, Splice[]>): Map<string, Uint8Array> {
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
  return replacements;
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
