/**
 * `npm run bench`: MedTerm side by side with textlint + textlint-rule-prh and AutoCorrect, whole
 * processes, several runs each, medians and ratios; then the language server over LSP; then the VSIX.
 * Writes bench/RESULTS.md. Not part of `npm test`: timings on shared machines are noisy. `--inputs-only`: write the
 * inputs (bench/inputs/) and stop.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, buildDictionary } from '../server/src/engine';
import { readTermDirectory, readUserTermFile } from '../server/src/node/termFiles';
import { SERVER_NODE_FLAGS } from '../client/src/serverFlags';
import { LspClient } from '../test/helpers/lspClient';

const ROOT = resolve(__dirname, '..');
const WORK = join(ROOT, 'bench', 'inputs');
const BIN = join(ROOT, 'node_modules', '.bin');
const QUICK = process.argv.includes('--quick');
/** MedTerm's cache of large term files, private to the benchmark: emptied before each first ("cold") run. */
const CACHE = join(WORK, 'cache');
process.env['MEDTERM_CACHE_DIR'] = CACHE;
const KB = 1024;
const MB = 1024 * KB;

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────
/** Rare characters (CJK Extension A) for synthetic terms: they never occur in the review. */
function syntheticTerm(index: number, salt: number): string {
  let out = '';
  let value = index * 7919 + salt * 104729 + 12345;
  for (let i = 0; i < 4; i++) {
    out += String.fromCharCode(0x3400 + (value % 6000));
    value = Math.floor(value / 6000) + i * 31 + salt;
  }
  return out;
}

interface Rule {
  readonly variant: string;
  readonly expected: string;
}

function syntheticRules(count: number): Rule[] {
  const rules: Rule[] = [];
  const seen = new Set<string>();
  for (let i = 0; rules.length < count; i++) {
    const variant = syntheticTerm(i, 1);
    const expected = syntheticTerm(i, 2);
    if (seen.has(variant) || seen.has(expected) || variant === expected) continue;
    seen.add(variant);
    seen.add(expected);
    rules.push({ variant, expected });
  }
  return rules;
}

const SYNTHETIC_IN_TEXT = 200; // the variants inserted in the inputs: rules 0–199, present in every rule set

function markdownInput(bytes: number, rules: readonly Rule[]): string {
  const review = readFileSync(join(ROOT, 'test', 'fixtures', 'review', 'mm-review.txt'), 'utf8').replace(/\r/g, '');
  const filler =
    'MedTerm benchmark text: bortezomib and lenalidomide are given with dexamethasone; 这是一段用于测试的中文文本，包含英文 words 与数字 2026。\n';
  const parts: string[] = [];
  let size = 0;
  let inserted = 0;
  while (size < bytes) {
    for (const paragraph of review.split(/\n\s*\n/)) {
      const block = `${paragraph.trim()}${inserted % 3 === 0 ? ` ${rules[inserted % SYNTHETIC_IN_TEXT]!.variant}。` : ''}\n\n`;
      inserted++;
      parts.push(block);
      size += Buffer.byteLength(block);
      if (inserted % 7 === 0) {
        parts.push(filler);
        size += Buffer.byteLength(filler);
      }
      if (size >= bytes) break;
    }
  }
  return parts.join('');
}

function writeDictionaries(rules: readonly Rule[], counts: readonly number[]): void {
  for (const count of counts) {
    const slice = rules.slice(0, count);
    const yaml = [
      'entries:',
      ...slice.map(
        (rule, index) =>
          `  - { id: syn-${index}, category: term, zh: ${rule.expected}, en: ${rule.expected}, variants: [{ text: ${rule.variant}, kind: nonstandard-term, note: { zh: 合成, en: synthetic } }], cite: [{ source: synthetic benchmark rule }] }`,
      ),
    ].join('\n');
    writeFileSync(join(WORK, `syn-${count}.yaml`), `${yaml}\n`);
    const prh = [
      'version: 1',
      'rules:',
      ...slice.map((rule) => `  - expected: ${rule.expected}\n    pattern: ${rule.variant}`),
    ].join('\n');
    writeFileSync(join(WORK, `syn-${count}.prh.yml`), `${prh}\n`);
    writeFileSync(
      join(WORK, `textlint-${count}.json`),
      JSON.stringify({ rules: { prh: { rulePaths: [join(WORK, `syn-${count}.prh.yml`)] } } }),
    );
  }
}

