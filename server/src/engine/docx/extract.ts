import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DocxError } from './errors';

/**
 * The prose of one XML part of a Word document (body, notes, header or footer), read with saxes, with
 * every character mapped back to where it is in the part's XML so that a fix can be spliced in there.
 *
 * What is prose: the text of runs (w:t) in paragraphs, tables, text boxes, hyperlinks and content controls,
 * and the results of fields. What is not: field instructions (w:instrText, fldSimple's w:instr), hidden
 * text (w:vanish), deleted text of tracked changes (w:del, w:moveFrom, w:delText), ruby annotations, the
 * fallback copy of alternate content (mc:Fallback repeats a text box's text) and note separators.
 * Comments live in their own part, which is not read.
 */

export const WORD_NAMESPACES = [
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
];
const MARKUP_COMPATIBILITY = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** A run's pieces of XML that a tracked change copies: its start tag and its properties (formatting). */
export interface RunXml {
  /** The run's start tag, verbatim (`<w:r w:rsidR="…">`). */
  readonly openTag: string;
  /** Its `<w:rPr>…</w:rPr>`, verbatim, or ''. */
  readonly properties: string;
  /** The start tag of the w:t holding the text: where it is, and whether it keeps spaces. */
  readonly textTagStart: number;
  readonly textTagEnd: number;
  readonly preservesSpace: boolean;
  /** The run's ordinal in its part (0-based), for reports. */
  readonly index: number;
}

/** A stretch of a paragraph's text from one place in the XML. */
export interface DocxSegment {
  /** Offset of the first character in the paragraph's text (later: in the document's text). */
  start: number;
  readonly text: string;
  /**
   * XML offset of every character boundary (text.length + 1 entries) when the text comes from a w:t
   * that a fix may change; undefined for a tab, a break, or text that must not be edited.
   */
  readonly xml?: readonly number[];
  readonly run?: RunXml;
}

export interface PartParagraph {
  /** Order of the paragraph's start tag in the part (nested text-box paragraphs start inside others). */
  readonly order: number;
  readonly text: string;
  readonly segments: DocxSegment[];
  /** Innermost table cell: 1-based table (in the part), row and cell. */
  readonly table?: { readonly table: number; readonly row: number; readonly cell: number };
  /** Footnote or endnote id (w:id) when the part holds notes. */
  readonly noteId?: string;
}

