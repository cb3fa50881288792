import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';
import { QUARTO } from '../helpers/quarto';

describe('medterm lint on Quarto and R Markdown', () => {
  it('reports only the prose of .qmd, .Rmd and .Rmarkdown files, also when a folder is given', () => {
    const directory = mkdtempSync(join(tmpdir(), 'medterm-quarto-'));
    for (const name of ['paper.qmd', 'analysis.Rmd', 'notes.Rmarkdown']) writeFileSync(join(directory, name), QUARTO);
    const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', '.'], {
      cwd: directory,
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    const reports = JSON.parse(result.stdout) as { file: string; findings: { text: string; line: number }[] }[];
    expect(reports.map((report) => report.file).sort()).toEqual(['analysis.Rmd', 'notes.Rmarkdown', 'paper.qmd']);
    for (const report of reports) {
      expect(
        report.findings.map((finding) => [finding.text, finding.line]),
        report.file,
      ).toEqual([
        ['达雷木单抗', 6],
        ['埃雷妥珠单抗', 13],
      ]);
    }
  });
});
