import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, buildDictionary } from '../../server/src/engine';
import { dictionaryCacheDirectory } from '../../server/src/node/cacheDirectory';
import { readUserTermFile } from '../../server/src/node/termFiles';
import { ROOT } from '../helpers/dictionary';

const CLI = join(ROOT, 'dist', 'cli.js');

/**
 * A term file well over the cache threshold (64 KB): 600 user rules, rule i: 合成甲{i}号 → 合成乙{i}号 (cached as
 * validated JSON), or 1,200 (at least PACK_MIN_ENTRIES: cached as a packed layer).
 */
function bigTermFile(path: string, marker = '甲', count = 600): void {
  const entries = Array.from(
    { length: count },
    (_, i) =>
      `  - { id: syn-${i}, category: term, zh: 合成乙${i}号, en: synthetic ${i}, variants: [{ text: 合成${marker}${i}号, kind: nonstandard-term, note: { zh: 合成规则, en: synthetic rule } }], cite: [{ source: "test rule ${i}, padding to make the file large enough to be cached by MedTerm" }] }`,
  );
  writeFileSync(path, `entries:\n${entries.join('\n')}\n`);
}

function lint(
  directory: string,
  cache: string,
  extra: string[] = [],
): { status: number | null; findings: { ruleId: string; conceptId: string | null; text: string }[]; stderr: string } {
  const result = spawnSync(
    process.execPath,
    [CLI, 'lint', '--format', 'json', '--dictionary', 'terms.yaml', ...extra, 'doc.md'],
    { cwd: directory, encoding: 'utf8', env: { ...process.env, MEDTERM_CACHE_DIR: cache, LANG: 'en_US.UTF-8' } },
  );
  const files = JSON.parse(result.stdout || '[]') as {
    findings: { ruleId: string; conceptId: string | null; text: string }[];
  }[];
  return { status: result.status, findings: files.flatMap((file) => file.findings), stderr: result.stderr };
}

/** The term-file entries of a cache folder (it also holds the CLI's compiled code, code-<hash>.v8). */
function termEntries(cache: string): string[] {
  return readdirSync(cache).filter((name) => /^[0-9a-f]{16}\.(json|pack)$/.test(name));
}

/** The cache entries of the test's own term file (the built-in files are cached there too). */
function entries(cache: string): string[] {
  return termEntries(cache).filter((name) => header(join(cache, name)).source === join(dirname(cache), 'terms.yaml'));
}

/** A cache file's key and source: a JSON file, or a pack (header length, JSON header, the pack). */
function header(path: string): { source?: string } {
  const bytes = readFileSync(path);
  if (path.endsWith('.json')) return JSON.parse(bytes.toString('utf8')) as { source?: string };
  return JSON.parse(bytes.toString('utf8', 4, 4 + bytes.readUInt32LE(0))) as { source?: string };
}

/** Replace a text in a cache file: as UTF-8 in JSON, as UTF-16 units in a pack's string pool. */
function tamper(path: string, from: string, to: string): void {
  const encoding = path.endsWith('.json') ? 'utf8' : 'utf16le';
  const bytes = readFileSync(path);
  const at = bytes.indexOf(Buffer.from(from, encoding));
  expect(at).toBeGreaterThan(0);
  Buffer.from(to, encoding).copy(bytes, at);
  writeFileSync(path, bytes);
}

function setup(count = 600): { directory: string; cache: string } {
  const directory = mkdtempSync(join(tmpdir(), 'medterm-cache-'));
  bigTermFile(join(directory, 'terms.yaml'), '甲', count);
  writeFileSync(join(directory, 'doc.md'), '本文写作合成甲7号，又写合成甲599号。\n');
  return { directory, cache: join(directory, 'cache') };
}

const synthetic = (findings: { conceptId: string | null; text: string }[]): string[] =>
  findings
    .filter((finding) => finding.conceptId?.startsWith('syn-'))
    .map((finding) => `${finding.conceptId}:${finding.text}`);

