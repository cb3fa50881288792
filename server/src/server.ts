import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  Emitter,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { Dictionaries } from './dictionaries';
import {
  analyze,
  compareSpans,
  documentRegion,
  looksBinary,
  textFileGlob,
  type Analysis,
  type Dictionary,
} from './engine';
import { FIX_ALL_KIND, registerCodeActions } from './features/codeActions';
import { isDocxView, registerDocx } from './features/docx';
import { registerCompletion } from './features/completion';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover } from './features/hover';
import { registerWorkspaceCommands, WORKSPACE_COMMANDS } from './features/workspaceCommands';
import { effectiveLocale, readSettings, type Settings } from './settings';
import { WorkspaceIndex } from './workspaceIndex';
import { isLargeDocument, LargeDocumentAnalyses } from './largeDocuments';
import { canonicalLanguageId } from './languageIds';
import type { Runtime, ServerContext, ServerHost } from './context';
import { version } from './version';

/** What the client said in initialize (and later notifications); read by the parts built from it. */
interface ClientState {
  locale: string | undefined;
  folders: string[];
  trusted: boolean;
  pullConfiguration: boolean;
  pushedSettings: unknown;
  watchRelativePatterns: boolean;
  // Registrations only go to a client that said it takes them (F10): others get none.
  dynamicWatchers: boolean;
  dynamicConfiguration: boolean;
  folderEvents: boolean;
}

/**
 * The composition root: the only module that knows every part of the server (main.ts calls it). The parts are
 * built in order, each with the parts it reads, so none needs the context that later exposes it.
 */
export function startServer(connection: Connection, runtime: Runtime): void {
  const documents = new TextDocuments(TextDocument);
  const client: ClientState = {
    locale: undefined,
    folders: [],
    trusted: true,
    pullConfiguration: false,
    pushedSettings: undefined,
    watchRelativePatterns: false,
    dynamicWatchers: false,
    dynamicConfiguration: false,
    folderEvents: false,
  };
  const settings = settingsSource(connection, client);
  const host: ServerHost = {
    connection,
    documents,
    runtime,
    settingsFor: settings.settingsFor,
    locale: (values) => effectiveLocale(values, client.locale),
    folders: () => client.folders,
    trusted: () => client.trusted,
    guard: guardFor(connection),
  };
  const dictionaries = new Dictionaries(host);
  const dictionary = (): Dictionary => dictionaries.dictionary;
  const large = new LargeDocumentAnalyses({ ...host, dictionary }, (document, values) => ({
    languageId: canonicalLanguageId(document.languageId),
    rules: values.rules,
    ignoreAbbreviations: values.abbreviations.ignore,
    // Sections are analysed apart: the region is the whole document's (auto reads its start), not each section's.
    region: values.region === 'auto' ? documentRegion(document.getText()) : values.region,
  }));
  const workspace = new WorkspaceIndex({ ...host, dictionary });
  const analyses = documentAnalyses(host, { dictionary, large, workspace });

  // A new dictionary or workspace index: cached analyses are dropped, listeners (diagnostics) re-check open documents.
  const changed = new Emitter<void>();
  const invalidate = (): void => {
    analyses.clear();
    large.clear();
    changed.fire();
  };
  dictionaries.onDidChange(invalidate);
  workspace.onDidChange(invalidate);

  const context: ServerContext = {
    ...host,
    ...analyses.members,
    dictionary,
    dictionaries,
    large,
    onDidChange: changed.event,
  };
  const registerWatchers = watcherRegistrar(connection, runtime, client, settings.settingsFor);
  registerSession(connection, runtime, client, { dictionaries, workspace, registerWatchers });
  registerReloads(connection, documents, client, {
    dictionaries,
    workspace,
    settings,
    analyses,
    large,
    registerWatchers,
  });

  registerDiagnostics(context);
  registerHover(context);
  registerCompletion(context);
  registerCodeActions(context);
  registerWorkspaceCommands(context);
  registerDocx(context);

  documents.listen(connection);
  connection.listen();
}