/** MedTerm's own variants as prh rules: the built-in dictionary, for textlint. */
function writeBuiltinAsPrh(): number {
  const dictionary = buildDictionary(readTermDirectory(join(ROOT, 'data', 'terms'), 'builtin'));
  const rules = dictionary
    .surfaceList()
    .filter((surface) => surface.role === 'variant')
    .map((surface) => {
      const concept = dictionary.concepts.get(surface.conceptId)!;
      const expected =
        surface.variant!.replaceWith ?? (/^[\x20-\x7e]+$/.test(surface.text) ? concept.en : (concept.zh ?? concept.en));
      // prh escapes "-" in string patterns, which its own u flag then rejects (/CTL01\-9/u): write such
      // patterns as prh regex literals, which it passes through unescaped.
      const pattern = surface.text.includes('-') ? `/${surface.text}/` : surface.text;
      return `  - expected: ${JSON.stringify(expected)}\n    pattern: ${JSON.stringify(pattern)}`;
    });
  writeFileSync(join(WORK, 'builtin.prh.yml'), ['version: 1', 'rules:', ...rules].join('\n') + '\n');
  writeFileSync(
    join(WORK, 'textlint-builtin.json'),
    JSON.stringify({ rules: { prh: { rulePaths: [join(WORK, 'builtin.prh.yml')] } } }),
  );
  return rules.length;
}

// ── Whole-process runs ──────────────────────────────────────────────────────────────────────
interface Run {
  readonly seconds: number;
  readonly peakMB: number;
  readonly stdout: string;
}

function runProcess(command: string, args: readonly string[]): Run {
  const peakFile = join(WORK, `peak-${process.pid}.txt`);
  rmSync(peakFile, { force: true });
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: WORK,
    encoding: 'utf8',
    maxBuffer: 1024 * MB,
    env: {
      ...process.env,
      NODE_OPTIONS: `--require ${join(ROOT, 'bench', 'peak.cjs')}`,
      MEDTERM_BENCH_PEAK: peakFile,
      NO_COLOR: '1',
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error) throw result.error;
  const peaks = existsSync(peakFile) ? readFileSync(peakFile, 'utf8').trim().split('\n').map(Number) : [0];
  return { seconds, peakMB: Math.max(...peaks) / 1024, stdout: result.stdout };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

interface Measure {
  readonly tool: string;
  readonly input: string;
  readonly rules: string;
  readonly runs: number;
  readonly seconds: number;
  readonly peakMB: number;
  readonly findings: number | undefined;
  readonly note?: string;
}

/** Run a tool up to `times`; a first run slower than `slowSeconds` is not repeated. */
function measure(
  tool: string,
  input: string,
  rules: string,
  command: string,
  args: readonly string[],
  count: (stdout: string) => number | undefined,
  times: number,
  slowSeconds = 20,
): Measure {
  const runs: Run[] = [runProcess(command, args)];
  while (runs.length < times && runs[0]!.seconds < slowSeconds) runs.push(runProcess(command, args));
  const row = {
    tool,
    input,
    rules,
    runs: runs.length,
    seconds: median(runs.map((run) => run.seconds)),
    peakMB: median(runs.map((run) => run.peakMB)),
    findings: count(runs[0]!.stdout),
  };
  console.log(
    `${tool.padEnd(20)} ${input.padEnd(6)} ${rules.padEnd(8)} ${row.seconds.toFixed(3)} s  ${row.peakMB.toFixed(0)} MB  findings=${row.findings ?? '–'}  (${row.runs} runs)`,
  );
  return row;
}

const medtermCount =
  (prefix: string | undefined) =>
  (stdout: string): number => {
    const files = JSON.parse(stdout) as { findings: { ruleId: string; conceptId: string | null }[] }[];
    return files
      .flatMap((file) => file.findings)
      .filter(
        (finding) =>
          finding.ruleId === 'nonstandard-name' &&
          (prefix === undefined ? !finding.conceptId?.startsWith('syn-') : finding.conceptId?.startsWith(prefix)),
      ).length;
  };
const textlintCount = (stdout: string): number =>
  (JSON.parse(stdout) as { messages: unknown[] }[]).reduce((sum, file) => sum + file.messages.length, 0);
const autocorrectCount = (stdout: string): number | undefined => {
  try {
    const parsed = JSON.parse(stdout) as { messages?: { lines?: unknown[] }[] };
    return (parsed.messages ?? []).reduce((sum, file) => sum + (file.lines?.length ?? 0), 0);
  } catch {
    return undefined;
  }
};

// ── The server over LSP ─────────────────────────────────────────────────────────────────────
/** Analysis ("scan") of the 1 MB input in-process, warm, with each synthetic dictionary: the cost of the text, not of loading. */
function scanTimes(input1m: string, counts: readonly number[]): Map<number, number> {
  const text = readFileSync(input1m, 'utf8');
  const builtin = readTermDirectory(join(ROOT, 'data', 'terms'), 'builtin');
  const out = new Map<number, number>();
  for (const count of counts) {
    const dictionary = buildDictionary([
      ...builtin,
      ...readUserTermFile(join(WORK, `syn-${count}.yaml`), 'workspace', { allowPatterns: true, cacheDirectory: CACHE }),
    ]);
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const started = performance.now();
      analyze(text, dictionary, { languageId: 'markdown', rules: { 'undefined-abbreviation': 'off' } });
      if (i >= 5) times.push(performance.now() - started);
    }
    out.set(count, median(times));
    console.log(`scan 1MB with ${count} rules: ${median(times).toFixed(1)} ms`);
  }
  return out;
}