describe('the cache of large term files', () => {
  it.each([
    [600, 'validated JSON', 'json'],
    [1200, 'a packed layer', 'pack'],
  ] as const)(
    'stores a validated file of %i rules once (as %s), reads it back with the same findings, and is invalidated by an edit',
    (count, _what, extension) => {
      const { directory, cache } = setup(count);
      const first = lint(directory, cache);
      expect(synthetic(first.findings)).toEqual(['syn-7:合成甲7号', 'syn-599:合成甲599号']);
      const files = entries(cache);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(new RegExp(`^[0-9a-f]{16}\\.${extension}$`));

      // The second run reads the cache: prove it by marking the cached data (a rule the file does not have).
      const path = join(cache, files[0]!);
      const stored = readFileSync(path);
      tamper(path, '合成甲7号', '合成甲8号');
      expect(synthetic(lint(directory, cache).findings)).toEqual(['syn-599:合成甲599号']);
      writeFileSync(path, stored);
      expect(lint(directory, cache).findings).toEqual(first.findings);

      // Editing the term file (new content, new modification time) makes the cache entry stale.
      bigTermFile(join(directory, 'terms.yaml'), '丙', count);
      writeFileSync(join(directory, 'doc.md'), '本文写作合成丙7号。\n');
      utimesSync(join(directory, 'terms.yaml'), new Date(), new Date(Date.now() + 5000));
      expect(synthetic(lint(directory, cache).findings)).toEqual(['syn-7:合成丙7号']);
      expect(entries(cache)).toHaveLength(2);
      // The built-in files are cached too (whatever their size), once each.
      expect(termEntries(cache).length - entries(cache).length).toBe(
        readdirSync(join(ROOT, 'data', 'terms')).filter((name) => name.endsWith('.yaml')).length,
      );
    },
  );

  it.each([600, 1200])('ignores and replaces a damaged cache file (%i rules)', (count) => {
    const { directory, cache } = setup(count);
    const expected = lint(directory, cache).findings;
    const [name] = entries(cache);
    const good = readFileSync(join(cache, name!));
    for (const damaged of [
      Buffer.from('{"format": "x", "checked": '),
      good.subarray(0, good.length >> 1),
      Buffer.concat([good.subarray(0, 40), Buffer.alloc(good.length - 40, 0xff)]),
    ]) {
      writeFileSync(join(cache, name!), damaged);
      const again = lint(directory, cache);
      expect(again.findings).toEqual(expected);
      expect(again.stderr).toBe('');
      expect(readFileSync(join(cache, name!)).equals(good)).toBe(true);
    }
  });

  it.each([600, 1200])(
    'reports the same problems, at the same lines, from the cache as from the file (%i rules)',
    (count) => {
      const { directory, cache } = setup(count);
      writeFileSync(
        join(directory, 'terms.yaml'),
        readFileSync(join(directory, 'terms.yaml'), 'utf8').replace(
          'category: term, zh: 合成乙3号',
          'category: nonsense, zh: 合成乙3号',
        ),
      );
      const cold = lint(directory, cache);
      const warm = lint(directory, cache);
      expect(cold.stderr).toMatch(/terms\.yaml:5:18: entries\[3\]\.category: must be one of/);
      expect(entries(cache)).toHaveLength(1);
      expect(warm.stderr).toBe(cold.stderr);
      // The invalid entry is skipped with a warning and the run goes on (audit F2), the same way either way.
      expect(cold.stderr).toMatch(/warning: .*entries\[3\]\.category: .*\(this entry is skipped\)/);
      expect([cold.status, warm.status]).toEqual([1, 1]);
    },
  );

  it('writes nothing with --no-cache or MEDTERM_CACHE_DIR=off', () => {
    const { directory, cache } = setup();
    expect(synthetic(lint(directory, cache, ['--no-cache']).findings)).toHaveLength(2);
    expect(() => readdirSync(cache)).toThrow();
    expect(synthetic(lint(directory, 'off').findings)).toHaveLength(2);
    expect(readdirSync(directory).sort()).toEqual(['doc.md', 'terms.yaml']);
  });
});

describe('a packed layer read from the cache', () => {
  it('leaves the entries on disk, reads them when needed, and keeps working when the cache file is pruned', () => {
    const { directory, cache } = setup(1200);
    const path = join(directory, 'terms.yaml');
    const options = { allowPatterns: true, cacheDirectory: cache };
    readUserTermFile(path, 'workspace', options); // the first read stores the pack
    const [layer] = readUserTermFile(path, 'workspace', options);
    expect(layer!.packed).toBeDefined();
    // Only what precedes the entries' JSON is in memory: much less than the file in the cache.
    const [name] = entries(cache);
    expect(layer!.packed!.bytes.length).toBeLessThan(statSync(join(cache, name!)).size / 2);
    // Another process prunes the cache: the open layer still reads its entries (POSIX keeps the data).
    unlinkSync(join(cache, name!));
    const dictionary = buildDictionary([layer!]);
    expect(dictionary.concepts.get('syn-1199')).toMatchObject({
      zh: '合成乙1199号',
      variants: [{ text: '合成甲1199号' }],
    });
    expect(
      analyze('写作合成甲42号。', dictionary).findings.map((finding) => [finding.ruleId, finding.conceptId]),
    ).toEqual([['nonstandard-name', 'syn-42']]);
  });
});

/**
 * A prh.yml well over the cache threshold: 1,500 literal rules (合成甲{i}号 → 合成乙{i}号, i in Chinese numerals: variants in the matcher)
 * and one regular-expression rule (/合成戊\d+号/ → 合成丁号, a pattern rule compiled with RE2).
 */
function bigPrhFile(path: string): void {
  // Chinese numerals: a literal made of Han characters only is a plain rule (a variant); ASCII digits would make it a pattern.
  const han = (i: number): string => String(i).replace(/\d/g, (digit) => '〇一二三四五六七八九'[Number(digit)]!);
  const rules = Array.from(
    { length: 1500 },
    (_, i) =>
      `  - expected: 合成乙${han(i)}号\n    pattern: 合成甲${han(i)}号\n    prh: test rule ${i}, padding to make the file large enough to be cached by MedTerm`,
  );
  writeFileSync(path, `version: 1\nrules:\n${rules.join('\n')}\n  - expected: 合成丁号\n    pattern: /合成戊\\d+号/\n`);
}

