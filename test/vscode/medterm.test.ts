import * as assert from 'node:assert/strict';
import { describe, it, before, after } from 'mocha';
import * as vscode from 'vscode';

/** Runs inside a real VS Code (desktop via @vscode/test-electron, or code-server) on test/fixtures/workspace. */

const folder = (): vscode.Uri => {
  const workspace = vscode.workspace.workspaceFolders?.[0];
  assert.ok(workspace, 'a workspace folder is open');
  return workspace.uri;
};
const fileUri = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), name);

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(fileUri(name));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Wait until MedTerm's diagnostics for `uri` satisfy `accept`, driven by change events. */
function diagnosticsFor(
  uri: vscode.Uri,
  accept: (list: vscode.Diagnostic[]) => boolean,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  const current = (): vscode.Diagnostic[] =>
    vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'medterm');
  return new Promise((resolve, reject) => {
    if (accept(current())) return resolve(current());
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics for ${uri.path} did not arrive: ${JSON.stringify(current().map((d) => d.code))}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      if (!accept(current())) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(current());
    });
  });
}

const codeOf = (diagnostic: vscode.Diagnostic): string =>
  String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
const at = (document: vscode.TextDocument, needle: string, delta = 0): vscode.Position => {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `${needle} in ${document.uri.path}`);
  return document.positionAt(index + delta);
};

describe('MedTerm in VS Code', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension('medterm.medterm');
    assert.ok(extension, 'the MedTerm extension is installed');
    await extension.activate();
    // Chinese messages whatever VS Code's display language is (a live settings change too).
    await vscode.workspace.getConfiguration('medterm').update('locale', 'zh-cn', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('medterm').update('rules', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('medterm').update('locale', undefined, vscode.ConfigurationTarget.Global);
  });

  it('publishes diagnostics for Markdown, plain text and LaTeX, at the terms', async () => {
    for (const [name, term] of [
      ['chapter1.md', '埃雷妥珠单抗'],
      ['notes.txt', '达雷木单抗'],
      ['paper.tex', '埃雷妥珠单抗'],
    ] as const) {
      const document = await open(name);
      const diagnostics = await diagnosticsFor(document.uri, (list) =>
        list.some((d) => codeOf(d) === 'nonstandard-name'),
      );
      const texts = diagnostics.filter((d) => codeOf(d) === 'nonstandard-name').map((d) => document.getText(d.range));
      assert.ok(texts.includes(term), `${name}: ${texts.join(', ')}`);
    }
    const markdown = await open('chapter1.md');
    const inMarkdown = vscode.languages.getDiagnostics(markdown.uri).map((d) => markdown.getText(d.range));
    assert.equal(inMarkdown.filter((text) => text === '利那度胺').length, 1, 'the code span is skipped');
    const tex = await open('paper.tex');
    assert.deepEqual(
      vscode.languages
        .getDiagnostics(tex.uri)
        .filter((d) => codeOf(d) === 'nonstandard-name')
        .map((d) => tex.getText(d.range)),
      ['埃雷妥珠单抗'],
    );
  });

  it('hovers 硼替佐米 with bortezomib and its class', async () => {
    const document = await open('chapter1.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      at(document, '硼替佐米', 1),
    );
    const text = hovers
      .flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)))
      .join('\n');
    assert.match(text, /bortezomib/);
    assert.match(text, /蛋白酶体抑制剂/);
  });

  it('completes 卡非 and kfzm to 卡非佐米 with a range over the typed fragment', async () => {
    const document = await open('scratch.md');
    const editor = await vscode.window.showTextDocument(document);
    for (const typed of ['卡非', 'kfzm']) {
      const end = document.lineAt(document.lineCount - 1).range.end;
      await editor.edit((edit) => edit.insert(end, `批准了${typed}`));
      const position = document.lineAt(document.lineCount - 1).range.end;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        document.uri,
        position,
      );
      const item = list.items.find(
        (candidate) => (typeof candidate.label === 'string' ? candidate.label : candidate.label.label) === '卡非佐米',
      );
      assert.ok(item, `卡非佐米 offered after ${typed}`);
      const range = item.range && 'replacing' in item.range ? item.range.replacing : item.range;
      assert.ok(range, 'the item has an explicit range');
      assert.equal(document.getText(range), typed);
      await editor.edit((edit) =>
        edit.insert(
          new vscode.Position(document.lineCount - 1, document.lineAt(document.lineCount - 1).text.length),
          '\n',
        ),
      );
    }
  });

  it('offers a preferred quick fix on 埃雷妥珠单抗 that writes 埃罗妥珠单抗', async () => {
    const document = await open('chapter1.md');
    const range = new vscode.Range(at(document, '埃雷妥珠单抗'), at(document, '埃雷妥珠单抗', 6));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const preferred = actions.find((action) => action.isPreferred);
    assert.ok(preferred?.edit, 'a preferred quick fix with an edit');
    assert.ok(await vscode.workspace.applyEdit(preferred.edit));
    assert.ok(document.getText().includes('批准了埃罗妥珠单抗与来那度胺'));
  });

  it('applies source.fixAll.medterm: safe fixes only', async () => {
    const document = await open('chapter1.md');
    const whole = new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      whole,
      'source.fixAll.medterm',
    );
    const fixAll = actions.find((action) => action.kind?.value === 'source.fixAll.medterm');
    assert.ok(fixAll?.edit, 'a fix-all action');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.ok(document.getText().includes('伊沙佐米联合来那度胺和地塞米松'));
    assert.ok(document.getText().includes('`利那度胺`'), 'code spans are untouched');
    await diagnosticsFor(document.uri, (list) => !list.some((d) => codeOf(d) === 'nonstandard-name'));
  });

  it('turns a rule off without a reload', async () => {
    const document = await open('notes.txt');
    await diagnosticsFor(document.uri, (list) => list.some((d) => codeOf(d) === 'nonstandard-name'));
    await vscode.workspace
      .getConfiguration('medterm')
      .update('rules', { 'nonstandard-name': 'off' }, vscode.ConfigurationTarget.Global);
    await diagnosticsFor(document.uri, (list) => !list.some((d) => codeOf(d) === 'nonstandard-name'));
    await vscode.workspace.getConfiguration('medterm').update('rules', undefined, vscode.ConfigurationTarget.Global);
    await diagnosticsFor(document.uri, (list) => list.some((d) => codeOf(d) === 'nonstandard-name'));
  });
});
