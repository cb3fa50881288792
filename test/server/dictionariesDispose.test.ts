import { mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Dictionaries } from '../../server/src/dictionaries';
import type { ParsedLayerFile } from '../../server/src/engine';
import { nodeRuntime } from '../../server/src/node/runtime';
import { ROOT } from '../helpers/dictionary';

/** 1,200 entries (at least PACK_MIN_ENTRIES) and over 64 KB: the cache stores and reads it back as a packed layer. */
function packedTermFile(path: string): void {
  const entries = Array.from(
    { length: 1200 },
    (_, i) =>
      `  - { id: syn-${i}, category: term, zh: 合成乙${i}号, en: synthetic ${i}, variants: [{ text: 合成甲${i}号, kind: nonstandard-term, note: { zh: 合成规则, en: synthetic rule } }], cite: [{ source: "test rule ${i}, padding to make the file large enough to be cached" }] }`,
  );
  writeFileSync(path, `entries:\n${entries.join('\n')}\n`);
}

/** This process's open descriptors on files in `directory` (Linux: /proc/self/fd). */
function openFilesIn(directory: string): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith(directory)) count++;
    } catch {
      // closed meanwhile (the descriptor readdirSync itself used)
    }
  }
  return count;
}

describe.skipIf(process.platform !== 'linux')('Dictionaries disposes the packed layers a reload replaces', () => {
  const saved = process.env['MEDTERM_CACHE_DIR'];
  let folder: string;
  let cache: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'medterm-dispose-'));
    cache = join(folder, 'cache');
    process.env['MEDTERM_CACHE_DIR'] = cache;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['MEDTERM_CACHE_DIR'];
    else process.env['MEDTERM_CACHE_DIR'] = saved;
  });

  it('closes the replaced layer’s cache file, keeps the current one open, and the current dictionary reads entries', async () => {
    const termFile = join(folder, 'terms.yaml');
    packedTermFile(termFile);
    const runtime = nodeRuntime(join(ROOT, 'dist'));
    const read: ParsedLayerFile[][] = [];
    const context = {
      connection: {
        console: { error: () => undefined, info: () => undefined, warn: () => undefined },
        window: { showWarningMessage: () => undefined },
        sendDiagnostics: async () => undefined,
      },
      runtime: {
        ...runtime,
        loadBuiltinFiles: () => [],
        termFilePaths: () => [{ path: termFile, layer: 'workspace' as const, configured: true }],
        readTermFile: (...args: Parameters<typeof runtime.readTermFile>) => {
          const files = runtime.readTermFile(...args);
          read.push(files);
          return files;
        },
      },
      documents: { all: () => [] },
      settingsFor: async () => ({ dictionaries: [termFile] }),
      locale: () => 'en',
      folders: () => [],
      trusted: () => true,
    };
    const dictionaries = new Dictionaries(context as never);
    await dictionaries.reload(); // parses the file and stores the pack
    await dictionaries.reload(); // reads the pack from the cache: an open descriptor on it
    await dictionaries.reload(); // reads it again: the previous layer must be closed
    expect(read).toHaveLength(3);
    const [first, second, third] = read.map((files) => files[0]!.packed!);
    expect(first).toBeDefined();
    expect(second).not.toBe(third);
    const dispose = vi.spyOn(third!, 'dispose');
    expect(openFilesIn(cache)).toBe(1);
    // The replaced layer no longer reads through its (closed) descriptor.
    expect(() => second!.concept(second!.indexOf('syn-1199'))).toThrow(/disposed/);
    // The current one does, and the dictionary finds the file's variants.
    expect(third!.concept(third!.indexOf('syn-1199')).zh).toBe('合成乙1199号');
    expect(dictionaries.dictionary.concepts.get('syn-7')?.zh).toBe('合成乙7号');
    expect(dispose).not.toHaveBeenCalled();
    await dictionaries.reload();
    expect(dispose).toHaveBeenCalledTimes(1);
    expect(openFilesIn(cache)).toBe(1);
  });
});
