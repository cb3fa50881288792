/**
 * `npm run eval:coverage [-- <folder of texts>] [--terms <dir>] [--before <commit>] [--all]`: how much of what
 * professional writers write the dictionary recognises (gives a hover for). Not part of `npm test`.
 *
 * The texts (default ../shared/eval-texts) are read from their folder at run time and never copied: nothing of
 * them enters the repository. Files named zh-…, zht-… and en-… are simplified Chinese, traditional Chinese and
 * English; their `# ` header lines are not counted.
 *
 * (a) Drug mentions, found without the dictionary, by the INN stems of data/stems.yaml (stems.generated.ts):
 *   - English: a word that has a stem where the stem stands (bortezomib: -zomib; daratumumab: -mab), and the
 *     shortened cell-therapy names (cilta-cel). Three stems also start or end ordinary words, so they count only
 *     in the shape their drugs take: -cel only as …leucel or …-cel, vin- only as vin…ine (vincristine, not
 *     vintage), pred only as predn… (prednisone, not predict).
 *   - Chinese: a stem's Chinese rendering (单抗, 佐米, 替尼, 比星, 铂 …) after a Chinese character that is not
 *     a function word or verb (接受, 和, 的 … end a word, as in the near-miss rule), not followed by the rest
 *     of an ordinary word (比星期, 单抗原) or by 类 (a class: 铂类, 霉素类, 双膦酸盐); 长春 only followed by a
 *     vinca ending within three characters (碱, 滨, 辛, 宁, 汀: 长春新碱, not the city); 泼尼 anywhere.
 *   A mention is covered when a dictionary match holds its stem and more of the word (for a Chinese suffix
 *   rendering: a match that starts before it; 单抗 alone, a class, does not cover 某某单抗). The stems decide
 *   what counts, not the dictionary, so the same mentions are measured for every dictionary.
 * (b) Every term the dictionary recognises (analysis matches: drugs, regimens, classes, targets, terms) per
 *     1,000 characters.
 * (c) The most frequent uncovered candidates, printed for the data team (never written to a file: they come
 *     from the texts); with --all, every candidate with its stem and whether it is covered (to check the rules).
 *
 * With --before <commit>, the same is measured with data/terms as it was at that commit (read by git show into
 * a temporary folder), so that the results read before → after. Writes the "Coverage" section of
 * eval/RESULTS.md (counts and rates only).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { analyze, buildDictionary, type Dictionary } from '../server/src/engine';
import { STEMS, stemsOfWord, type StemEntry } from '../server/src/engine/nearMiss/stems';
import { simplifiedUnit } from '../server/src/engine/text/script';
import type { Span } from '../server/src/engine/types';
import { readTermDirectory } from '../server/src/node/termFiles';

const ROOT = process.cwd();

// ── Arguments ────────────────────────────────────────────────────────────────────────────────
const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
}
const termsDirectory = option('--terms') ?? join(ROOT, 'data', 'terms');
const beforeCommit = option('--before');
const listAll = args.includes('--all');
if (listAll) args.splice(args.indexOf('--all'), 1);
const folder = args[0] ?? join(ROOT, '..', 'shared', 'eval-texts');

type Language = 'zh' | 'zh-Hant' | 'en';
const LANGUAGES: readonly Language[] = ['zh', 'zh-Hant', 'en'];

function languageOf(file: string): Language | undefined {
  if (file.startsWith('zht-')) return 'zh-Hant';
  if (file.startsWith('zh-')) return 'zh';
  if (file.startsWith('en-')) return 'en';
  return undefined;
}

// ── Candidates (independent of the dictionary) ────────────────────────────────────────────────
interface Candidate {
  /** The stem's letters or rendering in the text: what a covering match must hold. */
  readonly anchor: Span;
  /** Where the rest of the word lies: a covering match must reach beyond the anchor on that side. */
  readonly side: 'left' | 'right' | 'either' | 'none';
  /** The word as the scan reads it (for the printed list only). */
  readonly word: string;
  readonly stem: string;
}

/** Characters that end the word before a drug name (as STOP_BEFORE of nearMiss/chinese.ts): function words, verbs. */
const STOP = new Set([
  ...'的了在是为以对将后前中给服合联同经再改换即其该此各每和与及或并加用受予把被从由至到等选含例组者型种类药物剂性有无不未已可应需、，。；：（）《》“”',
]);
/** Ordinary words that start with the last character of a rendering (比星期, 单抗原, 他们 …). */
const ORDINARY_AFTER = new Set([
  '星期',
  '星级',
  '星座',
  '星球',
  '星空',
  '星际',
  '星光',
  '抗原',
  '抗体',
  '抗性',
  '抗凝',
  '利用',
  '利于',
  '利益',
  '利润',
  '利尿',
  '利率',
  '尼亚',
  '米饭',
  '胺类',
  '他人',
  '他们',
]);
const VINCA_ENDINGS = new Set([...'碱滨辛宁汀']);

