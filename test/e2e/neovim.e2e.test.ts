import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';

/** Neovim (Debian's 0.7.2, headless) as a second real LSP client of the built server. */
const hasNeovim = spawnSync('nvim', ['--version']).status === 0;

interface NeovimResult {
  arrived: boolean;
  filetype: string;
  diagnostics: { line: number; message: string; source: string; code: string }[];
  hover: string | null;
  completion: {
    label: string;
    newText: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
  }[];
}

function runNeovim(
  fileName: string,
  text: string,
  hover: [number, number],
  completeAt: [number, number],
): NeovimResult {
  const directory = mkdtempSync(join(tmpdir(), 'medterm-nvim-'));
  const file = join(directory, fileName);
  const out = join(directory, 'result.json');
  writeFileSync(file, text);
  if (!hasNeovim) throw new Error('nvim is missing: run scripts/setup-editors.sh');
  const result = spawnSync(
    'nvim',
    [
      '--headless',
      '-u',
      'NONE',
      '-i',
      'NONE',
      '-c',
      'filetype on',
      '-c',
      `luafile ${join(ROOT, 'test', 'e2e', 'neovim', 'medterm.lua')}`,
    ],
    {
      env: {
        ...process.env,
        MEDTERM_SERVER: join(ROOT, 'dist', 'server.js'),
        MEDTERM_FILE: file,
        MEDTERM_OUT: out,
        MEDTERM_HOVER_LINE: String(hover[0]),
        MEDTERM_HOVER_CHARACTER: String(hover[1]),
        MEDTERM_COMPLETE_LINE: String(completeAt[0]),
        MEDTERM_COMPLETE_CHARACTER: String(completeAt[1]),
      },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  try {
    return JSON.parse(readFileSync(out, 'utf8')) as NeovimResult;
  } catch {
    throw new Error(`Neovim wrote no result (status ${result.status}): ${result.stderr}${result.stdout}`);
  }
}

describe('MedTerm in Neovim', () => {
  it('gives diagnostics, hover and completion on a Markdown file', () => {
    const text = '# 综述\n\nFDA 批准了埃雷妥珠单抗。硼替佐米是蛋白酶体抑制剂。\n卡非\n';
    // Positions in UTF-16 code units, as LSP counts them.
    const result = runNeovim('chapter.md', text, [2, 'FDA 批准了埃雷妥珠单抗。硼'.length], [3, 2]);
    expect(result.arrived).toBe(true);
    expect(result.filetype).toBe('markdown');
    const variant = result.diagnostics.find((diagnostic) => diagnostic.message.includes('“埃雷妥珠单抗”是非标准写法'));
    expect(variant).toMatchObject({ line: 2, source: 'medterm' });
    expect(result.hover).toContain('**硼替佐米** · bortezomib');
    expect(result.completion[0]).toEqual({
      label: '卡非佐米',
      newText: '卡非佐米',
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } },
    });
  });

  it('checks plain text files, whose filetype Neovim calls "text"', () => {
    const result = runNeovim('notes.txt', '达雷木单抗\n', [0, 1], [0, 5]);
    expect(result.filetype).toBe('text');
    expect(result.diagnostics.map((diagnostic) => diagnostic.message).join('\n')).toContain('应写作“达雷妥尤单抗”');
  });
});
