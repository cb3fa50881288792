import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, Result } from 'sarif';
import { spanToLineColumn } from '../../convert';
import { docxPosition, docxSarifRegion } from '../../docxReport';
import { RULES, RULE_IDS, formatMessage, type Finding, type Locale } from '../../engine';
import { pick } from '../../engine/messageFormat';
import { SARIF_LEVEL } from '../../severities';
import type { FileReport } from '../report';
import { say } from '../messages';

/** A file's path relative to the run's folder as an RFC 3986 URI reference (W9: spaces and CJK percent-encoded). */
export function uriReference(cwd: string, file: string): string {
  return relative(cwd, file).split(sep).map(encodeURIComponent).join('/');
}

/** One finding as a SARIF result: where it is (a Word document's paragraph as a logical location) and its safe fix. */
function sarifResult(report: FileReport, finding: Finding, locale: Locale, cwd: string): Result {
  const position = spanToLineColumn(report.document, finding.span);
  const word = report.docx ? docxPosition(report.docx, finding.span, locale) : undefined;
  const safe = finding.fixes.find((fix) => fix.tier === 'safe' && !word);
  return {
    ruleId: finding.ruleId,
    ruleIndex: RULE_IDS.indexOf(finding.ruleId),
    level: SARIF_LEVEL[finding.severity] as Result.level,
    message: { text: formatMessage(finding.message, locale) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriReference(cwd, report.file), uriBaseId: 'SRCROOT' },
          region: word
            ? docxSarifRegion(word)
            : {
                startLine: position.line,
                startColumn: position.column,
                endLine: position.endLine,
                endColumn: position.endColumn,
                charOffset: finding.span.start,
                charLength: finding.span.end - finding.span.start,
              },
        },
        ...(word ? { logicalLocations: [{ name: word.label, kind: 'element' }] } : {}),
      },
    ],
    fixes: safe
      ? [
          {
            description: { text: formatMessage(safe.title, locale) },
            artifactChanges: [
              {
                artifactLocation: { uri: uriReference(cwd, report.file), uriBaseId: 'SRCROOT' },
                replacements: safe.edits.map((edit) => ({
                  deletedRegion: { charOffset: edit.span.start, charLength: edit.span.end - edit.span.start },
                  insertedContent: { text: edit.newText },
                })),
              },
            ],
          },
        ]
      : undefined,
    properties: finding.conceptId ? { conceptId: finding.conceptId } : undefined,
  };
}

export function sarif(reports: readonly FileReport[], locale: Locale, cwd: string, version: string): string {
  const results = reports.flatMap((report) =>
    report.analysis.findings.map((finding) => sarifResult(report, finding, locale, cwd)),
  );
  const notChecked = reports.filter((report) => report.skipped);
  // Typed against the SARIF 2.1.0 object model (@types/sarif), so the shape is checked at compile time.
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'MedTerm',
            version,
            informationUri: 'https://github.com/medterm/medterm',
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: pick(rule.description, locale) },
              defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] as Result.level },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(cwd).href.replace(/\/$/, '')}/` } },
        results,
        // Files that could not be checked: tool notifications naming them (a run is never silently partial).
        ...(notChecked.length > 0
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: notChecked.map((report) => ({
                    level: 'error' as const,
                    message: { text: say('cli.notCheckedShort', locale, { reason: report.skipped! }) },
                    locations: [
                      {
                        physicalLocation: {
                          artifactLocation: { uri: uriReference(cwd, report.file), uriBaseId: 'SRCROOT' },
                        },
                      },
                    ],
                  })),
                },
              ],
            }
          : {}),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
