// Runs the VS Code API suite (test/vscode) in a desktop VS Code downloaded by @vscode/test-electron.
// That download needs the internet, which these build machines do not have; here the same suite runs
// inside code-server instead (test/e2e/vscode-api.e2e.test.ts, part of `npm test`).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspace = mkdtempSync(join(tmpdir(), 'medterm-vscode-'));
cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });

try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'vscode-suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error('VS Code tests failed:', error);
  process.exit(1);
}