interface ServerFigures {
  startupMs: number;
  openMs: number;
  editMs: number;
  analysisWarmMs: number;
  hover: { p50: number; p99: number };
  completion: { p50: number; p99: number };
  rssMB: number;
  rss10kMB: number;
  rss100kMB: number;
  rss10kSettledMB: number;
  rss100kSettledMB: number;
  /** The same, the server started by plain `node` (no SERVER_NODE_FLAGS). */
  rss100kPlainMB: number;
  rss100kPlainSettledMB: number;
}

function rssOf(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function serverFigures(input1m: string): Promise<ServerFigures> {
  const text = readFileSync(input1m, 'utf8');
  // Start-up to first diagnostics (small document), median of 5.
  const startups: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const client = new LspClient(join(ROOT, 'dist', 'server.js'), SERVER_NODE_FLAGS);
    await client.initialize();
    client.open('file:///small.md', '利那度胺\n');
    await client.waitForDiagnostics('file:///small.md', (list) => list.length > 0);
    startups.push(performance.now() - started);
    await client.stop();
  }
  const client = new LspClient(join(ROOT, 'dist', 'server.js'), SERVER_NODE_FLAGS);
  client.settings = { debounceMs: 0 };
  await client.initialize();
  const opens: number[] = [];
  for (let i = 0; i < 5; i++) {
    const uri = `file:///big-${i}.md`;
    const started = performance.now();
    client.open(uri, text);
    await client.waitForDiagnostics(uri, (list) => list.length > 0, 120_000);
    opens.push(performance.now() - started);
    if (i < 4) client.close(uri);
  }
  const uri = 'file:///big-4.md';
  const edits: number[] = [];
  for (let i = 0; i < 20; i++) {
    const before = client.diagnostics.get(uri)!.length;
    const started = performance.now();
    client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: i % 2 ? '。' : '' },
    ]);
    await client.waitFor('updated diagnostics', () => client.diagnostics.get(uri)!.length > before, 60_000);
    edits.push(performance.now() - started);
  }
  const document = client.document(uri);
  let seed = 11;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const hovers: number[] = [];
  const completions: number[] = [];
  for (let i = 0; i < 500; i++) {
    const position = document.positionAt(random(document.getText().length));
    let started = performance.now();
    await client.hover(uri, position);
    hovers.push(performance.now() - started);
    started = performance.now();
    await client.completion(uri, position);
    completions.push(performance.now() - started);
  }
  const rssMB = rssOf(client.process.pid);
  await client.stop();
  // RSS with 10,000 and 100,000 rules loaded and the 1 MB document open, in an otherwise empty workspace
  // (a workspace holding the benchmark's inputs would add the cross-file scan of its 10 MB file).
  const emptyWorkspace = join(WORK, 'empty-workspace');
  mkdirSync(emptyWorkspace, { recursive: true });
  // Measured twice: at the first diagnostics that use the rules (loading's garbage still counted) and after
  // 3 s idle with a hover in between (what an editor session sees while the user reads).
  const rssWith = async (
    count: number,
    flags: readonly string[] = SERVER_NODE_FLAGS,
  ): Promise<{ atOnce: number; settled: number }> => {
    const heavy = new LspClient(join(ROOT, 'dist', 'server.js'), flags);
    heavy.settings = { debounceMs: 0, dictionaries: [join(WORK, `syn-${count}.yaml`)] };
    await heavy.initialize({ rootUri: pathToFileURL(emptyWorkspace).href });
    heavy.open('file:///heavy.md', text);
    await heavy.waitForDiagnostics(
      'file:///heavy.md',
      (list) => list.some((d) => String(d.message).includes('合成')),
      180_000,
    );
    const atOnce = rssOf(heavy.process.pid);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await heavy.hover('file:///heavy.md', { line: 0, character: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = rssOf(heavy.process.pid);
    await heavy.stop();
    return { atOnce, settled };
  };
  // A first start with each rules file stores it in the cache of term files (the server's key differs from
  // the CLI's: another layer); the figures are of later starts, as every start after the first is.
  await rssWith(10000);
  if (!QUICK) await rssWith(100000);
  const rss10k = await rssWith(10000);
  const rss100k = QUICK ? { atOnce: Number.NaN, settled: Number.NaN } : await rssWith(100000);
  const rss10kMB = rss10k.atOnce;
  const rss100kMB = rss100k.atOnce;
  const rss10kSettledMB = rss10k.settled;
  const rss100kSettledMB = rss100k.settled;
  const rss100kPlain = QUICK ? { atOnce: Number.NaN, settled: Number.NaN } : await rssWith(100000, []);
  // The engine alone, warm, in a process of its own started as the server is (as in the server: one dictionary, one document),
  // not in this one, whose heap holds everything measured before.
  const child = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, __filename, '--warm-analysis', input1m], {
    encoding: 'utf8',
  });
  const warm = JSON.parse(child.stdout) as number[];
  return {
    startupMs: median(startups),
    openMs: median(opens),
    editMs: median(edits),
    analysisWarmMs: median(warm),
    hover: { p50: percentile(hovers, 50), p99: percentile(hovers, 99) },
    completion: { p50: percentile(completions, 50), p99: percentile(completions, 99) },
    rssMB,
    rss10kMB,
    rss100kMB,
    rss10kSettledMB,
    rss100kSettledMB,
    rss100kPlainMB: rss100kPlain.atOnce,
    rss100kPlainSettledMB: rss100kPlain.settled,
  };
}

