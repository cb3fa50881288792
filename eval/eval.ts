/**
 * `npm run eval [-- <folder of texts>]`: how well the near-miss rules catch slips, and how often they speak on
 * professional writing. Not part of `npm test`. Writes eval/RESULTS.md.
 *
 * 1. Synthetic corruptions of every Chinese and English drug, class and product name in data/terms. Chinese: one
 *    character, at a position drawn at random (seeded), replaced by a homophone or by a near homophone (z/zh,
 *    c/ch, s/sh, l/n, f/h; -n/-ng) drawn from the 3,500 characters of 《现代汉语常用字表》 (eval/data/common_chars.txt,
 *    never from the names), or by a glyph-similar character (pycorrector's confusion set); the traditional-script
 *    form (OpenCC). English: one random edit (substitution by a random letter, deletion, insertion, transposition)
 *    at a random position. Written by ear (drugs and products of 3-8 characters): every character that has a
 *    homophone among the common characters replaced by one (two at least). A corruption that is a known form or an English word is skipped. Each form is put in
 *    a neutral sentence; it is caught when a finding covers exactly it, and right when its first candidate is the
 *    name's concept (for the traditional form: when it is recognised as the concept).
 * 2. Real variants (eval/real-variants.yaml), each with where it was seen; and the held-out set
 *    (eval/real-slips-heldout.yaml), reported per kind (`slip`, `other-name`): caught with the right name first, and
 *    flagged at all (any finding on exactly the form).
 * 3. False alarms: findings of the two rules per 100,000 characters over a folder of texts (default
 *    ../shared/eval-texts, read at run time and never copied); findings on the slips its README lists are
 *    counted apart, every other finding is listed for review.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { analyze, buildDictionary, type Concept, type Finding } from '../server/src/engine';
import { isEnglishWord } from '../server/src/engine/nearMiss/english';
import { fuzzySyllable, glyphNeighbours, readings } from '../server/src/engine/nearMiss/similarity';
import { toTraditional } from '../server/src/engine/text/script';
import { readTermDirectory } from '../server/src/node/termFiles';

const ROOT = process.cwd();
const RULES = new Set(['near-miss-name', 'unknown-drug-name']);
const dictionary = buildDictionary(readTermDirectory(join(ROOT, 'data', 'terms'), 'builtin', 'data/terms'));
const known = new Set(dictionary.surfaceList().map((surface) => surface.key ?? surface.text.toLowerCase()));
const common = readFileSync(join(ROOT, 'eval', 'data', 'common_chars.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.length === 1);

/** A seeded generator (mulberry32), so that a run is reproducible. */
function random(seedText: string): () => number {
  let seed = 2166136261;
  for (let i = 0; i < seedText.length; i++) seed = Math.imul(seed ^ seedText.charCodeAt(i), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Case {
  readonly kind: string;
  readonly name: string;
  readonly form: string;
  readonly conceptId: string;
  readonly language: 'zh' | 'en';
}

const sameReading = (a: string, b: string): boolean => readings(a).some((syllable) => readings(b).includes(syllable));
const nearReading = (a: string, b: string): boolean =>
  !sameReading(a, b) &&
  readings(a).some((syllable) => readings(b).map(fuzzySyllable).includes(fuzzySyllable(syllable)));

function substitute(
  name: string,
  kind: string,
  pool: (character: string) => string[],
  conceptId: string,
): Case | undefined {
  const next = random(`${kind}:${name}`);
  for (const position of shuffled(
    Array.from({ length: name.length }, (_, k) => k),
    next,
  )) {
    const options = pool(name[position]!);
    if (options.length === 0) continue;
    const form = name.slice(0, position) + options[Math.floor(next() * options.length)]! + name.slice(position + 1);
    if (known.has(form)) continue;
    return { kind, name, form, conceptId, language: 'zh' };
  }
  return undefined;
}

/**
 * A name written by ear: every character that has a homophone in the common-character list replaced by one drawn
 * at random (seeded); at least two replaced (one is the one-character homophone case above). Drugs and products only.
 */
function byEar(name: string, conceptId: string): Case | undefined {
  const next = random(`ear:${name}`);
  let replaced = 0;
  let form = '';
  for (const character of name) {
    const options = common.filter((x) => x !== character && sameReading(x, character));
    if (options.length === 0) form += character;
    else {
      form += options[Math.floor(next() * options.length)]!;
      replaced++;
    }
  }
  if (replaced < 2 || known.has(form)) return undefined;
  return { kind: 'every character by ear', name, form, conceptId, language: 'zh' };
}

function englishTypo(name: string, conceptId: string): Case | undefined {
  const next = random(`typo:${name}`);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let attempt = 0; attempt < 20; attempt++) {
    const words = name.split(' ');
    const candidates = words.map((word, index) => ({ word, index })).filter(({ word }) => word.length >= 5);
    if (candidates.length === 0) return undefined;
    const { word, index } = candidates[Math.floor(next() * candidates.length)]!;
    const at = Math.floor(next() * word.length);
    const letter = letters[Math.floor(next() * 26)]!;
    const operation = Math.floor(next() * 4);
    const typo =
      operation === 0
        ? word.slice(0, at) + letter + word.slice(at + 1)
        : operation === 1
          ? word.slice(0, at) + word.slice(at + 1)
          : operation === 2
            ? word.slice(0, at) + letter + word.slice(at)
            : at + 1 < word.length
              ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
              : word;
    if (typo === word || isEnglishWord(typo.toLowerCase())) continue;
    const form = words.map((other, k) => (k === index ? typo : other)).join(' ');
    if (known.has(form.toLowerCase())) continue;
    return { kind: 'English one-edit typo', name, form, conceptId, language: 'en' };
  }
  return undefined;
}

function syntheticCases(): { cases: Case[]; skipped: number } {
  const cases: Case[] = [];
  let skipped = 0;
  const categories = new Set(['drug', 'drug-class', 'product'] as const);
  for (const concept of dictionary.concepts.valuesIn(categories) as Iterable<Concept>) {
    const zh = concept.zh;
    if (zh && /^\p{Script=Han}{3,}$/u.test(zh)) {
      const made = [
        substitute(zh, 'homophone', (c) => common.filter((x) => x !== c && sameReading(x, c)), concept.id),
        substitute(zh, 'near homophone', (c) => common.filter((x) => x !== c && nearReading(x, c)), concept.id),
        substitute(zh, 'similar glyph', (c) => glyphNeighbours(c), concept.id),
      ];
      if (concept.category !== 'drug-class' && zh.length <= 8) made.push(byEar(zh, concept.id));
      const traditional = toTraditional(zh);
      if (traditional !== zh)
        made.push({ kind: 'traditional script', name: zh, form: traditional, conceptId: concept.id, language: 'zh' });
      for (const item of made)
        if (item) cases.push(item);
        else skipped++;
    }
    if (/^[A-Za-z][A-Za-z -]*$/.test(concept.en) && concept.en.replace(/ /g, '').length >= 5) {
      const typo = englishTypo(concept.en, concept.id);
      if (typo) cases.push(typo);
      else skipped++;
    }
  }
  return { cases, skipped };
}

/** Caught: a finding covering exactly the form; right: its first candidate is the concept (traditional: recognised). */
function judge(item: { form: string; conceptId: string; language: 'zh' | 'en'; kind?: string }): {
  caught: boolean;
  right: boolean;
  /** Read as the expected concept without a finding: an accepted name of it (a synonym), not a slip. */
  accepted?: boolean;
} {
  const [before, after] = item.language === 'zh' ? ['患者接受', '治疗。'] : ['The patient received ', ' daily.'];
  const text = before + item.form + after;
  const span = { start: before.length, end: before.length + item.form.length };
  const analysis = analyze(text, dictionary);
  if (item.kind === 'traditional script') {
    const match = analysis.matches.find((m) => m.span.start === span.start && m.span.end === span.end);
    return { caught: !!match, right: match?.conceptId === item.conceptId };
  }
  const finding = analysis.findings.find(
    (f) =>
      (RULES.has(f.ruleId) || f.ruleId === 'nonstandard-name') &&
      f.span.start === span.start &&
      f.span.end === span.end,
  );
  const accepted =
    !finding &&
    analysis.matches.some(
      (m) => m.span.start === span.start && m.span.end === span.end && m.conceptId === item.conceptId,
    );
  return { caught: !!finding, right: finding?.conceptId === item.conceptId, accepted };
}

/** For a missed real variant: the findings and matches the engine made on any part of the form (mechanical, no judgement). */
function instead(form: string, language: 'zh' | 'en'): string {
  const [before, after] = language === 'zh' ? ['患者接受', '治疗。'] : ['The patient received ', ' daily.'];
  const text = before + form + after;
  const [start, end] = [before.length, before.length + form.length];
  const overlaps = (span: { start: number; end: number }): boolean => span.start < end && span.end > start;
  const analysis = analyze(text, dictionary);
  const found = analysis.findings
    .filter((finding) => overlaps(finding.span))
    .map(
      (finding) =>
        `${finding.ruleId} on “${text.slice(finding.span.start, finding.span.end)}” → ${finding.conceptId ?? '–'}`,
    );
  const matched = analysis.matches
    .filter((match) => overlaps(match.span))
    .map((match) => `“${text.slice(match.span.start, match.span.end)}” read as ${match.conceptId}`);
  return [...found, ...matched].join('; ') || 'nothing';
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`;
}

const lines: string[] = [];
const say = (line = ''): void => {
  console.log(line);
  lines.push(line);
};

// 1. Synthetic.
const { cases, skipped } = syntheticCases();
const byKind = new Map<string, { total: number; caught: number; right: number; missed: string[] }>();
let caughtAll = 0;
let rightAll = 0;
for (const item of cases) {
  const { caught, right } = judge(item);
  const row = byKind.get(item.kind) ?? { total: 0, caught: 0, right: 0, missed: [] };
  row.total++;
  if (caught) row.caught++;
  else row.missed.push(`${item.form} (${item.name})`);
  if (right) row.right++;
  byKind.set(item.kind, row);
  if (caught) caughtAll++;
  if (right) rightAll++;
}
say('## Synthetic corruptions of the names in data/terms');
say();
say(
  `${cases.length} cases (${skipped} names had no corruption of a kind: no common homophone, no glyph neighbour, no traditional form).`,
);
say();
say('| kind | cases | caught | right name first |');
say('|---|---|---|---|');
for (const [kind, row] of byKind)
  say(`| ${kind} | ${row.total} | ${percent(row.caught, row.total)} | ${percent(row.right, row.total)} |`);
say(`| **all** | ${cases.length} | **${percent(caughtAll, cases.length)}** | **${percent(rightAll, cases.length)}** |`);
say();
for (const [kind, row] of byKind)
  if (row.missed.length > 0)
    say(`Missed (${kind}): ${row.missed.slice(0, 20).join('、')}${row.missed.length > 20 ? ' …' : ''}`);
say();

// 2. Real variants.
const real = (
  load(readFileSync(join(ROOT, 'eval', 'real-variants.yaml'), 'utf8')) as {
    variants: { text: string; expect: string; seen: { url: string } }[];
  }
).variants;
let realCaught = 0;
say('## Real variants (eval/real-variants.yaml)');
say();
say('| form | expected | caught, right first | otherwise, on the form |');
say('|---|---|---|---|');
for (const variant of real) {
  const language = /^[\x20-\x7e]+$/.test(variant.text) ? 'en' : 'zh';
  const { caught, right } = judge({ form: variant.text, conceptId: variant.expect, language });
  if (caught && right) realCaught++;
  say(
    `| ${variant.text} | ${variant.expect} | ${caught && right ? 'yes' : caught ? 'caught, other first' : 'no'} | ${caught && right ? '' : instead(variant.text, language)} |`,
  );
}
say();
say(`Recall: **${percent(realCaught, real.length)}** (${realCaught}/${real.length}).`);
say();

// 2b. Held-out real variants, each set collected under the protocol in the header of eval/real-slips-heldout.yaml
// (the second set says how it applied it); recall per kind.
for (const name of [
  'real-slips-heldout.yaml',
  'real-slips-heldout-2.yaml',
  'real-slips-heldout-3.yaml',
  'real-slips-heldout-4-zh.yaml',
  'real-slips-heldout-4-en.yaml',
]) {
  const heldoutPath = join(ROOT, 'eval', name);
  if (!existsSync(heldoutPath)) continue;
  const heldout =
    (
      load(readFileSync(heldoutPath, 'utf8')) as {
        variants: { text: string; expect: string; kind: string; seen: { url: string } }[] | null;
      }
    ).variants ?? [];
  const perKind = new Map<string, { total: number; right: number; flagged: number; known: number }>();
  say(`## Held-out real variants (eval/${name})`);
  say();
  say('| form | kind | expected | caught, right first | flagged at all | otherwise, on the form |');
  say('|---|---|---|---|---|---|');
  for (const variant of heldout) {
    const language = /^[\x20-\x7e]+$/.test(variant.text) ? 'en' : 'zh';
    const { caught, right, accepted } = judge({ form: variant.text, conceptId: variant.expect, language });
    const row = perKind.get(variant.kind) ?? { total: 0, right: 0, flagged: 0, known: 0 };
    row.total++;
    if (caught && right) row.right++;
    if (caught) row.flagged++;
    if ((caught && right) || accepted) row.known++;
    perKind.set(variant.kind, row);
    const verdict =
      caught && right ? 'yes' : caught ? 'caught, other first' : accepted ? 'no (an accepted name)' : 'no';
    say(
      `| ${variant.text} | ${variant.kind} | ${variant.expect} | ${verdict} | ${caught ? 'yes' : 'no'} | ${caught && right ? '' : instead(variant.text, language)} |`,
    );
  }
  say();
  // "Recognised": flagged with the right name first, or read as an accepted name (a synonym) of the expected concept:
  // the hover shows its card, and no finding is right for a name in accepted use. The recall is the first column.
  // The last column is the figure fixed in the fourth set's header before it was collected: a slip counts when
  // caught with the right name first, an other name when recognised (an established name in accepted use is no
  // error, and a finding on it would be a false alarm in professional writing).
  say(
    '| kind | forms | caught, right name first | flagged at all | recognised (caught, or an accepted name of it) | counted (slip: caught; other name: recognised) |',
  );
  say('|---|---|---|---|---|---|');
  let [total, right, flagged, known, counted] = [0, 0, 0, 0, 0];
  for (const [kind, row] of perKind) {
    const rowCounted = kind === 'other-name' ? row.known : row.right;
    say(
      `| ${kind} | ${row.total} | ${percent(row.right, row.total)} (${row.right}) | ${percent(row.flagged, row.total)} (${row.flagged}) | ${percent(row.known, row.total)} (${row.known}) | ${percent(rowCounted, row.total)} (${rowCounted}) |`,
    );
    total += row.total;
    right += row.right;
    flagged += row.flagged;
    known += row.known;
    counted += rowCounted;
  }
  say(
    `| **all** | ${total} | ${percent(right, total)} (${right}) | ${percent(flagged, total)} (${flagged}) | ${percent(known, total)} (${known}) | **${percent(counted, total)}** (${counted}) |`,
  );
  say();
}

// 3. False alarms.
const folder = process.argv[2] ?? join(ROOT, '..', 'shared', 'eval-texts');
if (existsSync(folder)) {
  const readme = existsSync(join(folder, 'README.md')) ? readFileSync(join(folder, 'README.md'), 'utf8') : '';
  // The slips its README lists (| `file` | as written | remark |): a finding on one of them is no false alarm.
  const listed = new Map<string, string>();
  for (const row of readme.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm))
    listed.set(row[1]!, (listed.get(row[1]!) ?? '') + row[2]!);
  let characters = 0;
  let onListed = 0;
  const review: string[] = [];
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  for (const file of files) {
    const text = readFileSync(join(folder, file), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('# '))
      .join('\n');
    characters += text.length;
    const findings: Finding[] = analyze(text, dictionary).findings.filter((finding) => RULES.has(finding.ruleId));
    for (const finding of findings) {
      const written = text.slice(finding.span.start, finding.span.end);
      if (listed.get(file)?.includes(written)) onListed++;
      else
        review.push(
          `| ${file} | ${finding.ruleId} | ${written} | ${String(finding.message.params?.candidate ?? finding.message.params?.stem ?? '')} |`,
        );
    }
  }
  const total = onListed + review.length;
  const ofRule = (rule: string): number => review.filter((row) => row.includes(`| ${rule} |`)).length;
  say(
    `## Findings on professional writing (${files.length} texts of ${folder.replace(ROOT, '.')}, ${characters} characters)`,
  );
  say();
  const rate = (count: number): string => ((count * 100_000) / characters).toFixed(1);
  say(
    `${total} findings of near-miss-name and unknown-drug-name: ${onListed} on slips the folder's README lists, ${review.length} others (listed for review on the console, not here: nothing of the texts enters the repository).`,
  );
  say();
  say('| rule | findings not on listed slips | per 100,000 characters |');
  say('|---|---|---|');
  for (const rule of RULES) say(`| ${rule} | ${ofRule(rule)} | ${rate(ofRule(rule))} |`);
  say();
  if (review.length > 0) {
    console.log('\nFor review (console only):\n| file | rule | written | candidate / stem |\n|---|---|---|---|');
    for (const row of review) console.log(row);
  }
  say();
} else {
  say(`(No folder ${folder}: false alarms not measured.)`);
}

const marker = '<!-- everything below is written by npm run eval -->';
const path = join(ROOT, 'eval', 'RESULTS.md');
const head = existsSync(path)
  ? readFileSync(path, 'utf8').split(marker)[0]!
  : '# Near-miss evaluation\n\nHow to read it: see eval/eval.ts and the README section "Near misses".\n\n';
writeFileSync(path, `${head}${marker}\n\n${lines.join('\n')}\n`);