function isHan(code: number): boolean {
  return code >= 0x3400 && code <= 0x9fff;
}

/** The renderings of suffix stems, longest first (珠单抗 before 单抗, 莫司汀 before 司汀). */
const SUFFIX_RENDERINGS = STEMS.filter((stem) => stem.suffix !== undefined)
  .flatMap((stem) => stem.zh.map((text) => ({ text, stem: stem.stem })))
  .sort((a, b) => b.text.length - a.text.length);
const PREFIX_RENDERINGS = STEMS.filter((stem) => stem.prefix !== undefined).flatMap((stem) =>
  stem.zh.map((text) => ({ text, stem: stem.stem })),
);
const INFIX_RENDERINGS = STEMS.filter((stem) => stem.infix !== undefined).flatMap((stem) =>
  stem.zh.map((text) => ({ text, stem: stem.stem })),
);

function englishStemOk(stem: StemEntry, lower: string): boolean {
  if (stem.suffix === 'cel') return lower.endsWith('leucel');
  if (stem.prefix === 'vin') return /^vin[a-z]{3,}ine$/.test(lower);
  if (stem.infix === 'pred') return lower.includes('predn');
  return true;
}

function englishCandidates(text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const found of text.matchAll(/[A-Za-z]+-cel\b|[A-Za-z]+/g)) {
    const word = found[0];
    const start = found.index;
    const lower = word.toLowerCase();
    const anchor = { start, end: start + word.length };
    if (lower.endsWith('-cel')) {
      out.push({ anchor, side: 'none', word, stem: '-cel' });
      continue;
    }
    const stems = stemsOfWord(lower).filter((stem) => englishStemOk(stem, lower));
    if (stems.length > 0) out.push({ anchor, side: 'none', word, stem: stems[0]!.stem });
  }
  return out;
}

function chineseCandidates(text: string): Candidate[] {
  let s = '';
  for (let i = 0; i < text.length; i++) s += String.fromCharCode(simplifiedUnit(text.charCodeAt(i)));
  const out: Candidate[] = [];
  const taken = new Set<number>();
  // Suffix renderings: the word ends with it.
  for (const { text: rendering, stem } of SUFFIX_RENDERINGS) {
    for (let at = s.indexOf(rendering); at >= 0; at = s.indexOf(rendering, at + 1)) {
      const end = at + rendering.length;
      if (taken.has(end)) continue; // a longer rendering ends here (珠单抗 over 单抗)
      const before = at > 0 ? s.charCodeAt(at - 1) : 0;
      if (!isHan(before) || STOP.has(s[at - 1]!)) continue;
      const next = s[end] ?? '';
      if (next === '类' || ORDINARY_AFTER.has(rendering.slice(-1) + next)) continue;
      if (rendering === '铂' && (next === '耐' || next === '敏' || next === '金' || s[at - 1] === '含')) continue;
      if (rendering === '克拉' && (next === '霉' || next === '屈' || next === '玛')) continue;
      if (rendering === '膦酸' && next === '盐') continue;
      taken.add(end);
      let start = at;
      while (start > 0 && at - start < 4 && isHan(s.charCodeAt(start - 1)) && !STOP.has(s[start - 1]!)) start--;
      out.push({ anchor: { start: at, end }, side: 'left', word: text.slice(start, end), stem });
    }
  }
  for (const { text: rendering, stem } of PREFIX_RENDERINGS) {
    for (let at = s.indexOf(rendering); at >= 0; at = s.indexOf(rendering, at + 1)) {
      const end = at + rendering.length;
      let stop = end;
      while (stop < s.length && stop - end < 3 && isHan(s.charCodeAt(stop)) && !VINCA_ENDINGS.has(s[stop]!)) stop++;
      if (!VINCA_ENDINGS.has(s[stop] ?? '')) continue;
      out.push({ anchor: { start: at, end }, side: 'right', word: text.slice(at, stop + 1), stem });
    }
  }
  for (const { text: rendering, stem } of INFIX_RENDERINGS) {
    for (let at = s.indexOf(rendering); at >= 0; at = s.indexOf(rendering, at + 1)) {
      let start = at;
      let end = at + rendering.length;
      while (start > 0 && at - start < 2 && isHan(s.charCodeAt(start - 1)) && !STOP.has(s[start - 1]!)) start--;
      while (end < s.length && end - at < 4 && isHan(s.charCodeAt(end)) && !STOP.has(s[end]!)) end++;
      out.push({
        anchor: { start: at, end: at + rendering.length },
        side: 'either',
        word: text.slice(start, end),
        stem,
      });
    }
  }
  return out.sort((a, b) => a.anchor.start - b.anchor.start);
}

