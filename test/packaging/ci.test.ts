import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FILE_KINDS } from '../../server/src/engine';
import { ROOT } from '../helpers/dictionary';

/** The CI recipes in the README, run as written (with the built CLI standing in for `npx medterm`). */
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CLI = join(ROOT, 'dist', 'cli.js');

function block(marker: string): unknown {
  const start = README.indexOf(`<!-- ${marker} -->`);
  expect(start, marker).toBeGreaterThan(0);
  const fence = README.indexOf('```yaml\n', start);
  return parse(README.slice(fence + '```yaml\n'.length, README.indexOf('\n```', fence)));
}

function shell(command: string, cwd: string): number | null {
  return spawnSync('bash', ['-c', command], { cwd, encoding: 'utf8' }).status;
}

describe('CI recipes', () => {
  it('GitHub Actions: the lint step keeps findings (exit 1) for upload, fails on exit 2, writes the file it uploads', () => {
    const workflow = block('medterm-ci-github') as {
      jobs: {
        medterm: {
          permissions: Record<string, string>;
          steps: { run?: string; uses?: string; with?: Record<string, string> }[];
        };
      };
    };
    const job = workflow.jobs.medterm;
    expect(job.permissions['security-events']).toBe('write');
    const lint = job.steps.find((step) => step.run?.includes('medterm lint'))!.run!;
    const upload = job.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    const command = lint.replace('npx --yes medterm', `node ${CLI}`);
    const directory = mkdtempSync(join(tmpdir(), 'medterm-ci-'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'sample.md'), join(directory, 'sample.md'));
    expect(shell(command, directory)).toBe(0);
    const sarif = JSON.parse(readFileSync(join(directory, upload.with!['sarif_file']!), 'utf8')) as {
      version: string;
      runs: { results: unknown[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.length).toBeGreaterThan(0);
    writeFileSync(join(directory, 'broken.docx'), 'not a zip');
    expect(shell(command, directory)).not.toBe(0);
  });

  it('pre-commit: the hook runs a bin of the package over exactly the files of the one list', () => {
    const [hook] = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string;
      entry: string;
      files: string;
      language: string;
    }[];
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    const [bin, ...args] = hook!.entry.split(' ');
    expect(Object.keys(manifest.bin)).toContain(bin);
    expect(hook!.language).toBe('node');
    // Python's (?i) is JavaScript's "i" flag.
    const pattern = new RegExp(hook!.files.replace('(?i)', ''), 'i');
    for (const kind of FILE_KINDS)
      for (const extension of kind.extensions) expect(pattern.test(`docs/paper.${extension}`), extension).toBe(true);
    for (const other of ['script.R', 'analysis.py', 'data.json', 'README', 'notes.md.bak'])
      expect(pattern.test(other), other).toBe(false);
    const usage = block('medterm-ci-pre-commit') as { repos: { hooks: { id: string; args: string[] }[] }[] };
    const readmeHook = usage.repos[0]!.hooks[0]!;
    expect(readmeHook.id).toBe(hook!.id);
    const directory = mkdtempSync(join(tmpdir(), 'medterm-pre-commit-'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'sample.md'), join(directory, 'sample.md'));
    writeFileSync(join(directory, 'clean.md'), '硼替佐米是蛋白酶体抑制剂。\n');
    const run = (file: string) =>
      spawnSync(process.execPath, [CLI, ...args, ...readmeHook.args, file], { cwd: directory, encoding: 'utf8' })
        .status;
    expect(run('sample.md')).toBe(1);
    expect(run('clean.md')).toBe(0);
  });
});
