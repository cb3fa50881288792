import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type DocumentSelector,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { languageIdsFor } from '../../server/src/engine/fileKinds';
import { SERVER_NODE_FLAGS } from './serverFlags';

/**
 * The VS Code side of MedTerm: start the language server, hand it the display language, restart it
 * when the set of languages changes, and offer two commands. No domain logic lives here.
 */
let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

function documentSelector(): DocumentSelector {
  const configured = vscode.workspace
    .getConfiguration('medterm')
    .get<string[]>('languages', ['markdown', 'plaintext', 'latex']);
  // "markdown" also selects Quarto and R Markdown documents (one list: server/src/engine/fileKinds.ts).
  const languages = [...new Set(configured.flatMap((language) => [language, ...languageIdsFor(language)]))];
  return [
    ...languages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
      { scheme: 'vscode-remote', language },
    ]),
    // The read-only text view of a Word document ("MedTerm: Check Word document").
    { scheme: DOCX_SCHEME },
  ];
}

const DOCX_SCHEME = 'medterm-docx';

/** The file a Word document's text view shows (same path, file scheme), or the .docx itself. */
function docxFileOf(uri: vscode.Uri | undefined): vscode.Uri | undefined {
  if (!uri) return undefined;
  if (uri.scheme === DOCX_SCHEME) return uri.with({ scheme: 'file' });
  return uri.path.toLowerCase().endsWith('.docx') ? uri : undefined;
}

/**
 * "MedTerm: Check Word document": the server reads the .docx; its text opens as a read-only document whose
 * diagnostics, hovers and quick-fix previews come from the server like any other; "MedTerm: Write Word
 * document with tracked changes" asks the server for NAME.medterm.docx.
 */
function registerWordCommands(context: vscode.ExtensionContext): void {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(DOCX_SCHEME, {
      onDidChange: changed.event,
      async provideTextDocumentContent(uri) {
        const result = (await client?.sendRequest('medterm/docxText', {
          uri: uri.with({ scheme: 'file' }).toString(),
        })) as { text?: string; error?: string } | undefined;
        if (result?.error) void vscode.window.showErrorMessage(`MedTerm: ${result.error}`);
        return result?.text ?? '';
      },
    }),
    vscode.commands.registerCommand('medterm.checkWordDocument', async (target?: vscode.Uri) => {
      let file =
        docxFileOf(target) ??
        docxFileOf(vscode.window.activeTextEditor?.document.uri) ??
        docxFileOf((vscode.window.tabGroups.activeTabGroup.activeTab?.input as { uri?: vscode.Uri } | undefined)?.uri);
      if (!file) {
        const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Word: ['docx'] } });
        file = picked?.[0];
      }
      if (!file) return;
      const view = file.with({ scheme: DOCX_SCHEME });
      changed.fire(view);
      const document = await vscode.workspace.openTextDocument(view);
      await vscode.window.showTextDocument(document, { preview: false });
    }),
    vscode.commands.registerCommand('medterm.writeWordFixes', async (target?: vscode.Uri) => {
      const file = docxFileOf(target) ?? docxFileOf(vscode.window.activeTextEditor?.document.uri);
      if (!file) return;
      const result = (await client?.sendRequest('medterm/docxFix', { uri: file.toString() })) as
        { message: string; error?: boolean; uri?: string } | undefined;
      if (!result) return;
      if (result.error) void vscode.window.showErrorMessage(`MedTerm: ${result.message}`);
      else void vscode.window.showInformationMessage(`MedTerm: ${result.message}`);
    }),
  );
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] },
    },
  };
  output ??= vscode.window.createOutputChannel('MedTerm');
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    outputChannel: output,
    // Untrusted workspaces: no user-supplied regular expressions (prh patterns) are run.
    initializationOptions: { locale: vscode.env.language, trusted: vscode.workspace.isTrusted },
    synchronize: { configurationSection: 'medterm' },
  };
  client = new LanguageClient('medterm', 'MedTerm', serverOptions, clientOptions);
  await client.start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await startClient(context);
  registerWordCommands(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('medterm.restartServer', async () => {
      if (client) await client.restart();
      else await startClient(context);
    }),
    vscode.commands.registerCommand('medterm.showOutput', () => output?.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(() =>
      client?.sendNotification('medterm/trustChanged', { trusted: true }),
    ),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      // The document selector is fixed when a client starts; other settings reach the server live.
      if (event.affectsConfiguration('medterm.languages')) {
        await client?.stop();
        await startClient(context);
      }
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
