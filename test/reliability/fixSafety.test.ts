import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixAllSafe } from '../../server/src/engine';
import { ROOT, builtinDictionary } from '../helpers/dictionary';

/**
 * `--fix` must be as trustworthy as the editor (issue 13, ../shared/notes/reliability-audit.md): each test
 * names the audit row it covers and fails on ec93d50. Files are real files in temporary folders, run
 * through the built CLI (`npm run build` first); bytes are compared whole.
 */
const CLI = join(ROOT, 'dist', 'cli.js');

function medterm(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', NO_COLOR: '1', MEDTERM_CACHE_DIR: 'off', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'medterm-fixsafe-'));
}

describe('W3: a fix across a soft line break keeps the break and its CRLF', () => {
  it('W3: the engine puts the break back into the replacement', () => {
    const dictionary = builtinDictionary();
    expect(fixAllSafe('纯文本利那\n度胺跨行\r\n第二处达雷木\r\n单抗\n', dictionary, { languageId: 'plaintext' }).text).toBe('纯文本来那\n度胺跨行\r\n第二处达雷妥尤\r\n单抗\n');
    // A Markdown list continuation keeps its indentation.
    expect(fixAllSafe('- 使用利那\n  度胺治疗\n', dictionary, { languageId: 'markdown' }).text).toBe('- 使用来那\n  度胺治疗\n');
  });

  it('W3: medterm lint --fix on a .txt file keeps its four lines, byte for byte', () => {
    const directory = folder();
    const path = join(directory, 't.txt');
    writeFileSync(path, '纯文本利那\n度胺跨行\r\n第二处达雷木\r\n单抗\n');
    medterm(['lint', '--fix', 't.txt'], directory);
    expect(readFileSync(path)).toEqual(Buffer.from('纯文本来那\n度胺跨行\r\n第二处达雷妥尤\r\n单抗\n'));
  });
});
