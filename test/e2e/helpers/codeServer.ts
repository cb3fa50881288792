import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '../../helpers/dictionary';

/**
 * A real VS Code for end-to-end tests: code-server 4.100.3 (installed by scripts/setup-editors.sh) with
 * extensions installed from VSIX files as a user installs them, driven through Debian's Chromium by
 * playwright-core. See shared/notes/real-vscode-offline.md for why this and not @vscode/test-electron.
 */
export const CODE_SERVER = join(ROOT, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function editorsInstalled(): boolean {
  return existsSync(CODE_SERVER) && existsSync(CHROMIUM);
}

export interface CodeServer {
  readonly url: string;
  readonly workspace: string;
  readonly userDataDirectory: string;
  readonly process: ChildProcess;
  readonly log: string[];
  writeSettings(settings: Record<string, unknown>): void;
  stop(): Promise<void>;
}

/** Settings every test profile starts with: no tours, no trust prompt, no updates, legible screenshots. */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.fontSize': 18,
  'editor.hover.delay': 100,
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

export async function startCodeServer(options: {
  vsix: readonly string[];
  fixture: string;
  settings?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
}): Promise<CodeServer> {
  const base = mkdtempSync(join(tmpdir(), 'medterm-e2e-'));
  const userDataDirectory = join(base, 'user-data');
  const extensionsDirectory = join(base, 'extensions');
  const workspace = join(base, 'workspace');
  cpSync(options.fixture, workspace, { recursive: true });
  mkdirSync(join(userDataDirectory, 'User'), { recursive: true });
  const writeSettings = (settings: Record<string, unknown>): void =>
    writeFileSync(
      join(userDataDirectory, 'User', 'settings.json'),
      JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2),
    );
  writeSettings(options.settings ?? {});
  for (const vsix of options.vsix) {
    const installed = spawnSync(
      CODE_SERVER,
      ['--user-data-dir', userDataDirectory, '--extensions-dir', extensionsDirectory, '--install-extension', vsix],
      { encoding: 'utf8' },
    );
    if (installed.status !== 0) throw new Error(`installing ${vsix} failed: ${installed.stderr}${installed.stdout}`);
  }
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(
    CODE_SERVER,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      userDataDirectory,
      '--extensions-dir',
      extensionsDirectory,
      workspace,
    ],
    { env: { ...process.env, ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
  await waitFor(
    'code-server to listen',
    async () => ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok ? true : undefined),
    60_000,
  );
  return {
    url,
    workspace,
    userDataDirectory,
    process: child,
    log,
    writeSettings,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
}

export async function openWorkbench(server: CodeServer): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  await page.goto(server.url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return { browser, page };
}
