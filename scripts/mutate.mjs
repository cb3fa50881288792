// npm run mutate: StrykerJS over server/src/engine, one chunk (directory) after another.
// Each chunk keeps its own incremental file and JSON report under reports/mutation/, so an interrupted run
// resumes where it stopped and a re-run only tests the mutants whose code or tests changed.
// Usage: node scripts/mutate.mjs [chunk ...] [-- extra stryker flags]   (no chunk: all of them, in order)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHUNKS, NOT_GENERATED, OUT } from './mutation-score.mjs';

const args = process.argv.slice(2);
const dash = args.indexOf('--');
const names = dash < 0 ? args : args.slice(0, dash);
const extra = dash < 0 ? [] : args.slice(dash + 1);
const unknown = names.filter((n) => !(n in CHUNKS));
if (unknown.length > 0) {
  console.error(`unknown chunk(s): ${unknown.join(', ')}; known: ${Object.keys(CHUNKS).join(', ')}`);
  process.exit(2);
}

const base = JSON.parse(readFileSync('stryker.config.json', 'utf8'));
delete base.$schema;
mkdirSync(join(OUT, 'chunks'), { recursive: true });
let failed = false;
for (const name of names.length > 0 ? names : Object.keys(CHUNKS)) {
  const config = {
    ...base,
    mutate: [...CHUNKS[name], NOT_GENERATED],
    incremental: true,
    incrementalFile: join(OUT, `${name}.incremental.json`),
    jsonReporter: { fileName: join(OUT, `${name}.json`) },
    reporters: ['progress', 'json', 'partial'],
  };
  const file = join(OUT, 'chunks', `${name}.config.json`);
  writeFileSync(file, JSON.stringify(config, null, 2));
  console.log(`\n== chunk ${name}: ${config.mutate.join(' ')} (${new Date().toISOString()})`);
  const run = spawnSync('npx', ['stryker', 'run', file, ...extra], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`chunk ${name} failed (exit ${run.status})`);
    failed = true;
  }
}
spawnSync('node', ['scripts/mutation-score.mjs'], { stdio: 'inherit' });
process.exit(failed ? 1 : 0);