export interface ParsedPart {
  readonly paragraphs: PartParagraph[];
  /** Footnote and endnote ids in the order the part refers to them (the order Word numbers them). */
  readonly footnoteReferences: string[];
  readonly endnoteReferences: string[];
  /** Largest numeric w:id in the part (revisions, comments, bookmarks): new revisions number above it. */
  readonly maxId: number;
  /** The prefix bound to WordprocessingML ("w" nearly always; "" for a default namespace). */
  readonly prefix: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decode the raw XML of a text node, keeping the XML offset of every character boundary. Returns
 * undefined when the raw text holds anything but characters and references (CDATA, comments): such text
 * is read but never edited.
 */
export function decodeWithOffsets(
  xml: string,
  from: number,
  to: number,
): { text: string; offsets: number[] } | undefined {
  let text = '';
  const offsets: number[] = [];
  let at = from;
  while (at < to) {
    const character = xml[at]!;
    if (character === '<' || character === '\r') return undefined;
    if (character === '&') {
      const semicolon = xml.indexOf(';', at);
      if (semicolon < 0 || semicolon >= to) return undefined;
      const name = xml.slice(at + 1, semicolon);
      let decoded: string | undefined;
      if (name.startsWith('#x') || name.startsWith('#X'))
        decoded = String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      else if (name.startsWith('#')) decoded = String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      else decoded = ENTITIES[name];
      if (decoded === undefined) return undefined;
      // A reference to an astral character is two UTF-16 units from one place: both start at the reference.
      for (let k = 0; k < decoded.length; k++) offsets.push(at);
      text += decoded;
      at = semicolon + 1;
      continue;
    }
    offsets.push(at);
    text += character;
    at++;
  }
  offsets.push(to);
  return { text, offsets };
}

interface RunFrame {
  readonly openTag: string;
  readonly index: number;
  readonly fixable: boolean;
  properties: string;
  propertiesStart: number;
  hidden: boolean;
}

interface ParagraphFrame {
  readonly order: number;
  readonly segments: DocxSegment[];
  text: string;
  readonly table?: { table: number; row: number; cell: number };
  readonly noteId?: string;
  run?: RunFrame;
}

interface FieldFrame {
  phase: 'instruction' | 'result';
}

/** Elements whose content is never prose. */
const SKIPPED = new Set([
  'del',
  'moveFrom',
  'instrText',
  'delText',
  'delInstrText',
  'rt',
  'rPrChange',
  'pPrChange',
  'sectPrChange',
  'tblPrChange',
  'trPrChange',
  'tcPrChange',
  'numberingChange',
]);
/** Elements a run may sit in and still be split for a tracked change. */
const EDITABLE_PARENTS = new Set(['p', 'hyperlink', 'smartTag', 'customXml', 'sdtContent']);
/** Elements whose runs are shown but must not be edited: earlier revisions and field results. */
const LOCKED = new Set(['ins', 'moveTo', 'fldSimple']);

function isOn(value: string | undefined): boolean {
  return value === undefined || !['0', 'false', 'off'].includes(value);
}

/** Read one part. `notes` names the element that holds one note (footnote, endnote) in a notes part. */
export function parsePart(xml: string, partName: string, notes?: 'footnote' | 'endnote'): ParsedPart {
  const reader = new PartReader(xml, notes);
  try {
    reader.parser.write(xml).close();
  } catch (error) {
    throw new DocxError('docx.error.xml', { part: partName, detail: (error as Error).message.split('\n')[0] ?? '' });
  }
  return reader.result();
}

/** An element's start tag as the handlers of ON_OPEN see it. */
interface OpenElement {
  /** Local name ('p', 'r'…; 'mc:…' for markup compatibility). */
  readonly name: string;
  readonly tag: SaxesTagPlain;
  /** XML offset just past the start tag. */
  readonly end: number;
  /** The innermost open paragraph before this element (not the one a w:p opens). */
  readonly paragraph: ParagraphFrame | undefined;
}

type OpenHandler = (reader: PartReader, element: OpenElement) => void;
type CloseHandler = (reader: PartReader, name: string, paragraph: ParagraphFrame | undefined) => void;

/**
 * The state of reading one part: saxes calls `open`, `characters` and `close`, which keep the element
 * stack and the skipped/locked depths, and hand each WordprocessingML element to its handler in ON_OPEN
 * and ON_CLOSE.
 */
class PartReader {
  readonly parser = new SaxesParser({ xmlns: false, position: true });
  /** Prefix bound to WordprocessingML and to markup compatibility; set by the root element. */
  prefix: string | undefined;
  mcPrefix: string | undefined;
  readonly paragraphs: PartParagraph[] = [];
  readonly footnoteReferences: string[] = [];
  readonly endnoteReferences: string[] = [];
  /** Local names of the open elements (undefined: another namespace). */
  readonly stack: (string | undefined)[] = [];
  readonly paragraphStack: ParagraphFrame[] = [];
  readonly tables: { table: number; row: number; cell: number }[] = [];
  readonly fields: FieldFrame[] = [];
  tableCount = 0;
  paragraphCount = 0;
  runCount = 0;
  skipDepth = 0;
  lockedDepth = 0;
  noteId: string | undefined;
  skipNote = false;
  /** The w:t being read: where its content starts, its start tag, and its text so far. */
  textStart = -1;
  textTag: { start: number; end: number; preserve: boolean } | undefined;
  textContent = '';
  maxId = 0;

  constructor(
    readonly xml: string,
    readonly notes: 'footnote' | 'endnote' | undefined,
  ) {
    this.parser.on('opentag', (tag: SaxesTagPlain) => this.open(tag));
    this.parser.on('text', (text) => this.characters(text));
    this.parser.on('cdata', (text) => this.characters(text));
    this.parser.on('closetag', () => this.close());
  }

  result(): ParsedPart {
    this.paragraphs.sort((a, b) => a.order - b.order);
    const { paragraphs, footnoteReferences, endnoteReferences, maxId } = this;
    return { paragraphs, footnoteReferences, endnoteReferences, maxId, prefix: this.prefix ?? 'w' };
  }

  private open(tag: SaxesTagPlain): void {
    // The root element binds the namespaces.
    if (this.prefix === undefined) this.bindNamespaces(tag);
    const name = this.local(tag.name);
    this.stack.push(name);
    const idAttribute = tag.attributes[this.prefix ? `${this.prefix}:id` : 'id'];
    if (idAttribute !== undefined && /^\d+$/.test(idAttribute)) this.maxId = Math.max(this.maxId, Number(idAttribute));
    if (name === undefined) return;
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    if (this.skipNote) return;
    if (SKIPPED.has(name) || name === 'mc:Fallback') {
      this.skipDepth = 1;
      return;
    }
    if (LOCKED.has(name)) this.lockedDepth++;
    ON_OPEN.get(name)?.(this, { name, tag, end: this.parser.position, paragraph: this.paragraph() });
  }

  private characters(text: string): void {
    if (this.textStart >= 0) this.textContent += text;
  }

