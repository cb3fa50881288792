// Rewrites the counts table of data/README.md from data/terms/*.yaml (test/data/integrity.test.ts checks it).
// Run after adding entries: node scripts/data-counts.mjs
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';

const root = join(import.meta.dirname, '..');
const order = [
  'drug',
  'drug-class',
  'regimen',
  'target',
  'therapy',
  'product',
  'disease',
  'outcome',
  'term',
  'organisation',
];
const counts = new Map(order.map((category) => [category, 0]));
for (const file of readdirSync(join(root, 'data', 'terms')).filter((name) => /\.ya?ml$/.test(name))) {
  for (const entry of yaml.load(readFileSync(join(root, 'data', 'terms', file), 'utf8')).entries ?? [])
    counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
}
const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
const table = [
  '| category | entries |',
  '| --- | --- |',
  ...[...counts].filter(([, count]) => count > 0).map(([category, count]) => `| \`${category}\` | ${count} |`),
  `| total | ${total} |`,
].join('\n');
const readmePath = join(root, 'data', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const updated = readme.replace(/\| category \| entries \|\n(?:\|.*\|\n)+/, `${table}\n`);
writeFileSync(readmePath, updated);
console.log(table);
