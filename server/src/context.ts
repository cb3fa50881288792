import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationToken, Connection, TextDocuments } from 'vscode-languageserver';
import type { Analysis, Dictionary, Finding, LayerKind, Locale, ParsedLayerFile } from './engine';
import type { Dictionaries } from './dictionaries';
import type { LargeDocumentAnalyses } from './largeDocuments';
import type { Settings } from './settings';
import type { TermFileProblem } from './termFileProblems';
import type { WorkspaceIndex } from './workspaceIndex';

// The server's shared types (types only). Every server module imports them from here; only main.ts imports
// server.ts (the composition root), so features/* and node/* never depend on it.

/**
 * What the host provides. File access lives outside the (pure) engine and the (portable) server:
 * server/src/node/runtime.ts implements it with node:fs; tests or other hosts can supply their own.
 */
export interface Runtime {
  loadBuiltinFiles(): ParsedLayerFile[];
  /** Term files to load: ~/.medterm, each folder's .medterm/, and configured paths, with their layer (node/layers.ts, shared with the CLI). */
  termFilePaths(request: { folders: readonly string[]; configured: readonly string[] }): { path: string; layer: LayerKind; problem?: TermFileProblem; configured?: boolean }[];
  /** A user's term file (MedTerm or prh format) and what it imports. */
  readTermFile(path: string, layer: LayerKind, options: { allowPatterns: boolean; readOverride?: (path: string) => string | undefined }): ParsedLayerFile[];
  readText(path: string): string | undefined;
  writeText(path: string, text: string): void;
  /** Binary files (Word documents); hosts without them offer no .docx view. */
  readBytes?(path: string): Uint8Array | undefined;
  writeBytes?(path: string, bytes: Uint8Array): void;
  exists(path: string): boolean;
  uriToPath(uri: string): string | undefined;
  pathToUri(path: string): string;
  dirname(path: string): string;
  /** Prose files of a folder (regular files only, each once), honouring .gitignore and `exclude` globs (files.exclude). */
  listWorkspaceFiles(folder: string, options: { extensions: readonly string[]; exclude: readonly string[]; limit: number }): Iterable<string>;
  /** A prose file for the background scan: never blocks (FIFOs, devices), capped in size. */
  readProseFile(path: string): Promise<{ text: string } | { skipped: string }>;
}

/** Shared by every feature: documents, settings per resource, the dictionary, cached analyses, the workspace. */
export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly runtime: Runtime;
  /** Settings for a resource (undefined: the unscoped, window-level settings). */
  settingsFor(uri: string | undefined): Promise<Settings>;
  dictionary(): Dictionary;
  readonly dictionaries: Dictionaries;
  readonly workspace: WorkspaceIndex;
  locale(settings: Settings): Locale;
  /** Workspace folders as paths. */
  folders(): readonly string[];
  /** Whether user-supplied regular expressions may run (VS Code's workspace trust). */
  trusted(): boolean;
  /** Whether MedTerm checks this document under these settings (enabled, language, not binary). */
  applies(document: TextDocument, settings: Settings): boolean;
  /** The analysis of the document's current version, cached per (uri, version, settings, dictionary). A large document's is the last complete sectioned run (largeDocuments.ts). */
  analysis(document: TextDocument, settings: Settings): Analysis;
  /** Analyses of very large documents, in sections between requests (largeDocuments.ts). */
  readonly large: LargeDocumentAnalyses;
  /** The document's findings and those that come from the rest of the workspace (consistency). */
  findings(document: TextDocument, settings: Settings): readonly Finding[];
  /** Run a handler; on error log it and return the fallback; on cancellation return the fallback. */
  guard<T>(name: string, token: CancellationToken | undefined, fallback: T, handler: () => T | Promise<T>): Promise<T>;
  /** A request about one document, guarded: the handler runs with its settings if it is open and MedTerm checks it; else the fallback. */
  forDocument<T>(name: string, token: CancellationToken | undefined, fallback: T, uri: string, handler: (document: TextDocument, settings: Settings) => T | Promise<T>): Promise<T>;
  /** Settings or dictionary changed: caches are dropped; listeners re-check open documents. */
  dictionaryChanged(): void;
  readonly onChange: Set<() => void>;
}
