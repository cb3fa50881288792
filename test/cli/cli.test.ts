import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../server/src/engine';
import { ROOT } from '../helpers/dictionary';

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
  const directory = mkdtempSync(join(tmpdir(), 'medterm-cli-'));
  cpSync(join(ROOT, 'test', 'fixtures', 'sample.md'), join(directory, 'sample.md'));
  writeFileSync(join(directory, 'clean.md'), '硼替佐米是蛋白酶体抑制剂。\n');
  return directory;
}

describe('medterm CLI', () => {
  it('lints with the stylish format and exits 1 when there are findings', () => {
    const directory = workspace();
    const result = medterm(['lint', 'sample.md'], directory);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('sample.md');
    expect(result.stdout).toMatch(/7:3\s+warning\s+“达雷木单抗”是非标准写法/);
    expect(result.stdout).not.toContain('代码块');
  });

  it('exits 0 on a clean file', () => {
    const result = medterm(['lint', 'clean.md'], workspace());
    expect(result.stdout).toContain('未发现问题');
    expect(result.status).toBe(0);
  });

  it('prints JSON with 1-based UTF-16 lines and columns, rule ids, concept ids and fixes', () => {
    const directory = workspace();
    writeFileSync(join(directory, 'astral.md'), '😀𠀀利那度胺\r\n');
    const result = medterm(['lint', '--format', 'json', 'astral.md', 'sample.md'], directory);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as { file: string; findings: Record<string, unknown>[] }[];
    expect(json.map((entry) => entry.file)).toEqual(['astral.md', 'sample.md']);
    expect(json[0]!.findings).toEqual([
      {
        ruleId: 'nonstandard-name',
        severity: 'warning',
        message: expect.stringContaining('来那度胺'),
        line: 1,
        column: 5,
        endLine: 1,
        endColumn: 9,
        text: '利那度胺',
        conceptId: 'lenalidomide',
        fixes: [{ text: '来那度胺', tier: 'safe' }],
      },
    ]);
  });

  it('writes SARIF 2.1.0 with rules, UTF-16 columns and regions', () => {
    const result = medterm(['lint', '--format', 'sarif', 'sample.md'], workspace());
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
    expect(log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULE_IDS);
    const result0 = log.runs[0].results.find((r: { message: { text: string } }) =>
      r.message.text.includes('达雷木单抗'),
    );
    expect(result0.locations[0].physicalLocation.region).toMatchObject({
      startLine: 7,
      startColumn: 3,
      endLine: 7,
      endColumn: 8,
    });
    expect(result0.locations[0].physicalLocation.artifactLocation.uri).toBe('sample.md');
  });

  it('--fix applies safe fixes in place, leaves suggestions, and writes no stray files', () => {
    const directory = workspace();
    const result = medterm(['lint', '--fix', '--format', 'json', 'sample.md'], directory);
    const fixed = readFileSync(join(directory, 'sample.md'), 'utf8');
    expect(fixed).toContain('伊沙佐米联合来那度胺和地塞米松');
    expect(fixed).toContain('埃罗妥珠单抗');
    expect(fixed).toContain('达雷妥尤单抗');
    expect(fixed).toContain('高黏滞综合征');
    expect(fixed).toContain('第一种口服蛋白酶抑制剂'); // a suggestion: never applied automatically
    expect(fixed).toContain('代码块中的 利那度胺'); // skipped region untouched
    const remaining = (JSON.parse(result.stdout) as { findings: { fixes: { tier: string }[] }[] }[])[0]!.findings;
    expect(remaining.some((finding) => finding.fixes.some((fix) => fix.tier === 'safe'))).toBe(false);
    expect(readdirSync(directory).sort()).toEqual(['clean.md', 'sample.md']);
  });

  it('stops quietly when the reader of its output goes away (medterm lint … | head)', async () => {
    const directory = workspace();
    writeFileSync(join(directory, 'long.md'), '利那度胺。\n'.repeat(3000));
    const child = spawn(process.execPath, [CLI, 'lint', '--format', 'json', 'long.md'], {
      cwd: directory,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Read the first chunk, then close the pipe, as `head` does.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).not.toMatch(/EPIPE|Error|at /);
    expect(status).toBe(1);
  });

  it('exits 2 with a clear message on usage and configuration errors', () => {
    const directory = workspace();
    expect(medterm(['lint'], directory)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('no files given'),
    });
    expect(medterm(['lint', '--format', 'xml', 'sample.md'], directory)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('unknown --format'),
    });
    expect(medterm(['frobnicate', 'sample.md'], directory)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('unknown command'),
    });
    expect(medterm(['lint', 'missing/*.md'], directory)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('no files match'),
    });
    writeFileSync(join(directory, 'bad.yaml'), 'entries:\n  - id: Bad Id\n    category: drug\n');
    // A bad entry is skipped with a located warning and the files are still linted (audit F2);
    // a file that cannot be parsed at all still stops the run.
    const bad = medterm(['lint', '--dictionary', 'bad.yaml', 'sample.md'], directory);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/warning: .*bad\.yaml:2:\d+: entries\[0\]/);
    writeFileSync(join(directory, 'broken.yaml'), 'entries: [\n');
    expect(medterm(['lint', '--dictionary', 'broken.yaml', 'sample.md'], directory)).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/broken\.yaml:\d+:\d+: \(file\)/),
    });
  });

  it('--max-warnings lets a known number of warnings pass', () => {
    const directory = workspace();
    const findings = (
      JSON.parse(medterm(['lint', '--format', 'json', 'sample.md'], directory).stdout) as {
        findings: { severity: string }[];
      }[]
    )[0]!.findings;
    const count = findings.filter((finding) => finding.severity === 'warning').length;
    expect(findings.length).toBeGreaterThan(count);
    expect(medterm(['lint', '--max-warnings', String(count), 'sample.md'], directory).status).toBe(0);
    expect(medterm(['lint', '--max-warnings', String(count - 1), 'sample.md'], directory).status).toBe(1);
  });

  it('adds a term file with --dictionary and lints folders and globs', () => {
    const directory = workspace();
    writeFileSync(
      join(directory, 'team.yaml'),
      'entries:\n  - id: house-style\n    category: term\n    zh: 骨髓瘤细胞\n    en: myeloma cell\n    variants:\n      - { text: 瘤细胞株, kind: nonstandard-term, note: { zh: 团队规范, en: team style } }\n    cite: [{ source: "Team style guide" }]\n',
    );
    writeFileSync(join(directory, 'ch1.md'), '瘤细胞株\n');
    const result = medterm(['lint', '--format', 'json', '--dictionary', 'team.yaml', '.'], directory);
    const files = JSON.parse(result.stdout) as { file: string; findings: { conceptId: string }[] }[];
    expect(files.map((file) => file.file)).toEqual(['ch1.md', 'clean.md', 'sample.md']);
    expect(files[0]!.findings.map((finding) => finding.conceptId)).toEqual(['house-style']);
    expect(JSON.parse(medterm(['lint', '--format', 'json', '*.md'], directory).stdout)).toHaveLength(3);
  });

  it('prints the glossary of terms and abbreviations a manuscript uses', () => {
    const result = medterm(['glossary', 'sample.md'], workspace());
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('| 缩写 | 中文 | 英文 | 首次出现 |');
    expect(result.stdout).toContain(
      '| RRMM | 复发/难治性多发性骨髓瘤 | relapsed/refractory multiple myeloma | sample.md:6 |',
    );
    expect(result.stdout).toContain('| DRd | 达雷妥尤单抗+来那度胺+地塞米松 |');
  });
});

