// Sums the per-chunk Stryker JSON reports (reports/mutation/<chunk>.json, written by scripts/mutate.mjs) into
// one engine score, with Stryker's definition: detected / valid, where detected = killed + timeout and
// valid = detected + survived + no coverage (compile and runtime errors and ignored mutants are not valid).
// Usage: node scripts/mutation-score.mjs [--files] [--sample RATE]   (--files: one line per source file as well;
// --sample: the score of the sampled run of scripts/mutate.mjs --sample RATE [--seed S], with its 95 % confidence
// interval)
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NOT_IN_SAMPLE, inSample, wilson } from './mutation-sample.mjs';

const ENGINE = 'server/src/engine';
const D = `${ENGINE}/dictionary`;
const FORMATS = ['parse', 'prh', 'prhRegex', 'packed', 'cachedForm'].map((name) => `${D}/${name}.ts`);
const top = (names) => names.map((name) => `${ENGINE}/${name}.ts`);
const MATCHING = top(['analysis', 'matcher', 'scope', 'incremental', 'matchIndex', 'regimens']);
const FEATURES = top(['hover', 'completion']);
// The chunks scripts/mutate.mjs runs, in this order: every engine source file is in exactly one.
export const CHUNKS = {
  rules: [`${ENGINE}/rules/**/*.ts`],
  text: [`${ENGINE}/text/**/*.ts`],
  matching: MATCHING,
  core: [`${ENGINE}/*.ts`, ...[...MATCHING, ...FEATURES].map((file) => `!${file}`)],
  features: FEATURES,
  nearMiss: [`${ENGINE}/nearMiss/**/*.ts`],
  dictionary: [`${D}/**/*.ts`, ...FORMATS.map((file) => `!${file}`)],
  formats: FORMATS,
  docx: [`${ENGINE}/docx/**/*.ts`],
};
export const NOT_GENERATED = `!${ENGINE}/**/*.generated.ts`;
export const OUT = 'reports/mutation';
const KEYS = ['Killed', 'Timeout', 'Survived', 'NoCoverage', 'CompileError', 'RuntimeError', 'Ignored'];

function count(mutants) {
  const c = Object.fromEntries(KEYS.map((k) => [k, 0]));
  for (const m of mutants) c[m.status] = (c[m.status] ?? 0) + 1;
  return c;
}

function add(a, b) {
  for (const k of Object.keys(b)) a[k] = (a[k] ?? 0) + b[k];
  return a;
}

function line(label, c) {
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived + c.NoCoverage;
  const score = valid === 0 ? '   -  ' : `${((100 * detected) / valid).toFixed(2).padStart(6)}%`;
  return `${label.padEnd(48)} ${score}  killed ${c.Killed}  timeout ${c.Timeout}  survived ${c.Survived}  no coverage ${c.NoCoverage}  errors ${c.CompileError + c.RuntimeError}  (valid ${valid})`;
}

/**
 * A chunk's mutants by source file: from its JSON report when the run finished, else from the partial results
 * (scripts/stryker-partial-reporter.mjs) of a run that was stopped; `planned` is then how many it had.
 */
export function readChunk(name) {
  const file = join(OUT, `${name}.json`);
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const files = Object.entries(report.files).map(([path, { mutants }]) => [path, mutants]);
    return { files, planned: undefined };
  }
  const partial = join(OUT, `${name}.partial.jsonl`);
  if (!existsSync(partial)) return undefined;
  let planned = 0;
  const byFile = new Map();
  for (const text of readFileSync(partial, 'utf8').split('\n')) {
    if (!text) continue;
    const entry = JSON.parse(text);
    if (entry.planned !== undefined) {
      planned = entry.planned;
      continue;
    }
    const path = relative(process.cwd(), entry.fileName);
    (byFile.get(path) ?? byFile.set(path, []).get(path)).push(entry);
  }
  return { files: [...byFile], planned };
}

/** The sampled run: only the mutants of the sample count (the others were answered without a test run). */
function sampleMain(rate, seed, perFile) {
  const name = `sample-${rate}${seed ? `-seed-${seed}` : ''}`;
  const read = readChunk(name);
  if (!read) {
    console.log(`no sampled run at rate ${rate} (run: node scripts/mutate.mjs --sample ${rate})`);
    return;
  }
  const total = count([]);
  let outside = 0;
  for (const [path, mutants] of read.files.sort(([a], [b]) => a.localeCompare(b))) {
    const sampled = mutants.filter((m) => {
      const keep =
        m.statusReason !== NOT_IN_SAMPLE && inSample({ ...m, fileName: path }, Number(rate), undefined, seed);
      if (!keep) outside++;
      return keep;
    });
    const c = count(sampled);
    if (perFile && sampled.length > 0) console.log(line(`  ${path}`, c));
    add(total, c);
  }
  const detected = total.Killed + total.Timeout;
  const valid = detected + total.Survived + total.NoCoverage;
  const [low, high] = wilson(detected, valid);
  const status =
    read.planned === undefined
      ? 'finished'
      : `unfinished: ${outside + Object.values(total).reduce((a, b) => a + b, 0)} of ${read.planned} answered`;
  console.log(line(`engine, sample of rate ${rate} (${status})`, total));
  console.log(
    `95 % confidence interval of the engine score: ${low.toFixed(1)}–${high.toFixed(1)} % (Wilson; ${valid} valid mutants sampled, ${outside} outside the sample)`,
  );
}

function main() {
  const perFile = process.argv.includes('--files');
  const sampleAt = process.argv.indexOf('--sample');
  const seedAt = process.argv.indexOf('--seed');
  if (sampleAt >= 0) return sampleMain(process.argv[sampleAt + 1], seedAt < 0 ? '' : process.argv[seedAt + 1], perFile);
  const total = count([]);
  const missing = [];
  const unfinished = [];
  for (const name of Object.keys(CHUNKS)) {
    const read = readChunk(name);
    if (!read) {
      missing.push(name);
      continue;
    }
    const chunk = count([]);
    for (const [path, mutants] of read.files.sort(([a], [b]) => a.localeCompare(b))) {
      const c = count(mutants);
      if (perFile) console.log(line(`  ${path}`, c));
      add(chunk, c);
    }
    const tested = Object.values(chunk).reduce((sum, n) => sum + n, 0);
    const label =
      read.planned === undefined ? `chunk ${name}` : `chunk ${name} (unfinished: ${tested} of ${read.planned})`;
    if (read.planned !== undefined) unfinished.push(name);
    console.log(line(label, chunk));
    add(total, chunk);
  }
  console.log(line('engine (chunks measured)', total));
  if (unfinished.length > 0) console.log(`unfinished (stopped, or still running): ${unfinished.join(', ')}`);
  if (missing.length > 0)
    console.log(`not measured: ${missing.join(', ')} (run: node scripts/mutate.mjs ${missing.join(' ')})`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
