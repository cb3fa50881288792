import { spanToLineColumn, type LineColumnRange } from '../../convert';
import { docxPosition } from '../../docxReport';
import { formatMessage, type Finding, type Locale } from '../../engine';
import type { FileReport } from '../report';

export interface JsonFinding extends LineColumnRange {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  readonly text: string;
  readonly conceptId: string | null;
  readonly fixes: { text: string; tier: string }[];
}

export function toJsonFinding(report: FileReport, finding: Finding, locale: Locale): JsonFinding {
  const word = report.docx ? docxPosition(report.docx, finding.span, locale) : undefined;
  return {
    ...(word ? { location: { ...word.location, label: word.label }, context: word.context } : {}),
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: formatMessage(finding.message, locale),
    // In a Word document, the line is the paragraph's ordinal (as in SARIF) and the column is within it.
    ...(word
      ? { line: word.line, column: word.column, endLine: word.line, endColumn: word.endColumn }
      : spanToLineColumn(report.document, finding.span)),
    text: report.analysis.text.slice(finding.span.start, finding.span.end),
    conceptId: finding.conceptId ?? null,
    fixes: finding.fixes
      .filter((fix) => fix.edits.length === 1)
      .map((fix) => ({ text: fix.edits[0]!.newText, tier: fix.tier })),
  };
}
