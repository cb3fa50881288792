import { docx, fileKindOf, formatMessage, type Locale, type Span } from './engine';

/**
 * How findings in a Word document are reported by the CLI: where a person finds them in Word (paragraph,
 * table cell, footnote…), a line of context, and the SARIF region (the paragraph's ordinal in the document's
 * text as the line, the column in it, the paragraph as snippet).
 */

export interface DocxPosition {
  /** "第 3 段" / "table 1, row 2, cell 1 (paragraph 5)" / "脚注 2" … */
  readonly label: string;
  readonly location: docx.DocxLocation;
  /** 1-based ordinal of the paragraph among all the document's paragraphs (body first), and UTF-16 columns in it. */
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  readonly context: string;
  /** The paragraph's text (SARIF snippet). */
  readonly paragraphText: string;
}

export function docxPosition(document: docx.DocxDocument, span: Span, locale: Locale): DocxPosition {
  const paragraph = docx.paragraphAt(document, span.start) ?? document.paragraphs[0]!;
  const line = document.paragraphs.indexOf(paragraph) + 1;
  return {
    label: formatMessage(docx.locationMessage(paragraph.location), locale),
    location: paragraph.location,
    line,
    column: span.start - paragraph.span.start + 1,
    endColumn: Math.min(span.end, paragraph.span.end) - paragraph.span.start + 1,
    context: docx.contextOf(document, span),
    paragraphText: document.text.slice(paragraph.span.start, paragraph.span.end),
  };
}

/** The SARIF physical location's region for a finding in a Word document. */
export function docxSarifRegion(position: DocxPosition): Record<string, unknown> {
  return {
    startLine: position.line,
    startColumn: position.column,
    endLine: position.line,
    endColumn: position.endColumn,
    snippet: { text: position.paragraphText },
  };
}

export function isDocx(path: string): boolean {
  return fileKindOf(path)?.analysis === 'docx';
}
