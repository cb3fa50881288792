import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';

// The CLI runs once per file in CI and in pre-commit hooks: every library it bundles is parsed on every run, and
// vscode-languageserver's module code alone cost ~40 ms a run before severities.ts imported it as a type only.
describe('the CLI bundle', () => {
  it('does not contain the language-server libraries', async () => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: ['server/src/cli.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
      define: { 'import.meta.url': '__importMetaUrl' },
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.startsWith('server/src/engine/'))).toBe(true);
    expect(inputs.filter((path) => /node_modules\/vscode-(languageserver|jsonrpc)(-protocol)?\//.test(path))).toEqual(
      [],
    );
  });
});
