import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { analyze, buildDictionary, type Analysis, type Dictionary, type Locale, type ParsedLayerFile } from './engine';
import { registerCodeActions } from './features/codeActions';
import { registerCompletion } from './features/completion';
import { registerDiagnostics } from './features/diagnostics';
import { registerHover } from './features/hover';
import { DEFAULT_SETTINGS, effectiveLocale, readSettings, type Settings } from './settings';

/** What the host provides: file access lives outside the (pure) engine and the (portable) server. */
export interface Runtime {
  /** Read the built-in term files (and any configured ones). Called at start. */
  loadDictionaryFiles(): ParsedLayerFile[];
}

/** The code action kind of MedTerm's fix-all, for editor.codeActionsOnSave. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.medterm`;

/** Shared by every feature: documents, settings per resource, the dictionary and cached analyses. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  settingsFor(uri: string): Promise<Settings>;
  dictionary(): Dictionary;
  locale(settings: Settings): Locale;
  /** Whether MedTerm checks this document under these settings (enabled, language, not binary). */
  applies(document: TextDocument, settings: Settings): boolean;
  /** The analysis of the document's current version, cached per (uri, version, settings). */
  analysis(document: TextDocument, settings: Settings): Analysis;
  /** Run a handler; on error log it and return the fallback; on cancellation return the fallback. */
  guard<T>(name: string, token: CancellationToken | undefined, fallback: T, handler: () => T | Promise<T>): Promise<T>;
  readonly onSettingsChanged: Set<() => void>;
}

/**
 * Editors name languages differently: Neovim sends its filetype (text, tex), VS Code its language id
 * (plaintext, latex). Settings and the engine use VS Code's names.
 */
const LANGUAGE_ALIASES: Record<string, string> = { text: 'plaintext', txt: 'plaintext', tex: 'latex', plaintex: 'latex', 'markdown.pandoc': 'markdown', pandoc: 'markdown', rmd: 'markdown', quarto: 'markdown' };

export function canonicalLanguageId(languageId: string): string {
  return LANGUAGE_ALIASES[languageId] ?? languageId;
}

/** Documents that look binary (NUL or many replacement characters early on) are skipped, not linted as garbage. */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  let suspicious = 0;
  for (let i = 0; i < head.length; i++) {
    const code = head.charCodeAt(i);
    if (code === 0 || code === 0xfffd) suspicious++;
  }
  return head.length > 0 && suspicious / head.length > 0.01;
}

export function startServer(connection: Connection, runtime: Runtime): void {
  const documents = new TextDocuments(TextDocument);
  let clientLocale: string | undefined;
  let pullConfiguration = false;
  let pushedSettings: unknown;
  const settingsCache = new Map<string, Promise<Settings>>();
  const analyses = new Map<string, { version: number; settings: Settings; analysis: Analysis }>();
  const warned = new Set<string>();
  const onSettingsChanged = new Set<() => void>();

  let dictionary: Dictionary = buildDictionary([]);
  const loadDictionary = (): void => {
    dictionary = buildDictionary(runtime.loadDictionaryFiles());
    connection.console.info(`MedTerm: ${dictionary.concepts.size} concepts, ${dictionary.surfaces.length} surface forms`);
    for (const problem of dictionary.problems) {
      const where = problem.line === undefined ? '' : `:${problem.line + 1}:${(problem.column ?? 0) + 1}`;
      connection.console.warn(`MedTerm dictionary ${problem.severity}: ${problem.source}${where} ${problem.path}: ${problem.message}`);
    }
  };

  const warnOnce = (message: string): void => {
    if (warned.has(message)) return;
    warned.add(message);
    connection.console.warn(`MedTerm settings: ${message}`);
  };

  const context: ServerContext = {
    connection,
    documents,
    onSettingsChanged,
    settingsFor(uri) {
      let cached = settingsCache.get(uri);
      if (!cached) {
        const raw: Promise<unknown> = pullConfiguration
          ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'medterm' }).catch(() => undefined)
          : Promise.resolve(pushedSettings);
        cached = raw.then((value) => {
          const { settings, warnings } = readSettings(value ?? {});
          warnings.forEach(warnOnce);
          return settings;
        });
        settingsCache.set(uri, cached);
      }
      return cached;
    },
    dictionary: () => dictionary,
    locale: (settings) => effectiveLocale(settings, clientLocale),
    applies(document, settings) {
      return settings.enable && settings.languages.includes(canonicalLanguageId(document.languageId)) && !looksBinary(document.getText());
    },
    analysis(document, settings) {
      const cached = analyses.get(document.uri);
      if (cached && cached.version === document.version && cached.settings === settings) return cached.analysis;
      const analysis = analyze(document.getText(), dictionary, {
        languageId: canonicalLanguageId(document.languageId),
        rules: settings.rules,
        ignoreAbbreviations: settings.abbreviations.ignore,
      });
      analyses.set(document.uri, { version: document.version, settings, analysis });
      return analysis;
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
  };

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as { locale?: string; settings?: unknown };
    clientLocale = options.locale ?? params.locale;
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    pushedSettings = options.settings;
    loadDictionary();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        completionProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      },
      serverInfo: { name: 'medterm-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'medterm' }).catch(() => undefined);
    }
  });

  // Settings take effect without a restart: drop what was cached and re-check every open document.
  connection.onDidChangeConfiguration((change) => {
    const pushed = (change.settings as { medterm?: unknown } | undefined)?.medterm;
    if (pushed !== undefined) pushedSettings = pushed;
    settingsCache.clear();
    analyses.clear();
    for (const listener of onSettingsChanged) listener();
  });

  documents.onDidClose((event) => {
    settingsCache.delete(event.document.uri);
    analyses.delete(event.document.uri);
  });

  registerDiagnostics(context);
  registerHover(context);
  registerCompletion(context);
  registerCodeActions(context);

  documents.listen(connection);
  connection.listen();
}

export { DEFAULT_SETTINGS };
