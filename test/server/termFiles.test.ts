import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conventionalTermFiles, readUserTermFile } from '../../server/src/node/termFiles';

/** The Node side of users' term files: prh imports (relative, cyclic, missing) and the .medterm convention. */
describe("reading users' term files from disk", () => {
  it('follows prh imports relative to the importing file, once each, and reports a missing one', () => {
    const root = mkdtempSync(join(tmpdir(), 'medterm-prh-'));
    mkdirSync(join(root, 'rules'));
    writeFileSync(
      join(root, 'prh.yml'),
      'imports:\n  - ./rules/a.yml\n  - ./rules/missing.yml\nrules:\n  - { expected: 来那度胺, pattern: 雷利度胺 }\n',
    );
    writeFileSync(
      join(root, 'rules', 'a.yml'),
      'imports:\n  - path: ../prh.yml\nrules:\n  - { expected: 骨髓瘤, pattern: 骨髓癌 }\n',
    );
    const files = readUserTermFile(join(root, 'prh.yml'), 'workspace', { allowPatterns: true });
    expect(files.map((file) => file.source)).toEqual([join(root, 'prh.yml'), join(root, 'rules', 'a.yml')]);
    expect(files[0]!.problems.map((problem) => problem.message)).toEqual([
      'imported file not found: ./rules/missing.yml',
    ]);
    expect(files.flatMap((file) => file.variantAdditions ?? []).map((addition) => addition.variant.text)).toEqual([
      '雷利度胺',
      '骨髓癌',
    ]);
  });

  it("prefers the editor's unsaved text over the disk", () => {
    const root = mkdtempSync(join(tmpdir(), 'medterm-terms-'));
    writeFileSync(join(root, 'terms.yaml'), 'accept: [FDA]\n');
    const [file] = readUserTermFile(join(root, 'terms.yaml'), 'workspace', {
      allowPatterns: true,
      readOverride: () => 'accept: [NMPA]\n',
    });
    expect(file!.accept).toEqual(['NMPA']);
  });

  it('finds YAML and JSON term files in a .medterm folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'medterm-folder-'));
    mkdirSync(join(root, '.medterm'));
    for (const name of ['b.yaml', 'a.json', 'notes.md', 'c.yml']) writeFileSync(join(root, '.medterm', name), '{}');
    expect(conventionalTermFiles(root)).toEqual(
      ['a.json', 'b.yaml', 'c.yml'].map((name) => join(root, '.medterm', name)),
    );
    expect(conventionalTermFiles(join(root, 'nowhere'))).toEqual([]);
  });
});
