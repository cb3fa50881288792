import { analyze, docx, formatMessage, safeEdits, type Locale } from '../engine';
import type { ServerContext } from '../context';

/**
 * Word documents in an editor: the client shows a read-only view of a .docx's text (a virtual document in the
 * `medterm-docx` scheme, whose path is the file's) and asks the server for that text and, on command, for the
 * tracked-changes copy. The view is analysed as a Word document (paragraph barriers), so its diagnostics,
 * hovers and quick-fix previews are the CLI's findings.
 */

export const DOCX_SCHEME = 'medterm-docx';

/** Requests: the text of a .docx (by its file URI), and writing its safe fixes as tracked changes. */
export const DOCX_TEXT_REQUEST = 'medterm/docxText';
export const DOCX_FIX_REQUEST = 'medterm/docxFix';

export interface DocxTextResult {
  readonly text?: string;
  /** Why the document cannot be read, in the user's language. */
  readonly error?: string;
}

export interface DocxFixResult {
  /** URI of the written copy (NAME.medterm.docx next to the file). */
  readonly uri?: string;
  readonly applied: number;
  readonly skipped: number;
  /** What to tell the user, in their language. */
  readonly message: string;
  readonly error?: boolean;
}

/** Whether a document is the text view of a Word document. */
export function isDocxView(uri: string): boolean {
  return uri.startsWith(`${DOCX_SCHEME}:`);
}

function fixedPath(path: string): string {
  const dot = path.toLowerCase().endsWith('.docx') ? path.length - '.docx'.length : path.length;
  return `${path.slice(0, dot)}.medterm.docx`;
}

export function registerDocx(
  context: Pick<ServerContext, 'connection' | 'runtime' | 'guard' | 'settingsFor' | 'locale' | 'dictionary'>,
): void {
  const { connection, runtime } = context;
  const read = (uri: string, locale: Locale): { document?: docx.DocxDocument; error?: string } => {
    const path = runtime.uriToPath(uri);
    const bytes = path === undefined ? undefined : runtime.readBytes?.(path);
    if (!bytes) return { error: formatMessage({ id: 'docx.error.notZip' }, locale) };
    try {
      return { document: docx.readDocx(bytes) };
    } catch (error) {
      if (error instanceof docx.DocxError) return { error: formatMessage(error.userMessage, locale) };
      throw error;
    }
  };

  connection.onRequest(DOCX_TEXT_REQUEST, (params: { uri: string }) =>
    context.guard(
      DOCX_TEXT_REQUEST,
      undefined,
      { error: 'MedTerm: internal error' } as DocxTextResult,
      async (): Promise<DocxTextResult> => {
        const locale = context.locale(await context.settingsFor(params.uri));
        const { document, error } = read(params.uri, locale);
        return document ? { text: document.text } : { error };
      },
    ),
  );

  connection.onRequest(DOCX_FIX_REQUEST, (params: { uri: string }) =>
    context.guard(
      DOCX_FIX_REQUEST,
      undefined,
      { applied: 0, skipped: 0, message: 'MedTerm: internal error', error: true } as DocxFixResult,
      async (): Promise<DocxFixResult> => {
        const settings = await context.settingsFor(params.uri);
        const locale = context.locale(settings);
        const { document, error } = read(params.uri, locale);
        if (!document) return { applied: 0, skipped: 0, message: error ?? '', error: true };
        const analysis = analyze(document.text, context.dictionary(), {
          languageId: docx.DOCX_LANGUAGE_ID,
          rules: settings.rules,
          ignoreAbbreviations: settings.abbreviations.ignore,
          region: settings.region,
        });
        const result = docx.writeTrackedChanges(document, safeEdits(analysis.findings), {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
        });
        const path = runtime.uriToPath(params.uri)!;
        if (!result.bytes) {
          const message =
            result.skipped.length > 0
              ? formatMessage({ id: 'docx.fix.skipped', params: { count: result.skipped.length } }, locale)
              : formatMessage({ id: 'docx.fix.none' }, locale);
          return { applied: 0, skipped: result.skipped.length, message };
        }
        const target = fixedPath(path);
        runtime.writeBytes!(target, result.bytes);
        const name = runtime.basename(target);
        const written = formatMessage(
          { id: 'docx.fix.written', params: { count: result.applied.length, file: name } },
          locale,
        );
        const skipped =
          result.skipped.length > 0
            ? ` ${formatMessage({ id: 'docx.fix.skipped', params: { count: result.skipped.length } }, locale)}`
            : '';
        return {
          uri: runtime.pathToUri(target),
          applied: result.applied.length,
          skipped: result.skipped.length,
          message: written + skipped,
        };
      },
    ),
  );
}
