/**
 * Side-by-side measurement of builds of MedTerm (commits checked out and built in their own folders), run by run
 * in alternation, so that a shared machine's changing load falls on each build alike:
 *
 *   esbuild bench/ab.ts --bundle --platform=node --format=cjs --outfile=out/ab.js
 *   node out/ab.js --runs 7 --inputs bench/inputs before=/tmp/before main=/tmp/main [name=DIR:--rule x=off ...]
 *
 * Per round and build: the CLI on the 1 MB input with 10,000 rules (wall and CPU seconds, user + system), and
 * unless --cli-only, the language server started as the client starts it (1 MB didOpen → diagnostics, then 20
 * one-character edits → updated diagnostics, debounce 0) and the warm in-process analysis of the 1 MB with the
 * built-in dictionary (`<DIR>/out/bench.js --warm-analysis`, when that build has it). Prints medians as a table.
 * Inputs are those of `npm run bench` (bench/inputs/input-1MB.md and syn-10000.yaml).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SERVER_NODE_FLAGS } from '../client/src/serverFlags';
import { LspClient } from '../test/helpers/lspClient';

interface Build {
  readonly name: string;
  readonly dir: string;
  readonly extra: readonly string[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1]! : fallback;
}

/** The CLI's whole process: wall seconds and CPU seconds (user + system, from /usr/bin/time). */
function cliRun(build: Build, inputs: string): { wall: number; cpu: number } {
  const run = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%e %U %S',
      process.execPath,
      join(build.dir, 'dist', 'cli.js'),
      'lint',
      '--format',
      'json',
      '--rule',
      'undefined-abbreviation=off',
      ...build.extra,
      '--dictionary',
      'syn-10000.yaml',
      'input-1MB.md',
    ],
    {
      cwd: inputs,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, MEDTERM_CACHE_DIR: join(inputs, `cache-${build.name}`) },
    },
  );
  const [wall, user, system] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { wall: wall!, cpu: user! + system! };
}

async function serverRun(build: Build, text: string): Promise<{ open: number; edit: number }> {
  const client = new LspClient(join(build.dir, 'dist', 'server.js'), SERVER_NODE_FLAGS);
  client.settings = { debounceMs: 0 };
  await client.initialize();
  const uri = 'file:///big.md';
  let started = performance.now();
  client.open(uri, text);
  await client.waitForDiagnostics(uri, (list) => list.length > 0, 120_000);
  const open = performance.now() - started;
  const edits: number[] = [];
  for (let i = 0; i < 20; i++) {
    const before = client.diagnostics.get(uri)!.length;
    started = performance.now();
    client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: i % 2 ? '。' : '' },
    ]);
    await client.waitFor('updated diagnostics', () => client.diagnostics.get(uri)!.length > before, 60_000);
    edits.push(performance.now() - started);
  }
  await client.stop();
  return { open, edit: median(edits) };
}

function warmRun(build: Build, input: string): number | undefined {
  const bundle = join(build.dir, 'out', 'bench.js');
  if (!existsSync(bundle)) return undefined;
  const child = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, bundle, '--warm-analysis', input], {
    encoding: 'utf8',
  });
  return median(JSON.parse(child.stdout) as number[]);
}

async function main(): Promise<void> {
  const runs = Number(option('--runs', '7'));
  const inputs = resolve(option('--inputs', join(__dirname, '..', 'bench', 'inputs')));
  const cliOnly = process.argv.includes('--cli-only');
  const builds: Build[] = process.argv
    .slice(2)
    .filter((argument) => /^[\w-]+=/.test(argument) && !argument.startsWith('--'))
    .map((argument) => {
      const [name, rest] = [argument.slice(0, argument.indexOf('=')), argument.slice(argument.indexOf('=') + 1)];
      const [dir, extra] = rest.includes(':')
        ? [rest.slice(0, rest.indexOf(':')), rest.slice(rest.indexOf(':') + 1)]
        : [rest, ''];
      return { name, dir: resolve(dir), extra: extra.split(' ').filter(Boolean) };
    });
  const input = join(inputs, 'input-1MB.md');
  const text = readFileSync(input, 'utf8');
  const figures = new Map(
    builds.map((build) => [
      build.name,
      { wall: [] as number[], cpu: [] as number[], open: [] as number[], edit: [] as number[], warm: [] as number[] },
    ]),
  );
  // A first run of each build fills its cache of term files (not counted).
  for (const build of builds) cliRun(build, inputs);
  for (let round = 0; round < runs; round++) {
    for (const build of builds) {
      const row = figures.get(build.name)!;
      const cli = cliRun(build, inputs);
      row.wall.push(cli.wall);
      row.cpu.push(cli.cpu);
      if (cliOnly || build.extra.length > 0) continue;
      const server = await serverRun(build, text);
      row.open.push(server.open);
      row.edit.push(server.edit);
      const warm = warmRun(build, input);
      if (warm !== undefined) row.warm.push(warm);
    }
    process.stderr.write(`round ${round + 1}/${runs}\n`);
  }
  const show = (values: readonly number[], digits: number): string =>
    values.length === 0
      ? '–'
      : `${median(values).toFixed(digits)} (${values.map((value) => value.toFixed(digits)).join(' ')})`;
  console.log(
    '| build | CLI wall s | CLI CPU s | didOpen → diagnostics ms | edit → diagnostics ms (median of 20 per run) | warm analysis ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const build of builds) {
    const row = figures.get(build.name)!;
    console.log(
      `| ${build.name}${build.extra.length ? ` (${build.extra.join(' ')})` : ''} | ${show(row.wall, 2)} | ${show(row.cpu, 2)} | ${show(row.open, 0)} | ${show(row.edit, 1)} | ${show(row.warm, 1)} |`,
    );
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`\nruns: ${runs} per build, alternating; load average at the end: ${load}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
