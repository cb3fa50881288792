import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const IN_PROCESS = [
  'test/server/dictionariesDispose.test.ts',
  'test/server/termFiles.test.ts',
  'test/reliability/badDictionaries.test.ts',
  'test/reliability/docx.test.ts',
  'test/reliability/fuzz.test.ts',
  'test/reliability/scope.test.ts',
  'test/cli/messages.test.ts',
  // These also spawn dist/ in some tests (harmless: they cannot kill, and cover nothing in this process), and run
  // the term-file, prh and Word paths of the engine in this process in others.
  'test/reliability/prh.test.ts',
  'test/reliability/termFileProblems.test.ts',
  'test/cli/cache.test.ts',
  'test/cli/docx.test.ts',
  'test/server/docx.test.ts',
];

// The tests Stryker runs against mutants of server/src/engine: the engine's own tests (pure, in-process).
export default defineConfig({
  test: {
    env: { MEDTERM_CACHE_DIR: mkdtempSync(join(tmpdir(), 'medterm-mutate-cache-')), MEDTERM_MUTATE: '1' },
    // The tests that run the engine's source in this process. The rest of test/server, test/reliability and test/cli
    // only spawn the bundled dist/ (which Stryker does not mutate: they can kill nothing) or speak LSP to it.
    // MEDTERM_MUTATE_SUITE=engine: without test/data (which parses the built-in dictionary in every file). Fewer
    // tests can only kill fewer mutants, so a score measured that way is a lower bound of the full suite's.
    include: [
      'test/engine/**/*.test.ts',
      ...(process.env.MEDTERM_MUTATE_SUITE === 'engine' ? [] : ['test/data/**/*.test.ts']),
      ...IN_PROCESS,
    ],
    // The validator test compares generated source text, which Stryker's sandbox annotates.
    exclude: ['test/data/validator.test.ts'],
    testTimeout: 60_000,
    // One worker, vitest and the node_modules libraries loaded once (isolate: false), but every test file still
    // starts with a fresh graph of the project's own modules (test/helpers/mutateSetup.ts calls vi.resetModules()):
    // the engine's module-level caches and the helpers' memos never carry a result from one mutant's run into
    // another's. Without the reset, shared modules missed kills (docs/mutation.md); with it, a run of the engine
    // tests takes about 40 % of the isolated run's time.
    isolate: false,
    setupFiles: ['test/helpers/mutateSetup.ts'],
  },
});
