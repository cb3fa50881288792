import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionList, Diagnostic, Hover, Position, TextEdit } from 'vscode-languageserver-types';

interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
import { ROOT } from './dictionary';

/**
 * A minimal LSP client for protocol tests: it spawns the built server (dist/server.js --stdio),
 * speaks JSON-RPC over its stdio, answers workspace/configuration from `settings`, and records
 * every publishDiagnostics. Waiting is on conditions (with a time limit), never fixed sleeps.
 */
export class LspClient {
  readonly process: ChildProcess;
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  readonly logs: string[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly progress: { token: unknown; value: { kind: string; title?: string; message?: string } }[] = [];
  readonly registrations = new Map<string, string>();
  settings: Record<string, unknown> = {};
  filesSettings: Record<string, unknown> = {};
  private readonly waiters = new Set<() => void>();
  private readonly documents = new Map<string, TextDocument>();

  constructor(serverPath = join(ROOT, 'dist', 'server.js'), nodeArguments: readonly string[] = []) {
    this.process = spawn(process.execPath, [...nodeArguments, serverPath, '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.process.stderr?.on('data', (chunk: Buffer) => this.logs.push(chunk.toString()));
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      (this.diagnostics.get(params.uri) ?? this.diagnostics.set(params.uri, []).get(params.uri)!).push(params);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) =>
      this.logs.push(params.message),
    );
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'files' ? this.filesSettings : this.settings)),
    );
    // Registrations the server holds now (registered and not yet unregistered), by method.
    this.connection.onRequest(
      'client/registerCapability',
      (params: { registrations: { id: string; method: string }[] }) => {
        for (const registration of params.registrations) this.registrations.set(registration.id, registration.method);
        this.wake();
        return null;
      },
    );
    this.connection.onRequest('client/unregisterCapability', (params: { unregisterations: { id: string }[] }) => {
      for (const registration of params.unregisterations) this.registrations.delete(registration.id);
      this.wake();
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('$/progress', (params: { token: unknown; value: { kind: string } }) => {
      this.progress.push(params);
      this.wake();
    });
    this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => {
      this.messages.push(params);
      this.wake();
    });
    this.connection.onRequest('window/showMessageRequest', (params: { type: number; message: string }) => {
      this.messages.push(params);
      return null;
    });
    // An editor applies workspace edits to open documents (and tells the server); others are on disk.
    this.connection.onRequest('workspace/applyEdit', (params: { edit: { changes?: Record<string, TextEdit[]> } }) => {
      for (const [uri, edits] of Object.entries(params.edit.changes ?? {})) {
        const document = this.documents.get(uri);
        if (document) this.applyEdit(uri, { title: 'edit', edit: { changes: { [uri]: edits } } });
      }
      return { applied: true };
    });
    this.connection.listen();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  async initialize(
    options: { locale?: string; rootUri?: string; initializationOptions?: Record<string, unknown> } = {},
  ): Promise<unknown> {
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      workspaceFolders: options.rootUri ? [{ uri: options.rootUri, name: 'workspace' }] : null,
      initializationOptions: options.initializationOptions,
      locale: options.locale ?? 'zh-cn',
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
          applyEdit: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true },
        textDocument: {
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ['markdown'] },
          completion: { completionItem: { snippetSupport: false } },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, languageId = 'markdown'): void {
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version: 1, text },
    });
  }

  /** Apply incremental edits (as an editor sends them) and notify the server. */
  change(uri: string, edits: TextEdit[]): TextDocument {
    const document = this.documents.get(uri)!;
    const next = TextDocument.update(
      document,
      edits.map((edit) => ({ range: edit.range, text: edit.newText })),
      document.version + 1,
    );
    this.documents.set(uri, next);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: next.version },
      contentChanges: edits.map((edit) => ({ range: edit.range, text: edit.newText })),
    });
    return next;
  }

  close(uri: string): void {
    this.documents.delete(uri);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  document(uri: string): TextDocument {
    return this.documents.get(uri)!;
  }

  async configure(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { medterm: settings } });
  }

  /** The latest diagnostics for the document's current version that satisfy `accept`. */
  async waitForDiagnostics(
    uri: string,
    accept: (diagnostics: Diagnostic[]) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const latest = this.diagnostics.get(uri)?.at(-1);
      const version = this.documents.get(uri)?.version;
      if (
        latest &&
        (latest.version === undefined || version === undefined || latest.version === version) &&
        accept(latest.diagnostics)
      )
        return latest.diagnostics;
      const remaining = deadline - Date.now();
      if (remaining <= 0)
        throw new Error(
          `no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(latest?.diagnostics.map((d) => d.code))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, remaining);
        function done(): void {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        const waiters = this.waiters;
        waiters.add(done);
      });
    }
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  completion(uri: string, position: Position): Promise<CompletionList | null> {
    return this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  }

  codeActions(
    uri: string,
    range: { start: Position; end: Position },
    only?: string[],
    diagnostics: Diagnostic[] = [],
  ): Promise<CodeAction[]> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics, only },
    });
  }

  /** Wait for a condition on what the client has recorded (progress, messages…). */
  async waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, 100);
        this.waiters.add(done);
      });
    }
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  fileChanged(uri: string, type: 1 | 2 | 3): void {
    void this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
  }

  /** Apply a workspace edit's changes for one document, as an editor would, and tell the server. */
  applyEdit(uri: string, action: CodeAction): TextDocument {
    // A workspace edit's TextEdits all refer to the original text (unlike didChange events, which
    // apply in sequence), so compute the result first and send it as one full change.
    const document = this.documents.get(uri)!;
    const text = TextDocument.applyEdits(document, action.edit?.changes?.[uri] ?? []);
    const next = TextDocument.create(uri, document.languageId, document.version + 1, text);
    this.documents.set(uri, next);
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: next.version },
      contentChanges: [{ text }],
    });
    return next;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([
        this.connection.sendRequest('shutdown'),
        new Promise((resolve) => setTimeout(resolve, 2000)),
      ]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    this.connection.dispose();
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** Position of the first occurrence of `needle` (plus `delta` UTF-16 units). */
export function positionOf(document: TextDocument, needle: string, delta = 0): Position {
  const index = document.getText().indexOf(needle);
  if (index < 0) throw new Error(`"${needle}" is not in the document`);
  return document.positionAt(index + delta);
}
