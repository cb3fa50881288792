import { relative } from 'node:path';
import { spanToLineColumn } from '../../convert';
import { docxPosition } from '../../docxReport';
import { formatMessage, type Locale } from '../../engine';
import type { FileReport } from '../report';
import { plural, say } from '../messages';

const COLOURS = { red: 31, yellow: 33, blue: 34, grey: 90, bold: 1, underline: 4 } as const;

export function stylish(reports: readonly FileReport[], locale: Locale, colour: boolean, cwd: string): string {
  const paint = (name: keyof typeof COLOURS, text: string): string =>
    colour ? `\u001b[${COLOURS[name]}m${text}\u001b[0m` : text;
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) {
    if (report.skipped) {
      lines.push(
        paint('grey', say('cli.notChecked', locale, { file: relative(cwd, report.file), reason: report.skipped })),
      );
      continue;
    }
    if (report.analysis.findings.length === 0) continue;
    lines.push('', paint('underline', relative(cwd, report.file)));
    for (const finding of report.analysis.findings) {
      counts[finding.severity]++;
      const word = report.docx ? docxPosition(report.docx, finding.span, locale) : undefined;
      const position = spanToLineColumn(report.document, finding.span);
      const severity =
        finding.severity === 'error'
          ? paint('red', 'error')
          : finding.severity === 'warning'
            ? paint('yellow', 'warning')
            : paint('blue', finding.severity === 'information' ? 'info' : 'hint');
      lines.push(
        `  ${paint('grey', (word ? word.label : `${position.line}:${position.column}`).padEnd(8))} ${severity.padEnd(colour ? 16 : 7)} ${formatMessage(finding.message, locale)}  ${paint('grey', finding.ruleId)}`,
      );
      if (word) lines.push(`    ${paint('grey', word.context)}`);
    }
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const notChecked = reports.filter((report) => report.skipped).length;
  if (total === 0 && notChecked > 0) lines.push(say('cli.noFindingsSomeNotChecked', locale, { notChecked }));
  else if (total === 0) lines.push(say('cli.noFindings', locale));
  else
    lines.push(
      '',
      paint(
        'bold',
        say('cli.summary', locale, {
          total,
          findingWord: plural(total, 'finding'),
          errors: counts.error,
          errorWord: plural(counts.error, 'error'),
          warnings: counts.warning,
          warningWord: plural(counts.warning, 'warning'),
          information: counts.information,
          hints: counts.hint,
          hintWord: plural(counts.hint, 'hint'),
        }),
      ),
    );
  return lines.join('\n');
}
