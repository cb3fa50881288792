import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileChangeType } from 'vscode-languageserver';
import { spanToRange } from './convert';
import { analyze, crossFileFindings, fileForms, fileKindOf, looksBinary, textExtensions, type Analysis, type FileForms, type Finding } from './engine';
import type { ServerContext } from './server';
import type { Settings } from './settings';

/** The text files of the one list (engine/fileKinds): Markdown, Quarto, R Markdown, LaTeX, plain text. */
const PROSE = textExtensions().map((extension) => `.${extension}`);
const LIMIT = 5000;

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

  constructor(private readonly context: ServerContext) {}

  async scan(): Promise<void> {
    if (this.scanning) return this.scanning;
    this.scanning = this.runScan().finally(() => {
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
      const filesSettings = (await connection.workspace.getConfiguration({ scopeUri: runtime.pathToUri(folder), section: 'files' }).catch(() => undefined)) as { exclude?: Record<string, boolean> } | undefined;
      const exclude = Object.entries(filesSettings?.exclude ?? {}).filter(([, on]) => on).map(([glob]) => glob.replace(/^\*\*\//, '**/'));
      files.push(...runtime.listWorkspaceFiles(folder, { extensions: PROSE, exclude, limit: LIMIT - files.length }));
    }
    const english = this.context.locale(settings) === 'en';
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    progress?.begin('MedTerm', 0, english ? `checking ${files.length} files for consistency` : `检查 ${files.length} 个文件的术语一致性`, true);
    try {
      for (let index = 0; index < files.length; index++) {
        if (progress?.token.isCancellationRequested) break;
        this.indexPath(files[index]!);
        if (index % 20 === 19) {
          progress?.report(Math.round(((index + 1) / files.length) * 100), `${index + 1}/${files.length}`);
          // Let requests (hover, completion) in between.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    } finally {
      progress?.done();
    }
    connection.console.info(`MedTerm: indexed ${this.files.size} files for consistency`);
    this.context.dictionaryChanged();
  }

  private indexPath(path: string): void {
    const uri = this.context.runtime.pathToUri(path);
    const open = this.context.documents.get(uri);
    const text = open?.getText() ?? this.context.runtime.readText(path);
    if (text === undefined || looksBinary(text)) {
      this.files.delete(uri);
      return;
    }
    const document = TextDocument.create(uri, languageOf(path), 0, text);
    this.record(document, analyze(text, this.context.dictionary(), { languageId: languageOf(path) }));
  }

  /** Remember the forms a document uses (its current version), with line/character for related locations. */
  record(document: TextDocument, analysis: Analysis): void {
    this.files.set(document.uri, fileForms(analysis.matches, (span) => spanToRange(document, span)));
  }

  fileChanged(uri: string, type: FileChangeType): void {
    if (type === FileChangeType.Deleted) this.files.delete(uri);
    else {
      const path = this.context.runtime.uriToPath(uri);
      if (!path || !PROSE.some((extension) => path.toLowerCase().endsWith(extension))) return;
      this.indexPath(path);
    }
    this.context.dictionaryChanged();
  }

  /** Findings for a document that uses another form of a concept than the rest of the workspace. */
  crossFileFindings(document: TextDocument, analysis: Analysis, settings: Settings): Finding[] {
    const severity = settings.rules['inconsistent-term'] ?? 'information';
    if (severity === 'off' || this.files.size === 0) return [];
    this.record(document, analysis);
    const dictionary = this.context.dictionary();
    const others = [...this.files].map(([uri, forms]) => ({ uri, forms }));
    return crossFileFindings(document.uri, analysis.matches, others, { severity, conceptName: (id) => dictionary.concepts.get(id)?.en ?? id });
  }
}
