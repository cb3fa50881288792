import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, unlinkSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { writeAtomically } from './atomicWrite';
import { makeDirectory } from './cacheDirectory';

/**
 * Runs a CommonJS bundle as `require` would, with V8's code cache: the first run stores the compiled code (the
 * functions the run compiled, lazily or not) in the cache folder, and later runs start from it instead of parsing and
 * compiling the bundle again. The CLI runs once per file in CI and in pre-commit hooks, where this is most of the
 * start-up. The cache entry is named by a hash of the bundle's bytes, Node's version and the architecture, so a
 * changed bundle never meets an old entry (V8's own check compares the source's length, not its text); V8 rejects
 * an entry made under other flags, and the entry is then made again. A cache that cannot be read or written is
 * simply not used: the bundle runs all the same.
 */
export function runWithCodeCache(bundle: string, cacheDirectory: string | undefined): void {
  const source = readFileSync(bundle, 'utf8').replace(/^#!.*/, '');
  const key = createHash('sha256').update(`${process.version}\0${process.arch}\0`).update(source).digest('hex');
  const entry = cacheDirectory === undefined ? undefined : join(cacheDirectory, `code-${key.slice(0, 32)}.v8`);
  let cachedData: Buffer | undefined;
  if (entry !== undefined)
    try {
      cachedData = readFileSync(entry);
    } catch {
      cachedData = undefined;
    }
  const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
  if (entry !== undefined && (cachedData === undefined || script.cachedDataRejected === true))
    process.once('exit', () => store(entry, script));
  const module = new Module(bundle, undefined);
  module.filename = bundle;
  module.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(dirname(bundle));
  const localRequire = Object.assign((id: string) => module.require(id), {
    main: module,
    resolve: (id: string) => require.resolve(id, { paths: module.paths }),
  });
  (script.runInThisContext() as (...args: unknown[]) => void).call(
    module.exports,
    module.exports,
    localRequire,
    module,
    bundle,
    dirname(bundle),
  );
}

/** Store the code cache (at exit: it then holds every function the run compiled) and drop older entries. */
function store(entry: string, script: Script): void {
  try {
    const folder = dirname(entry);
    if (!makeDirectory(folder)) return;
    writeAtomically(entry, script.createCachedData());
    for (const name of readdirSync(folder))
      if (/^code-[0-9a-f]{32}\.v8$/.test(name) && join(folder, name) !== entry) unlinkSync(join(folder, name));
  } catch {
    // Not cached this time; the run itself is unaffected.
  }
}
