import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../server/src/engine';
import { isRuleSetting, LSP_SEVERITY, RULE_SETTINGS, SARIF_LEVEL, SEVERITIES } from '../../server/src/severities';
import { ROOT } from '../helpers/dictionary';
import { LspClient } from '../helpers/lspClient';

/**
 * One home per shared fact (design review §3 change 4): the version (package.json, read once: server/src/version.ts)
 * and the severity names (server/src/severities.ts), each checked against what users see.
 */
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  contributes: { configuration: { properties: Record<string, { properties?: Record<string, { enum?: string[] }> }> } };
};

describe('one home: the version', () => {
  it("the CLI's --version and the server's serverInfo are package.json's version", async () => {
    const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--version'], { encoding: 'utf8' });
    expect(cli.stdout.trim()).toBe(manifest.version);
    const client = new LspClient();
    try {
      const result = (await client.initialize()) as { serverInfo?: { name: string; version?: string } };
      expect(result.serverInfo).toEqual({ name: 'medterm-language-server', version: manifest.version });
    } finally {
      await client.stop();
    }
  });

  it('server/src/version.ts is the only module that imports package.json (the dictionary cache key takes it from there)', () => {
    const importers = listTs(join(ROOT, 'server', 'src')).filter((path) =>
      /from '(\.\.\/)+package\.json'/.test(readFileSync(path, 'utf8')),
    );
    expect(importers.map((path) => relative(ROOT, path).split(sep).join('/'))).toEqual(['server/src/version.ts']);
  });
});

function listTs(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listTs(join(directory, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(directory, entry.name)]
        : [],
  );
}

describe('one home: severity names', () => {
  it('every medterm.rules.<id> setting offers exactly RULE_SETTINGS, in order', () => {
    const rules = manifest.contributes.configuration.properties['medterm.rules']!.properties!;
    expect(Object.keys(rules).sort()).toEqual([...RULE_IDS].sort());
    for (const id of RULE_IDS) expect([id, rules[id]!.enum]).toEqual([id, [...RULE_SETTINGS]]);
  });

  it('maps each severity to its LSP DiagnosticSeverity and SARIF level', () => {
    expect(SEVERITIES.map((severity) => LSP_SEVERITY[severity])).toEqual([
      DiagnosticSeverity.Error,
      DiagnosticSeverity.Warning,
      DiagnosticSeverity.Information,
      DiagnosticSeverity.Hint,
    ]);
    expect(SEVERITIES.map((severity) => SARIF_LEVEL[severity])).toEqual(['error', 'warning', 'note', 'note']);
  });

  it('isRuleSetting accepts the five names only', () => {
    expect(RULE_SETTINGS.filter(isRuleSetting)).toEqual(['error', 'warning', 'information', 'hint', 'off']);
    expect(['info', 'Error', 'none', '', undefined, 3].filter(isRuleSetting)).toEqual([]);
  });

  it('the CLI refuses --rule with a severity outside RULE_SETTINGS, and takes each one inside', () => {
    const sample = join(ROOT, 'test', 'fixtures', 'sample.md');
    const refused = spawnSync(
      process.execPath,
      [join(ROOT, 'dist', 'cli.js'), 'lint', '--rule', `${RULE_IDS[0]}=info`, sample],
      { encoding: 'utf8' },
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`--rule ${RULE_IDS[0]} needs =error, =warning, =information, =hint or =off`);
    for (const setting of RULE_SETTINGS) {
      const taken = spawnSync(
        process.execPath,
        [join(ROOT, 'dist', 'cli.js'), 'lint', '--rule', `${RULE_IDS[0]}=${setting}`, '--format', 'json', sample],
        { encoding: 'utf8' },
      );
      expect([setting, taken.status === 0 || taken.status === 1]).toEqual([setting, true]);
    }
  });
});
