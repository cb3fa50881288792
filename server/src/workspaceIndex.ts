import { TextDocument } from 'vscode-languageserver-textdocument';
import { Emitter, FileChangeType, type Event } from 'vscode-languageserver';
import { spanToRange } from './convert';
import {
  analyze,
  crossFileFindings,
  fileForms,
  fileKindOf,
  formatMessage,
  looksBinary,
  ruleSetting,
  textExtensions,
  type Analysis,
  type Dictionary,
  type FileForms,
  type Finding,
} from './engine';
import type { Runtime, ServerHost } from './context';
import type { Settings } from './settings';

/** The text files of the one list (engine/fileKinds): Markdown, Quarto, R Markdown, LaTeX, plain text. */
const PROSE = textExtensions().map((extension) => `.${extension}`);
const LIMIT = 5000;
/** Total text the background scan analyses, in UTF-16 units (files are at most MAX_SCANNED_FILE_BYTES each, proseFiles.ts). */
const MAX_TOTAL_CHARACTERS = 32 * 1024 * 1024;

/** An open document larger than this is not indexed (about the 2 MB cap on files: analysed in one go). */
const MAX_OPEN_CHARACTERS = 1024 * 1024;

function yieldToRequests(runtime: Runtime): Promise<void> {
  return new Promise((resolve) => runtime.timer.setImmediate(resolve));
}

function languageOf(path: string): string {
  const analysis = fileKindOf(path)?.analysis;
  return analysis === undefined || analysis === 'docx' ? 'plaintext' : analysis;
}

/**
 * Consistency across a manuscript of many files: which accepted form of each concept every prose file of
 * the workspace uses. Built by a background scan (with progress, honouring .gitignore and files.exclude),
 * kept current from file events and from the documents being edited.
 */
export class WorkspaceIndex {
  /** uri → the forms that file uses */
  private readonly files = new Map<string, FileForms>();
  private scanning: Promise<void> | undefined;
  private readonly changed = new Emitter<void>();
  /** The index changed (a scan finished, a file was re-indexed or deleted): cross-file findings may differ. */
  readonly onDidChange: Event<void> = this.changed.event;

  /** Built before the context that exposes it: it takes the session's parts it reads and the current dictionary. */
  constructor(
    private readonly context: Pick<
      ServerHost,
      'connection' | 'runtime' | 'documents' | 'settingsFor' | 'locale' | 'folders' | 'guard'
    > & { dictionary(): Dictionary },
  ) {}

  async scan(): Promise<void> {
    if (this.scanning) return this.scanning;
    // Background work is guarded like a request: a failure is logged, never an unhandled rejection.
    this.scanning = this.runScan()
      .catch((error: unknown) => {
        this.context.connection.console.error(
          `MedTerm: the workspace scan failed: ${(error as Error).stack ?? String(error)}`,
        );
      })
      .finally(() => {
        this.scanning = undefined;
      });
    return this.scanning;
  }