function candidatesOf(text: string): Candidate[] {
  return [...englishCandidates(text), ...chineseCandidates(text)];
}

/** Whether a match span covers the candidate: holds its anchor and, for a Chinese rendering, more of its word. */
function covers(match: Span, candidate: Candidate): boolean {
  const { start, end } = candidate.anchor;
  if (match.start > start || match.end < end) return false;
  if (candidate.side === 'left') return match.start < start;
  if (candidate.side === 'right') return match.end > end;
  if (candidate.side === 'either') return match.end - match.start > end - start;
  return true;
}

// ── Measuring ─────────────────────────────────────────────────────────────────────────────────
interface Tally {
  files: number;
  characters: number;
  mentions: number;
  covered: number;
  /** Not covered, but a near-miss or unknown-drug-name finding on it (which also gives a hover). */
  flagged: number;
  terms: number;
  drugTerms: number;
}

const emptyTally = (): Tally => ({
  files: 0,
  characters: 0,
  mentions: 0,
  covered: 0,
  flagged: 0,
  terms: 0,
  drugTerms: 0,
});

interface Texts {
  readonly files: readonly { name: string; language: Language; text: string }[];
}

function readTexts(): Texts {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.txt') && languageOf(name))
    .sort()
    .map((name) => ({
      name,
      language: languageOf(name)!,
      text: readFileSync(join(folder, name), 'utf8')
        .split('\n')
        .filter((line) => !line.startsWith('# '))
        .join('\n'),
    }));
  return { files };
}

