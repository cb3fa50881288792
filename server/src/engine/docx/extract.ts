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
  const parser = new SaxesParser({ xmlns: false, position: true });
  let prefix: string | undefined;
  let mcPrefix: string | undefined;
  const local = (name: string): string | undefined => {
    const colon = name.indexOf(':');
    const elementPrefix = colon < 0 ? '' : name.slice(0, colon);
    if (elementPrefix === prefix) return colon < 0 ? name : name.slice(colon + 1);
    if (mcPrefix !== undefined && elementPrefix === mcPrefix) return `mc:${name.slice(colon + 1)}`;
    return undefined;
  };
  const paragraphs: PartParagraph[] = [];
  const footnoteReferences: string[] = [];
  const endnoteReferences: string[] = [];
  const stack: (string | undefined)[] = [];
  const paragraphStack: ParagraphFrame[] = [];
  const tables: { table: number; row: number; cell: number }[] = [];
  const fields: FieldFrame[] = [];
  let tableCount = 0;
  let paragraphCount = 0;
  let runCount = 0;
  let skipDepth = 0;
  let lockedDepth = 0;
  let noteId: string | undefined;
  let skipNote = false;
  let textStart = -1;
  let textTag: { start: number; end: number; preserve: boolean } | undefined;
  let textContent = '';
  let maxId = 0;

  const tagStart = (end: number): number => xml.lastIndexOf('<', end - 1);

  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (prefix === undefined) {
      // The root element binds the namespaces.
      prefix = 'w';
      for (const [name, value] of Object.entries(tag.attributes)) {
        if (WORD_NAMESPACES.includes(value)) prefix = name === 'xmlns' ? '' : name.slice('xmlns:'.length);
        if (value === MARKUP_COMPATIBILITY && name.startsWith('xmlns:')) mcPrefix = name.slice('xmlns:'.length);
      }
    }
    const name = local(tag.name);
    stack.push(name);
    const idAttribute = tag.attributes[prefix ? `${prefix}:id` : 'id'];
    if (idAttribute !== undefined && /^\d+$/.test(idAttribute)) maxId = Math.max(maxId, Number(idAttribute));
    if (name === undefined) return;
    const end = parser.position;
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    if (skipNote) return;
    if (SKIPPED.has(name) || name === 'mc:Fallback') {
      skipDepth = 1;
      return;
    }
    if (LOCKED.has(name)) lockedDepth++;
    const attribute = (key: string): string | undefined => tag.attributes[prefix ? `${prefix}:${key}` : key];
    const paragraph = paragraphStack[paragraphStack.length - 1];
    switch (name) {
      case 'footnote':
      case 'endnote':
        if (name === notes) {
          noteId = attribute('id');
          const type = attribute('type');
          skipNote = type !== undefined && type !== 'normal';
        }
        break;
      case 'tbl':
        tables.push({ table: ++tableCount, row: 0, cell: 0 });
        break;
      case 'tr':
        if (tables.length > 0) {
          tables[tables.length - 1]!.row++;
          tables[tables.length - 1]!.cell = 0;
        }
        break;
      case 'tc':
        if (tables.length > 0) tables[tables.length - 1]!.cell++;
        break;
      case 'p': {
        const table = tables[tables.length - 1];
        paragraphStack.push({
          order: paragraphCount++,
          segments: [],
          text: '',
          table: table ? { ...table } : undefined,
          noteId,
        });
        break;
      }
      case 'r': {
        if (!paragraph) break;
        const parent = stack[stack.length - 2];
        const inField = fields.length > 0;
        paragraph.run = {
          openTag: xml.slice(tagStart(end), end),
          index: runCount++,
          fixable:
            !tag.isSelfClosing && lockedDepth === 0 && !inField && parent !== undefined && EDITABLE_PARENTS.has(parent),
          properties: '',
          propertiesStart: -1,
          hidden: false,
        };
        break;
      }
      case 'rPr':
        if (paragraph?.run && stack[stack.length - 2] === 'r') paragraph.run.propertiesStart = tagStart(end);
        break;
      case 'vanish':
        if (paragraph?.run && stack[stack.length - 2] === 'rPr' && stack[stack.length - 3] === 'r')
          paragraph.run.hidden = isOn(attribute('val'));
        break;
      case 'fldChar': {
        const type = attribute('fldCharType');
        if (type === 'begin') fields.push({ phase: 'instruction' });
        else if (type === 'separate' && fields.length > 0) fields[fields.length - 1]!.phase = 'result';
        else if (type === 'end') fields.pop();
        break;
      }
      case 't':
        if (paragraph?.run && stack[stack.length - 2] === 'r' && !tag.isSelfClosing) {
          textStart = end;
          textContent = '';
          const space = tag.attributes['xml:space'];
          textTag = { start: tagStart(end), end, preserve: space === 'preserve' };
        }
        break;
      case 'tab':
      case 'ptab':
        if (paragraph?.run && stack[stack.length - 2] === 'r') addText(paragraph, '\t');
        break;
      case 'br':
      case 'cr':
        if (paragraph?.run && stack[stack.length - 2] === 'r') addText(paragraph, '\n');
        break;
      case 'noBreakHyphen':
        if (paragraph?.run) addText(paragraph, '\u2011');
        break;
      case 'footnoteReference':
      case 'endnoteReference': {
        const id = attribute('id');
        if (id !== undefined) (name === 'footnoteReference' ? footnoteReferences : endnoteReferences).push(id);
        break;
      }
    }
  });

  /** Text that is shown but maps to no editable characters (a tab, a break, a field result…). */
  function addText(paragraph: ParagraphFrame, text: string): void {
    const run = paragraph.run;
    if (!run || run.hidden || fields.some((field) => field.phase === 'instruction')) return;
    paragraph.segments.push({ start: paragraph.text.length, text });
    paragraph.text += text;
  }

  parser.on('text', (text) => {
    if (textStart >= 0) textContent += text;
  });
  parser.on('cdata', (text) => {
    if (textStart >= 0) textContent += text;
  });

  parser.on('closetag', () => {
    const name = stack.pop();
    if (name === undefined) return;
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (skipNote) {
      if (name === notes) {
        skipNote = false;
        noteId = undefined;
      }
      return;
    }
    if (LOCKED.has(name)) lockedDepth--;
    const paragraph = paragraphStack[paragraphStack.length - 1];
    switch (name) {
      case 'footnote':
      case 'endnote':
        if (name === notes) noteId = undefined;
        break;
      case 'tbl':
        tables.pop();
        break;
      case 'p':
        if (paragraph) {
          paragraphStack.pop();
          if (paragraph.text.trim() !== '')
            paragraphs.push({
              order: paragraph.order,
              text: paragraph.text,
              segments: paragraph.segments,
              table: paragraph.table,
              noteId: paragraph.noteId,
            });
        }
        break;
      case 'r':
        if (paragraph) paragraph.run = undefined;
        break;
      case 'rPr':
        if (paragraph?.run && paragraph.run.propertiesStart >= 0 && stack[stack.length - 1] === 'r') {
          paragraph.run.properties = xml.slice(paragraph.run.propertiesStart, parser.position);
          paragraph.run.propertiesStart = -1;
        }
        break;
      case 't': {
        if (textStart < 0 || !paragraph?.run || !textTag) break;
        const run = paragraph.run;
        const contentEnd = tagStart(parser.position);
        const from = textStart;
        textStart = -1;
        if (run.hidden || fields.some((field) => field.phase === 'instruction') || textContent === '') break;
        const decoded = decodeWithOffsets(xml, from, contentEnd);
        const editable = run.fixable && decoded !== undefined && decoded.text === textContent;
        paragraph.segments.push({
          start: paragraph.text.length,
          text: textContent,
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
        paragraph.text += textContent;
        break;
      }
    }
  });

  try {
    parser.write(xml).close();
  } catch (error) {
    throw new DocxError('docx.error.xml', { part: partName, detail: (error as Error).message.split('\n')[0] ?? '' });
  }
  paragraphs.sort((a, b) => a.order - b.order);
  return { paragraphs, footnoteReferences, endnoteReferences, maxId, prefix: prefix ?? 'w' };
}
