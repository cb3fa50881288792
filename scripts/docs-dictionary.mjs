// Generates docs/dictionary.md: a reference of the whole built-in dictionary (data/terms/*.yaml) that a
// medical editor can review without reading YAML — one row per concept with its names and their kinds,
// its non-standard forms and what they become, its classes, targets or components, its sources and its
// self-test examples. Run `npm run docs:dictionary`; test/data/docs-dictionary.test.ts fails when the
// committed file is out of date.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yaml from 'js-yaml';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TERMS = join(ROOT, 'data', 'terms');
export const OUTPUT = join(ROOT, 'docs', 'dictionary.md');

const CATEGORIES = [
  ['drug', 'Drugs · 药物'],
  ['drug-class', 'Drug classes · 药物类别'],
  ['regimen', 'Regimens · 治疗方案'],
  ['target', 'Targets and markers · 靶点与标志物'],
  ['therapy', 'Therapies · 治疗方式'],
  ['product', 'Cell products · 细胞治疗产品'],
  ['disease', 'Diseases and complications · 疾病与并发症'],
  ['outcome', 'Outcomes and response · 疗效与终点'],
  ['term', 'Terms · 术语'],
  ['abbreviation', 'Abbreviations · 缩写'],
  ['organisation', 'Organisations · 机构'],
];
const SUGGESTION_ONLY = new Set(['misnomer', 'letter-case']);

/** Text safe inside a Markdown table cell. */
function cell(text) {
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
}
const code = (text) => (text.includes('`') ? cell(text) : `\`${cell(text)}\``);
const list = (items) => (items.length === 0 ? '—' : items.join('<br>'));

function citation(cite) {
  if ('review' in cite) return `review §${cite.review}${cite.refs?.length ? ` [${cite.refs.join(', ')}]` : ''}`;
  return cite.source;
}

/** Every citation of an entry, its own first, each once. */
function sources(entry) {
  const all = [
    ...(entry.cite ?? []),
    ...(entry.accepted ?? []).flatMap((name) => name.cite ?? []),
    ...(entry.variants ?? []).flatMap((variant) => variant.cite ?? []),
    ...(entry.milestones ?? []).flatMap((milestone) => milestone.cite ?? []),
    ...(entry.corrections ?? []).flatMap((correction) => correction.cite ?? []),
  ].map(citation);
  return [...new Set(all)].map(cell);
}

function names(entry) {
  const out = [];
  if (entry.zhNote) out.push(`*no Chinese name:* ${cell(entry.zhNote.en)}`);
  for (const abbreviation of entry.abbreviations ?? [])
    out.push(`${code(abbreviation)} (abbreviation, define at first use)`);
  for (const name of entry.accepted ?? [])
    out.push(
      `${code(name.text)} (${name.kind}${name.regions ? ` ${name.regions.join('/')}` : ''}${name.note ? `: ${cell(name.note.en)}` : ''})`,
    );
  return out;
}

function variants(entry) {
  return (entry.variants ?? []).map((variant) => {
    const to = variant.replaceWith ?? (/^[\x20-\x7e]+$/.test(variant.text) ? entry.en : (entry.zh ?? entry.en));
    const tier = SUGGESTION_ONLY.has(variant.kind) ? 'suggestion' : 'safe fix';
    return `${code(variant.text)} → ${code(to)} (${variant.kind}, ${tier}): ${cell(variant.note.en)}`;
  });
}

function relations(entry, byId) {
  const label = (id) => {
    const other = byId.get(id);
    return other ? `${cell(other.zh ?? other.en)} (${id})` : `**missing: ${id}**`;
  };
  const out = [];
  if (entry.components?.length) out.push(`components: ${entry.components.map(label).join(' + ')}`);
  if (entry.classes?.length) out.push(`classes: ${entry.classes.map(label).join(', ')}`);
  if (entry.targets?.length) out.push(`targets: ${entry.targets.map(label).join(', ')}`);
  for (const confusable of entry.confusableWith ?? [])
    out.push(`confusable with ${label(confusable.id)} near ${confusable.context.join(', ')}`);
  for (const milestone of entry.milestones ?? []) out.push(`${milestone.year ?? ''} ${cell(milestone.text.en)}`.trim());
  for (const correction of entry.corrections ?? []) out.push(`correction: ${cell(correction.correction.en)}`);
  return out;
}

function examples(entry) {
  return (entry.examples ?? []).map((example) =>
    'accept' in example ? `✓ ${cell(example.accept)}` : `${cell(example.from)} ⇒ ${cell(example.to)}`,
  );
}

const sum = (entries, count) => entries.reduce((total, entry) => total + (count(entry) ?? 0), 0);

/** The entries of every term file, in file-name order, each with the file it comes from. */
export function readEntries(directory = TERMS) {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  return files.flatMap((file) =>
    (yaml.load(readFileSync(join(directory, file), 'utf8'))?.entries ?? []).map((entry) => ({ ...entry, file })),
  );
}

export function renderDictionary(entries = readEntries()) {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const counts = new Map();
  for (const entry of entries) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
  const lines = [
    '# MedTerm dictionary reference',
    '',
    '<!-- Generated by `npm run docs:dictionary` from data/terms/*.yaml. Do not edit by hand. -->',
    '',
    'Every concept MedTerm knows, for review by medical editors. For each concept: the standard Chinese name',
    '(the Chinese approved name for drugs) and the English name (the INN for drugs); the other accepted names',
    'with their kinds; the non-standard forms MedTerm flags, what it writes instead and whether that fix is',
    'applied automatically (*safe fix*) or only offered (*suggestion*); classes, targets, regimen components,',
    'approvals and corrections; the sources; and the self-test examples (✓ = accepted as written,',
    '⇒ = corrected to). The sources are explained in [data/README.md](../data/README.md).',
    '',
    `${entries.length} concepts: ${CATEGORIES.filter(([category]) => counts.has(category))
      .map(([category]) => `${counts.get(category)} ${category}`)
      .join(', ')}.`,
    `${sum(entries, (entry) => entry.variants?.length)} non-standard forms, ${sum(entries, (entry) => (entry.accepted?.length ?? 0) + (entry.abbreviations?.length ?? 0))} other accepted names and abbreviations, ${sum(entries, (entry) => entry.examples?.length)} self-test examples.`,
    '',
  ];
  for (const [category, title] of CATEGORIES) {
    const group = entries.filter((entry) => entry.category === category);
    if (group.length === 0) continue;
    lines.push(`## ${title} (${group.length})`, '');
    lines.push(
      '| Standard name | English | Accepted names | Non-standard forms | Relations | Sources | Self-test | id · file |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const entry of group) {
      const standard = entry.zh ? `**${cell(entry.zh)}**` : '—';
      lines.push(
        `| ${standard} | ${cell(entry.en)} | ${list(names(entry))} | ${list(variants(entry))} | ${list(relations(entry, byId))} | ${list(sources(entry))} | ${list(examples(entry))} | \`${entry.id}\` · ${entry.file} |`,
      );
    }
    lines.push('');
  }
  const unknown = entries.filter((entry) => !CATEGORIES.some(([category]) => category === entry.category));
  if (unknown.length > 0)
    throw new Error(`unknown categories: ${unknown.map((entry) => `${entry.id} (${entry.category})`).join(', ')}`);
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(OUTPUT, renderDictionary());
  console.log(`wrote ${OUTPUT}`);
}
