import { TextDocument } from 'vscode-languageserver-textdocument';
import { FileChangeType } from 'vscode-languageserver';
import { spanToRange } from './convert';
import { analyze, formsByConcept, looksBinary, type Analysis, type Finding, type RelatedLocation } from './engine';
import type { ServerContext } from './server';
import type { Settings } from './settings';

/** Where one written form of one concept is used in one file. */
interface FormUse {
  readonly text: string;
  readonly standard: boolean;
  readonly count: number;
  readonly first: NonNullable<RelatedLocation['range']>;
}

const PROSE = ['.md', '.markdown', '.txt', '.tex'];
const LIMIT = 5000;

function languageOf(path: string): string {
  const lower = path.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.tex')) return 'latex';
  return 'plaintext';
}

/**
 * Consistency across a manuscript of many files: which accepted form of each concept every prose file of
 * the workspace uses. Built by a background scan (with progress, honouring .gitignore and files.exclude),
 * kept current from file events and from the documents being edited.
 */
export class WorkspaceIndex {
  /** uri → conceptId → folded form → use */
  private readonly files = new Map<string, Map<string, Map<string, FormUse>>>();
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

  /** Remember the forms a document uses (its current version). */
  record(document: TextDocument, analysis: Analysis): void {
    const byConcept = new Map<string, Map<string, FormUse>>();
    for (const [conceptId, forms] of formsByConcept(analysis.matches)) {
      const uses = new Map<string, FormUse>();
      for (const [key, form] of forms) uses.set(key, { text: form.text, standard: form.standard, count: form.matches.length, first: spanToRange(document, form.matches[0]!.span) });
      byConcept.set(conceptId, uses);
    }
    this.files.set(document.uri, byConcept);
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

  /**
   * Findings for a document that is consistent in itself but uses another form than the rest of the
   * workspace: 达雷妥尤单抗-style pairs of accepted forms across chapters.
   */
  crossFileFindings(document: TextDocument, analysis: Analysis, settings: Settings): Finding[] {
    const severity = settings.rules['inconsistent-term'] ?? 'information';
    if (severity === 'off' || this.files.size === 0) return [];
    this.record(document, analysis);
    const findings: Finding[] = [];
    for (const [conceptId, localForms] of formsByConcept(analysis.matches)) {
      if (localForms.size !== 1) continue; // mixed forms in one document: the in-document rule reports them
      const [localKey, local] = [...localForms.entries()][0]!;
      const others = new Map<string, { text: string; standard: boolean; count: number; locations: { uri: string; range: FormUse['first'] }[] }>();
      for (const [uri, concepts] of this.files) {
        if (uri === document.uri) continue;
        for (const [key, use] of concepts.get(conceptId) ?? []) {
          const entry = others.get(key) ?? others.set(key, { text: use.text, standard: use.standard, count: 0, locations: [] }).get(key)!;
          entry.count += use.count;
          entry.locations.push({ uri, range: use.first });
        }
      }
      const totals = new Map<string, { text: string; standard: boolean; count: number }>();
      totals.set(localKey, { text: local.text, standard: local.standard, count: local.matches.length });
      for (const [key, other] of others) {
        const total = totals.get(key) ?? totals.set(key, { text: other.text, standard: other.standard, count: 0 }).get(key)!;
        total.count += other.count;
      }
      if (totals.size < 2) continue;
      let preferredKey = localKey;
      for (const [key, total] of totals) {
        const best = totals.get(preferredKey)!;
        if (total.count > best.count || (total.count === best.count && total.standard && !best.standard)) preferredKey = key;
      }
      if (preferredKey === localKey) continue;
      const preferred = others.get(preferredKey)!;
      const concept = this.context.dictionary().concepts.get(conceptId);
      const related: RelatedLocation[] = preferred.locations.slice(0, 3).map((location) => ({ span: { start: 0, end: 0 }, uri: location.uri, range: location.range, message: { id: 'inconsistent-term.workspace.related', params: { preferred: preferred.text } } }));
      const allEdits = local.matches.map((match) => ({ span: match.span, newText: preferred.text }));
      for (const match of local.matches) {
        findings.push({
          ruleId: 'inconsistent-term',
          severity,
          span: match.span,
          conceptId,
          message: { id: 'inconsistent-term.workspace', params: { text: match.text, preferred: preferred.text, count: preferred.count, files: preferred.locations.length, en: concept?.en ?? conceptId } },
          fixes: [
            { tier: 'suggestion', title: { id: 'inconsistent-term.fix.one', params: { preferred: preferred.text } }, edits: [{ span: match.span, newText: preferred.text }] },
            { tier: 'suggestion', scope: 'document', title: { id: 'inconsistent-term.fix.all', params: { preferred: preferred.text, count: allEdits.length } }, edits: allEdits },
          ],
          related,
        });
      }
    }
    return findings;
  }
}