/** Settings per resource: pulled from the client (workspace/configuration) or as pushed, cached until they change. */
function settingsSource(
  connection: Connection,
  client: ClientState,
): { settingsFor: ServerHost['settingsFor']; clear(): void; forget(uri: string): void } {
  const cache = new Map<string, Promise<Settings>>();
  const warned = new Set<string>();
  const warnOnce = (message: string): void => {
    if (warned.has(message)) return;
    warned.add(message);
    connection.console.warn(`MedTerm settings: ${message}`);
  };
  return {
    settingsFor(uri) {
      const key = uri ?? '';
      let cached = cache.get(key);
      if (!cached) {
        const raw: Promise<unknown> = client.pullConfiguration
          ? connection.workspace
              .getConfiguration(uri ? { scopeUri: uri, section: 'medterm' } : { section: 'medterm' })
              .catch(() => undefined)
          : Promise.resolve(client.pushedSettings);
        cached = raw.then((value) => {
          const { settings, warnings } = readSettings(value ?? {});
          warnings.forEach(warnOnce);
          return settings;
        });
        cache.set(key, cached);
      }
      return cached;
    },
    clear: () => cache.clear(),
    forget: (uri) => cache.delete(uri),
  };
}

/** Run a handler; on error log it and return the fallback; on cancellation return the fallback. */
function guardFor(connection: Connection): ServerHost['guard'] {
  return async (name, token, fallback, handler) => {
    if (token?.isCancellationRequested) return fallback;
    try {
      const result = await handler();
      return token?.isCancellationRequested ? fallback : result;
    } catch (error) {
      connection.console.error(`MedTerm ${name} failed: ${(error as Error).stack ?? String(error)}`);
      return fallback;
    }
  };
}

type AnalysisMembers = Pick<ServerContext, 'applies' | 'analysis' | 'findings' | 'forDocument'>;

/** The analyses of open documents, cached per (uri, version, settings, dictionary); large documents in sections. */
function documentAnalyses(
  host: ServerHost,
  parts: { dictionary(): Dictionary; large: LargeDocumentAnalyses; workspace: WorkspaceIndex },
): { members: AnalysisMembers; clear(): void; forget(uri: string): void } {
  const { large, workspace } = parts;
  const cache = new Map<string, { version: number; settings: Settings; dictionary: Dictionary; analysis: Analysis }>();
  const members: AnalysisMembers = {
    applies(document, settings) {
      if (isDocxView(document.uri)) return settings.enable;
      return (
        settings.enable &&
        settings.languages.includes(canonicalLanguageId(document.languageId)) &&
        !looksBinary(document.getText())
      );
    },
    analysis(document, settings) {
      if (isLargeDocument(document)) return large.current(document, settings);
      const dictionary = parts.dictionary();
      const cached = cache.get(document.uri);
      if (
        cached &&
        cached.version === document.version &&
        cached.settings === settings &&
        cached.dictionary === dictionary
      )
        return cached.analysis;
      const analysis = analyze(document.getText(), dictionary, {
        // The text view of a Word document: paragraphs joined by blank lines that no term crosses.
        languageId: isDocxView(document.uri) ? 'docx' : canonicalLanguageId(document.languageId),
        rules: settings.rules,
        ignoreAbbreviations: settings.abbreviations.ignore,
        region: settings.region,
        // The previous version's matches are reused outside the edited part.
        previous: cached?.analysis,
      });
      cache.set(document.uri, { version: document.version, settings, dictionary, analysis });
      return analysis;
    },
    findings(document, settings) {
      const analysis = members.analysis(document, settings);
      const crossFile = workspace.crossFileFindings(document, analysis, settings);
      if (crossFile.length === 0) return analysis.findings;
      return [...analysis.findings, ...crossFile].sort(compareSpans);
    },
    forDocument(name, token, fallback, uri, handler) {
      return host.guard(name, token, fallback, async () => {
        const document = host.documents.get(uri);
        if (!document) return fallback;
        const settings = await host.settingsFor(uri);
        if (!members.applies(document, settings)) return fallback;
        // Positions in a very large document are cheap once its line starts are known (computed between requests).
        if (isLargeDocument(document)) await large.lineIndex(document);
        return handler(document, settings);
      });
    },
  };
  return { members, clear: () => cache.clear(), forget: (uri) => cache.delete(uri) };
}

