import { defineConfig } from 'vitest/config';

/** Real-editor tests: one at a time (each starts code-server and Chromium, or Neovim), with generous limits. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
    maxWorkers: 1,
  },
});
