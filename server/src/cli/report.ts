import { relative } from 'node:path';
import { plural, say } from './messages';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  compareSpans,
  crossFileFindings,
  ruleSetting,
  fileForms,
  type Analysis,
  type Dictionary,
  type docx,
  type Finding,
  type Locale,
  type RuleSetting,
} from '../engine';

/** What a run knows about each file, and what it tells at the end whatever the output format. */

export interface FileReport {
  readonly file: string;
  readonly document: TextDocument;
  readonly analysis: Analysis;
  readonly skipped?: string;
  /** A Word document: its text's paragraphs say where findings are. */
  readonly docx?: docx.DocxDocument;
  /** A Word document that could not be read (exit code 2). */
  readonly failed?: boolean;
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** A manuscript in several files: report a form that differs from the other files' (as the server does). */
export function withCrossFileFindings(
  reports: readonly FileReport[],
  dictionary: Dictionary,
  rules: Readonly<Record<string, RuleSetting>>,
): FileReport[] {
  const checked = reports.filter((report) => !report.skipped);
  if (ruleSetting('inconsistent-term', rules) === 'off' || checked.length < 2) return [...reports];
  const forms = checked.map((report) => ({ uri: report.document.uri, forms: fileForms(report.analysis.matches) }));
  return reports.map((report) => {
    if (report.skipped) return report;
    const extra = crossFileFindings(report.document.uri, report.analysis.matches, forms, {
      rules,
      conceptName: (id) => dictionary.concepts.get(id)?.en ?? id,
    });
    if (extra.length === 0) return report;
    const findings = [...report.analysis.findings, ...extra].sort(compareSpans);
    return { ...report, analysis: { ...report.analysis, findings } };
  });
}

/** ESLint's contract: errors fail; warnings fail beyond --max-warnings (-1: never); information and hints never fail. */
export function exitCode(findings: readonly Pick<Finding, 'severity'>[], maxWarnings: number): 0 | 1 {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  return errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? 1 : 0;
}

/** What --fix changed: "fixed 3 problems in 2 files" and the files, in zh-cn or en. */
export function fixSummary(fixed: readonly { file: string; edits: number }[], cwd: string, locale: Locale): string {
  const problems = fixed.reduce((sum, entry) => sum + entry.edits, 0);
  if (fixed.length === 0) return say('cli.fixedNothing', locale);
  const head = say('cli.fixed', locale, {
    problems,
    problemWord: plural(problems, 'problem'),
    files: fixed.length,
    fileWord: plural(fixed.length, 'file'),
  });
  return [head, ...fixed.map((entry) => `  ${relative(cwd, entry.file)} (${entry.edits})`)].join('\n');
}
