import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  chownSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { fixAllSafe } from '../../server/src/engine';
import { decodeText, fixTextFile, isTextFile, readTextFile } from '../../server/src/node/fileText';
import { nodeRuntime } from '../../server/src/node/runtime';
import { SafeWriteError, writeFileSafely } from '../../server/src/node/safeWrite';
import { ROOT, builtinDictionary } from '../helpers/dictionary';
import { LspClient } from '../helpers/lspClient';

/**
 * `--fix` must be as trustworthy as the editor (issue 13, ../shared/notes/reliability-audit.md): each test
 * names the audit row it covers and fails on ec93d50. Files are real files in temporary folders, run
 * through the built CLI (`npm run build` first); bytes are compared whole.
 */
const CLI = join(ROOT, 'dist', 'cli.js');

function medterm(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en_US.UTF-8', NO_COLOR: '1', MEDTERM_CACHE_DIR: 'off', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const folders: string[] = [];
function folder(): string {
  const directory = mkdtempSync(join(tmpdir(), 'medterm-fixsafe-'));
  folders.push(directory);
  return directory;
}

// The F6 and D2 files are 10–20 MB: remove every folder made here (read-only ones made writable first).
afterAll(() => {
  for (const directory of folders) {
    spawnSync('chmod', ['-R', 'u+rwx', directory]);
    rmSync(directory, { recursive: true, force: true });
  }
});

describe('W3: a fix across a soft line break keeps the break and its CRLF', () => {
  it('W3: the engine puts the break back into the replacement', () => {
    const dictionary = builtinDictionary();
    expect(
      fixAllSafe('纯文本利那\n度胺跨行\r\n第二处达雷木\r\n单抗\n', dictionary, { languageId: 'plaintext' }).text,
    ).toBe('纯文本来那\n度胺跨行\r\n第二处达雷妥尤\r\n单抗\n');
    // A Markdown list continuation keeps its indentation.
    expect(fixAllSafe('- 使用利那\n  度胺治疗\n', dictionary, { languageId: 'markdown' }).text).toBe(
      '- 使用来那\n  度胺治疗\n',
    );
  });

  it('W3: medterm lint --fix on a .txt file keeps its four lines, byte for byte', () => {
    const directory = folder();
    const path = join(directory, 't.txt');
    writeFileSync(path, '纯文本利那\n度胺跨行\r\n第二处达雷木\r\n单抗\n');
    medterm(['lint', '--fix', 't.txt'], directory);
    expect(readFileSync(path)).toEqual(Buffer.from('纯文本来那\n度胺跨行\r\n第二处达雷妥尤\r\n单抗\n'));
  });
});

/** Run the CLI as an ordinary user (root ignores permission bits): `nobody` through setpriv when root. */
const ROOT_USER = process.getuid?.() === 0;
function asNormalUser(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  if (!ROOT_USER) return medterm(args, cwd);
  const result = spawnSync(
    'setpriv',
    [
      '--reuid=nobody',
      '--regid=nogroup',
      '--clear-groups',
      'env',
      'HOME=/nonexistent',
      'LANG=en_US.UTF-8',
      'NO_COLOR=1',
      'MEDTERM_CACHE_DIR=off',
      process.execPath,
      CLI,
      ...args,
    ],
    { cwd, encoding: 'utf8' },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
const NOBODY = 65534;

function temporaries(directory: string): string[] {
  return readdirSync(directory).filter((name) => name.includes('.medterm-') && name.endsWith('.tmp'));
}

const gbk = (text: string): Buffer => iconv.encode(text, 'gb18030');

describe('D1: bytes that are not valid UTF-8 are never rewritten from a lossy decoding', () => {
  it('D1: one Windows-1252 byte, a GBK paragraph after the first 8 KB: the file survives --fix byte for byte, is listed as not checked, exit 2', () => {
    const directory = folder();
    const cafe = Buffer.concat([
      Buffer.from(`使用利那度胺治疗。${'0'.repeat(200)}\n`),
      Buffer.from('Caf\xe9 au lait\n', 'latin1'),
    ]);
    const paragraph = Buffer.concat([Buffer.from('使用利那度胺治疗。\n'.repeat(1000)), gbk('附录：达雷木单抗说明\n')]);
    writeFileSync(join(directory, 'a.md'), cafe);
    writeFileSync(join(directory, 'b.md'), paragraph);
    const result = medterm(['lint', '--fix', 'a.md', 'b.md'], directory);
    expect(readFileSync(join(directory, 'a.md'))).toEqual(cafe);
    expect(readFileSync(join(directory, 'b.md'))).toEqual(paragraph);
    expect(result.stdout).toContain('a.md: not checked: not valid UTF-8 (first bad byte at offset 231, line 2)');
    expect(result.stdout).toContain('b.md: not checked: not valid UTF-8 (first bad byte at offset 28000, line 1001)');
    expect(result.stdout).not.toContain('No findings.');
    expect(result.status).toBe(2);
  });

  it('D1: how bytes are read: each encoding only when it is faithful, broken or foreign bytes never', () => {
    const cases: [string, Buffer, string][] = [
      ['UTF-8', Buffer.from('利那度胺\n'), 'utf-8'],
      ['UTF-8 with a BOM', Buffer.from('\ufeff利那度胺\n'), 'utf-8+bom'],
      [
        'UTF-8 with a BOM and a Windows-1252 byte',
        Buffer.concat([Buffer.from('\ufeffok '), Buffer.from([0xe9]), Buffer.from(' here\n')]),
        'invalid-utf-8',
      ],
      ['GBK', gbk('使用利那度胺治疗。\n'), 'gb18030'],
      [
        'GB18030 with its BOM',
        Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), gbk('利那度胺\n')]),
        'gb18030+bom',
      ],
      ['UTF-16LE, Chinese only, no BOM', Buffer.from('使用利那度胺治疗。\n', 'utf16le'), 'utf-16le'],
      [
        'Latin-1 French (accents before letters)',
        Buffer.from("Caf\xe9ine et cr\xe8me br\xfbl\xe9e pour l'\xe9t\xe9.\n", 'latin1'),
        'unknown-encoding',
      ],
      ['Latin-1 German', Buffer.from('Du\xdfmann\n', 'latin1'), 'unknown-encoding'],
      [
        'UTF-8 with a GBK paragraph',
        Buffer.concat([Buffer.from('使用利那度胺治疗。\n'), gbk('附录：达雷木单抗说明\n')]),
        'invalid-utf-8',
      ],
      ['NUL bytes', Buffer.from('a\u0000\u0000\u0000b'), 'binary'],
    ];
    expect(
      cases.map(([name, bytes]) => {
        const decoded = decodeText(bytes);
        return [name, 'problem' in decoded ? decoded.problem : `${decoded.encoding}${decoded.bom ? '+bom' : ''}`];
      }),
    ).toEqual(cases.map(([name, , expected]) => [name, expected]));
  });

  it('D1: a GBK file that is mostly English is decoded, fixed, and written back in GBK, identical outside the fixed terms', () => {
    const directory = folder();
    const original = gbk(`${'The trial used CTL01-9 in patients. '.repeat(80)}\n中文注释：骨髓瘤\n`);
    writeFileSync(join(directory, 'c.md'), original);
    const result = medterm(['lint', '--fix', 'c.md'], directory);
    // The expected bytes are the original bytes with the ASCII term replaced (no encoder involved).
    const expected = Buffer.from(original.toString('latin1').split('CTL01-9').join('CTL019'), 'latin1');
    expect(readFileSync(join(directory, 'c.md'))).toEqual(expected);
    expect(result.stdout).toContain('fixed 80 problems in 1 file:');
  });
});

