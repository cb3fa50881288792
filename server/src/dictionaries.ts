import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Emitter, type Diagnostic, type Disposable, type Event } from 'vscode-languageserver';
import {
  buildDictionary,
  checkSpecs,
  formatMessage,
  message,
  prepareCompletion,
  type Dictionary,
  type DictionaryProblem,
  type LayerKind,
  type ParsedLayerFile,
} from './engine';
import type { ServerHost, TermFiles } from './context';
import type { Settings } from './settings';
import { LSP_SEVERITY } from './severities';
import { termFileProblemMessage, type TermFileProblem } from './termFileProblems';

/**
 * The dictionary as layers: built-in < user (~/.medterm, absolute configured paths) < workspace
 * (.medterm/ in each folder, relative configured paths). Reloaded when a term file changes on disk
 * or is edited in the editor (before saving). A bad term file never stops MedTerm: its problems become
 * diagnostics in the file itself, one notification says so, the rest keeps working.
 */
export class Dictionaries implements TermFiles {
  private current: Dictionary;
  private termFiles = new Map<string, LayerKind>();
  /** Term file paths that could not be read as such (not found, not a folder), for the notification. */
  private fileProblems = new Map<string, TermFileProblem>();
  private published = new Set<string>();
  private notified = new Set<string>();
  private timer: Disposable | undefined;
  private readonly builtin: readonly ParsedLayerFile[];
  /** The users' files in the current dictionary: a reload that replaces them disposes their packed layers. */
  private userFiles: readonly ParsedLayerFile[] = [];
  private readonly changed = new Emitter<void>();
  /** A reload finished: the dictionary is new. */
  readonly onDidChange: Event<void> = this.changed.event;

  /** Built before the context that exposes it: it takes only the session's parts it reads. */
  constructor(
    private readonly context: Pick<
      ServerHost,
      'connection' | 'runtime' | 'documents' | 'settingsFor' | 'locale' | 'folders' | 'trusted'
    >,
  ) {
    let builtin: ParsedLayerFile[] = [];
    try {
      builtin = context.runtime.loadBuiltinFiles();
    } catch (error) {
      // A broken installation (data/ missing) must not take the editor down: log the cause, run empty.
      context.connection.console.error(`MedTerm: cannot read the built-in dictionary: ${(error as Error).message}`);
    }
    this.builtin = builtin;
    this.current = buildDictionary(this.builtin);
    this.prepare();
  }

  /** Build the completion indexes once the current requests are answered, not during the first completion. */
  private prepare(): void {
    const dictionary = this.current;
    this.context.runtime.timer.setImmediate(() => {
      if (this.current !== dictionary) return;
      try {
        prepareCompletion(dictionary);
      } catch (error) {
        this.context.connection.console.error(`MedTerm: cannot prepare completion: ${(error as Error).message}`);
      }
    });
  }

  get dictionary(): Dictionary {
    return this.current;
  }

  /** Whether a path or URI is one of the term files in use (its diagnostics are the dictionary's). */
  isTermFile(uri: string): boolean {
    const path = this.context.runtime.uriToPath(uri);
    return path !== undefined && (this.termFiles.has(path) || /[\\/]\.medterm[\\/][^\\/]+\.(ya?ml|json)$/i.test(path));
  }

