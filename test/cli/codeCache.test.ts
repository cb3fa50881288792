import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';

// dist/cli.js runs the CLI bundle through V8's code cache (server/src/node/codeCache.ts). Each test runs a copy of
// the two bundles, so that it can change one without touching dist/.
function copyOfTheCli(): { folder: string; cli: string; bundle: string } {
  const folder = mkdtempSync(join(tmpdir(), 'medterm-codecache-'));
  mkdirSync(join(folder, 'dist'));
  for (const name of ['cli.js', 'medterm-cli.js']) copyFileSync(join(ROOT, 'dist', name), join(folder, 'dist', name));
  symlinkSync(join(ROOT, 'data'), join(folder, 'data'));
  writeFileSync(join(folder, 'doc.md'), '患者使用阿霉素和强的松。\n');
  return { folder, cli: join(folder, 'dist', 'cli.js'), bundle: join(folder, 'dist', 'medterm-cli.js') };
}

function lint(
  cli: string,
  folder: string,
  cache: string,
  extra: string[] = [],
): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', ...extra, 'doc.md'], {
    cwd: folder,
    encoding: 'utf8',
    env: { ...process.env, MEDTERM_CACHE_DIR: cache, LANG: 'en_US.UTF-8' },
  });
  return { status: result.status, stdout: result.stdout };
}

const codeEntries = (cache: string): string[] => readdirSync(cache).filter((name) => name.startsWith('code-'));

describe("the CLI's code cache", () => {
  it('is written once, read on the next runs (not rewritten), and the findings are the same', () => {
    const { folder, cli } = copyOfTheCli();
    const cache = join(folder, 'cache');
    const first = lint(cli, folder, cache);
    expect(first.status).toBe(1);
    expect(JSON.parse(first.stdout)[0].findings.length).toBe(2);
    const [entry] = codeEntries(cache);
    expect(entry).toMatch(/^code-[0-9a-f]{32}\.v8$/);
    const written = statSync(join(cache, entry!)).mtimeMs;
    const second = lint(cli, folder, cache);
    expect(second).toEqual(first);
    expect(codeEntries(cache)).toEqual([entry]);
    expect(statSync(join(cache, entry!)).mtimeMs).toBe(written);
  });

  it('a changed bundle gets a new entry and the old one is removed', () => {
    const { folder, cli, bundle } = copyOfTheCli();
    const cache = join(folder, 'cache');
    const before = lint(cli, folder, cache);
    const [old] = codeEntries(cache);
    appendFileSync(bundle, '\n// another build\n');
    expect(lint(cli, folder, cache)).toEqual(before);
    const now = codeEntries(cache);
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(old);
  });

  it('a damaged entry is rejected, the run is unaffected, and the entry is made again', () => {
    const { folder, cli } = copyOfTheCli();
    const cache = join(folder, 'cache');
    const before = lint(cli, folder, cache);
    const [entry] = codeEntries(cache);
    writeFileSync(join(cache, entry!), Buffer.alloc(4096, 0x5a));
    expect(lint(cli, folder, cache)).toEqual(before);
    expect(statSync(join(cache, entry!)).size).toBeGreaterThan(100_000);
  });

  it('a cache folder that cannot be made costs nothing but the cache', () => {
    const { folder, cli } = copyOfTheCli();
    writeFileSync(join(folder, 'not-a-folder'), '');
    const reference = lint(cli, folder, join(folder, 'cache'));
    expect(lint(cli, folder, join(folder, 'not-a-folder', 'cache')).stdout).toBe(reference.stdout);
  });

  it('--no-cache and MEDTERM_CACHE_DIR=off write no entry', () => {
    const { folder, cli } = copyOfTheCli();
    const cache = join(folder, 'cache');
    lint(cli, folder, cache, ['--no-cache']);
    expect(() => readdirSync(cache)).toThrow();
    lint(cli, folder, 'off');
    expect(readdirSync(folder).sort()).toEqual(['data', 'dist', 'doc.md']);
  });
});
