import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Edit, Message, Span } from '../types';
import { DocxError } from './errors';
import { parsePart, type DocxSegment, type ParsedPart } from './extract';
import { DOCX_LIMITS, megabytes, openZip, readEntry, type ZipArchive, type ZipEntry } from './zip';
import { firstIndexWhere } from '../collections';

/**
 * A Word document as one text for the engine: its paragraphs (body, then footnotes, endnotes, headers and
 * footers) joined by blank lines, which no term crosses; every paragraph knows where a person finds it
 * in Word, and every character where it is in which part's XML.
 */

export type DocxPartKind = 'body' | 'footnote' | 'endnote' | 'header' | 'footer';

/** Where a paragraph is, in the terms Word shows. */
export interface DocxLocation {
  readonly kind: DocxPartKind;
  /** The package part, e.g. word/document.xml. */
  readonly part: string;
  /**
   * 1-based paragraph number: in the body, counting the body's paragraphs that hold text (table cells
   * included) in order; in a note, within that note; in a header or footer, within it.
   */
  readonly paragraph: number;
  readonly table?: { readonly table: number; readonly row: number; readonly cell: number };
  /** The note's number as Word shows it (its order of reference in the body). */
  readonly note?: number;
}

export interface DocxParagraph {
  /** Span of the paragraph in the document's text. */
  readonly span: Span;
  readonly location: DocxLocation;
  /** Segments with offsets in the document's text. */
  readonly segments: readonly DocxSegment[];
}

interface PartSource {
  readonly xml: string;
  /** How the part was encoded (and is written back). */
  readonly encoding: PartEncoding;
  readonly prefix: string;
}

export interface DocxDocument {
  readonly text: string;
  readonly paragraphs: readonly DocxParagraph[];
  /** The XML of the parts read, by part name (no leading slash). */
  readonly parts: ReadonlyMap<string, PartSource>;
  readonly archive: ZipArchive;
  /** Largest numeric w:id in the parts read. */
  readonly maxId: number;
}

const RELATIONSHIP_TYPES: Record<string, DocxPartKind> = {
  footnotes: 'footnote',
  endnotes: 'endnote',
  header: 'header',
  footer: 'footer',
};

export type PartEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le';

function decodePart(bytes: Uint8Array): { xml: string; encoding: PartEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { xml: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return {
    xml: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes),
    encoding: bom ? 'utf-8-bom' : 'utf-8',
  };
}

