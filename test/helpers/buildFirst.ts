import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * vitest globalSetup: the server and CLI tests spawn dist/*.js, so build them first — `vitest run` alone
 * must never test a stale bundle (design review §2.8). esbuild takes a second or two.
 */
export default function setup(): void {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
}
