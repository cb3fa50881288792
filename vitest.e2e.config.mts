import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/** Real-editor tests: one at a time (each starts code-server and Chromium, or Neovim), with generous limits. */
export default defineConfig({
  test: {
    // The cache of term files (server, CLI) goes to a fresh folder per run, never to the user's ~/.cache.
    env: { MEDTERM_CACHE_DIR: mkdtempSync(join(tmpdir(), 'medterm-test-cache-')) },
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