describe('W4: GBK/GB18030 and UTF-16 files are checked; a file that cannot be is never reported as clean', () => {
  it('W4: GBK, UTF-16LE with a BOM and UTF-16BE without one are linted and fixed in their own encoding', () => {
    const directory = folder();
    const files = {
      'g.md': gbk('使用利那度胺治疗。\n'),
      'le.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('使用利那度胺治疗。\r\n', 'utf16le')]),
      'be.md': Buffer.from('使用利那度胺治疗 in English.\n', 'utf16le').swap16(),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(directory, name), bytes);
    const lint = medterm(['lint', '--format', 'json', ...Object.keys(files)], directory);
    const json = JSON.parse(lint.stdout) as {
      file: string;
      findings: { line: number; column: number; text: string }[];
    }[];
    expect(
      json.map((entry) => [entry.file, entry.findings.map((finding) => [finding.line, finding.column, finding.text])]),
    ).toEqual([
      ['be.md', [[1, 3, '利那度胺']]],
      ['g.md', [[1, 3, '利那度胺']]],
      ['le.md', [[1, 3, '利那度胺']]],
    ]);
    medterm(['lint', '--fix', ...Object.keys(files)], directory);
    // 利 → 来: only the bytes of that one character change.
    const swap = (bytes: Buffer, from: Buffer, to: Buffer): Buffer => {
      const at = bytes.indexOf(from);
      expect(at).toBeGreaterThanOrEqual(0);
      return Buffer.concat([bytes.subarray(0, at), to, bytes.subarray(at + from.length)]);
    };
    expect(readFileSync(join(directory, 'g.md'))).toEqual(swap(files['g.md'], gbk('利'), gbk('来')));
    expect(readFileSync(join(directory, 'le.md'))).toEqual(
      swap(files['le.md'], Buffer.from('利', 'utf16le'), Buffer.from('来', 'utf16le')),
    );
    expect(readFileSync(join(directory, 'be.md'))).toEqual(
      swap(files['be.md'], Buffer.from('利', 'utf16le').swap16(), Buffer.from('来', 'utf16le').swap16()),
    );
  });

  it('W4: a file of unknown encoding is listed in every format and fails the run unless --allow-unchecked', async () => {
    const directory = folder();
    writeFileSync(join(directory, 'latin1.md'), Buffer.from('Caf\xe9 cr\xe8me, CTL01-9\n', 'latin1'));
    writeFileSync(join(directory, 'ok.md'), '来那度胺\n');
    const json = medterm(['lint', '--format', 'json', 'latin1.md', 'ok.md'], directory);
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual([
      { file: 'latin1.md', findings: [], notChecked: 'unknown encoding (not UTF-8, UTF-16 or GB18030/GBK)' },
      { file: 'ok.md', findings: [] },
    ]);
    const sarif = JSON.parse(medterm(['lint', '--format', 'sarif', 'latin1.md'], directory).stdout);
    expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0]).toMatchObject({
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'latin1.md' } } }],
    });
    const { default: AjvDraft04 } = await import('ajv-draft-04');
    const schema = JSON.parse(
      readFileSync(
        join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'),
        'utf8',
      ),
    );
    const validate = new AjvDraft04({
      allErrors: true,
      strict: false,
      validateFormats: false,
      unicodeRegExp: false,
    }).compile(schema);
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const glossary = medterm(['glossary', 'latin1.md', 'ok.md'], directory);
    expect([glossary.status, glossary.stderr.trim()]).toEqual([
      2,
      'medterm: latin1.md: not checked: unknown encoding (not UTF-8, UTF-16 or GB18030/GBK)',
    ]);
    const zh = medterm(['lint', 'latin1.md', 'ok.md'], directory, { LANG: 'zh_CN.UTF-8' });
    expect(zh.stdout).toContain('latin1.md：未检查：无法识别的编码');
    expect(zh.stdout).toContain('已检查的文件中未发现问题；1 个文件未检查。');
    expect(medterm(['lint', '--allow-unchecked', 'latin1.md', 'ok.md'], directory).status).toBe(0);
  });
});

