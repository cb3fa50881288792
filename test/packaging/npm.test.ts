import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';

/**
 * The npm package: `npm pack` (of the built bundles) gives a tarball with the bundles, the data, the schema,
 * README and LICENSE and no tests; installed into an empty folder (offline: it has no dependencies, the
 * bundles carry them) it runs `medterm lint` and `medterm-language-server --stdio`.
 */
describe('npm package', () => {
  const directory = mkdtempSync(join(tmpdir(), 'medterm-npm-'));
  let tarball = '';
  let files: string[] = [];

  it('packs the bundles, data, schema, README and LICENSE, and no tests or sources', () => {
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', directory], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(packed.status, packed.stderr).toBe(0);
    const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(directory, info!.filename);
    files = info!.files.map((file) => file.path).sort();
    for (const needed of [
      'dist/cli.js',
      'dist/server.js',
      'data/terms/drugs.yaml',
      'data/schema/medterm-terms.schema.json',
      'README.md',
      'LICENSE',
      'package.json',
    ])
      expect(files).toContain(needed);
    expect(
      files.filter((path) => /(^|\/)test\/|\.test\.|^server\/|^client\/|^bench\/|^scripts\/|\.ts$|\.map$/.test(path)),
    ).toEqual([]);
  }, 60_000);

  it('installs from the tarball into an empty folder and lints a file', () => {
    writeFileSync(join(directory, 'package.json'), '{ "name": "empty", "version": "1.0.0", "private": true }\n');
    const installed = spawnSync(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball],
      { cwd: directory, encoding: 'utf8' },
    );
    expect(installed.status, installed.stderr).toBe(0);
    copyFileSync(join(ROOT, 'test', 'fixtures', 'sample.md'), join(directory, 'sample.md'));
    const result = spawnSync(
      join(directory, 'node_modules', '.bin', 'medterm'),
      ['lint', '--locale', 'zh-cn', 'sample.md'],
      { cwd: directory, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/7:3\s+warning\s+“达雷木单抗”是非标准写法/);
  }, 120_000);

  it('starts the installed language server over stdio and answers initialize', async () => {
    const server = spawn(join(directory, 'node_modules', '.bin', 'medterm-language-server'), ['--stdio'], {
      cwd: directory,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createMessageConnection(
      new StreamMessageReader(server.stdout),
      new StreamMessageWriter(server.stdin),
    );
    connection.listen();
    try {
      const result = (await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
      })) as { capabilities: Record<string, unknown>; serverInfo?: { name: string } };
      expect(result.capabilities).toMatchObject({ hoverProvider: true, textDocumentSync: 2 });
      await connection.sendRequest('shutdown');
      connection.sendNotification('exit');
    } finally {
      connection.dispose();
      server.kill();
    }
  }, 60_000);
});
