// Sums the per-chunk Stryker JSON reports (reports/mutation/<chunk>.json, written by scripts/mutate.mjs) into
// one engine score, with Stryker's definition: detected / valid, where detected = killed + timeout and
// valid = detected + survived + no coverage (compile and runtime errors and ignored mutants are not valid).
// Usage: node scripts/mutation-score.mjs [--files]   (--files: one line per source file as well)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

function main() {
  const perFile = process.argv.includes('--files');
  const total = count([]);
  const missing = [];
  for (const name of Object.keys(CHUNKS)) {
    const file = join(OUT, `${name}.json`);
    if (!existsSync(file)) {
      missing.push(name);
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const chunk = count([]);
    for (const [path, { mutants }] of Object.entries(report.files).sort()) {
      const c = count(mutants);
      if (perFile) console.log(line(`  ${path}`, c));
      add(chunk, c);
    }
    console.log(line(`chunk ${name}`, chunk));
    add(total, chunk);
  }
  console.log(line('engine (chunks measured)', total));
  if (missing.length > 0)
    console.log(`not measured: ${missing.join(', ')} (run: node scripts/mutate.mjs ${missing.join(' ')})`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