describe('W10: a UTF-8 byte order mark is not a character', () => {
  it('W10: columns and SARIF charOffsets do not count the BOM, and --fix keeps it', () => {
    const directory = folder();
    writeFileSync(join(directory, 'b.md'), Buffer.from('\ufeff利那度胺\n利那度胺\n'));
    const json = JSON.parse(medterm(['lint', '--format', 'json', 'b.md'], directory).stdout) as {
      findings: { line: number; column: number }[];
    }[];
    expect(json[0]!.findings.map((finding) => [finding.line, finding.column])).toEqual([
      [1, 1],
      [2, 1],
    ]);
    const sarif = JSON.parse(medterm(['lint', '--format', 'sarif', 'b.md'], directory).stdout);
    const results = sarif.runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { region: { startColumn: number; charOffset: number } } }[];
      fixes?: { artifactChanges: { replacements: { deletedRegion: { charOffset: number } }[] }[] }[];
    }[];
    const named = results.filter((result) => result.ruleId === 'nonstandard-name');
    expect(
      named.map((result) => [
        result.locations[0]!.physicalLocation.region.startColumn,
        result.locations[0]!.physicalLocation.region.charOffset,
      ]),
    ).toEqual([
      [1, 0],
      [1, 5],
    ]);
    expect(
      named.map((result) => result.fixes![0]!.artifactChanges[0]!.replacements[0]!.deletedRegion.charOffset),
    ).toEqual([0, 5]);
    medterm(['lint', '--fix', 'b.md'], directory);
    expect(readFileSync(join(directory, 'b.md'))).toEqual(Buffer.from('\ufeff来那度胺\n来那度胺\n'));
  });
});

