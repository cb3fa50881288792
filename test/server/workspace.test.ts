import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from '../helpers/lspClient';

/**
 * A workspace of several files, users' term files (MedTerm format, prh.yml, a malformed one) and
 * cross-file consistency, over real LSP against the built server.
 */
describe("workspace: users' dictionaries and consistency across files", () => {
  let client: LspClient;
  let root: string;
  const uri = (name: string): string => pathToFileURL(join(root, name)).href;
  const write = (name: string, text: string): void => {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  };
  const codes = (list: Diagnostic[]): string[] => list.map((diagnostic) => String(diagnostic.code));

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'medterm-workspace-'));
    write('chapters/ch1.md', '# 第一章\n\n免疫调节剂包括沙利度胺。免疫调节剂还有来那度胺。\n');
    write('chapters/ch3.md', '# 第三章\n\n免疫调节药物可与地塞米松联用。\n');
    // Files that must not count: ignored by .gitignore, by files.exclude, and in node_modules.
    const many = '免疫调节药物。'.repeat(5);
    write('.gitignore', 'drafts/\n');
    write('drafts/old.md', many);
    write('build/out.md', many);
    write('node_modules/pkg/readme.md', many);
    write('.medterm/terms.yaml', 'accept:\n  - FDA\n');
    write('.medterm/bad.yaml', 'entries:\n  - id: Bad Id\n    category: drug\n');
    write(
      'team-prh.yml',
      'version: 1\nrules:\n  - expected: 来那度胺\n    pattern: 雷利度胺\n  - expected: b\n    pattern: /(a+)+$/\n',
    );
    client = new LspClient();
    client.settings = { dictionaries: ['team-prh.yml'] };
    client.filesSettings = { exclude: { '**/build': true } };
    await client.initialize({ rootUri: pathToFileURL(root).href });
  });
  afterAll(async () => client.stop());

  it('scans the workspace in the background with progress, honouring .gitignore, files.exclude and node_modules', async () => {
    await client.waitFor('progress end', () => client.progress.some((entry) => entry.value.kind === 'end'));
    expect(client.progress[0]!.value).toMatchObject({ kind: 'begin', title: 'MedTerm' });
    expect(client.progress[0]!.value.message).toMatch(/2 个文件/);
  });

  it('reports a form used in one file against the form of the rest of the workspace, pointing at the other uses', async () => {
    client.open(uri('chapters/ch3.md'), readFileSync(join(root, 'chapters/ch3.md'), 'utf8'));
    const diagnostics = await client.waitForDiagnostics(uri('chapters/ch3.md'), (list) =>
      list.some((d) => d.code === 'inconsistent-term'),
    );
    const finding = diagnostics.find((d) => d.code === 'inconsistent-term')!;
    expect(finding.message).toContain('工作区其他文件中写作“免疫调节剂”（2 处，1 个文件）');
    expect(finding.relatedInformation?.[0]?.location).toEqual({
      uri: uri('chapters/ch1.md'),
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } },
    });
    const actions = await client.codeActions(uri('chapters/ch3.md'), finding.range, undefined, [finding]);
    expect(actions.map((action) => action.title)).toEqual([
      '改为“免疫调节剂”',
      '在本文档中全部统一为“免疫调节剂”（1 处）',
      'MedTerm：在本工作区把“免疫调节药物”作为非标准写法，改用“免疫调节剂”（写入 .medterm/terms.yaml）',
    ]);
  });

  it('stays current when another file of the workspace changes on disk', async () => {
    // Chapter 1 switches to 免疫调节药物: chapter 3 is now consistent with the workspace.
    write('chapters/ch1.md', '# 第一章\n\n免疫调节药物包括沙利度胺。免疫调节药物还有来那度胺。\n');
    client.fileChanged(uri('chapters/ch1.md'), 2);
    await client.waitForDiagnostics(
      uri('chapters/ch3.md'),
      (list) => !list.some((d) => d.code === 'inconsistent-term'),
    );
    write('chapters/ch1.md', '# 第一章\n\n免疫调节剂包括沙利度胺。免疫调节剂还有来那度胺。\n');
    client.fileChanged(uri('chapters/ch1.md'), 2);
    await client.waitForDiagnostics(uri('chapters/ch3.md'), (list) => list.some((d) => d.code === 'inconsistent-term'));
  });

  it('reads .medterm term files (accept) and prh.yml from settings, whose catastrophic pattern cannot hang the server', async () => {
    const long = `FDA 批准雷利度胺。\n${'a'.repeat(50_000)}!\n`;
    client.open(uri('chapters/new.md'), long);
    const diagnostics = await client.waitForDiagnostics(uri('chapters/new.md'), (list) => list.length > 0);
    expect(codes(diagnostics)).toEqual(['nonstandard-name']); // FDA is accepted; 雷利度胺 comes from prh.yml
    expect(diagnostics[0]!.message).toContain('应写作“来那度胺”');
  });

  it("shows a malformed term file's problems in the file, once as a notification, and keeps working", async () => {
    await client.waitForDiagnostics(uri('.medterm/bad.yaml'), (list) => list.length > 0);
    const problems = client.diagnostics.get(uri('.medterm/bad.yaml'))!.at(-1)!.diagnostics;
    expect(problems.map((d) => [d.range.start.line, d.message])).toEqual([
      [1, 'entries[0]: missing required field "en"'],
      [1, 'entries[0]: missing required field "cite"'],
      [1, 'entries[0].id: must match ^[a-z0-9]+(-[a-z0-9]+)*$'],
    ]);
    expect(client.messages.filter((message) => message.message.includes('bad.yaml'))).toHaveLength(1);
  });

  it('applies an edit to a term file at once, before it is saved', async () => {
    client.open(uri('chapters/ch5.md'), '埃雷妥珠单抗获批。\n');
    await client.waitForDiagnostics(uri('chapters/ch5.md'), (list) => codes(list).includes('nonstandard-name'));
    client.open(uri('.medterm/terms.yaml'), 'accept:\n  - FDA\n');
    client.change(uri('.medterm/terms.yaml'), [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '  - 埃雷妥珠单抗\n' },
    ]);
    await client.waitForDiagnostics(uri('chapters/ch5.md'), (list) => !codes(list).includes('nonstandard-name'));
    client.close(uri('.medterm/terms.yaml'));
  });

  it('writes the workspace term file from the "accept in this workspace" code action', async () => {
    client.open(uri('chapters/ch6.md'), '达雷木单抗获批。\n');
    const [finding] = await client.waitForDiagnostics(uri('chapters/ch6.md'), (list) =>
      codes(list).includes('nonstandard-name'),
    );
    const actions = await client.codeActions(uri('chapters/ch6.md'), finding!.range, undefined, [finding!]);
    const accept = actions.find((action: CodeAction) => action.command?.command === 'medterm.acceptInWorkspace')!;
    expect(accept.title).toBe('MedTerm：在本工作区接受“达雷木单抗”（写入 .medterm/terms.yaml）');
    await client.executeCommand(accept.command!.command, accept.command!.arguments!);
    expect(readFileSync(join(root, '.medterm/terms.yaml'), 'utf8')).toContain('- 达雷木单抗');
    await client.waitForDiagnostics(uri('chapters/ch6.md'), (list) => !codes(list).includes('nonstandard-name'));
  });
});
