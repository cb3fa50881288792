import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationToken, Connection, Disposable, Event, TextDocuments } from 'vscode-languageserver';
import type { Analysis, Dictionary, Finding, LayerKind, Locale, ParsedLayerFile } from './engine';
import type { Settings } from './settings';
import type { TermFileProblem } from './termFileProblems';

// The server's shared types (types only). Every server module takes what it needs from here; only main.ts imports
// server.ts (the composition root, enforced by ESLint), so features/* and node/* never depend on what wires them.

/**
 * What the host provides: files, paths and timers live outside the (pure) engine and the (portable) server, which
 * uses no Node module or global (test/engine/purity.test.ts). server/src/node/runtime.ts implements it with node:fs,
 * node:path and Node's timers; tests or other hosts (a browser worker) can supply their own.
 */
export interface Runtime {
  loadBuiltinFiles(): ParsedLayerFile[];
  /** Term files to load: ~/.medterm, each folder's .medterm/, and configured paths, with their layer (node/layers.ts, shared with the CLI). */
  termFilePaths(request: {
    folders: readonly string[];
    configured: readonly string[];
  }): { path: string; layer: LayerKind; problem?: TermFileProblem; configured?: boolean }[];
  /** A user's term file (MedTerm or prh format) and what it imports. */
  readTermFile(
    path: string,
    layer: LayerKind,
    options: { allowPatterns: boolean; readOverride?: (path: string) => string | undefined },
  ): ParsedLayerFile[];
  readText(path: string): string | undefined;
  writeText(path: string, text: string): void;
  /** Binary files (Word documents); hosts without them offer no .docx view. */
  readBytes?(path: string): Uint8Array | undefined;
  writeBytes?(path: string, bytes: Uint8Array): void;
  exists(path: string): boolean;
  uriToPath(uri: string): string | undefined;
  pathToUri(path: string): string;
  dirname(path: string): string;
  basename(path: string): string;
  joinPath(folder: string, ...segments: string[]): string;
  isAbsolute(path: string): boolean;
  /** Whether `path` is `folder` or inside it. */
  isInside(path: string, folder: string): boolean;
  /** The host's timers (json-language-features' RuntimeEnvironment.timer); dispose() cancels. */
  readonly timer: {
    setTimeout(callback: () => void, milliseconds: number): Disposable;
    /** Run after the pending I/O and requests: how long work lets requests in. */
    setImmediate(callback: () => void): Disposable;
  };
  /** Prose files of a folder (regular files only, each once), honouring .gitignore and `exclude` globs (files.exclude). */
  listWorkspaceFiles(
    folder: string,
    options: { extensions: readonly string[]; exclude: readonly string[]; limit: number },
  ): Iterable<string>;
  /** A prose file for the background scan: never blocks (FIFOs, devices), capped in size. */
  readProseFile(path: string): Promise<{ text: string } | { skipped: string }>;
}

/** The session, before any dictionary or index exists: what Dictionaries, WorkspaceIndex and the features build on. */
export interface ServerHost {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly runtime: Runtime;
  /** Settings for a resource (undefined: the unscoped, window-level settings). */
  settingsFor(uri: string | undefined): Promise<Settings>;
  locale(settings: Settings): Locale;
  /** Workspace folders as paths. */
  folders(): readonly string[];
  /** Whether user-supplied regular expressions may run (VS Code's workspace trust). */
  trusted(): boolean;
  /** Run a handler; on error log it and return the fallback; on cancellation return the fallback. */
  guard<T>(name: string, token: CancellationToken | undefined, fallback: T, handler: () => T | Promise<T>): Promise<T>;
}

/** The term files in use, as the features see them (dictionaries.ts). */
export interface TermFiles {
  /** Whether a path or URI is one of the term files in use (its diagnostics are the dictionary's). */
  isTermFile(uri: string): boolean;
  /** Re-read every term file now. */
  reload(): Promise<void>;
}

/** The sectioned analyses of very large documents, as the features see them (largeDocuments.ts). */
export interface LargeDocuments {
  /** Run (or join the run of) this version's analysis; undefined when it became stale. */
  run(document: TextDocument, settings: Settings): Promise<Analysis | undefined>;
}

/**
 * Everything a feature may use, built by the composition root (server.ts). Each `register…` function declares the
 * members it uses (`Pick<ServerContext, …>`), so a feature's dependencies are read from its signature.
 */
export interface ServerContext extends ServerHost {
  dictionary(): Dictionary;
  readonly dictionaries: TermFiles;
  readonly large: LargeDocuments;
  /** Whether MedTerm checks this document under these settings (enabled, language, not binary). */
  applies(document: TextDocument, settings: Settings): boolean;
  /** The analysis of the document's current version, cached per (uri, version, settings, dictionary). A large document's is the last complete sectioned run (largeDocuments.ts). */
  analysis(document: TextDocument, settings: Settings): Analysis;
  /** The document's findings and those that come from the rest of the workspace (consistency). */
  findings(document: TextDocument, settings: Settings): readonly Finding[];
  /** A request about one document, guarded: the handler runs with its settings if it is open and MedTerm checks it; else the fallback. */
  forDocument<T>(
    name: string,
    token: CancellationToken | undefined,
    fallback: T,
    uri: string,
    handler: (document: TextDocument, settings: Settings) => T | Promise<T>,
  ): Promise<T>;
  /** Settings, the dictionary or the workspace index changed: cached analyses are dropped, listeners re-check open documents. */
  readonly onDidChange: Event<void>;
}