  /** Reload soon (edits and file events come in bursts). */
  schedule(delayMs = 150): void {
    this.timer?.dispose();
    this.timer = this.context.runtime.timer.setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, delayMs);
  }

  /**
   * Re-read every term file. Runs in the background (file events, settings): a failure is logged and shown
   * once as a message, never a crash, and the previous dictionary stays in use.
   */
  async reload(): Promise<void> {
    try {
      await this.load();
    } catch (error) {
      const { connection } = this.context;
      connection.console.error(`MedTerm: cannot reload the term files: ${(error as Error).stack ?? String(error)}`);
      const signature = `reload|${(error as Error).message}`;
      if (this.notified.has(signature)) return;
      this.notified.add(signature);
      const settings = await this.context.settingsFor(undefined).catch(() => undefined);
      const locale = settings ? this.context.locale(settings) : 'zh-cn';
      void connection.window.showWarningMessage(
        formatMessage(message('server.reloadFailed', { reason: (error as Error).message }), locale),
      );
    }
  }

  private async load(): Promise<void> {
    const { runtime, documents } = this.context;
    const settings = await this.context.settingsFor(undefined);
    const english = this.context.locale(settings) === 'en';
    const open = new Map<string, TextDocument>();
    for (const document of documents.all()) {
      const path = runtime.uriToPath(document.uri);
      if (path) open.set(path, document);
    }
    const files = runtime.termFilePaths({ folders: this.context.folders(), configured: settings.dictionaries });
    const parsed: ParsedLayerFile[] = [];
    this.termFiles = new Map();
    this.fileProblems = new Map();
    for (const file of files) {
      // ~/.medterm that is not a folder; a configured file that does not exist (and is not open unsaved).
      const problem = file.problem ?? (!runtime.exists(file.path) && !open.has(file.path) ? 'not-found' : undefined);
      if (problem && !(problem === 'not-found' && open.has(file.path))) {
        if (problem === 'not-found' && !file.configured && settings.dictionaries.length === 0) continue;
        this.fileProblems.set(file.path, problem);
        parsed.push({
          source: file.path,
          layer: file.layer,
          concepts: [],
          problems: [
            {
              source: file.path,
              path: '(file)',
              message: termFileProblemMessage(problem, file.path, english),
              severity: 'error',
            },
          ],
        });
        continue;
      }
      const loaded = runtime.readTermFile(file.path, file.layer, {
        allowPatterns: this.context.trusted(),
        readOverride: (path) => open.get(path)?.getText(),
      });
      for (const layer of loaded) this.termFiles.set(layer.source, layer.layer);
      parsed.push(...loaded);
    }
    this.replace(parsed);
    this.prepare();
    const specProblems = checkSpecs(this.current, parsed);
    await this.publishProblems(
      [...this.current.problems, ...specProblems].filter(
        (problem) => this.termFiles.has(problem.source) || files.some((file) => file.path === problem.source),
      ),
      settings,
    );
    this.context.connection.console.info(
      `MedTerm: ${this.current.concepts.size} concepts from ${1 + this.termFiles.size} sources`,
    );
    this.changed.fire();
  }

  /**
   * Build the dictionary of the built-in and these users' files, then dispose the packed layers of the files it
   * replaces (a pack read from the cache holds an open file until then). Analyses take `dictionary` synchronously
   * and large ones stop when it changes, so nothing reads a replaced layer. If the build fails, the new files'
   * layers are disposed and the previous dictionary stays.
   */
  private replace(parsed: readonly ParsedLayerFile[]): void {
    try {
      this.current = buildDictionary([...this.builtin, ...parsed]);
    } catch (error) {
      disposePacked(parsed, this.userFiles);
      throw error;
    }
    const replaced = this.userFiles;
    this.userFiles = parsed;
    disposePacked(replaced, parsed);
  }

  private async publishProblems(problems: readonly DictionaryProblem[], settings: Settings): Promise<void> {
    const { runtime, connection } = this.context;
    const byFile = new Map<string, DictionaryProblem[]>();
    for (const problem of problems)
      (byFile.get(problem.source) ?? byFile.set(problem.source, []).get(problem.source)!).push(problem);
    const nowPublished = new Set<string>();
    for (const [path, list] of byFile) {
      const uri = runtime.pathToUri(path);
      nowPublished.add(uri);
      const diagnostics: Diagnostic[] = list.map((problem) => ({
        range: {
          start: { line: problem.line ?? 0, character: problem.column ?? 0 },
          end: { line: problem.line ?? 0, character: (problem.column ?? 0) + 1 },
        },
        severity: LSP_SEVERITY[problem.severity],
        source: 'medterm',
        code: 'term-file',
        message: `${problem.path}: ${problem.message}`,
      }));
      await connection.sendDiagnostics({ uri, diagnostics });
      const errors = list.filter((problem) => problem.severity === 'error');
      const signature = `${path}|${errors.map((problem) => `${problem.path}:${problem.message}`).join('|')}`;
      if (errors.length > 0 && !this.notified.has(signature)) {
        this.notified.add(signature);
        const locale = this.context.locale(settings);
        const fileProblem = this.fileProblems.get(path);
        // A missing file or a misplaced ~/.medterm is said as such (P9), not as "1 problem(s) in the term file".
        const problem = fileProblem && termFileProblemMessage(fileProblem, path, locale === 'en');
        void connection.window.showWarningMessage(
          formatMessage(
            problem
              ? message('server.termFileProblem', { problem })
              : message('server.termFileErrors', { path, count: errors.length }),
            locale,
          ),
        );
      }
    }
    for (const uri of this.published)
      if (!nowPublished.has(uri)) await connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published = nowPublished;
  }
}

/** Dispose the packed layers of `files` that `kept` does not hold. */
function disposePacked(files: readonly ParsedLayerFile[], kept: readonly ParsedLayerFile[]): void {
  const keep = new Set(kept.map((file) => file.packed));
  for (const file of files) if (file.packed && !keep.has(file.packed)) file.packed.dispose();
}
