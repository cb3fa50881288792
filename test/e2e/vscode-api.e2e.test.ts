import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';
import type { SuiteReport } from '../vscode/index';
import { editorsInstalled, openWorkbench, startCodeServer, type CodeServer } from './helpers/codeServer';

/**
 * The VS Code API suite (test/vscode: vscode.executeHoverProvider, executeCompletionItemProvider,
 * languages.getDiagnostics, code actions, configuration) executed inside code-server. code-server
 * rejects --extensionDevelopmentPath and ignores extensionTestsPath, so a test-only extension,
 * installed from its own VSIX next to medterm.vsix, runs the suite on start-up and writes the result.
 */
const SUITE = join(ROOT, 'out', 'vscode-suite', 'index.js');

function buildRunnerExtension(resultsFile: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'medterm-test-runner-'));
  writeFileSync(
    join(directory, 'package.json'),
    JSON.stringify({
      name: 'medterm-test-runner',
      displayName: 'MedTerm test runner',
      description: 'Runs the MedTerm VS Code API suite on start-up (tests only).',
      publisher: 'medterm',
      version: '0.0.1',
      license: 'MIT',
      engines: { vscode: '^1.100.0' },
      activationEvents: ['onStartupFinished'],
      extensionDependencies: ['medterm.medterm'],
      main: './extension.js',
    }),
  );
  writeFileSync(
    join(directory, 'extension.js'),
    `const fs = require('fs');
exports.activate = async function () {
  let report;
  try {
    report = await require(${JSON.stringify(SUITE)}).runAndReport();
  } catch (error) {
    report = { total: 0, passes: [], failures: [{ title: 'suite did not run', error: String(error && error.stack || error) }] };
  }
  // Write then rename: the test polls for the file and must never see it half-written.
  fs.writeFileSync(${JSON.stringify(resultsFile + '.tmp')}, JSON.stringify(report, null, 2));
  fs.renameSync(${JSON.stringify(resultsFile + '.tmp')}, ${JSON.stringify(resultsFile)});
};
exports.deactivate = function () {};
`,
  );
  writeFileSync(
    join(directory, 'README.md'),
    '# MedTerm test runner\n\nRuns the MedTerm VS Code API suite. For tests only.\n',
  );
  const vsix = join(directory, 'runner.vsix');
  const packed = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--skip-license',
      '-o',
      vsix,
    ],
    { cwd: directory, encoding: 'utf8' },
  );
  if (packed.status !== 0) throw new Error(`packaging the runner failed: ${packed.stderr}${packed.stdout}`);
  return vsix;
}

describe('the VS Code API suite, inside code-server', () => {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs every test of the suite and all pass', async () => {
    if (!editorsInstalled()) throw new Error('code-server or Chromium is missing: run scripts/setup-editors.sh');
    if (!existsSync(SUITE)) throw new Error('the suite is not built: npm run build:tests');
    const resultsFile = join(mkdtempSync(join(tmpdir(), 'medterm-suite-')), 'results.json');
    server = await startCodeServer({
      vsix: [join(ROOT, 'medterm.vsix'), buildRunnerExtension(resultsFile)],
      fixture: join(ROOT, 'test', 'fixtures', 'workspace'),
    });
    // The extension host starts when a window connects.
    ({ browser } = await openWorkbench(server));
    const deadline = Date.now() + 150_000;
    while (!existsSync(resultsFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(existsSync(resultsFile), `no results; code-server log:\n${server.log.join('').slice(-3000)}`).toBe(true);
    const report = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteReport;
    expect(report.failures).toEqual([]);
    expect(report.passes.length).toBe(6);
    expect(report.total).toBe(6);
  });
});
