import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProseFiles, readProseFile } from '../../server/src/node/proseFiles';
import { makeDirectory } from '../../server/src/node/cacheDirectory';
import { ROOT } from '../helpers/dictionary';
import { LspClient } from '../helpers/lspClient';

/**
 * Audit rows C1, W13, C2 and the background-work guards (reliability-audit.md): a workspace holding a FIFO,
 * a link to /dev/zero and a symlink loop is scanned without blocking, each file once; ~/.medterm being a file
 * and a rejected promise in background work are messages, not crashes. Over real LSP against dist/server.js.
 */

/** How long a hover may take while the server scans (generous: 2 shared cores; the audit saw no answer in 15 s). */
const HOVER_BOUND_MS = 3000;

function hostileWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'medterm-stall-'));
  mkdirSync(join(root, 'sub'));
  writeFileSync(join(root, 'a.md'), '免疫调节剂包括来那度胺。\n');
  execFileSync('mkfifo', [join(root, 'notes.md')]);
  symlinkSync('/dev/zero', join(root, 'zero.md'));
  symlinkSync('..', join(root, 'sub', 'up')); // a loop: sub/up/sub/up/… is the root again
  symlinkSync(join(root, 'notes.md'), join(root, 'sub', 'fifo-link.md'));
  return root;
}

async function timedHover(client: LspClient, uri: string): Promise<{ ms: number; hover: unknown }> {
  const started = Date.now();
  const hover = await client.hover(uri, { line: 0, character: 3 });
  return { ms: Date.now() - started, hover };
}