const HISTORY = join(ROOT, 'bench', 'history.jsonl');

/** A figure a run did not measure is absent, or null (JSON writes NaN, e.g. of a --quick run, as null). */
interface HistoryRow {
  readonly date: string;
  readonly commit: string;
  readonly cli10k?: number | null;
  readonly textlint10k?: number | null;
  readonly autocorrect1m?: number | null;
  readonly scanRatio?: number | null;
  readonly processRatio?: number | null;
  readonly warmMs?: number | null;
  readonly editMs?: number | null;
  readonly hoverP99?: number | null;
  readonly completionP99?: number | null;
  readonly rss100kMB?: number | null;
  readonly rss100kSettledMB?: number | null;
  readonly startupMs?: number | null;
  /** How this run differed in method, when it did. */
  readonly note?: string;
}

function readHistory(): HistoryRow[] {
  if (!existsSync(HISTORY)) return [];
  return readFileSync(HISTORY, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as HistoryRow);
}

/** The commit measured, marked "+changes" when the working tree differs from it. */
function gitCommit(): string {
  const head =
    spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() || 'unknown';
  const dirty = spawnSync(
    'git',
    ['status', '--porcelain', '--', 'server', 'client', 'data', 'bench/bench.ts', 'package.json'],
    { cwd: ROOT, encoding: 'utf8' },
  ).stdout.trim();
  return dirty ? `${head}+changes` : head;
}

