import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Disposable } from 'vscode-languageserver';
import { findingToDiagnostic } from '../convert';
import { looksBinary } from '../engine';
import type { ServerContext } from '../context';
import { isLargeDocument } from '../largeDocuments';

/**
 * Push diagnostics: at once when a document opens, debounced while it is edited (medterm.debounceMs),
 * never for a version that has been superseded or a document that has been closed.
 */
export function registerDiagnostics(
  context: Pick<
    ServerContext,
    | 'connection'
    | 'runtime'
    | 'documents'
    | 'settingsFor'
    | 'dictionaries'
    | 'large'
    | 'applies'
    | 'findings'
    | 'guard'
    | 'locale'
    | 'onDidChange'
  >,
): void {
  const { connection, documents } = context;
  const timers = new Map<string, Disposable>();
  const notedBinary = new Set<string>();

  const validate = async (uri: string, version: number): Promise<void> => {
    const document = documents.get(uri);
    if (!document || document.version !== version) return;
    const settings = await context.settingsFor(uri);
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    // A term file's diagnostics are its problems, published by the dictionary manager.
    if (context.dictionaries.isTermFile(uri)) return;
    // A very large document is analysed in sections between requests; a newer version stops the run.
    if (isLargeDocument(current) && !looksBinary(current.getText()) && context.applies(current, settings)) {
      const done = await context.guard('analysis', undefined, undefined, () => context.large.run(current, settings));
      if (!done) return;
    }
    const diagnostics = await context.guard('diagnostics', undefined, [], () => {
      if (looksBinary(current.getText())) {
        // Not prose: say so once in the log rather than lint garbage.
        if (!notedBinary.has(uri))
          connection.console.info(`MedTerm: skipped ${uri}: it looks binary or is not UTF-8 text`);
        notedBinary.add(uri);
        return [];
      }
      if (!context.applies(current, settings)) return [];
      const locale = context.locale(settings);
      return context.findings(current, settings).map((finding) => findingToDiagnostic(current, finding, locale));
    });
    // The document may have changed or closed while settings were fetched.
    const latest = documents.get(uri);
    if (!latest || latest.version !== version) return;
    await connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const schedule = (document: TextDocument, immediately: boolean): void => {
    timers.get(document.uri)?.dispose();
    const { uri, version } = document;
    const run = (): void => {
      timers.delete(uri);
      void validate(uri, version);
    };
    if (immediately) {
      run();
      return;
    }
    void context.settingsFor(uri).then((settings) => {
      if (documents.get(uri)?.version !== version) return;
      timers.get(uri)?.dispose();
      timers.set(uri, context.runtime.timer.setTimeout(run, settings.debounceMs));
    });
  };

  documents.onDidOpen((event) => schedule(event.document, true));
  documents.onDidChangeContent((event) => schedule(event.document, false));
  documents.onDidClose((event) => {
    timers.get(event.document.uri)?.dispose();
    timers.delete(event.document.uri);
    if (!context.dictionaries.isTermFile(event.document.uri))
      void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });
  context.onDidChange(() => {
    for (const document of documents.all()) schedule(document, true);
  });
}
