import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProseFiles } from '../../server/src/node/proseFiles';
import { parseJsonWithComments, projectFolderOf, termFileLocationsForFile } from '../../server/src/node/layers';
import { ROOT } from '../helpers/dictionary';
import { LspClient } from '../helpers/lspClient';

/**
 * Audit rows W1 and F8: the CLI reads the same term-file layers as the editor (node/layers.ts, one
 * implementation) and lists a folder as the server's workspace scan does (node/proseFiles.ts: .gitignore).
 */

const CLI = join(ROOT, 'dist', 'cli.js');

function write(root: string, name: string, text: string): void {
  mkdirSync(dirname(join(root, name)), { recursive: true });
  writeFileSync(join(root, name), text);
}

function cli(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, MEDTERM_HOME: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

type Finding = { ruleId: string; line: number; column: number; text: string };

function cliFindings(file: string, cwd: string, env: NodeJS.ProcessEnv = {}): Finding[] {
  const result = cli(['lint', '--format', 'json', file], cwd, env);
  const reports = JSON.parse(result.stdout) as { findings: Finding[] }[];
  return reports.flatMap((report) =>
    report.findings.map(({ ruleId, line, column, text }) => ({ ruleId, line, column, text })),
  );
}

describe('W1: one truth for the CLI and the editor', () => {
  let project: string;
  let home: string;
  let client: LspClient;
  const TEXT = '达雷木单抗获批。使用利那度胺治疗。团队写法甲。\n';

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'medterm-w1-'));
    home = mkdtempSync(join(tmpdir(), 'medterm-w1-home-'));
    // The team accepts 达雷木单抗 in the project; the user's own folder accepts 利那度胺 (for the test only).
    write(project, '.medterm/terms.yaml', 'accept:\n  - 达雷木单抗\n');
    write(home, 'mine.yaml', 'accept:\n  - 利那度胺\n');
    // A prh rule given by medterm.dictionaries in the project's settings (JSON with comments).
    write(
      project,
      '.vscode/settings.json',
      '{\n  // team rules\n  "medterm.dictionaries": ["rules/team-prh.yml"],\n}\n',
    );
    write(project, 'rules/team-prh.yml', 'version: 1\nrules:\n  - expected: 团队写法乙\n    pattern: 团队写法甲\n');
    write(project, 'chapters/ch1.md', TEXT);
    const saved = process.env['MEDTERM_HOME'];
    process.env['MEDTERM_HOME'] = home;
    client = new LspClient();
    if (saved === undefined) delete process.env['MEDTERM_HOME'];
    else process.env['MEDTERM_HOME'] = saved;
    client.settings = { dictionaries: ['rules/team-prh.yml'] };
    await client.initialize({ rootUri: pathToFileURL(project).href, locale: 'en' });
  });
  afterAll(async () => client.stop());

  it('W1: the layers are found upward from the file: the project .medterm/, $MEDTERM_HOME, medterm.dictionaries of .vscode/settings.json', () => {
    const { project: found, files } = termFileLocationsForFile(join(project, 'chapters', 'ch1.md'), tmpdir(), {
      MEDTERM_HOME: home,
    });
    expect(found).toBe(project);
    expect(files.map((file) => [file.path, file.layer])).toEqual([
      [join(home, 'mine.yaml'), 'user'],
      [join(project, '.medterm', 'terms.yaml'), 'workspace'],
      [join(project, 'rules', 'team-prh.yml'), 'workspace'],
    ]);
    expect(projectFolderOf(join(project, 'chapters'))).toBe(project);
    expect(parseJsonWithComments('{ "a": "//x", /* c */ "b": [1,], }')).toEqual({ a: '//x', b: [1] });
  });

  it('W1: a term accepted in .medterm/terms.yaml (and in $MEDTERM_HOME) is accepted by the CLI as by the editor: the same findings', async () => {
    const uri = pathToFileURL(join(project, 'chapters', 'ch1.md')).href;
    client.open(uri, TEXT);
    const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length > 0);
    const editor = diagnostics.map((d) => ({
      ruleId: String(d.code),
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      text: TEXT.split('\n')[d.range.start.line]!.slice(d.range.start.character, d.range.end.character),
    }));
    // Run from another folder: the project is found from the file.
    const fromCli = cliFindings(join(project, 'chapters', 'ch1.md'), tmpdir(), { MEDTERM_HOME: home });
    expect(fromCli).toEqual(editor);
    expect(fromCli).toEqual([{ ruleId: 'nonstandard-name', line: 1, column: 18, text: '团队写法甲' }]);
  });

  it("W1: --fix leaves the term the team accepted (the audit saw 达雷木单抗 rewritten) and applies the team's prh rule", () => {
    const copy = join(project, 'chapters', 'fix.md');
    writeFileSync(copy, TEXT);
    cli(['lint', '--fix', 'fix.md'], join(project, 'chapters'), { MEDTERM_HOME: home });
    expect(readFileSync(copy, 'utf8')).toBe('达雷木单抗获批。使用利那度胺治疗。团队写法乙。\n');
  });

  it('W1: without the layers (another folder, no $MEDTERM_HOME) the same text gets the built-in findings', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'medterm-w1-none-'));
    writeFileSync(join(elsewhere, 'ch1.md'), TEXT);
    expect(cliFindings('ch1.md', elsewhere).map((finding) => finding.text)).toEqual(['达雷木单抗', '利那度胺']);
  });

  it('W1: a medterm.dictionaries file that does not exist is a warning naming it, and the run goes on', () => {
    const broken = mkdtempSync(join(tmpdir(), 'medterm-w1-missing-'));
    write(broken, '.vscode/settings.json', '{ "medterm.dictionaries": ["nowhere.yaml"] }');
    write(broken, 'a.md', '利那度胺\n');
    const result = cli(['lint', '--locale', 'en', 'a.md'], broken);
    expect(result.stderr).toContain(`medterm: warning: term file not found: ${join(broken, 'nowhere.yaml')}`);
    expect(result.status).toBe(1);
  });
});