describe('C1 / W13: the workspace scan never blocks on what is not a regular file', () => {
  let client: LspClient;
  let root: string;

  beforeAll(async () => {
    root = hostileWorkspace();
    client = new LspClient();
    await client.initialize({ rootUri: pathToFileURL(root).href });
  });
  afterAll(async () => client.stop());

  it('C1: hover is answered while the workspace holds a FIFO and a link to /dev/zero, and the scan ends', async () => {
    const uri = pathToFileURL(join(root, 'probe.md')).href;
    client.open(uri, '使用利那度胺治疗。\n');
    const { ms, hover } = await timedHover(client, uri);
    expect(JSON.stringify(hover)).toContain('来那度胺');
    expect(ms).toBeLessThan(HOVER_BOUND_MS);
    await client.waitFor('the scan to end', () =>
      client.logs.some((line) => /indexed \d+ files for consistency/.test(line)),
    );
  });

  it('W13: a symlink loop indexes each file once (the audit saw 41 for one file)', async () => {
    await client.waitFor('the scan to end', () =>
      client.logs.some((line) => /indexed \d+ files for consistency/.test(line)),
    );
    expect(client.logs.find((line) => /indexed \d+ files/.test(line))).toContain('indexed 1 files');
  });

  it('C1 / W13: listing yields regular files only, each once, and reading never opens a FIFO or a device', async () => {
    const files = listProseFiles(root, { extensions: ['.md'], limit: 100 });
    expect(files).toEqual([join(root, 'a.md')]);
    expect(await readProseFile(join(root, 'notes.md'))).toEqual({ skipped: 'not a regular file' });
    expect(await readProseFile(join(root, 'zero.md'))).toEqual({ skipped: 'not a regular file' });
    expect(await readProseFile(join(root, 'a.md'))).toEqual({ text: '免疫调节剂包括来那度胺。\n' });
  });

  it('F4: a file over the 2 MB cap is not read', async () => {
    const big = join(mkdtempSync(join(tmpdir(), 'medterm-big-')), 'big.txt');
    writeFileSync(big, Buffer.alloc(2 * 1024 * 1024 + 1, 0x61));
    expect(await readProseFile(big)).toEqual({ skipped: 'too large', size: 2 * 1024 * 1024 + 1 });
  });

  it('a GB18030 or UTF-16 manuscript is indexed as its characters; bytes with no faithful reading are skipped', async () => {
    const base = mkdtempSync(join(tmpdir(), 'medterm-encodings-'));
    const text = '患者接受来那度胺和地塞米松治疗。\n';
    writeFileSync(join(base, 'gbk.txt'), iconv.encode(text, 'gb18030'));
    writeFileSync(join(base, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    // Mostly UTF-8 with one Windows-1252 byte: broken UTF-8, not guessed at.
    writeFileSync(join(base, 'broken.md'), Buffer.concat([Buffer.from(text.repeat(3)), Buffer.from([0xe9, 0x0a])]));
    expect(await readProseFile(join(base, 'gbk.txt'))).toEqual({ text });
    expect(await readProseFile(join(base, 'utf16.txt'))).toEqual({ text });
    expect(await readProseFile(join(base, 'broken.md'))).toEqual({ skipped: 'invalid-utf-8' });
  });

  it('W13: two symlinks to one folder list its files once; a .gitignore applies below its own folder', () => {
    const base = mkdtempSync(join(tmpdir(), 'medterm-links-'));
    mkdirSync(join(base, 'real', 'drafts'), { recursive: true });
    writeFileSync(join(base, 'real', 'ch1.md'), 'x');
    writeFileSync(join(base, 'real', 'drafts', 'old.md'), 'x');
    writeFileSync(join(base, 'real', '.gitignore'), '/drafts/\n');
    writeFileSync(join(base, 'A.MD'), 'x');
    symlinkSync('real', join(base, 'link1'));
    symlinkSync('real', join(base, 'link2'));
    expect(listProseFiles(base, { extensions: ['.md'], limit: 100 })).toEqual([
      join(base, 'A.MD'),
      join(base, 'link1', 'ch1.md'),
    ]);
  });
});

describe('background work is guarded like requests', () => {
  it('~/.medterm ($MEDTERM_HOME) being a file: a message in both languages, and the server keeps answering', async () => {
    const home = join(mkdtempSync(join(tmpdir(), 'medterm-home-')), 'medterm-home-file');
    writeFileSync(home, 'not a folder\n');
    const saved = process.env['MEDTERM_HOME'];
    process.env['MEDTERM_HOME'] = home;
    const client = new LspClient();
    if (saved === undefined) delete process.env['MEDTERM_HOME'];
    else process.env['MEDTERM_HOME'] = saved;
    try {
      await client.initialize({ locale: 'en' });
      await client.waitFor('the message', () => client.messages.some((message) => message.message.includes(home)));
      expect(client.messages.find((message) => message.message.includes(home))!.message).toBe(
        `MedTerm: ${home} is not a folder: user term files are read from the folder ~/.medterm (or $MEDTERM_HOME); it is ignored`,
      );
      client.open('file:///home-probe.md', '使用利那度胺治疗。\n');
      const diagnostics = await client.waitForDiagnostics('file:///home-probe.md', (list) => list.length > 0);
      expect(diagnostics.map((d) => d.code)).toEqual(['nonstandard-name']);
      expect(client.process.exitCode).toBeNull();
    } finally {
      await client.stop();
    }
  });

  it('a FIFO named like a term file in $MEDTERM_HOME, or configured in medterm.dictionaries, is not read (it would block): the server and the CLI answer', async () => {
    const home = mkdtempSync(join(tmpdir(), 'medterm-home-fifo-'));
    execFileSync('mkfifo', [join(home, 'terms.yaml')]);
    writeFileSync(join(home, 'mine.yaml'), 'accept:\n  - 达雷木单抗\n');
    const saved = process.env['MEDTERM_HOME'];
    process.env['MEDTERM_HOME'] = home;
    const client = new LspClient();
    if (saved === undefined) delete process.env['MEDTERM_HOME'];
    else process.env['MEDTERM_HOME'] = saved;
    client.settings = { dictionaries: [join(home, 'terms.yaml')] };
    try {
      await client.initialize({ locale: 'en' });
      client.open('file:///fifo-home.md', '达雷木单抗获批，使用利那度胺治疗。\n');
      const diagnostics = await client.waitForDiagnostics('file:///fifo-home.md', (list) => list.length > 0);
      expect(diagnostics.map((d) => d.code)).toEqual(['nonstandard-name']); // 达雷木单抗 accepted by mine.yaml
      await client.waitFor('the message', () =>
        client.messages.some((message) => message.message.includes('is not a regular file')),
      );
      expect(client.messages.find((message) => message.message.includes('is not a regular file'))!.message).toBe(
        `MedTerm: ${join(home, 'terms.yaml')} is not a regular file (a folder, a FIFO or a device); it is not read as a term file`,
      );
    } finally {
      await client.stop();
    }
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', join(ROOT, 'test', 'fixtures', 'sample.md')],
      { env: { ...process.env, MEDTERM_HOME: home }, encoding: 'utf8', timeout: 20_000 },
    );
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
  });

  it('a promise rejected in background work (unhandledRejection) is logged, and the server stays up', async () => {
    const preload = join(mkdtempSync(join(tmpdir(), 'medterm-reject-')), 'reject.cjs');
    writeFileSync(
      preload,
      "setTimeout(() => { Promise.reject(new Error('injected rejection for the test')); }, 800);\n",
    );
    const client = new LspClient(join(ROOT, 'dist', 'server.js'), ['--require', preload]);
    try {
      await client.initialize();
      await client.waitFor('the log line', () =>
        client.logs.some(
          (line) =>
            line.includes('unhandled error in background work') && line.includes('injected rejection for the test'),
        ),
      );
      client.open('file:///reject-probe.md', '使用利那度胺治疗。\n');
      const { hover } = await timedHover(client, 'file:///reject-probe.md');
      expect(JSON.stringify(hover)).toContain('来那度胺');
      expect(client.process.exitCode).toBeNull();
    } finally {
      await client.stop();
    }
  });
});

describe('C2: a cache folder that cannot be created', () => {
  it("C2: MEDTERM_CACHE_DIR under /proc gives up at once (Node's recursive mkdir spins there) and the CLI lints without the cache", () => {
    expect(makeDirectory('/proc/medterm-nope/cache')).toBe(false);
    const started = Date.now();
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'cli.js'), 'lint', '--locale', 'en', join(ROOT, 'test', 'fixtures', 'sample.md')],
      { env: { ...process.env, MEDTERM_CACHE_DIR: '/proc/medterm-nope' }, encoding: 'utf8', timeout: 20_000 },
    );
    expect(result.signal).toBeNull(); // not killed by the timeout
    expect(result.status).toBe(1); // findings, as without a cache
    expect(result.stdout).toContain('9 findings');
    expect(result.stderr).toContain('the cache folder /proc/medterm-nope cannot be created; working without the cache');
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('a reload failure is a message, not a crash', () => {
  it('reload: when listing the term files throws, the previous dictionary stays, one warning is shown and the error is logged', async () => {
    const { Dictionaries } = await import('../../server/src/dictionaries');
    const { nodeRuntime } = await import('../../server/src/node/runtime');
    const runtime = nodeRuntime(join(ROOT, 'dist'));
    let fail = false;
    const warnings: string[] = [];
    const errors: string[] = [];
    const context = {
      connection: {
        console: { error: (message: string) => errors.push(message), info: () => undefined, warn: () => undefined },
        window: { showWarningMessage: (message: string) => warnings.push(message) },
        sendDiagnostics: async () => undefined,
      },
      runtime: {
        ...runtime,
        termFilePaths: (request: Parameters<typeof runtime.termFilePaths>[0]) => {
          if (fail) throw new Error('EIO: the disk went away');
          return runtime.termFilePaths(request);
        },
      },
      documents: { all: () => [] },
      settingsFor: async () => ({ dictionaries: [] }),
      locale: () => 'en',
      folders: () => [],
      trusted: () => true,
      dictionaryChanged: () => undefined,
    };
    const dictionaries = new Dictionaries(context as never);
    await dictionaries.reload();
    const before = dictionaries.dictionary;
    expect(before.concepts.size).toBeGreaterThan(100);
    fail = true;
    await expect(dictionaries.reload()).resolves.toBeUndefined();
    await dictionaries.reload(); // the same failure again: no second message
    expect(dictionaries.dictionary).toBe(before);
    expect(warnings).toEqual([
      'MedTerm: the term files could not be reloaded (EIO: the disk went away); the previous dictionary stays in use.',
    ]);
    expect(errors.some((line) => line.includes('cannot reload the term files') && line.includes('EIO'))).toBe(true);
  });
});