function measure(
  texts: Texts,
  dictionary: Dictionary,
): { tallies: Map<Language | 'all', Tally>; uncovered: Map<string, number>; seen: Map<string, number> } {
  const seen = new Map<string, number>();
  const tallies = new Map<Language | 'all', Tally>([
    ...LANGUAGES.map((language) => [language, emptyTally()] as const),
    ['all', emptyTally()],
  ]);
  const uncovered = new Map<string, number>();
  for (const file of texts.files) {
    const analysis = analyze(file.text, dictionary);
    const spans = analysis.matches.map((match) => match.span);
    const findings = analysis.findings
      .filter((finding) => finding.ruleId === 'near-miss-name' || finding.ruleId === 'unknown-drug-name')
      .map((finding) => finding.span);
    const candidates = candidatesOf(file.text);
    let drugTerms = 0;
    for (const match of analysis.matches) {
      const category = dictionary.concepts.get(match.conceptId)?.category;
      if (category === 'drug' || category === 'product') drugTerms++;
    }
    for (const tally of [tallies.get(file.language)!, tallies.get('all')!]) {
      tally.files++;
      tally.characters += file.text.length;
      tally.terms += analysis.matches.length;
      tally.drugTerms += drugTerms;
    }
    for (const candidate of candidates) {
      const covered = spans.some((span) => covers(span, candidate));
      const flagged =
        !covered && findings.some((span) => span.start < candidate.anchor.end && candidate.anchor.start < span.end);
      for (const tally of [tallies.get(file.language)!, tallies.get('all')!]) {
        tally.mentions++;
        if (covered) tally.covered++;
        if (flagged) tally.flagged++;
      }
      if (!covered) uncovered.set(candidate.word, (uncovered.get(candidate.word) ?? 0) + 1);
      const key = `${candidate.stem}\t${covered ? 'covered' : 'uncovered'}\t${candidate.word}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  return { tallies, uncovered, seen };
}

/** data/terms as it was at a commit, in a temporary folder (removed by the caller). */
function termsAt(commit: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'medterm-terms-'));
  const names = execFileSync('git', ['ls-tree', '--name-only', `${commit}:data/terms`], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((name) => /\.(ya?ml|json)$/.test(name));
  for (const name of names)
    writeFileSync(
      join(directory, name),
      execFileSync('git', ['show', `${commit}:data/terms/${name}`], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }),
    );
  return directory;
}

function load(directory: string, label: string): { dictionary: Dictionary; concepts: number } {
  const files = readTermDirectory(directory, 'builtin', label);
  const problems = files.flatMap((file) => file.problems).filter((problem) => problem.severity === 'error');
  if (problems.length > 0)
    console.warn(
      `${label}: ${problems.length} errors while loading, e.g. ${problems[0]!.path}: ${problems[0]!.message}`,
    );
  const dictionary = buildDictionary(files);
  let concepts = 0;
  for (const file of files) concepts += file.packed ? 0 : file.concepts.length;
  return { dictionary, concepts };
}

// ── Report ────────────────────────────────────────────────────────────────────────────────────
function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`;
}
function perThousand(count: number, characters: number): string {
  return characters === 0 ? '–' : ((count * 1000) / characters).toFixed(1);
}

function main(): void {
  if (!existsSync(folder)) {
    console.error(`No folder ${folder}: coverage not measured.`);
    process.exit(1);
  }
  const texts = readTexts();
  const after = load(termsDirectory, 'data/terms');
  const now = measure(texts, after.dictionary);
  let before: ReturnType<typeof measure> | undefined;
  let beforeConcepts = 0;
  if (beforeCommit) {
    const directory = termsAt(beforeCommit);
    try {
      const loaded = load(directory, `data/terms@${beforeCommit}`);
      beforeConcepts = loaded.concepts;
      before = measure(texts, loaded.dictionary);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }
  const lines: string[] = [];
  const say = (line = ''): void => {
    console.log(line);
    lines.push(line);
  };
  const all = now.tallies.get('all')!;
  say('## Coverage');
  say();
  say(
    `Measured by \`npm run eval:coverage${beforeCommit ? ` -- --before ${beforeCommit}` : ''}\` (eval/coverage.ts) over the ${all.files} texts of ${relative(ROOT, folder)} (${all.characters} characters), read from there at run time and never copied.`,
  );
  say(
    `Dictionary: data/terms (${after.concepts} concepts)${beforeCommit ? `; before: data/terms at ${beforeCommit} (${beforeConcepts} concepts), same engine` : ''}.`,
  );
  say(
    'Drug mentions are found by the INN stems of data/stems.yaml, not by the dictionary (see eval/coverage.ts); covered = inside a dictionary match (a hover).',
  );
  say();
  const arrow = (b: string | undefined, a: string): string => (b === undefined ? a : `${b} → ${a}`);
  say(
    `| language | files | characters | drug mentions (by stem) | covered${before ? ' (before → after)' : ''} | not covered, but flagged by near-miss / unknown-drug-name | terms recognised per 1,000 characters${before ? ' (before → after)' : ''} | of them drugs per 1,000 |`,
  );
  say('|---|---|---|---|---|---|---|---|');
  for (const key of [...LANGUAGES, 'all'] as const) {
    const t = now.tallies.get(key)!;
    const b = before?.tallies.get(key);
    const label = key === 'all' ? '**all**' : key;
    say(
      `| ${label} | ${t.files} | ${t.characters} | ${t.mentions} | ${arrow(b && percent(b.covered, b.mentions), percent(t.covered, t.mentions))} (${t.covered}) | ${t.flagged} | ${arrow(b && perThousand(b.terms, b.characters), perThousand(t.terms, t.characters))} (${t.terms}) | ${arrow(b && perThousand(b.drugTerms, b.characters), perThousand(t.drugTerms, t.characters))} |`,
    );
  }
  say();
  const distinct = now.uncovered.size;
  const occurrences = [...now.uncovered.values()].reduce((sum, count) => sum + count, 0);
  say(
    `Uncovered: ${occurrences} mentions of ${distinct} distinct words${before ? ` (before: ${[...before.uncovered.values()].reduce((sum, count) => sum + count, 0)} of ${before.uncovered.size})` : ''}; the list is printed by the script, not kept here (it comes from the texts).`,
  );
  say();
  // (c) Printed only.
  console.log('\nMost frequent uncovered candidates (for the data team; not written to any file):');
  const ranked = [...now.uncovered].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [word, count] of ranked.slice(0, 60)) console.log(`  ${count}\t${word}`);
  if (listAll) {
    console.log('\nEvery candidate (stem, covered or not, word as read; printed only):');
    for (const [key, count] of [...now.seen].sort((a, b) => a[0].localeCompare(b[0])))
      console.log(`  ${count}\t${key}`);
  }
  writeSection(lines);
}

const BEGIN = '<!-- coverage: written by npm run eval:coverage -->';
const END = '<!-- coverage: end -->';

/** The Coverage section of eval/RESULTS.md, kept before the part npm run eval rewrites. */
function writeSection(lines: readonly string[]): void {
  const path = join(ROOT, 'eval', 'RESULTS.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Near-miss evaluation\n\n';
  const section = `${BEGIN}\n\n${lines.join('\n')}\n${END}\n`;
  let next: string;
  if (current.includes(BEGIN) && current.includes(END)) {
    next = current.slice(0, current.indexOf(BEGIN)) + section + current.slice(current.indexOf(END) + END.length + 1);
  } else {
    const marker = '<!-- everything below is written by npm run eval -->';
    const at = current.indexOf(marker);
    next = at < 0 ? `${current}\n${section}` : `${current.slice(0, at)}${section}\n${current.slice(at)}`;
  }
  writeFileSync(path, next);
  console.log('wrote the Coverage section of eval/RESULTS.md');
}

main();