describe('D2: an edit saved while --fix runs is never lost', () => {
  it('D2: the writer refuses a file that changed since it was read, and the fix is redone on the new text', () => {
    const directory = folder();
    const path = join(directory, 'big.md');
    writeFileSync(path, '使用利那度胺治疗。\n');
    const read = readTextFile(path);
    if (!isTextFile(read)) throw new Error('not read');
    let calls = 0;
    const outcome = fixTextFile(read, (text) => {
      // The writer's editor saves while MedTerm computes the fixes (first pass only).
      if (calls++ === 0) appendFileSync(path, 'EDIT SAVED WHILE FIX RUNS 利那度胺\n');
      return fixAllSafe(text, builtinDictionary(), { languageId: 'markdown' });
    });
    expect(outcome.status).toBe('fixed');
    expect(calls).toBe(2);
    expect(readFileSync(path, 'utf8')).toBe('使用来那度胺治疗。\nEDIT SAVED WHILE FIX RUNS 来那度胺\n');
    // Without a redo: the write is refused and the file keeps the edit.
    writeFileSync(path, 'A\n');
    const stale = readTextFile(path);
    if (!isTextFile(stale)) throw new Error('not read');
    writeFileSync(path, 'B, saved later\n');
    expect(() => writeFileSafely(path, 'C\n', { expected: stale.expected })).toThrow(SafeWriteError);
    expect(readFileSync(path, 'utf8')).toBe('B, saved later\n');
    expect(temporaries(directory)).toEqual([]);
  });
});

describe("D2: an edit saved while medterm lint --fix runs (the audit's R-D2)", () => {
  it.skipIf(process.platform !== 'linux')(
    'D2: a line appended after the CLI has read the file and before it writes is kept, and the fix is redone',
    async () => {
      const directory = folder();
      const path = join(directory, 'big.md');
      const line = '使用利那度胺治疗，达雷木单抗获批。\n';
      writeFileSync(path, line.repeat(200_000)); // ~10 MB: seconds of analysis between reading and writing
      const size = statSync(path).size;
      const child = spawn(process.execPath, [CLI, 'lint', '--fix', 'big.md'], {
        cwd: directory,
        stdio: 'ignore',
        env: { ...process.env, MEDTERM_CACHE_DIR: 'off' },
      });
      // The moment the CLI has read the whole file: its read count (/proc/<pid>/io rchar; MedTerm's own
      // code and term files are ~1.4 MB) passes the file's size.
      let edited = false;
      const poll = setInterval(() => {
        try {
          const read = Number(/rchar: (\d+)/.exec(readFileSync(`/proc/${child.pid}/io`, 'utf8'))![1]);
          if (!edited && read >= size) {
            edited = true;
            appendFileSync(path, 'EDIT SAVED WHILE FIX RUNS 利那度胺\n');
          }
        } catch {
          // the process has ended
        }
      }, 2);
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      clearInterval(poll);
      expect(edited).toBe(true);
      expect(code).toBe(0);
      expect(readFileSync(path, 'utf8')).toBe(
        `${'使用来那度胺治疗，达雷妥尤单抗获批。\n'.repeat(200_000)}EDIT SAVED WHILE FIX RUNS 来那度胺\n`,
      );
      expect(temporaries(directory)).toEqual([]);
    },
    240_000,
  );
});

