import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { LspClient } from '../helpers/lspClient';
import { ROOT } from '../helpers/dictionary';
import { PRH_RULES } from './prhCompare';

/**
 * Audit W6 (issue 13, "one truth for the CLI and the editor"): the public prh rule sets give the same
 * term-file warnings (file, line, column, text) and the same findings in the language server and the CLI.
 */
const RULE_FILES = ['media/WEB+DB_PRESS.yml', 'media/techbooster.yml'].map((name) => join(PRH_RULES, name));
const ready =
  RULE_FILES.every((file) => existsSync(file)) &&
  existsSync(join(ROOT, 'dist', 'server.js')) &&
  existsSync(join(ROOT, 'dist', 'cli.js'));

describe.skipIf(!ready)('prh rule sets: the server and the CLI agree', () => {
  let client: LspClient | undefined;
  afterAll(async () => client?.stop());

  it('W6: the same warnings in the rule files and the same findings in a document', async () => {
    const root = mkdtempSync(join(tmpdir(), 'medterm-prh-agree-'));
    const text = 'そうですね(笑)。サーバの設定を変更する。ＪＱＵＥＲＹを使う。\n';
    writeFileSync(join(root, 'a.md'), text);
    const cli = spawnSync(
      process.execPath,
      [
        join(ROOT, 'dist', 'cli.js'),
        'lint',
        '--no-cache',
        '--format',
        'json',
        ...RULE_FILES.flatMap((file) => ['--dictionary', file]),
        'a.md',
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8' } },
    );
    expect(cli.status, cli.stderr).toBe(1);
    const cliWarnings = cli.stderr
      .trim()
      .split('\n')
      .map((line) => /^medterm: warning: (.+?)(?::(\d+):(\d+))?: (\S+: .*)$/.exec(line))
      .map((match) =>
        match
          ? `${match[1]}|${match[2] ? Number(match[2]) - 1 : 0}|${match[3] ? Number(match[3]) - 1 : 0}|${match[4]}`
          : 'unparsed',
      );
    expect(cliWarnings.length).toBeGreaterThan(5);
    const cliFindings = (
      JSON.parse(cli.stdout) as { findings: { ruleId: string; line: number; column: number; message: string }[] }[]
    )[0]!.findings.map((finding) => `${finding.line - 1}:${finding.column - 1} ${finding.ruleId} ${finding.message}`);

    client = new LspClient();
    client.settings = { dictionaries: RULE_FILES };
    await client.initialize({ rootUri: pathToFileURL(root).href });
    const uri = pathToFileURL(join(root, 'a.md')).href;
    client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length === cliFindings.length, 30_000);
    expect(
      diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message}`),
    ).toEqual(cliFindings);
    // The term files' diagnostics are published one file after the other: wait for every file the CLI named.
    const files = [...new Set(cliWarnings.map((warning) => warning.split('|')[0]!))];
    const published = (file: string) => client!.diagnostics.get(pathToFileURL(file).href)?.at(-1)?.diagnostics ?? [];
    await client
      .waitFor(
        'term-file diagnostics',
        () =>
          files.every(
            (file) => published(file).length === cliWarnings.filter((warning) => warning.startsWith(`${file}|`)).length,
          ),
        30_000,
      )
      .catch(() => undefined);
    const serverWarnings = files.flatMap((file) =>
      published(file).map((d) => `${file}|${d.range.start.line}|${d.range.start.character}|${d.message}`),
    );
    expect(serverWarnings.sort()).toEqual([...cliWarnings].sort());
    // And no other file has server-only warnings.
    const others = [...client.diagnostics].filter(
      ([key, list]) =>
        key !== uri &&
        !files.some((file) => pathToFileURL(file).href === key) &&
        (list.at(-1)?.diagnostics.length ?? 0) > 0,
    );
    expect(others.map(([key]) => key)).toEqual([]);
  }, 120_000);
});
