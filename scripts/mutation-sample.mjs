// A uniform random sample of the engine's mutants, for a mutation score that fits in a session on a 2-core machine:
// `node scripts/mutate.mjs --sample 0.1` tests about one mutant in ten, chosen by a hash of what the mutant is (its
// file, location, mutator and replacement), never by how it fares; scripts/mutation-score.mjs --sample 0.1 reports the
// score of exactly those mutants with a 95 % confidence interval. The same rate always picks the same mutants.
// Stryker has no sampling of its own: the `vitest-sample` test runner below wraps the vitest runner and answers
// "killed, not in the sample" for a mutant outside the sample without running a test; the score script drops them.
import { relative } from 'node:path';
import { PluginKind, commonTokens, declareFactoryPlugin, tokens } from '@stryker-mutator/api/plugin';
import { strykerPlugins as vitestPlugins } from '@stryker-mutator/vitest-runner';

export const NOT_IN_SAMPLE = 'not in the sample';

/**
 * The mutant's identity, independent of the checkout's folder and of Stryker's sandbox. Locations as in Stryker's
 * reports (1-based lines and columns); a test runner sees them 0-based (`schemaLocation` converts).
 */
export function mutantKey(mutant, root = process.cwd()) {
  const file = relative(root, mutant.fileName).replace(/^.*?(?=server\/src\/engine\/)/, '');
  const { start, end } = mutant.location;
  return `${file}:${start.line}:${start.column}-${end.line}:${end.column}:${mutant.mutatorName}:${mutant.replacement}`;
}

/** FNV-1a over the key, mixed, as a number in [0, 1). */
export function sampleValue(key) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32;
}

/** A test runner's (0-based) location as a report's (1-based). */
export function schemaLocation({ start, end }) {
  return {
    start: { line: start.line + 1, column: start.column + 1 },
    end: { line: end.line + 1, column: end.column + 1 },
  };
}

/**
 * Whether the mutant is in the sample of this rate. A seed (`--seed`, MEDTERM_MUTATE_SEED) draws another sample,
 * independent of the first: measure with it after writing tests from the first sample's survivors.
 */
export function inSample(mutant, rate, root, seed = process.env.MEDTERM_MUTATE_SEED ?? '') {
  const key = mutantKey(mutant, root);
  return sampleValue(seed === '' ? key : `${seed}\0${key}`) < rate;
}

/** Wilson score interval (95 %) of k successes in n trials, in percent. */
export function wilson(k, n) {
  if (n === 0) return [0, 100];
  const z = 1.96;
  const p = k / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return [100 * (centre - half), 100 * (centre + half)];
}

function createSampledRunner(injector) {
  const rate = Number(process.env.MEDTERM_MUTATE_SAMPLE);
  if (!(rate > 0 && rate <= 1)) throw new Error('vitest-sample: set MEDTERM_MUTATE_SAMPLE to a rate in (0, 1]');
  const inner = injector.injectFunction(vitestPlugins[0].factory);
  return {
    capabilities: () => inner.capabilities(),
    init: () => inner.init?.(),
    dispose: () => inner.dispose?.(),
    dryRun: (options) => inner.dryRun(options),
    mutantRun: (options) =>
      inSample({ ...options.activeMutant, location: schemaLocation(options.activeMutant.location) }, rate)
        ? inner.mutantRun(options)
        : Promise.resolve({ status: 'killed', killedBy: [], failureMessage: NOT_IN_SAMPLE, nrOfTests: 0 }),
  };
}
createSampledRunner.inject = tokens(commonTokens.injector);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'vitest-sample', createSampledRunner)];