describe('D3: links stay links', () => {
  it('D3: --fix on a symbolic link fixes the target and keeps the link', () => {
    const directory = folder();
    mkdirSync(join(directory, 'real'));
    writeFileSync(join(directory, 'real', 't.md'), '使用利那度胺\n');
    symlinkSync('real/t.md', join(directory, 'link.md'));
    medterm(['lint', '--fix', 'link.md'], directory);
    expect(lstatSync(join(directory, 'link.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(directory, 'link.md'))).toBe('real/t.md');
    expect(readFileSync(join(directory, 'real', 't.md'), 'utf8')).toBe('使用来那度胺\n');
  });

  it('D3: --fix on a hard link writes the same inode, so every name sees the fix', () => {
    const directory = folder();
    writeFileSync(join(directory, 'h1.md'), '使用利那度胺\n');
    linkSync(join(directory, 'h1.md'), join(directory, 'h2.md'));
    const inode = statSync(join(directory, 'h1.md')).ino;
    medterm(['lint', '--fix', 'h1.md'], directory);
    expect(readFileSync(join(directory, 'h2.md'), 'utf8')).toBe('使用来那度胺\n');
    expect(statSync(join(directory, 'h1.md')).ino).toBe(inode);
    expect(statSync(join(directory, 'h1.md')).nlink).toBe(2);
    expect(temporaries(directory)).toEqual([]);
  });

  it('D3: the server\'s "accept in this workspace" writes the shared team file behind a symlinked .medterm/terms.yaml', async () => {
    const directory = folder();
    mkdirSync(join(directory, 'shared'));
    mkdirSync(join(directory, 'ws', '.medterm'), { recursive: true });
    writeFileSync(join(directory, 'shared', 'team-terms.yaml'), 'accept:\n  - FDA\n');
    chmodSync(join(directory, 'shared', 'team-terms.yaml'), 0o664);
    symlinkSync('../../shared/team-terms.yaml', join(directory, 'ws', '.medterm', 'terms.yaml'));
    const client = new LspClient();
    try {
      const root = pathToFileURL(join(directory, 'ws')).href;
      await client.initialize({ rootUri: root });
      client.open(`${root}/a.md`, '达雷木单抗。\n');
      await client.waitForDiagnostics(`${root}/a.md`, (list) =>
        list.some((diagnostic) => diagnostic.code === 'nonstandard-name'),
      );
      await client.executeCommand('medterm.acceptInWorkspace', [`${root}/a.md`, '达雷木单抗']);
      // A read-only team file: not replaced, and the user is told which file.
      chmodSync(join(directory, 'shared', 'team-terms.yaml'), 0o444);
      await client.executeCommand('medterm.acceptInWorkspace', [`${root}/a.md`, 'FDA2']);
      expect(client.messages.map((message) => message.message)).toContainEqual(
        expect.stringMatching(/^MedTerm：无法写入 .*terms\.yaml（文件为只读），文件保持原样。$/),
      );
      chmodSync(join(directory, 'shared', 'team-terms.yaml'), 0o664);
    } finally {
      await client.stop();
    }
    expect(lstatSync(join(directory, 'ws', '.medterm', 'terms.yaml')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(directory, 'shared', 'team-terms.yaml'), 'utf8')).toBe(
      'accept:\n  - FDA\n  - 达雷木单抗\n',
    );
    expect(statSync(join(directory, 'shared', 'team-terms.yaml')).mode & 0o7777).toBe(0o664);
  });
});

describe('D4: mode, owner and write protection are kept', () => {
  it('D4: modes 600, 755, 2644, 4755 and 1644 come out exactly as they went in', () => {
    const directory = folder();
    const modes = [0o600, 0o755, 0o2644, 0o4755, 0o1644];
    for (const mode of modes) {
      writeFileSync(join(directory, `m${mode.toString(8)}.md`), '使用利那度胺\n');
      chmodSync(join(directory, `m${mode.toString(8)}.md`), mode);
    }
    medterm(['lint', '--fix', '.'], directory);
    for (const mode of modes) {
      const path = join(directory, `m${mode.toString(8)}.md`);
      expect([mode.toString(8), readFileSync(path, 'utf8'), (statSync(path).mode & 0o7777).toString(8)]).toEqual([
        mode.toString(8),
        '使用来那度胺\n',
        mode.toString(8),
      ]);
    }
  });

  it('D4: a read-only (0444) file is not made writable nor changed: it is reported by name, the others are fixed, exit 2', () => {
    const directory = folder();
    writeFileSync(join(directory, 'a.md'), '使用利那度胺\n');
    writeFileSync(join(directory, 'p.md'), '使用利那度胺\n');
    chmodSync(join(directory, 'p.md'), 0o444);
    const result = medterm(['lint', '--fix', 'a.md', 'p.md'], directory);
    expect(readFileSync(join(directory, 'p.md'), 'utf8')).toBe('使用利那度胺\n');
    expect(statSync(join(directory, 'p.md')).mode & 0o7777).toBe(0o444);
    expect(readFileSync(join(directory, 'a.md'), 'utf8')).toBe('使用来那度胺\n');
    expect(result.stderr).toContain('medterm: cannot fix p.md: the file is read-only; left as it is');
    expect(result.status).toBe(2);
    const zh = medterm(['lint', '--fix', 'p.md'], directory, { LANG: 'zh_CN.UTF-8' });
    expect(zh.stderr).toContain('medterm: 无法修复 p.md：文件为只读；已保留原样');
    expect(zh.stdout).toContain('没有修复任何问题');
  });

  it("D4: the server's term-file writes keep a group-writable mode and refuse a read-only team file", () => {
    const directory = folder();
    const runtime = nodeRuntime(join(ROOT, 'dist'));
    const team = join(directory, 'terms.yaml');
    writeFileSync(team, 'accept:\n  - FDA\n');
    chmodSync(team, 0o664);
    runtime.writeText(team, 'accept:\n  - FDA\n  - CTL019\n');
    expect([readFileSync(team, 'utf8'), statSync(team).mode & 0o7777]).toEqual([
      'accept:\n  - FDA\n  - CTL019\n',
      0o664,
    ]);
    chmodSync(team, 0o444);
    expect(() => runtime.writeText(team, 'accept: []\n')).toThrow(SafeWriteError);
    expect([readFileSync(team, 'utf8'), statSync(team).mode & 0o7777]).toEqual([
      'accept:\n  - FDA\n  - CTL019\n',
      0o444,
    ]);
    // A term file not made yet is created, folders too.
    runtime.writeText(join(directory, 'new', '.medterm', 'terms.yaml'), 'accept:\n  - X\n');
    expect(readFileSync(join(directory, 'new', '.medterm', 'terms.yaml'), 'utf8')).toBe('accept:\n  - X\n');
    expect(temporaries(directory)).toEqual([]);
  });

  it.skipIf(!ROOT_USER)(
    "D4: owner and group are kept; a root-owned 0666 file fixed by another user stays root's, mode 0666",
    () => {
      const directory = folder();
      chmodSync(directory, 0o777);
      writeFileSync(join(directory, 'theirs.md'), '使用利那度胺\n');
      chownSync(join(directory, 'theirs.md'), NOBODY, NOBODY);
      chmodSync(join(directory, 'theirs.md'), 0o664);
      medterm(['lint', '--fix', 'theirs.md'], directory);
      expect([
        statSync(join(directory, 'theirs.md')).uid,
        statSync(join(directory, 'theirs.md')).gid,
        statSync(join(directory, 'theirs.md')).mode & 0o7777,
      ]).toEqual([NOBODY, NOBODY, 0o664]);
      expect(readFileSync(join(directory, 'theirs.md'), 'utf8')).toBe('使用来那度胺\n');
      writeFileSync(join(directory, 'shared.md'), '使用利那度胺\n');
      chmodSync(join(directory, 'shared.md'), 0o666);
      asNormalUser(['lint', '--fix', 'shared.md'], directory);
      expect([
        statSync(join(directory, 'shared.md')).uid,
        statSync(join(directory, 'shared.md')).gid,
        statSync(join(directory, 'shared.md')).mode & 0o7777,
      ]).toEqual([0, 0, 0o666]);
      expect(readFileSync(join(directory, 'shared.md'), 'utf8')).toBe('使用来那度胺\n');
      expect(temporaries(directory)).toEqual([]);
    },
  );
});

describe('P1: a folder that cannot hold a temporary file', () => {
  it.skipIf(!ROOT_USER)(
    'P1: the file in a read-only folder and in a sticky folder is fixed in place; a file that cannot be written is named; the others are still fixed and reported',
    () => {
      const directory = folder();
      chmodSync(directory, 0o777);
      const make = (name: string, mode: number, owner = NOBODY): void => {
        writeFileSync(join(directory, name), '使用利那度胺\n');
        chownSync(join(directory, name), owner, owner);
        chmodSync(join(directory, name), mode);
      };
      mkdirSync(join(directory, 'ro'));
      mkdirSync(join(directory, 'sticky'));
      mkdirSync(join(directory, 'sub'));
      make('a.md', 0o644);
      make('ro/b.md', 0o644);
      make('sticky/c.md', 0o666, 0);
      make('sub/s.md', 0o644, 0); // root's, not writable by the user
      make('z.md', 0o644);
      chownSync(join(directory, 'ro'), NOBODY, NOBODY);
      chmodSync(join(directory, 'ro'), 0o555);
      chmodSync(join(directory, 'sticky'), 0o1777);
      const result = asNormalUser(['lint', '--fix', 'a.md', 'ro/b.md', 'sticky/c.md', 'sub/s.md', 'z.md'], directory);
      for (const name of ['a.md', 'ro/b.md', 'sticky/c.md', 'z.md'])
        expect([name, readFileSync(join(directory, name), 'utf8')]).toEqual([name, '使用来那度胺\n']);
      expect(readFileSync(join(directory, 'sub/s.md'), 'utf8')).toBe('使用利那度胺\n');
      expect(result.stderr).toContain(
        'medterm: cannot fix sub/s.md: no permission to write it (EACCES); left as it is',
      );
      expect(result.stdout).toContain(
        'fixed 4 problems in 4 files:\n  a.md (1)\n  ro/b.md (1)\n  sticky/c.md (1)\n  z.md (1)',
      );
      expect(result.status).toBe(2);
      for (const sub of ['.', 'ro', 'sticky', 'sub']) expect(temporaries(join(directory, sub))).toEqual([]);
    },
  );
});

describe('P3: --fix says what it changed', () => {
  it('P3: "fixed 3 problems in 2 files" with the files, in English and Chinese', () => {
    const directory = folder();
    const reset = (): void => {
      writeFileSync(join(directory, 'a.md'), '使用利那度胺，达雷木单抗。\n');
      writeFileSync(join(directory, 'b.md'), '使用利那度胺。\n');
      writeFileSync(join(directory, 'c.md'), '来那度胺。\n');
    };
    reset();
    const en = medterm(['lint', '--fix', 'a.md', 'b.md', 'c.md'], directory);
    expect(en.stdout.split('\n').slice(0, 3)).toEqual(['fixed 3 problems in 2 files:', '  a.md (2)', '  b.md (1)']);
    reset();
    const zh = medterm(['lint', '--fix', '--format', 'json', 'a.md', 'b.md', 'c.md'], directory, {
      LANG: 'zh_CN.UTF-8',
    });
    expect(zh.stderr).toContain('medterm: 已修复 2 个文件中的 3 处问题：\n  a.md (2)\n  b.md (1)');
    expect(() => JSON.parse(zh.stdout)).not.toThrow();
  });
});

describe('P4: a full disk names the file', () => {
  it.skipIf(!ROOT_USER)(
    'P4: ENOSPC: "cannot fix big.md: no space left", the original intact, no temporary file',
    () => {
      const directory = folder();
      const disk = join(directory, 'disk');
      mkdirSync(disk);
      if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]).status !== 0) return; // no tmpfs here
      try {
        const original = Buffer.from(`使用利那度胺。${'x'.repeat(40_000)}\n`);
        writeFileSync(join(disk, 'big.md'), original);
        const result = medterm(['lint', '--fix', 'disk/big.md'], directory);
        expect(result.stderr).toContain(
          'medterm: cannot fix disk/big.md: no space left on the device (ENOSPC); the file is unchanged',
        );
        expect(result.status).toBe(2);
        expect(readFileSync(join(disk, 'big.md'))).toEqual(original);
        expect(temporaries(disk)).toEqual([]);
      } finally {
        spawnSync('umount', [disk]);
      }
    },
  );
});