describe('W1: $MEDTERM_HOME that is a file', () => {
  it('W1: the CLI warns, in English and Chinese, and lints with the other layers', () => {
    const folder = mkdtempSync(join(tmpdir(), 'medterm-w1-homefile-'));
    const home = join(folder, 'home-file');
    writeFileSync(home, 'x\n');
    writeFileSync(join(folder, 'a.md'), '利那度胺\n');
    const english = cli(['lint', '--locale', 'en', 'a.md'], folder, { MEDTERM_HOME: home });
    expect(english.stderr).toContain(
      `medterm: warning: ${home} is not a folder: user term files are read from the folder ~/.medterm (or $MEDTERM_HOME); it is ignored`,
    );
    expect(english.status).toBe(1);
    const chinese = cli(['lint', '--locale', 'zh-cn', 'a.md'], folder, { MEDTERM_HOME: home });
    expect(chinese.stderr).toContain(`medterm: warning: ${home} 不是文件夹`);
  });

  it('a FIFO given by a glob is skipped, not read (it would block)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'medterm-fifo-glob-'));
    execFileSync('mkfifo', [join(folder, 'pipe.md')]);
    writeFileSync(join(folder, 'a.md'), '利那度胺\n');
    const result = cli(['lint', '--format', 'json', '*.md'], folder);
    expect((JSON.parse(result.stdout) as { file: string }[]).map((report) => report.file)).toEqual(['a.md']);
  });
});

describe('F8: `medterm lint .` honours .gitignore as the server does', () => {
  it('F8: a file under a .gitignored folder is not linted, also when the .gitignore is above the folder given', () => {
    const root = mkdtempSync(join(tmpdir(), 'medterm-f8-'));
    write(root, '.git/HEAD', 'ref: refs/heads/main\n');
    write(root, '.gitignore', 'build/\n*.draft.md\n');
    write(root, 'docs/a.md', '利那度胺\n');
    write(root, 'docs/b.draft.md', '利那度胺\n');
    write(root, 'build/x.md', '利那度胺\n');
    write(root, 'docs/build/y.md', '利那度胺\n');
    const files = (cwd: string, input: string): string[] =>
      (JSON.parse(cli(['lint', '--format', 'json', input], cwd).stdout) as { file: string }[]).map(
        (report) => report.file,
      );
    expect(files(root, '.')).toEqual(['docs/a.md']);
    expect(files(join(root, 'docs'), '.')).toEqual(['a.md']);
    expect(listProseFiles(join(root, 'docs'), { extensions: ['.md'], limit: 10, gitignoreFrom: root })).toEqual([
      join(root, 'docs', 'a.md'),
    ]);
    // A file or an ignored folder named explicitly is linted (as before).
    expect(files(root, 'build/x.md')).toEqual(['build/x.md']);
    expect(files(root, 'build')).toEqual(['build/x.md']);
  });
});