/** The part's text in the encoding it came in. */
export function encodePart(xml: string, encoding: PartEncoding): Uint8Array {
  if (encoding === 'utf-16le') {
    const out = new Uint8Array(2 + xml.length * 2);
    out[0] = 0xff;
    out[1] = 0xfe;
    for (let i = 0; i < xml.length; i++) {
      const code = xml.charCodeAt(i);
      out[2 + i * 2] = code & 0xff;
      out[3 + i * 2] = code >>> 8;
    }
    return out;
  }
  const encoded = new TextEncoder().encode(xml);
  if (encoding === 'utf-8') return encoded;
  const out = new Uint8Array(encoded.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(encoded, 3);
  return out;
}

/** Relationships of a part: target (resolved against the part's folder) by type's last path segment. */
function relationships(xml: string, base: string): { type: string; target: string }[] {
  const out: { type: string; target: string }[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (!tag.name.endsWith('Relationship') || tag.attributes['TargetMode'] === 'External') return;
    const type = tag.attributes['Type'] ?? '';
    const target = tag.attributes['Target'] ?? '';
    out.push({ type: type.slice(type.lastIndexOf('/') + 1), target: resolvePartName(base, target) });
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    throw new DocxError('docx.error.xml', {
      part: 'relationships',
      detail: (error as Error).message.split('\n')[0] ?? '',
    });
  }
  return out;
}

function resolvePartName(base: string, target: string): string {
  const segments = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

/** Read a .docx from its bytes. Throws DocxError (with a message for users) when it cannot. */
export function readDocx(bytes: Uint8Array): DocxDocument {
  const archive = openZip(bytes);
  const entries = new Map(archive.entries.map((entry) => [entry.name, entry]));
  const read = sizeLimitedReader(archive, entries);
  if (entries.has('EncryptedPackage')) throw new DocxError('docx.error.encrypted');
  const packageRelationships = read('_rels/.rels');
  const main =
    (packageRelationships &&
      relationships(packageRelationships.xml, '').find((relation) => relation.type === 'officeDocument')?.target) ||
    'word/document.xml';
  const mainSource = read(main);
  if (!mainSource) throw new DocxError('docx.error.notWord');
  const { parts, parsed } = readParts(read, main, mainSource);
  return {
    ...joinParagraphs(parsed),
    parts,
    archive,
    maxId: Math.max(...parsed.map((entry) => entry.part.maxId)),
  };
}

type ReadPart = (name: string) => { xml: string; encoding: PartEncoding } | undefined;

/** Reads parts by name (undefined when absent), throwing once their sizes together pass DOCX_LIMITS.totalBytes. */
function sizeLimitedReader(archive: ZipArchive, entries: ReadonlyMap<string, ZipEntry>): ReadPart {
  let total = 0;
  return (name) => {
    const entry = entries.get(name);
    if (!entry) return undefined;
    total += entry.size;
    if (total > DOCX_LIMITS.totalBytes)
      throw new DocxError('docx.error.tooLarge', {
        size: megabytes(total),
        limit: DOCX_LIMITS.totalBytes / 1024 / 1024,
      });
    return decodePart(readEntry(archive, entry));
  };
}

interface ParsedEntry {
  readonly kind: DocxPartKind;
  readonly name: string;
  readonly part: ParsedPart;
}

/** The body, then the notes, headers and footers its relationships name (in that order, each part once). */
function readParts(
  read: ReadPart,
  main: string,
  mainSource: { xml: string; encoding: PartEncoding },
): { parts: Map<string, PartSource>; parsed: ParsedEntry[] } {
  const folder = main.slice(0, main.lastIndexOf('/') + 1);
  const mainRelationships = read(`${folder}_rels/${main.slice(folder.length)}.rels`);
  const related = mainRelationships ? relationships(mainRelationships.xml, folder) : [];
  const parts = new Map<string, PartSource>();
  const parsed: ParsedEntry[] = [];
  const body = parsePart(mainSource.xml, main);
  parts.set(main, { ...mainSource, prefix: body.prefix });
  parsed.push({ kind: 'body', name: main, part: body });
  const order: DocxPartKind[] = ['footnote', 'endnote', 'header', 'footer'];
  const others = related
    .filter((relation) => RELATIONSHIP_TYPES[relation.type] !== undefined)
    .sort(
      (a, b) =>
        order.indexOf(RELATIONSHIP_TYPES[a.type]!) - order.indexOf(RELATIONSHIP_TYPES[b.type]!) ||
        a.target.localeCompare(b.target, 'en', { numeric: true }),
    );
  for (const relation of others) {
    if (parts.has(relation.target)) continue;
    const source = read(relation.target);
    if (!source) continue;
    const kind = RELATIONSHIP_TYPES[relation.type]!;
    const part = parsePart(
      source.xml,
      relation.target,
      kind === 'footnote' ? 'footnote' : kind === 'endnote' ? 'endnote' : undefined,
    );
    parts.set(relation.target, { ...source, prefix: part.prefix });
    parsed.push({ kind, name: relation.target, part });
  }
  return { parts, parsed };
}

/** The document's text: every part's paragraphs joined by blank lines, each with its span and location. */
function joinParagraphs(parsed: readonly ParsedEntry[]): { text: string; paragraphs: DocxParagraph[] } {
  const body = parsed[0]!.part;
  const noteNumbers = { footnote: numbering(body.footnoteReferences), endnote: numbering(body.endnoteReferences) };
  const paragraphs: DocxParagraph[] = [];
  const texts: string[] = [];
  let offset = 0;
  for (const { kind, name, part } of parsed) {
    let counter = 0;
    let previousNote: string | undefined;
    for (const paragraph of part.paragraphs) {
      if (paragraph.noteId !== previousNote) counter = 0;
      previousNote = paragraph.noteId;
      counter++;
      const note =
        paragraph.noteId === undefined || (kind !== 'footnote' && kind !== 'endnote')
          ? undefined
          : (noteNumbers[kind].get(paragraph.noteId) ?? Number(paragraph.noteId));
      if (texts.length > 0) offset += 2;
      const location: DocxLocation = {
        kind,
        part: name,
        paragraph: counter,
        ...(paragraph.table && kind === 'body' ? { table: paragraph.table } : {}),
        ...(note !== undefined ? { note } : {}),
      };
      const start = offset;
      paragraphs.push({
        span: { start, end: start + paragraph.text.length },
        location,
        segments: paragraph.segments.map((segment) => ({ ...segment, start: segment.start + start })),
      });
      texts.push(paragraph.text);
      offset += paragraph.text.length;
    }
  }
  return { text: texts.join('\n\n'), paragraphs };
}

function numbering(references: readonly string[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const id of references) if (!numbers.has(id)) numbers.set(id, numbers.size + 1);
  return numbers;
}

/** The paragraph holding an offset of the document's text (binary search). */
export function paragraphAt(document: DocxDocument, offset: number): DocxParagraph | undefined {
  const list = document.paragraphs;
  const paragraph = list[firstIndexWhere(list.length, (k) => list[k]!.span.end >= offset)];
  return paragraph !== undefined && paragraph.span.start <= offset ? paragraph : undefined;
}

/** Where a paragraph is, as a message (第 3 段 / table 1, row 2, cell 1 / footnote 2 …). */
export function locationMessage(location: DocxLocation): Message {
  const base = location.part.slice(location.part.lastIndexOf('/') + 1);
  switch (location.kind) {
    case 'body':
      return location.table
        ? { id: 'docx.location.table', params: { ...location.table, paragraph: location.paragraph } }
        : { id: 'docx.location.body', params: { paragraph: location.paragraph } };
    case 'footnote':
    case 'endnote':
      return { id: `docx.location.${location.kind}`, params: { note: location.note ?? 0 } };
    default:
      return { id: `docx.location.${location.kind}`, params: { part: base } };
  }
}

/** A line of context around a span: the paragraph's text, shortened to about `width` characters around it. */
export function contextOf(document: DocxDocument, span: Span, width = 60): string {
  const paragraph = paragraphAt(document, span.start);
  if (!paragraph) return '';
  const text = document.text.slice(paragraph.span.start, paragraph.span.end).replace(/[\t\n]/g, ' ');
  const start = span.start - paragraph.span.start;
  const end = span.end - paragraph.span.start;
  if (text.length <= width) return text.trim();
  const room = Math.max(0, width - (end - start));
  let from = Math.max(0, start - Math.floor(room / 2));
  const to = Math.min(text.length, from + width);
  from = Math.max(0, to - width);
  // Never cut a surrogate pair.
  const safeFrom = from > 0 && /[\udc00-\udfff]/.test(text[from]!) ? from - 1 : from;
  const safeTo = to < text.length && /[\udc00-\udfff]/.test(text[to]!) ? to + 1 : to;
  return `${safeFrom > 0 ? '…' : ''}${text.slice(safeFrom, safeTo)}${safeTo < text.length ? '…' : ''}`;
}

export type { Edit };