describe('the cache of large prh files', () => {
  const texts = (findings: { text: string }[]): string[] =>
    findings.map((finding) => finding.text).filter((text) => text.startsWith('合成'));

  it('stores a large prh.yml once and reads its rules and patterns back from the cache on the next run', () => {
    const directory = mkdtempSync(join(tmpdir(), 'medterm-cache-prh-'));
    bigPrhFile(join(directory, 'terms.yaml'));
    expect(statSync(join(directory, 'terms.yaml')).size).toBeGreaterThan(64 * 1024);
    writeFileSync(join(directory, 'doc.md'), '本文写作合成甲七号，又写合成戊12号。\n');
    const cache = join(directory, 'cache');
    const first = lint(directory, cache);
    expect(texts(first.findings)).toEqual(['合成甲七号', '合成戊12号']);
    const files = entries(cache);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{16}\.json$/);
    expect(lint(directory, cache).findings).toEqual(first.findings);

    // The second run reads the cache: prove it by marking the cached rules (texts the file does not have).
    const path = join(cache, files[0]!);
    const stored = readFileSync(path);
    const marked = (from: string, to: string): void =>
      writeFileSync(path, stored.toString('utf8').replaceAll(from, to));
    marked('合成甲七号', '合成甲八号');
    expect(texts(lint(directory, cache).findings)).toEqual(['合成戊12号']);
    // The pattern is compiled again from what the cache stores.
    marked('合成戊', '合成己');
    expect(texts(lint(directory, cache).findings)).toEqual(['合成甲七号']);
    writeFileSync(path, stored);
    expect(lint(directory, cache).findings).toEqual(first.findings);
  });

  it('keeps the trusted and the untrusted reading of a prh file apart (regular expressions only where trusted)', () => {
    const directory = mkdtempSync(join(tmpdir(), 'medterm-cache-prh-'));
    const path = join(directory, 'terms.yaml');
    bigPrhFile(path);
    const cacheDirectory = join(directory, 'cache');
    const read = (allowPatterns: boolean) => readUserTermFile(path, 'workspace', { allowPatterns, cacheDirectory })[0]!;
    for (let round = 0; round < 2; round++) {
      expect(read(true).patterns?.map((rule) => rule.expected)).toEqual(['合成丁号']);
      expect(read(false).patterns).toEqual([]);
      expect(read(false).problems.map((problem) => problem.message)).toEqual([expect.stringMatching(/not trusted/)]);
    }
    expect(
      termEntries(cacheDirectory).filter((name) => header(join(cacheDirectory, name)).source === path),
    ).toHaveLength(2);
    const warm = buildDictionary([read(true)]);
    const text = '写作合成甲四二号，合成戊3号。';
    expect(analyze(text, warm).findings.map((finding) => text.slice(finding.span.start, finding.span.end))).toEqual([
      '合成甲四二号',
      '合成戊3号',
    ]);
  });
});

describe('disposing a packed layer read from the cache', () => {
  it.runIf(process.platform === 'linux')('closes its cache file at once, not when the layer is collected', () => {
    const { directory, cache } = setup(1200);
    const path = join(directory, 'terms.yaml');
    const options = { allowPatterns: true, cacheDirectory: cache };
    readUserTermFile(path, 'workspace', options)[0]!.packed!.dispose(); // the first read stores the pack
    const open = (): number => readdirSync('/proc/self/fd').length;
    const before = open();
    const [layer] = readUserTermFile(path, 'workspace', options);
    expect(layer!.packed!.concept(5).id).toBe('syn-5');
    expect(open()).toBe(before + 1);
    layer!.packed!.dispose();
    expect(open()).toBe(before);
    layer!.packed!.dispose(); // twice is harmless
    expect(open()).toBe(before);
  });
});

describe('where the cache lives', () => {
  it.each([
    ['Linux', 'linux', {}, '/home/ana/.cache/medterm'],
    ['Linux with XDG_CACHE_HOME', 'linux', { XDG_CACHE_HOME: '/var/cache/ana' }, '/var/cache/ana/medterm'],
    ['macOS', 'darwin', {}, '/home/ana/Library/Caches/medterm'],
    [
      'Windows',
      'win32',
      { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' },
      'C:\\Users\\ana\\AppData\\Local\\medterm\\Cache',
    ],
    ['MEDTERM_CACHE_DIR anywhere', 'win32', { MEDTERM_CACHE_DIR: 'D:\\cache' }, 'D:\\cache'],
    ['MEDTERM_CACHE_DIR=off', 'linux', { MEDTERM_CACHE_DIR: 'off' }, undefined],
    ['MEDTERM_CACHE_DIR empty', 'darwin', { MEDTERM_CACHE_DIR: '' }, undefined],
  ] as const)('%s', (_name, platform, env, expected) => {
    expect(dictionaryCacheDirectory(env, platform, '/home/ana')).toBe(expected);
  });
});
