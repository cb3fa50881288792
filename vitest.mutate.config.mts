import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The tests Stryker runs against mutants of server/src/engine: the engine's own tests (pure, in-process).
export default defineConfig({
  test: {
    env: { MEDTERM_CACHE_DIR: mkdtempSync(join(tmpdir(), 'medterm-mutate-cache-')), MEDTERM_MUTATE: '1' },
    // MEDTERM_MUTATE_SUITE=engine: the engine tests alone (inline dictionaries, cheap to import). Fewer tests can
    // only kill fewer mutants, so a score measured that way is a lower bound of the full suite's.
    include:
      process.env.MEDTERM_MUTATE_SUITE === 'engine'
        ? ['test/engine/**/*.test.ts']
        : ['test/engine/**/*.test.ts', 'test/data/**/*.test.ts'],
    // The validator test compares generated source text, which Stryker's sandbox annotates.
    exclude: ['test/data/validator.test.ts'],
    testTimeout: 60_000,
    // Keep vitest's default isolation (a fresh module graph per test file). With isolate: false the built-in
    // dictionary was parsed once per run instead of once per file (2.6x less CPU), but Stryker then missed kills:
    // mutants of undefined-abbreviation.ts that rules.test.ts kills were reported as surviving (docs/mutation.md).
  },
});
