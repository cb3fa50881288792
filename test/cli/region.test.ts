import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';

/** `medterm lint --region`: Taiwan/Hong Kong names by the region of the texts (needs `npm run build`). */
const CLI = join(ROOT, 'dist', 'cli.js');

function medterm(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'zh_CN.UTF-8', NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(): string {
  const directory = mkdtempSync(join(tmpdir(), 'medterm-region-'));
  // A simplified-script text with Taiwan's brand name of bortezomib, and a traditional-script one.
  writeFileSync(join(directory, 'cn.md'), '患者接受萬科注射劑治疗后缓解。\n');
  writeFileSync(join(directory, 'tw.md'), '患者接受萬科注射劑治療後緩解。\n');
  return directory;
}

type Report = {
  file: string;
  findings: {
    ruleId: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    conceptId: string;
    fixes: { text: string; tier: string }[];
  }[];
};

function json(args: string[], cwd: string): Report[] {
  return JSON.parse(medterm(['lint', '--format', 'json', ...args], cwd).stdout) as Report[];
}

describe('medterm lint --region', () => {
  it('auto (default): the simplified text gets a suggestion at the Taiwan name, the traditional text nothing', () => {
    const reports = json(['cn.md', 'tw.md'], workspace());
    const cn = reports.find((report) => report.file === 'cn.md')!;
    expect(
      cn.findings.map(({ ruleId, line, column, endLine, endColumn, conceptId, fixes }) => ({
        ruleId,
        line,
        column,
        endLine,
        endColumn,
        conceptId,
        fixes,
      })),
    ).toEqual([
      {
        ruleId: 'nonstandard-name',
        line: 1,
        column: 5,
        endLine: 1,
        endColumn: 10,
        conceptId: 'bortezomib',
        fixes: [{ text: '硼替佐米', tier: 'suggestion' }],
      },
    ]);
    expect(reports.find((report) => report.file === 'tw.md')?.findings ?? []).toEqual([]);
  });

  it('--region zh-TW accepts the Taiwan name in simplified text too (exit 0)', () => {
    const result = medterm(['lint', '--region', 'zh-TW', 'cn.md'], workspace());
    expect(result.stdout).toContain('未发现问题');
    expect(result.status).toBe(0);
  });

  it('--region zh-CN reports it in traditional text, and --region zh-HK too (a Taiwan-only name)', () => {
    for (const region of ['zh-CN', 'zh-HK']) {
      const [report] = json(['--region', region, 'tw.md'], workspace());
      expect(report!.findings.map((finding) => [finding.conceptId, finding.column, finding.endColumn])).toEqual([
        ['bortezomib', 5, 10],
      ]);
    }
  });

  it('--fix leaves a regional name alone (the mainland name is a suggestion, not a safe fix)', () => {
    const directory = workspace();
    medterm(['lint', '--fix', '--region', 'zh-CN', 'cn.md'], directory);
    expect(readFileSync(join(directory, 'cn.md'), 'utf8')).toBe('患者接受萬科注射劑治疗后缓解。\n');
  });

  it('an unknown region is a usage error (exit 2) that lists the values', () => {
    const result = medterm(['lint', '--region', 'zh-MO', 'cn.md'], workspace());
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown --region "zh-MO" (auto, zh-CN, zh-TW, zh-HK)');
  });
});