/** Everything in RESULTS.md after this line is written by hand (why a target is missed, what would close it) and kept by each run. */
const NOTES_MARKER = '<!-- Below: written by hand after reading the figures above; kept as it is by npm run bench. -->';

function handWrittenNotes(): string[] {
  const path = join(ROOT, 'bench', 'RESULTS.md');
  if (!existsSync(path)) return [NOTES_MARKER, ''];
  const text = readFileSync(path, 'utf8');
  const at = text.indexOf(NOTES_MARKER);
  return at < 0 ? [NOTES_MARKER, ''] : text.slice(at).split('\n');
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────
async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('run npm run build first');
  mkdirSync(WORK, { recursive: true });
  const counts = QUICK ? [1000, 10000] : [1000, 10000, 100000];
  const rules = syntheticRules(Math.max(...counts));
  writeDictionaries(rules, counts);
  const builtinRules = writeBuiltinAsPrh();
  const sizes: [string, number][] = QUICK
    ? [
        ['100KB', 100 * KB],
        ['1MB', MB],
      ]
    : [
        ['100KB', 100 * KB],
        ['1MB', MB],
        ['10MB', 10 * MB],
      ];
  for (const [label, bytes] of sizes) writeFileSync(join(WORK, `input-${label}.md`), markdownInput(bytes, rules));
  writeFileSync(join(WORK, '.autocorrectrc'), 'rules:\n  spellcheck: 2\n');
  if (process.argv.includes('--inputs-only')) return; // for bench/ab.ts: the inputs alone
  const times = QUICK ? 3 : 5;
  const rows: Measure[] = [];
  const cli = join(ROOT, 'dist', 'cli.js');
  for (const [label] of sizes) {
    const input = `input-${label}.md`;
    rows.push(
      measure(
        'medterm',
        label,
        'built-in',
        process.execPath,
        [cli, 'lint', '--format', 'json', input],
        medtermCount(undefined),
        times,
      ),
    );
    rows.push(
      measure(
        'textlint+prh',
        label,
        'built-in',
        join(BIN, 'textlint'),
        ['--config', 'textlint-builtin.json', '--format', 'json', input],
        textlintCount,
        label === '10MB' ? 1 : 3,
      ),
    );
    rows.push(
      measure(
        'autocorrect',
        label,
        'built-in',
        join(BIN, 'autocorrect'),
        ['--lint', '--format', 'json', '--threads', '1', input],
        autocorrectCount,
        times,
      ),
    );
    for (const count of counts) {
      const args = [
        cli,
        'lint',
        '--format',
        'json',
        '--rule',
        'undefined-abbreviation=off',
        '--dictionary',
        `syn-${count}.yaml`,
        input,
      ];
      // First run with an empty cache (parse, validate, store), then the runs that read the cache.
      rmSync(CACHE, { recursive: true, force: true });
      rows.push(measure('medterm (first run)', label, String(count), process.execPath, args, medtermCount('syn-'), 1));
      rows.push(measure('medterm', label, String(count), process.execPath, args, medtermCount('syn-'), times));
      // textlint + prh costs rules × text: the largest pairs would take hours; they are not run.
      const predictable =
        label === '100KB' || (label === '1MB' && count <= 10000) || (label === '10MB' && count <= 1000);
      // Runs over 10 s are measured once, except 1 MB with 10,000 rules: the pair of the 50× target, whose single
      // runs moved between 13 and 47 s from one benchmark to the next; three runs give a median.
      const slow = label === '1MB' && count === 10000 ? Number.POSITIVE_INFINITY : 10;
      if (predictable)
        rows.push(
          measure(
            'textlint+prh',
            label,
            String(count),
            join(BIN, 'textlint'),
            ['--config', `textlint-${count}.json`, '--format', 'json', input],
            textlintCount,
            3,
            slow,
          ),
        );
    }
  }
  const scans = scanTimes(join(WORK, 'input-1MB.md'), counts);
  console.log('server…');
  const server = await serverFigures(join(WORK, 'input-1MB.md'));
  console.log(server);
  const vsix = join(ROOT, 'medterm.vsix');
  if (!existsSync(vsix)) spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
  const vsixKB = statSync(vsix).size / KB;
  writeResults(rows, server, vsixKB, builtinRules, counts, scans);
  for (const name of readdirSync(WORK)) if (name.startsWith('peak-')) rmSync(join(WORK, name));
}

