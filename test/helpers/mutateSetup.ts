import { vi } from 'vitest';

// With isolate: false (vitest.mutate.config.mts), every test file still gets a fresh graph of the project's own
// modules — the engine's caches and the test helpers' memos start empty — while the worker, vitest and the node_modules
// libraries are loaded once.
vi.resetModules();