  private close(): void {
    const name = this.stack.pop();
    if (name === undefined) return;
    if (this.skipDepth > 0) {
      this.skipDepth--;
      return;
    }
    if (this.skipNote) {
      if (name === this.notes) {
        this.skipNote = false;
        this.noteId = undefined;
      }
      return;
    }
    if (LOCKED.has(name)) this.lockedDepth--;
    ON_CLOSE.get(name)?.(this, name, this.paragraph());
  }

  private bindNamespaces(tag: SaxesTagPlain): void {
    this.prefix = 'w';
    for (const [name, value] of Object.entries(tag.attributes)) {
      if (WORD_NAMESPACES.includes(value)) this.prefix = name === 'xmlns' ? '' : name.slice('xmlns:'.length);
      if (value === MARKUP_COMPATIBILITY && name.startsWith('xmlns:')) this.mcPrefix = name.slice('xmlns:'.length);
    }
  }

  /** The local name of a WordprocessingML element, `mc:…` for markup compatibility, else undefined. */
  private local(name: string): string | undefined {
    const colon = name.indexOf(':');
    const elementPrefix = colon < 0 ? '' : name.slice(0, colon);
    if (elementPrefix === this.prefix) return colon < 0 ? name : name.slice(colon + 1);
    if (this.mcPrefix !== undefined && elementPrefix === this.mcPrefix) return `mc:${name.slice(colon + 1)}`;
    return undefined;
  }

  attribute(tag: SaxesTagPlain, key: string): string | undefined {
    return tag.attributes[this.prefix ? `${this.prefix}:${key}` : key];
  }

  paragraph(): ParagraphFrame | undefined {
    return this.paragraphStack[this.paragraphStack.length - 1];
  }

  /** The local name of the element `up` levels above the innermost open one (1: its parent). */
  above(up: number): string | undefined {
    return this.stack[this.stack.length - 1 - up];
  }

  /** Where the start or end tag that ends at `end` begins. */
  tagStart(end: number): number {
    return this.xml.lastIndexOf('<', end - 1);
  }

  inFieldInstruction(): boolean {
    return this.fields.some((field) => field.phase === 'instruction');
  }

