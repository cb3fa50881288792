import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';

/** The CLI rows of the reliability audit (W5, W8, W9, W11, W12, P5, P10, P11, F7): each test fails on ec93d50. */

const CLI = join(ROOT, 'dist', 'cli.js');

function medterm(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = { LANG: 'zh_CN.UTF-8' },
): { status: number | null; stdout: string; stderr: string } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(LC_|LANG)/.test(key)));
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...base, NO_COLOR: '1', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'medterm-rows-'));
}

describe('CLI audit rows', () => {
  it('W5: a folder whose name holds glob characters is linted as a folder', () => {
    const root = folder();
    for (const name of ['书稿 (终稿)', 'ch(1)', '!draft', '+(a)']) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, '第1章.md'), '使用利那度胺。\n');
      const result = medterm(['lint', '--format', 'json', name], root);
      expect(result.status, `${name}: ${result.stderr}`).toBe(1);
      expect((JSON.parse(result.stdout) as { file: string }[]).map((entry) => entry.file)).toEqual([
        join(name, '第1章.md'),
      ]);
    }
  });

  it('W8: extensions are matched case-insensitively in a folder (.MD, .Markdown)', () => {
    const root = folder();
    writeFileSync(join(root, 'A.MD'), '使用利那度胺。\n');
    writeFileSync(join(root, 'b.Markdown'), '使用利那度胺。\n');
    writeFileSync(join(root, 'c.md'), '使用利那度胺。\n');
    writeFileSync(join(root, 'd.png'), '使用利那度胺。\n');
    const result = medterm(['lint', '--format', 'json', '.'], root);
    expect((JSON.parse(result.stdout) as { file: string }[]).map((entry) => entry.file)).toEqual([
      'A.MD',
      'b.Markdown',
      'c.md',
    ]);
  });

  it('W9: SARIF URIs are percent-encoded URI references', () => {
    const root = folder();
    const manuscript = join(root, '我的 手稿');
    mkdirSync(manuscript);
    writeFileSync(join(manuscript, '第一章 引言.md'), '使用利那度胺。\n');
    const log = JSON.parse(medterm(['lint', '--format', 'sarif', '第一章 引言.md'], manuscript).stdout);
    const run = log.runs[0];
    expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      '%E7%AC%AC%E4%B8%80%E7%AB%A0%20%E5%BC%95%E8%A8%80.md',
    );
    expect(run.results[0].fixes[0].artifactChanges[0].artifactLocation.uri).toBe(
      '%E7%AC%AC%E4%B8%80%E7%AB%A0%20%E5%BC%95%E8%A8%80.md',
    );
    const base: string = run.originalUriBaseIds.SRCROOT.uri;
    expect(base.startsWith('file:///')).toBe(true);
    expect(base.endsWith('/%E6%88%91%E7%9A%84%20%E6%89%8B%E7%A8%BF/')).toBe(true);
    expect(base).not.toMatch(/[ \u4e00-\u9fff]/);
  });

  it('W11: an empty LC_ALL is ignored (POSIX); no locale variable at all means English', () => {
    const root = folder();
    writeFileSync(join(root, 'a.md'), '使用利那度胺。\n');
    expect(medterm(['lint', 'a.md'], root, { LC_ALL: '', LANG: 'en_US.UTF-8' }).stdout).toContain('is non-standard');
    expect(medterm(['lint', 'a.md'], root, {}).stdout).toContain('is non-standard');
    expect(medterm(['lint', 'a.md'], root, { LC_ALL: '', LANG: 'zh_CN.UTF-8' }).stdout).toContain('非标准写法');
    expect(medterm(['lint', 'a.md'], root, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }).stdout).toContain(
      'is non-standard',
    );
  });

  it('W12: the glossary lists abbreviations only, never a form lint flags, and a regimen row gives its expansion', () => {
    const root = folder();
    cpSync(join(ROOT, 'test', 'fixtures', 'sample.md'), join(root, 'sample.md'));
    const rows = JSON.parse(medterm(['glossary', '--format', 'json', 'sample.md'], root).stdout) as {
      abbreviation: string;
      zh: string;
      en: string;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.abbreviation !== '')).toBe(true);
    expect(rows.map((row) => row.zh)).not.toContain('蛋白酶抑制剂');
    expect(rows.find((row) => row.abbreviation === 'DRd')).toMatchObject({
      en: 'daratumumab + lenalidomide + dexamethasone',
    });
    const all = JSON.parse(medterm(['glossary', '--format', 'json', '--all-terms', 'sample.md'], root).stdout) as {
      abbreviation: string;
      zh: string;
    }[];
    expect(all.some((row) => row.abbreviation === '')).toBe(true);
    expect(all.map((row) => row.zh)).not.toContain('蛋白酶抑制剂');
  });

  it.skipIf(process.getuid?.() !== 0)(
    'P2: an unreadable file is listed as not checked and the other files are still linted (run as nobody)',
    () => {
      const root = folder();
      chmodSync(root, 0o777);
      writeFileSync(join(root, 'a.md'), '使用利那度胺。\n');
      writeFileSync(join(root, 'b.md'), '使用利那度胺。\n');
      chmodSync(join(root, 'a.md'), 0o644);
      chmodSync(join(root, 'b.md'), 0o000);
      const asNobody = (extra: string[]) =>
        spawnSync(
          'setpriv',
          [
            '--reuid=nobody',
            '--regid=nogroup',
            '--clear-groups',
            'env',
            'HOME=/nonexistent',
            'LANG=en_US.UTF-8',
            'NO_COLOR=1',
            'MEDTERM_CACHE_DIR=off',
            process.execPath,
            CLI,
            'lint',
            '--format',
            'json',
            ...extra,
            '.',
          ],
          { cwd: root, encoding: 'utf8' },
        );
      const result = asNobody([]);
      const files = JSON.parse(result.stdout) as { file: string; findings: { text: string }[]; notChecked?: string }[];
      expect(files.find((entry) => entry.file === 'a.md')!.findings.map((finding) => finding.text)).toEqual([
        '利那度胺',
      ]);
      expect(files.find((entry) => entry.file === 'b.md')).toMatchObject({
        findings: [],
        notChecked: expect.any(String),
      });
      expect(result.status).toBe(2);
      expect(asNobody(['--allow-unchecked']).status).toBe(1);
    },
  );

  it('P5: --max-warnings -1 means no limit; an empty or malformed value is a usage error; --rule X=a=b is refused', () => {
    const root = folder();
    writeFileSync(join(root, 'a.md'), '使用利那度胺。\n');
    expect(medterm(['lint', '--max-warnings', '-1', 'a.md'], root).status).toBe(0);
    expect(medterm(['lint', '--max-warnings=-1', 'a.md'], root).status).toBe(0);
    expect(medterm(['lint', 'a.md'], root).status).toBe(1);
    for (const bad of ['', '-2', '1.5', 'x']) {
      const result = medterm(['lint', `--max-warnings=${bad}`, 'a.md'], root);
      expect(result.status, bad).toBe(2);
      expect(result.stderr).toContain('--max-warnings needs a whole number');
    }
    expect(medterm(['lint', '--rule', 'nonstandard-name=error=x', 'a.md'], root)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('ID=SEVERITY'),
    });
  });

  it('P10: the variant kind is said once, and English counts in the singular', () => {
    const root = folder();
    writeFileSync(join(root, 'a.md'), '使用利那度胺。\n');
    const english = medterm(['lint', '--locale', 'en', 'a.md'], root).stdout;
    expect(english.match(/non-standard transliteration/g)).toHaveLength(1);
    expect(english).toContain('✖ 1 finding (0 errors, 1 warning, 0 info, 0 hints)');
    const chinese = medterm(['lint', '--locale', 'zh-cn', 'a.md'], root).stdout;
    expect(chinese.match(/非标准音译/g)).toHaveLength(1);
  });

  it('P11: glossary --format json gives JSON; --format sarif is a usage error', () => {
    const root = folder();
    writeFileSync(join(root, 'a.md'), 'MM（多发性骨髓瘤）\n');
    const json = medterm(['glossary', '--format', 'json', 'a.md'], root);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        abbreviation: 'MM',
        zh: '多发性骨髓瘤',
        en: 'multiple myeloma',
        conceptId: 'multiple-myeloma',
        firstUse: 'a.md:1',
      },
    ]);
    expect(medterm(['glossary', '--format', 'sarif', 'a.md'], root).status).toBe(2);
  });

  it('F7: information and hints do not fail a run; --max-warnings counts warnings only; --help gives the exit codes', () => {
    const root = folder();
    writeFileSync(join(root, 'info.md'), 'FDA 批准了硼替佐米。\n');
    const info = medterm(['lint', '--format', 'json', 'info.md'], root);
    const severities = (JSON.parse(info.stdout) as { findings: { severity: string }[] }[])[0]!.findings.map(
      (finding) => finding.severity,
    );
    expect(severities).toEqual(['information']);
    expect(info.status).toBe(0);
    writeFileSync(join(root, 'mixed.md'), 'FDA 批准了利那度胺。\n');
    expect(medterm(['lint', '--max-warnings', '1', 'mixed.md'], root).status).toBe(0);
    expect(medterm(['lint', '--max-warnings', '0', 'mixed.md'], root).status).toBe(1);
    expect(
      medterm(['lint', '--rule', 'undefined-abbreviation=error', '--max-warnings', '5', 'mixed.md'], root).status,
    ).toBe(1);
    expect(medterm(['--help'], root).stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
  });
});