/** initialize (capabilities, what the client supports), initialized (first load, watchers, scan), folder changes. */
function registerSession(
  connection: Connection,
  runtime: Runtime,
  client: ClientState,
  parts: { dictionaries: Dictionaries; workspace: WorkspaceIndex; registerWatchers: () => Promise<void> },
): void {
  const { dictionaries, workspace } = parts;
  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as { locale?: string; settings?: unknown; trusted?: boolean };
    client.locale = options.locale ?? params.locale;
    client.pullConfiguration = params.capabilities.workspace?.configuration === true;
    client.watchRelativePatterns =
      params.capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
    client.dynamicWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    client.dynamicConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    client.folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    client.pushedSettings = options.settings;
    client.trusted = options.trusted !== false;
    const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    client.folders = uris.map((uri) => runtime.uriToPath(uri)).filter((path): path is string => path !== undefined);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [...WORKSPACE_COMMANDS] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'medterm-language-server', version: version() },
    };
  });

  connection.onInitialized(async () => {
    if (client.pullConfiguration && client.dynamicConfiguration)
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'medterm' })
        .catch(() => undefined);
    await dictionaries.reload();
    await parts.registerWatchers();
    void workspace.scan();
    // Only clients that announced workspace folders may be asked for their changes (the library throws otherwise).
    if (client.folderEvents)
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.map((folder) => runtime.uriToPath(folder.uri)));
        client.folders = [
          ...client.folders.filter((folder) => !removed.has(folder)),
          ...event.added
            .map((folder) => runtime.uriToPath(folder.uri))
            .filter((path): path is string => path !== undefined),
        ];
        dictionaries.schedule();
        void workspace.scan();
      });
  });
}

/** File events, trust and settings changes, and term files edited in the editor: reload or re-index. */
function registerReloads(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  client: ClientState,
  parts: {
    dictionaries: Dictionaries;
    workspace: WorkspaceIndex;
    settings: { clear(): void; forget(uri: string): void };
    analyses: { forget(uri: string): void };
    large: LargeDocumentAnalyses;
    registerWatchers: () => Promise<void>;
  },
): void {
  const { dictionaries, workspace } = parts;
  connection.onDidChangeWatchedFiles((event) => {
    for (const change of event.changes) {
      if (dictionaries.isTermFile(change.uri) || /\.(ya?ml|json)$/i.test(change.uri)) dictionaries.schedule();
      else workspace.fileChanged(change.uri, change.type);
    }
  });

  connection.onNotification('medterm/trustChanged', (params: { trusted?: boolean }) => {
    client.trusted = params?.trusted !== false;
    dictionaries.schedule(0);
  });

  // Settings take effect without a restart: drop what was cached, reload term files, re-check documents.
  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { medterm?: unknown } | undefined)?.medterm;
    if (pushed !== undefined) client.pushedSettings = pushed;
    parts.settings.clear();
    void dictionaries.reload().then(parts.registerWatchers);
  });

  // Editing a term file takes effect at once, before it is saved.
  documents.onDidChangeContent((event) => {
    if (dictionaries.isTermFile(event.document.uri)) dictionaries.schedule(300);
  });
  documents.onDidClose((event) => {
    parts.settings.forget(event.document.uri);
    parts.analyses.forget(event.document.uri);
    parts.large.forget(event.document.uri);
    if (dictionaries.isTermFile(event.document.uri)) dictionaries.schedule();
  });
}

/**
 * Term files and prose files are watched by the client; their changes reload or re-index. The returned function
 * (re-)registers the watchers: settings changes replace the previous registration.
 */
function watcherRegistrar(
  connection: Connection,
  runtime: Runtime,
  client: ClientState,
  settingsFor: ServerHost['settingsFor'],
): () => Promise<void> {
  let registration: { dispose(): void } | undefined;
  return async () => {
    if (!client.dynamicWatchers) return;
    const settings = await settingsFor(undefined);
    const watchers: { globPattern: string | { baseUri: string; pattern: string } }[] = [
      { globPattern: '**/.medterm/**' },
      { globPattern: textFileGlob() },
    ];
    for (const path of settings.dictionaries) {
      const absolute = runtime.uriToPath(runtime.pathToUri(path)) ?? path;
      if (client.watchRelativePatterns && runtime.isAbsolute(absolute))
        watchers.push({
          globPattern: { baseUri: runtime.pathToUri(runtime.dirname(absolute)), pattern: runtime.basename(absolute) },
        });
      else watchers.push({ globPattern: `**/${path.split(/[\\/]/).pop() ?? path}` });
    }
    // Settings changes re-register (configured paths may differ): drop the previous registration first,
    // or every change would add another watcher and multiply file events.
    registration?.dispose();
    registration = await connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers })
      .catch(() => undefined);
  };
}
