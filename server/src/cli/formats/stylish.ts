import { relative } from 'node:path';
import { spanToLineColumn } from '../../convert';
import { docxPosition } from '../../docxReport';
import { formatMessage, type Locale } from '../../engine';
import type { FileReport } from '../report';

const COLOURS = { red: 31, yellow: 33, blue: 34, grey: 90, bold: 1, underline: 4 } as const;

export function stylish(reports: readonly FileReport[], locale: Locale, colour: boolean, cwd: string): string {
  const paint = (name: keyof typeof COLOURS, text: string): string =>
    colour ? `\u001b[${COLOURS[name]}m${text}\u001b[0m` : text;
  const lines: string[] = [];
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) {
    if (report.skipped) {
      lines.push(
        paint(
          'grey',
          locale === 'en'
            ? `${relative(cwd, report.file)}: not checked: ${report.skipped}`
            : `${relative(cwd, report.file)}：未检查：${report.skipped}`,
        ),
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
  if (total === 0 && notChecked > 0)
    lines.push(
      locale === 'en'
        ? `No findings in the files checked; ${notChecked} not checked.`
        : `已检查的文件中未发现问题；${notChecked} 个文件未检查。`,
    );
  else if (total === 0) lines.push(locale === 'en' ? 'No findings.' : '未发现问题。');
  else if (locale === 'en')
    lines.push(
      '',
      paint(
        'bold',
        `✖ ${total} ${total === 1 ? 'finding' : 'findings'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.information} info, ${counts.hint} hint${counts.hint === 1 ? '' : 's'})`,
      ),
    );
  else
    lines.push(
      '',
      paint(
        'bold',
        `✖ ${total} 处问题（${counts.error} 个错误，${counts.warning} 个警告，${counts.information} 个提示，${counts.hint} 个建议）`,
      ),
    );
  return lines.join('\n');
}
