import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { formatMessage, type Edit, type Finding, type Locale, type Span } from './engine';
import { LSP_SEVERITY } from './severities';

/**
 * The ONLY place where engine spans (UTF-16 offsets) become LSP ranges (line, UTF-16 character) and
 * findings become Diagnostics. TextDocument.positionAt counts \r\n, \n and \r as line ends and
 * characters in UTF-16 code units, which is LSP's default position encoding.
 */

/** 1-based line and column (UTF-16 code units), as the CLI and SARIF report them. */
export interface LineColumnRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function spanToLineColumn(document: TextDocument, span: Span): LineColumnRange {
  const start = document.positionAt(span.start);
  const end = document.positionAt(span.end);
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export function spanToRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

export function rangeToSpan(document: TextDocument, range: Range): Span {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

export function editToTextEdit(document: TextDocument, edit: Edit): TextEdit {
  return { range: spanToRange(document, edit.span), newText: edit.newText };
}

/** Data carried on a diagnostic so that code actions can find their finding again. */
export interface DiagnosticData {
  readonly conceptId?: string;
  readonly version: number;
}

export function findingToDiagnostic(document: TextDocument, finding: Finding, locale: Locale): Diagnostic {
  const relatedInformation: DiagnosticRelatedInformation[] | undefined = finding.related?.map((related) => ({
    location: {
      uri: related.uri ?? document.uri,
      range:
        related.uri && related.uri !== document.uri
          ? (related.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } })
          : spanToRange(document, related.span),
    },
    message: formatMessage(related.message, locale),
  }));
  const data: DiagnosticData = { conceptId: finding.conceptId, version: document.version };
  return {
    range: spanToRange(document, finding.span),
    severity: LSP_SEVERITY[finding.severity],
    code: finding.ruleId,
    source: 'medterm',
    message: formatMessage(finding.message, locale),
    relatedInformation: relatedInformation && relatedInformation.length > 0 ? relatedInformation : undefined,
    data,
  };
}
