import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';

/** The VSIX holds the bundles, the data and the manifest files, and nothing else (.vscodeignore is its allowlist; the npm package has its own, .npmignore, with the CLI bundle). */
describe('VSIX contents', () => {
  it('lists exactly the bundles, data and manifest files', () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    const files = result.stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .sort();
    expect(files).toEqual(
      [
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'data/README.md',
        'data/schema/medterm-terms.schema.json',
        ...readdirSync(join(ROOT, 'data', 'terms'))
          .filter((name) => name.endsWith('.yaml'))
          .map((name) => `data/terms/${name}`),
        'THIRD_PARTY_NOTICES.md',
        'data/glyph/LICENSE-Apache-2.0.txt',
        'dist/client.js',
        ...readdirSync(join(ROOT, 'docs', 'screenshots'))
          .filter((name) => name.endsWith('.png'))
          .map((name) => `docs/screenshots/${name}`),
        'dist/server.js',
        'package.json',
        'package.nls.json',
        'package.nls.zh-cn.json',
      ].sort(),
    );
  });
});

describe('VSIX size', () => {
  it('stays under 1.5 MB with the new dependencies bundled (fflate, saxes)', () => {
    const directory = mkdtempSync(join(tmpdir(), 'medterm-vsix-'));
    const vsix = join(directory, 'medterm.vsix');
    const result = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
        'package',
        '--no-dependencies',
        '--allow-missing-repository',
        '--no-rewrite-relative-links',
        '-o',
        vsix,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(statSync(vsix).size).toBeLessThan(1.5 * 1024 * 1024);
  }, 120_000);
});

describe('contributed term-file schema', () => {
  it('points JSON and YAML validation of .medterm files at a schema the VSIX ships', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: {
        jsonValidation: { fileMatch: string[]; url: string }[];
        yamlValidation: { fileMatch: string[]; url: string }[];
      };
    };
    for (const entry of [...manifest.contributes.jsonValidation, ...manifest.contributes.yamlValidation]) {
      expect(entry.url).toBe('./data/schema/medterm-terms.schema.json');
      expect(entry.fileMatch.some((pattern) => pattern.startsWith('.medterm/'))).toBe(true);
    }
  });
});
