import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { Dictionaries } from './dictionaries';
import { analyze, looksBinary, textFileGlob, type Analysis, type Dictionary } from './engine';
import type { Runtime, ServerContext } from './context';
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

/** The composition root: the only module that knows every part of the server (main.ts calls it). */
export function startServer(connection: Connection, runtime: Runtime): void {
  const documents = new TextDocuments(TextDocument);
  let clientLocale: string | undefined;
  let pullConfiguration = false;
  let pushedSettings: unknown;
  let folders: string[] = [];
  let trusted = true;
  let watchRelativePatterns = false;
  // Registrations only go to a client that said it takes them (F10): others get none.
  let dynamicWatchers = false;
  let dynamicConfiguration = false;
  let folderEvents = false;
  const settingsCache = new Map<string, Promise<Settings>>();
  const analyses = new Map<string, { version: number; settings: Settings; dictionary: Dictionary; analysis: Analysis }>();
  const warned = new Set<string>();
  const onChange = new Set<() => void>();

  const warnOnce = (message: string): void => {
    if (warned.has(message)) return;
    warned.add(message);
    connection.console.warn(`MedTerm settings: ${message}`);
  };

  const context: ServerContext = {
    connection,
    documents,
    runtime,
    onChange,
    settingsFor(uri) {
      const key = uri ?? '';
      let cached = settingsCache.get(key);
      if (!cached) {
        const raw: Promise<unknown> = pullConfiguration
          ? connection.workspace.getConfiguration(uri ? { scopeUri: uri, section: 'medterm' } : { section: 'medterm' }).catch(() => undefined)
          : Promise.resolve(pushedSettings);
        cached = raw.then((value) => {
          const { settings, warnings } = readSettings(value ?? {});
          warnings.forEach(warnOnce);
          return settings;
        });
        settingsCache.set(key, cached);
      }
      return cached;
    },
    dictionary: () => dictionaries.dictionary,
    // Both need the context to exist, so they are created right after it.
    get dictionaries() {
      return dictionaries;
    },
    get workspace() {
      return workspace;
    },
    get large() {
      return large;
    },
    locale: (settings) => effectiveLocale(settings, clientLocale),
    folders: () => folders,
    trusted: () => trusted,
    applies(document, settings) {
      if (isDocxView(document.uri)) return settings.enable;
      return settings.enable && settings.languages.includes(canonicalLanguageId(document.languageId)) && !looksBinary(document.getText());
    },
    analysis(document, settings) {
      if (isLargeDocument(document)) return large.current(document, settings);
      const dictionary = context.dictionary();
      const cached = analyses.get(document.uri);
      if (cached && cached.version === document.version && cached.settings === settings && cached.dictionary === dictionary) return cached.analysis;
      const analysis = analyze(document.getText(), dictionary, {
        // The text view of a Word document: paragraphs joined by blank lines that no term crosses.
        languageId: isDocxView(document.uri) ? 'docx' : canonicalLanguageId(document.languageId),
        rules: settings.rules,
        ignoreAbbreviations: settings.abbreviations.ignore,
        // The previous version's matches are reused outside the edited part.
        previous: cached?.analysis,
      });
      analyses.set(document.uri, { version: document.version, settings, dictionary, analysis });
      return analysis;
    },
    findings(document, settings) {
      const analysis = context.analysis(document, settings);
      const crossFile = context.workspace.crossFileFindings(document, analysis, settings);
      if (crossFile.length === 0) return analysis.findings;
      return [...analysis.findings, ...crossFile].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
    },
    async guard(name, token, fallback, handler) {
      if (token?.isCancellationRequested) return fallback;
      try {
        const result = await handler();
        return token?.isCancellationRequested ? fallback : result;
      } catch (error) {
        connection.console.error(`MedTerm ${name} failed: ${(error as Error).stack ?? String(error)}`);
        return fallback;
      }
    },
    forDocument(name, token, fallback, uri, handler) {
      return context.guard(name, token, fallback, async () => {
        const document = documents.get(uri);
        if (!document) return fallback;
        const settings = await context.settingsFor(uri);
        if (!context.applies(document, settings)) return fallback;
        // Positions in a very large document are cheap once its line starts are known (computed between requests).
        if (isLargeDocument(document)) await large.lineIndex(document);
        return handler(document, settings);
      });
    },
    dictionaryChanged() {
      analyses.clear();
      large.clear();
      for (const listener of onChange) listener();
    },
  };
  const dictionaries = new Dictionaries(context);
  const workspace = new WorkspaceIndex(context);
  const large = new LargeDocumentAnalyses(context, (document, settings) => ({ languageId: canonicalLanguageId(document.languageId), rules: settings.rules, ignoreAbbreviations: settings.abbreviations.ignore }));

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as { locale?: string; settings?: unknown; trusted?: boolean };
    clientLocale = options.locale ?? params.locale;
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    watchRelativePatterns = params.capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport === true;
    dynamicWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    dynamicConfiguration = params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    folderEvents = params.capabilities.workspace?.workspaceFolders === true;
    pushedSettings = options.settings;
    trusted = options.trusted !== false;
    const uris = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = uris.map((uri) => runtime.uriToPath(uri)).filter((path): path is string => path !== undefined);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [...WORKSPACE_COMMANDS] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'medterm-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (pullConfiguration && dynamicConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'medterm' }).catch(() => undefined);
    await context.dictionaries.reload();
    await registerWatchers();
    void context.workspace.scan();
    // Only clients that announced workspace folders may be asked for their changes (the library throws otherwise).
    if (folderEvents) connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((folder) => runtime.uriToPath(folder.uri)));
      folders = [...folders.filter((folder) => !removed.has(folder)), ...event.added.map((folder) => runtime.uriToPath(folder.uri)).filter((path): path is string => path !== undefined)];
      context.dictionaries.schedule();
      void context.workspace.scan();
    });
  });

  /** Term files and prose files are watched by the client; their changes reload or re-index. */
  let watcherRegistration: { dispose(): void } | undefined;
  const registerWatchers = async (): Promise<void> => {
    if (!dynamicWatchers) return;
    const settings = await context.settingsFor(undefined);
    const watchers: { globPattern: string | { baseUri: string; pattern: string } }[] = [{ globPattern: '**/.medterm/**' }, { globPattern: textFileGlob() }];
    for (const path of settings.dictionaries) {
      const absolute = runtime.uriToPath(runtime.pathToUri(path)) ?? path;
      if (watchRelativePatterns && absolute.startsWith('/')) watchers.push({ globPattern: { baseUri: runtime.pathToUri(runtime.dirname(absolute)), pattern: absolute.slice(runtime.dirname(absolute).length + 1) } });
      else watchers.push({ globPattern: `**/${path.split(/[\\/]/).pop() ?? path}` });
    }
    // Settings changes re-register (configured paths may differ): drop the previous registration first,
    // or every change would add another watcher and multiply file events.
    watcherRegistration?.dispose();
    watcherRegistration = await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
  };

  connection.onDidChangeWatchedFiles((event) => {
    for (const change of event.changes) {
      if (context.dictionaries.isTermFile(change.uri) || /\.(ya?ml|json)$/i.test(change.uri)) context.dictionaries.schedule();
      else context.workspace.fileChanged(change.uri, change.type);
    }
  });

  connection.onNotification('medterm/trustChanged', (params: { trusted?: boolean }) => {
    trusted = params?.trusted !== false;
    context.dictionaries.schedule(0);
  });

  // Settings take effect without a restart: drop what was cached, reload term files, re-check documents.
  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { medterm?: unknown } | undefined)?.medterm;
    if (pushed !== undefined) pushedSettings = pushed;
    settingsCache.clear();
    void context.dictionaries.reload().then(registerWatchers);
  });

  // Editing a term file takes effect at once, before it is saved.
  documents.onDidChangeContent((event) => {
    if (context.dictionaries.isTermFile(event.document.uri)) context.dictionaries.schedule(300);
  });
  documents.onDidClose((event) => {
    settingsCache.delete(event.document.uri);
    analyses.delete(event.document.uri);
    large.forget(event.document.uri);
    if (context.dictionaries.isTermFile(event.document.uri)) context.dictionaries.schedule();
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
