import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The tests Stryker runs against mutants of server/src/engine: the engine's own tests (pure, in-process).
export default defineConfig({
  test: {
    env: { MEDTERM_CACHE_DIR: mkdtempSync(join(tmpdir(), 'medterm-mutate-cache-')), MEDTERM_MUTATE: '1' },
    include: ['test/engine/**/*.test.ts', 'test/data/**/*.test.ts'],
    // The validator test compares generated source text, which Stryker's sandbox annotates.
    exclude: ['test/data/validator.test.ts'],
    testTimeout: 60_000,
    // One module graph per run instead of one per test file: the built-in dictionary is then parsed once per
    // mutant, not once per file. Each run (one mutant) still starts from fresh modules.
    isolate: false,
  },
});