describe('F6: Ctrl-C during --fix leaves no temporary file', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'F6: %s sent while the temporary file exists: the process ends, no temporary file, the manuscript whole (old or fixed)',
    async (signal) => {
      const directory = folder();
      const line = '使用利那度胺治疗，达雷木单抗获批。\n';
      writeFileSync(join(directory, 'big.md'), line.repeat(400_000)); // ~20 MB
      const child = spawn(process.execPath, [CLI, 'lint', '--fix', 'big.md'], {
        cwd: directory,
        stdio: 'ignore',
        env: { ...process.env, MEDTERM_CACHE_DIR: 'off' },
      });
      let sent = false;
      const watcher = watch(directory, (_event, name) => {
        if (!sent && name && String(name).endsWith('.tmp')) {
          sent = true;
          child.kill(signal);
        }
      });
      const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal })),
      );
      watcher.close();
      expect(sent).toBe(true);
      expect(exit.code === (signal === 'SIGINT' ? 130 : 143) || exit.signal === signal).toBe(true);
      expect(temporaries(directory)).toEqual([]);
      const after = readFileSync(join(directory, 'big.md'), 'utf8');
      expect([line.repeat(400_000), '使用来那度胺治疗，达雷妥尤单抗获批。\n'.repeat(400_000)]).toContain(after);
    },
    180_000,
  );
});