describe('medterm CLI on a manuscript in several files', () => {
  function manuscript(): string {
    const directory = mkdtempSync(join(tmpdir(), 'medterm-manuscript-'));
    writeFileSync(join(directory, 'ch1.md'), '# 第一章\n\n免疫调节剂包括沙利度胺。免疫调节剂还有来那度胺。\n');
    writeFileSync(join(directory, 'ch3.md'), '# 第三章\n\n免疫调节药物与雷利度胺联用。\n');
    writeFileSync(
      join(directory, 'prh.yml'),
      'version: 1\nrules:\n  - expected: 来那度胺\n    pattern: 雷利度胺\n    specs:\n      - { from: 雷利度胺, to: 来那度胺 }\n',
    );
    return directory;
  }

  it('reports a cross-file inconsistency in json, sarif and stylish, with the prh rules of a textlint user', () => {
    const directory = manuscript();
    const json = medterm(['lint', '--format', 'json', '--dictionary', 'prh.yml', 'ch1.md', 'ch3.md'], directory);
    expect(json.status).toBe(1);
    const files = JSON.parse(json.stdout) as {
      file: string;
      findings: { ruleId: string; text: string; fixes: { text: string; tier: string }[] }[];
    }[];
    expect(files[0]).toEqual({ file: 'ch1.md', findings: [] });
    expect(files[1]!.findings.map((finding) => [finding.ruleId, finding.text, finding.fixes[0]])).toEqual([
      ['inconsistent-term', '免疫调节药物', { text: '免疫调节剂', tier: 'suggestion' }],
      ['nonstandard-name', '雷利度胺', { text: '来那度胺', tier: 'safe' }],
    ]);
    const sarif = JSON.parse(
      medterm(['lint', '--format', 'sarif', '--dictionary', 'prh.yml', 'ch1.md', 'ch3.md'], directory).stdout,
    );
    expect(sarif.runs[0].results.map((result: { ruleId: string }) => result.ruleId)).toEqual([
      'inconsistent-term',
      'nonstandard-name',
    ]);
    expect(medterm(['lint', '--dictionary', 'prh.yml', '.'], directory).stdout).toContain(
      '工作区其他文件中写作“免疫调节剂”',
    );
  });

  it('--fix applies the safe prh fix and leaves the consistency suggestion; exit codes follow what is left', () => {
    const directory = manuscript();
    // What is left is information (inconsistent-term), which does not fail a run (F7) unless raised to a warning.
    expect(medterm(['lint', '--fix', '--dictionary', 'prh.yml', 'ch1.md', 'ch3.md'], directory).status).toBe(0);
    expect(readFileSync(join(directory, 'ch3.md'), 'utf8')).toBe('# 第三章\n\n免疫调节药物与来那度胺联用。\n');
    expect(
      medterm(['lint', '--rule', 'inconsistent-term=warning', '--dictionary', 'prh.yml', 'ch1.md', 'ch3.md'], directory)
        .status,
    ).toBe(1);
    expect(
      medterm(['lint', '--rule', 'inconsistent-term=off', '--dictionary', 'prh.yml', 'ch1.md', 'ch3.md'], directory)
        .status,
    ).toBe(0);
  });
});

describe('SARIF output', () => {
  it('is valid against the official SARIF 2.1.0 JSON schema', async () => {
    const { default: AjvDraft04 } = await import('ajv-draft-04');
    const schema = JSON.parse(
      readFileSync(
        join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'),
        'utf8',
      ),
    );
    const validate = new AjvDraft04({
      allErrors: true,
      strict: false,
      validateFormats: false,
      unicodeRegExp: false,
    }).compile(schema);
    const directory = workspace();
    writeFileSync(join(directory, 'ch3.md'), '免疫调节药物\n');
    writeFileSync(join(directory, 'ch1.md'), '免疫调节剂、免疫调节剂\n');
    const log = JSON.parse(medterm(['lint', '--format', 'sarif', '.'], directory).stdout);
    expect(log.runs[0].results.length).toBeGreaterThan(5);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });
});
