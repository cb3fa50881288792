import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/vscode/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Server and CLI tests spawn the built bundles; keep parallelism modest on 2-core machines.
    maxWorkers: 2,
  },
});
