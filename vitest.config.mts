import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The cache of term files (server, CLI) goes to a fresh folder per run, never to the user's ~/.cache.
    env: { MEDTERM_CACHE_DIR: mkdtempSync(join(tmpdir(), 'medterm-test-cache-')) },
    include: ['test/**/*.test.ts'],
    // Build the bundles the server and CLI tests spawn, so that they never run against a stale dist/.
    globalSetup: ['test/helpers/buildFirst.ts'],
    exclude: ['test/e2e/**', 'test/vscode/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Server and CLI tests spawn the built bundles; keep parallelism modest on 2-core machines.
    maxWorkers: 2,
  },
});