  /** Text that is shown but maps to no editable characters (a tab, a break, a field result…). */
  addText(paragraph: ParagraphFrame, text: string): void {
    const run = paragraph.run;
    if (!run || run.hidden || this.inFieldInstruction()) return;
    paragraph.segments.push({ start: paragraph.text.length, text });
    paragraph.text += text;
  }
}

/** A run's own child (w:r > w:…), given the innermost paragraph has a run open. */
function inRun(reader: PartReader, paragraph: ParagraphFrame | undefined): paragraph is ParagraphFrame {
  return paragraph?.run !== undefined && reader.above(1) === 'r';
}

function openNote(reader: PartReader, { name, tag }: OpenElement): void {
  if (name !== reader.notes) return;
  reader.noteId = reader.attribute(tag, 'id');
  const type = reader.attribute(tag, 'type');
  reader.skipNote = type !== undefined && type !== 'normal';
}

function openParagraph(reader: PartReader): void {
  const table = reader.tables[reader.tables.length - 1];
  reader.paragraphStack.push({
    order: reader.paragraphCount++,
    segments: [],
    text: '',
    table: table ? { ...table } : undefined,
    noteId: reader.noteId,
  });
}

function openRun(reader: PartReader, { tag, end, paragraph }: OpenElement): void {
  if (!paragraph) return;
  const parent = reader.above(1);
  const inField = reader.fields.length > 0;
  paragraph.run = {
    openTag: reader.xml.slice(reader.tagStart(end), end),
    index: reader.runCount++,
    fixable:
      !tag.isSelfClosing &&
      reader.lockedDepth === 0 &&
      !inField &&
      parent !== undefined &&
      EDITABLE_PARENTS.has(parent),
    properties: '',
    propertiesStart: -1,
    hidden: false,
  };
}

function openFieldCharacter(reader: PartReader, { tag }: OpenElement): void {
  const type = reader.attribute(tag, 'fldCharType');
  if (type === 'begin') reader.fields.push({ phase: 'instruction' });
  else if (type === 'separate' && reader.fields.length > 0) reader.fields[reader.fields.length - 1]!.phase = 'result';
  else if (type === 'end') reader.fields.pop();
}

function openText(reader: PartReader, { tag, end, paragraph }: OpenElement): void {
  if (!inRun(reader, paragraph) || tag.isSelfClosing) return;
  reader.textStart = end;
  reader.textContent = '';
  const space = tag.attributes['xml:space'];
  reader.textTag = { start: reader.tagStart(end), end, preserve: space === 'preserve' };
}

function openNoteReference(reader: PartReader, { name, tag }: OpenElement): void {
  const id = reader.attribute(tag, 'id');
  if (id !== undefined) (name === 'footnoteReference' ? reader.footnoteReferences : reader.endnoteReferences).push(id);
}

/** A run's character that is not in a w:t: a tab, a break or a non-breaking hyphen. */
function runCharacter(text: string, anywhereInRun = false): OpenHandler {
  return (reader, { paragraph }) => {
    if (anywhereInRun ? paragraph?.run : inRun(reader, paragraph)) reader.addText(paragraph!, text);
  };
}

const ON_OPEN = new Map<string, OpenHandler>([
  ['footnote', openNote],
  ['endnote', openNote],
  ['tbl', (reader) => void reader.tables.push({ table: ++reader.tableCount, row: 0, cell: 0 })],
  [
    'tr',
    (reader) => {
      const table = reader.tables[reader.tables.length - 1];
      if (!table) return;
      table.row++;
      table.cell = 0;
    },
  ],
  [
    'tc',
    (reader) => {
      const table = reader.tables[reader.tables.length - 1];
      if (table) table.cell++;
    },
  ],
  ['p', openParagraph],
  ['r', openRun],
  [
    'rPr',
    (reader, { end, paragraph }) => {
      if (inRun(reader, paragraph)) paragraph.run!.propertiesStart = reader.tagStart(end);
    },
  ],
  [
    'vanish',
    (reader, { tag, paragraph }) => {
      if (paragraph?.run && reader.above(1) === 'rPr' && reader.above(2) === 'r')
        paragraph.run.hidden = isOn(reader.attribute(tag, 'val'));
    },
  ],
  ['fldChar', openFieldCharacter],
  ['t', openText],
  ['tab', runCharacter('\t')],
  ['ptab', runCharacter('\t')],
  ['br', runCharacter('\n')],
  ['cr', runCharacter('\n')],
  ['noBreakHyphen', runCharacter('\u2011', true)],
  ['footnoteReference', openNoteReference],
  ['endnoteReference', openNoteReference],
]);

function closeParagraph(reader: PartReader, paragraph: ParagraphFrame | undefined): void {
  if (!paragraph) return;
  reader.paragraphStack.pop();
  if (paragraph.text.trim() === '') return;
  const { order, text, segments, table, noteId } = paragraph;
  reader.paragraphs.push({ order, text, segments, table, noteId });
}

function closeProperties(reader: PartReader, paragraph: ParagraphFrame | undefined): void {
  const run = paragraph?.run;
  if (!run || run.propertiesStart < 0 || reader.above(0) !== 'r') return;
  run.properties = reader.xml.slice(run.propertiesStart, reader.parser.position);
  run.propertiesStart = -1;
}

/** The end of a w:t: its text becomes a segment, editable when it maps back to the XML character by character. */
function closeText(reader: PartReader, paragraph: ParagraphFrame | undefined): void {
  const textTag = reader.textTag;
  if (reader.textStart < 0 || !paragraph?.run || !textTag) return;
  const run = paragraph.run;
  const contentEnd = reader.tagStart(reader.parser.position);
  const from = reader.textStart;
  const text = reader.textContent;
  reader.textStart = -1;
  if (run.hidden || reader.inFieldInstruction() || text === '') return;
  const decoded = decodeWithOffsets(reader.xml, from, contentEnd);
  const editable = run.fixable && decoded !== undefined && decoded.text === text;
  paragraph.segments.push({
    start: paragraph.text.length,
    text,
    xml: editable ? decoded.offsets : undefined,
    run: editable
      ? {
          openTag: run.openTag,
          properties: run.properties,
          textTagStart: textTag.start,
          textTagEnd: textTag.end,
          preservesSpace: textTag.preserve,
          index: run.index,
        }
      : undefined,
  });
  paragraph.text += text;
}

const ON_CLOSE = new Map<string, CloseHandler>([
  [
    'footnote',
    (reader, name) => {
      if (name === reader.notes) reader.noteId = undefined;
    },
  ],
  [
    'endnote',
    (reader, name) => {
      if (name === reader.notes) reader.noteId = undefined;
    },
  ],
  ['tbl', (reader) => void reader.tables.pop()],
  ['p', (reader, _name, paragraph) => closeParagraph(reader, paragraph)],
  [
    'r',
    (_reader, _name, paragraph) => {
      if (paragraph) paragraph.run = undefined;
    },
  ],
  ['rPr', (reader, _name, paragraph) => closeProperties(reader, paragraph)],
  ['t', (reader, _name, paragraph) => closeText(reader, paragraph)],
]);
