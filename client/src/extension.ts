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
  const configured = vscode.workspace.getConfiguration('medterm').get<string[]>('languages', ['markdown', 'plaintext', 'latex']);
  // "markdown" also selects Quarto and R Markdown documents (one list: server/src/engine/fileKinds.ts).
  const languages = [...new Set(configured.flatMap((language) => [language, ...languageIdsFor(language)]))];
  return languages.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
    { scheme: 'vscode-remote', language },
  ]);
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
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
  context.subscriptions.push(
    vscode.commands.registerCommand('medterm.restartServer', async () => {
      if (client) await client.restart();
      else await startClient(context);
    }),
    vscode.commands.registerCommand('medterm.showOutput', () => output?.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => client?.sendNotification('medterm/trustChanged', { trusted: true })),
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