function writeResults(
  rows: readonly Measure[],
  server: ServerFigures,
  vsixKB: number,
  builtinRules: number,
  counts: readonly number[],
  scans: ReadonlyMap<number, number>,
): void {
  const find = (tool: string, input: string, rules: string): Measure | undefined =>
    rows.find((row) => row.tool === tool && row.input === input && row.rules === rules);
  const ratio = (slow: Measure | undefined, fast: Measure | undefined): string =>
    slow && fast ? `${(slow.seconds / fast.seconds).toFixed(1)}×` : '–';
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const lines: string[] = [
    '# MedTerm benchmark results',
    '',
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Shared and noisy: read ratios, not absolute times.`,
    `Reproduce: \`npm ci && npm run build && npm run bench\` (inputs are generated into bench/inputs/, git-ignored).`,
    '',
    '## Whole-process CLI: median seconds, peak memory, findings',
    '',
    'Identical rules for every tool: synthetic variant → expected pairs of four rare CJK characters, written once as a MedTerm term file and once as prh.yml;',
    `"built-in" is MedTerm's own dictionary (its ${builtinRules} variants given to prh as rules; AutoCorrect uses its own built-in rules, since its spellcheck words are English-word based and would not be a fair home for Chinese rules).`,
    'Findings compare the synthetic (or built-in variant) findings; AutoCorrect checks other things (spacing, punctuation), so its count is shown for information only.',
    '"medterm (first run)" is one run with an empty cache: it parses and validates the term file and stores it in the cache of large term files; the "medterm" rows that follow read that cache (the normal case from the second run on: in CI keep ~/.cache/medterm between runs, as for ESLint\'s cache).',
    '',
    '| tool | input | rules | runs | median s | peak MB | findings |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.tool} | ${row.input} | ${row.rules} | ${row.runs} | ${row.seconds.toFixed(3)} | ${row.peakMB.toFixed(0)} | ${row.findings ?? '–'} |`,
    ),
    '',
    '## Ratios',
    '',
    '| comparison | ratio (how many times faster MedTerm is) |',
    '| --- | --- |',
  ];
  for (const input of ['100KB', '1MB', '10MB']) {
    for (const rules of ['built-in', ...counts.map(String)]) {
      const medterm = find('medterm', input, rules);
      const textlint = find('textlint+prh', input, rules);
      if (medterm && textlint)
        lines.push(
          `| textlint+prh / medterm, ${input}, ${rules} rules | ${ratio(textlint, medterm)} (findings ${textlint.findings} vs ${medterm.findings}) |`,
        );
    }
    const autocorrect = find('autocorrect', input, 'built-in');
    const medterm = find('medterm', input, 'built-in');
    if (autocorrect && medterm)
      lines.push(`| autocorrect / medterm, ${input}, built-in | ${ratio(autocorrect, medterm)} |`);
  }
  const m1k = find('medterm', '1MB', '1000');
  const m100k = find('medterm', '1MB', '100000');
  const m10k = find('medterm', '1MB', '10000');
  const t10k = find('textlint+prh', '1MB', '10000');
  const a1 = find('autocorrect', '1MB', 'built-in');
  const b1 = find('medterm', '1MB', 'built-in');
  const check = (ok: boolean | undefined): string => (ok === undefined ? 'not measured' : ok ? 'met' : 'MISSED');
  lines.push(
    '',
    '## The language server (1 MB Markdown, LSP over stdio)',
    '',
    `Started as the VS Code client starts it: \`node ${SERVER_NODE_FLAGS.join(' ')} dist/server.js\` (client/src/serverFlags.ts).`,
    '',
    '| figure | value | target |',
    '| --- | --- | --- |',
    `| start-up to first diagnostics | ${server.startupMs.toFixed(0)} ms | < 500 ms: ${check(server.startupMs < 500)} |`,
    `| didOpen → diagnostics (1 MB) | ${server.openMs.toFixed(0)} ms | – |`,
    `| full analysis, warm, in the engine | ${server.analysisWarmMs.toFixed(1)} ms | < 30 ms: ${check(server.analysisWarmMs < 30)} |`,
    `| one-character edit → updated diagnostics (debounce 0) | ${server.editMs.toFixed(0)} ms | < 50 ms + debounce: ${check(server.editMs < 50)} |`,
    `| hover latency p50 / p99 (500 positions) | ${server.hover.p50.toFixed(2)} / ${server.hover.p99.toFixed(2)} ms | p99 < 5 ms: ${check(server.hover.p99 < 5)} |`,
    `| completion latency p50 / p99 | ${server.completion.p50.toFixed(2)} / ${server.completion.p99.toFixed(2)} ms | p99 < 5 ms: ${check(server.completion.p99 < 5)} |`,
    `| server RSS, built-in dictionary, 1 MB open (after the 500 hovers and completions) | ${server.rssMB.toFixed(0)} MB | – |`,
    `| server RSS, 10,000 rules, 1 MB open: at first diagnostics / after 3 s idle | ${server.rss10kMB.toFixed(0)} / ${server.rss10kSettledMB.toFixed(0)} MB | – |`,
    `| server RSS, 100,000 rules, 1 MB open: at first diagnostics / after 3 s idle | ${server.rss100kMB.toFixed(0)} / ${server.rss100kSettledMB.toFixed(0)} MB | < 150 MB: ${check(server.rss100kMB < 150)} / ${check(server.rss100kSettledMB < 150)} |`,
    `| the same, server started by plain \`node\` (without ${SERVER_NODE_FLAGS.join(' ')}) | ${server.rss100kPlainMB.toFixed(0)} / ${server.rss100kPlainSettledMB.toFixed(0)} MB | (< 150 MB: ${check(server.rss100kPlainMB < 150)} / ${check(server.rss100kPlainSettledMB < 150)}) |`,
    `| VSIX size | ${vsixKB.toFixed(0)} KB | < 1.5 MB: ${check(vsixKB < 1536)} |`,
    '',
    '## CLI targets',
    '',
    `- 1 MB with 10,000 rules under 0.5 s whole process: ${m10k ? `${m10k.seconds.toFixed(3)} s, ${check(m10k.seconds < 0.5)}` : 'not measured'}`,
    `- at least 50× faster than textlint + prh on the same rules: ${m10k && t10k ? `${ratio(t10k, m10k)}, ${check(t10k.seconds / m10k.seconds >= 50)}` : 'not measured'}`,
    `- faster than AutoCorrect with the built-in dictionary (1 MB): ${a1 && b1 ? `${ratio(a1, b1)}, ${check(b1.seconds < a1.seconds)}` : 'not measured'}`,
    `- 100,000 rules at most twice the scan time of 1,000 (analysis of 1 MB in-process, warm): ${scans.has(1000) && scans.has(100000) ? `${scans.get(1000)!.toFixed(1)} ms → ${scans.get(100000)!.toFixed(1)} ms, ${(scans.get(100000)! / scans.get(1000)!).toFixed(2)}×, ${check(scans.get(100000)! <= 2 * scans.get(1000)!)}` : 'not measured'}`,
    `- the same, whole CLI process including loading the rules (1 MB, cache read): ${m1k && m100k ? `${(m100k.seconds / m1k.seconds).toFixed(2)}×, ${check(m100k.seconds <= 2 * m1k.seconds)}` : 'not measured'}`,
    `- scan time by dictionary size: ${[...scans].map(([count, ms]) => `${count}: ${ms.toFixed(1)} ms`).join(', ')}`,
    '',
  );
  // Key figures of this run, kept with those of earlier runs: on a shared machine one run can be 30 % off.
  const record: HistoryRow = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    commit: gitCommit(),
    cli10k: m10k?.seconds,
    textlint10k: m10k && t10k ? t10k.seconds / m10k.seconds : undefined,
    autocorrect1m: a1 && b1 ? a1.seconds / b1.seconds : undefined,
    scanRatio: scans.has(1000) && scans.has(100000) ? scans.get(100000)! / scans.get(1000)! : undefined,
    processRatio: m1k && m100k ? m100k.seconds / m1k.seconds : undefined,
    warmMs: server.analysisWarmMs,
    editMs: server.editMs,
    hoverP99: server.hover.p99,
    completionP99: server.completion.p99,
    rss100kMB: server.rss100kMB,
    rss100kSettledMB: server.rss100kSettledMB,
    startupMs: server.startupMs,
    note: `server started with ${SERVER_NODE_FLAGS.join(' ')}; with plain node, RSS 100k ${server.rss100kPlainMB.toFixed(0)} / ${server.rss100kPlainSettledMB.toFixed(0)} MB`,
  };
  const history = [...readHistory(), record];
  writeFileSync(HISTORY, history.map((row) => JSON.stringify(row)).join('\n') + '\n');
  const cell = (value: number | null | undefined, digits: number, unit = ''): string =>
    value === undefined || value === null || Number.isNaN(value) ? '–' : `${value.toFixed(digits)}${unit}`;
  lines.push(
    '## Key figures across runs (bench/history.jsonl)',
    '',
    'Each run of `npm run bench` adds a row. The machine is shared: the same code moves by up to ±30 % between runs.',
    '',
    '| run | commit | CLI 1 MB, 10k rules (< 0.5 s) | vs textlint (≥ 50×) | vs AutoCorrect | scan 100k/1k (≤ 2×) | process 100k/1k | warm analysis (< 30 ms) | edit (< 50 ms) | hover p99 | completion p99 (< 5 ms) | RSS 100k (< 150 MB; at once / settled) | start-up (< 500 ms) | note |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...history.map(
      (row) =>
        `| ${row.date} | ${row.commit} | ${cell(row.cli10k, 3, ' s')} | ${cell(row.textlint10k, 1, '×')} | ${cell(row.autocorrect1m, 1, '×')} | ${cell(row.scanRatio, 2, '×')} | ${cell(row.processRatio, 2, '×')} | ${cell(row.warmMs, 1, ' ms')} | ${cell(row.editMs, 0, ' ms')} | ${cell(row.hoverP99, 2, ' ms')} | ${cell(row.completionP99, 2, ' ms')} | ${cell(row.rss100kMB, 0)}${row.rss100kSettledMB === undefined || row.rss100kSettledMB === null ? '' : ` / ${cell(row.rss100kSettledMB, 0)}`} MB | ${cell(row.startupMs, 0, ' ms')} | ${row.note ?? ''} |`,
    ),
    '',
  );
  lines.push(...handWrittenNotes());
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), lines.join('\n'));
  console.log(`wrote bench/RESULTS.md`);
}

/** `--warm-analysis FILE`: analyse FILE 25 times with the built-in dictionary; print the last 20 times (ms) as JSON. */
function warmAnalysis(file: string): void {
  const text = readFileSync(file, 'utf8');
  const dictionary = buildDictionary(readTermDirectory(join(ROOT, 'data', 'terms'), 'builtin'));
  const times: number[] = [];
  for (let i = 0; i < 25; i++) {
    const started = performance.now();
    analyze(text, dictionary, { languageId: 'markdown' });
    if (i >= 5) times.push(performance.now() - started);
  }
  process.stdout.write(JSON.stringify(times));
}

const warmAt = process.argv.indexOf('--warm-analysis');
if (warmAt >= 0) warmAnalysis(process.argv[warmAt + 1]!);
else
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