  private async runScan(): Promise<void> {
    const { connection, runtime } = this.context;
    const folders = this.context.folders();
    if (folders.length === 0) return;
    const settings = await this.context.settingsFor(undefined);
    if (!settings.enable) return;
    const files: string[] = [];
    for (const folder of folders) {
      const filesSettings = (await connection.workspace
        .getConfiguration({ scopeUri: runtime.pathToUri(folder), section: 'files' })
        .catch(() => undefined)) as { exclude?: Record<string, boolean> } | undefined;
      const exclude = Object.entries(filesSettings?.exclude ?? {})
        .filter(([, on]) => on)
        .map(([glob]) => glob.replace(/^\*\*\//, '**/'));
      // Listing reads folders only (never a file); it pauses now and then so that requests get in.
      let listed = 0;
      for (const path of runtime.listWorkspaceFiles(folder, {
        extensions: PROSE,
        exclude,
        limit: LIMIT - files.length,
      })) {
        files.push(path);
        if (++listed % 200 === 0) await yieldToRequests(runtime);
      }
    }
    const locale = this.context.locale(settings);
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin(
      'MedTerm',
      0,
      formatMessage({ id: 'server.consistencyProgress', params: { count: files.length } }, locale),
      true,
    );
    let characters = 0;
    let indexed = 0;
    const skipped: string[] = [];
    try {
      for (let index = 0; index < files.length; index++) {
        if (progress?.token.isCancellationRequested) break;
        if (characters >= MAX_TOTAL_CHARACTERS) {
          connection.console.warn(
            `MedTerm: the consistency scan stopped after ${Math.round(characters / 1048576)} M characters (${index} of ${files.length} files); the rest of the workspace is not compared`,
          );
          break;
        }
        const size = await this.indexPath(files[index]!);
        if (typeof size === 'string') skipped.push(`${files[index]} (${size})`);
        else {
          characters += size;
          indexed++;
        }
        if (index % 20 === 19)
          progress?.report(Math.round(((index + 1) / files.length) * 100), `${index + 1}/${files.length}`);
        // Let requests (hover, completion) in between files: each file is analysed in one go, and is at most 2 MB.
        await yieldToRequests(runtime);
      }
    } finally {
      progress?.done();
    }
    if (skipped.length > 0)
      connection.console.info(
        `MedTerm: not indexed for consistency: ${skipped.slice(0, 20).join(', ')}${skipped.length > 20 ? ` and ${skipped.length - 20} more` : ''}`,
      );
    connection.console.info(`MedTerm: indexed ${indexed} files for consistency`);
    this.changed.fire();
  }

  /** Index one file (its open document if any, else what is on disk); the characters read, or why it was skipped. */
  private async indexPath(path: string): Promise<number | string> {
    const uri = this.context.runtime.pathToUri(path);
    const open = this.context.documents.get(uri);
    // An open document is indexed from the editor's text, under the same cap as files on disk (F4).
    const read: { text: string } | { skipped: string } = open
      ? open.getText().length > MAX_OPEN_CHARACTERS
        ? { skipped: 'too large' }
        : { text: open.getText() }
      : await this.context.runtime.readProseFile(path);
    // A file from disk was checked for binary content when it was decoded (readProseFile); an open document is here.
    if (!('text' in read) || (open !== undefined && looksBinary(read.text))) {
      this.files.delete(uri);
      return 'text' in read ? 'binary' : read.skipped;
    }
    const document = TextDocument.create(uri, languageOf(path), 0, read.text);
    this.record(document, analyze(read.text, this.context.dictionary(), { languageId: languageOf(path) }));
    return read.text.length;
  }

  /** Remember the forms a document uses (its current version), with line/character for related locations. */
  record(document: TextDocument, analysis: Analysis): void {
    this.files.set(
      document.uri,
      fileForms(analysis.matches, (span) => spanToRange(document, span)),
    );
  }

  fileChanged(uri: string, type: FileChangeType): void {
    if (type === FileChangeType.Deleted) this.files.delete(uri);
    else {
      const path = this.context.runtime.uriToPath(uri);
      if (!path || !PROSE.some((extension) => path.toLowerCase().endsWith(extension))) return;
      void this.context.guard('index', undefined, undefined, async () => {
        await this.indexPath(path);
        this.changed.fire();
      });
      return;
    }
    this.changed.fire();
  }

  /** Findings for a document that uses another form of a concept than the rest of the workspace. */
  crossFileFindings(document: TextDocument, analysis: Analysis, settings: Settings): Finding[] {
    if (ruleSetting('inconsistent-term', settings.rules) === 'off' || this.files.size === 0) return [];
    this.record(document, analysis);
    const dictionary = this.context.dictionary();
    const others = [...this.files].map(([uri, forms]) => ({ uri, forms }));
    return crossFileFindings(document.uri, analysis.matches, others, {
      rules: settings.rules,
      conceptName: (id) => dictionary.concepts.get(id)?.en ?? id,
    });
  }
}
