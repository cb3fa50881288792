// npm run mutate: StrykerJS over server/src/engine, one chunk (directory) after another.
// Each chunk keeps its own incremental file and JSON report under reports/mutation/, so an interrupted run
// resumes where it stopped and a re-run only tests the mutants whose code or tests changed.
// Usage: node scripts/mutate.mjs [chunk ...] [-- extra stryker flags]   (no chunk: all of them, in order)
//        node scripts/mutate.mjs --sample 0.1 [--seed S] [-- extra stryker flags]  (one run over the whole engine
//        that tests a uniform random sample of its mutants: scripts/mutation-sample.mjs; score: mutation-score.mjs
//        --sample 0.1 [--seed S])
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHUNKS, NOT_GENERATED, OUT } from './mutation-score.mjs';

const args = process.argv.slice(2);
const dash = args.indexOf('--');
const own = dash < 0 ? args : args.slice(0, dash);
const extra = dash < 0 ? [] : args.slice(dash + 1);
const valueOf = (flag) => (own.indexOf(flag) < 0 ? undefined : own[own.indexOf(flag) + 1]);
const sample = valueOf('--sample');
const seed = valueOf('--seed') ?? '';
const flagged = new Set(
  ['--sample', '--seed'].flatMap((flag) => (own.indexOf(flag) < 0 ? [] : [own.indexOf(flag), own.indexOf(flag) + 1])),
);
const names = own.filter((_, i) => !flagged.has(i));
if (sample !== undefined && !(Number(sample) > 0 && Number(sample) <= 1)) {
  console.error(`--sample takes a rate in (0, 1], e.g. --sample 0.1; got ${sample}`);
  process.exit(2);
}
if (sample !== undefined && names.length > 0) {
  console.error('--sample runs the whole engine at once: give no chunk names with it');
  process.exit(2);
}
const unknown = names.filter((n) => !(n in CHUNKS));
if (unknown.length > 0) {
  console.error(`unknown chunk(s): ${unknown.join(', ')}; known: ${Object.keys(CHUNKS).join(', ')}`);
  process.exit(2);
}

// Some of the in-process tests (vitest.mutate.config.mts) also spawn the bundled CLI: on a fresh clone dist/ does not
// exist yet, and Stryker's dry run would fail on them. Build first (a few seconds).
if (spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' }).status !== 0) {
  console.error('npm run build failed: fix the build before mutation testing');
  process.exit(1);
}
const base = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
delete base.$schema;
mkdirSync(join(OUT, 'chunks'), { recursive: true });
let failed = false;

/** Writes a chunk's (or the sample's) config and runs Stryker on it. */
function run(name, overrides, env = process.env) {
  const config = {
    ...base,
    incremental: true,
    incrementalFile: join(OUT, `${name}.incremental.json`),
    jsonReporter: { fileName: join(OUT, `${name}.json`) },
    reporters: ['progress', 'json', 'partial'],
    ...overrides,
  };
  const file = join(OUT, 'chunks', `${name}.config.json`);
  writeFileSync(file, JSON.stringify(config, null, 2));
  console.log(`\n== ${name}: ${config.mutate.join(' ')} (${new Date().toISOString()})`);
  // One test runner holds the whole suite's module graphs and per-test coverage of ~10,000 mutants: the default heap
  // ran out during the dry run.
  const heap = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=6144`.trim() };
  const result = spawnSync('npx', ['stryker', 'run', file, ...extra], { stdio: 'inherit', env: heap });
  if (result.status !== 0) {
    console.error(`${name} failed (exit ${result.status})`);
    failed = true;
  }
}

if (sample !== undefined) {
  run(
    `sample-${sample}${seed ? `-seed-${seed}` : ''}`,
    { testRunner: 'vitest-sample', appendPlugins: [...base.appendPlugins, './scripts/mutation-sample.mjs'] },
    { ...process.env, MEDTERM_MUTATE_SAMPLE: sample, MEDTERM_MUTATE_SEED: seed },
  );
  const score = ['scripts/mutation-score.mjs', '--sample', sample, ...(seed ? ['--seed', seed] : []), '--files'];
  spawnSync('node', score, { stdio: 'inherit' });
  process.exit(failed ? 1 : 0);
}
for (const name of names.length > 0 ? names : Object.keys(CHUNKS))
  run(name, { mutate: [...CHUNKS[name], NOT_GENERATED] });
spawnSync('node', ['scripts/mutation-score.mjs'], { stdio: 'inherit' });
process.exit(failed ? 1 : 0);
