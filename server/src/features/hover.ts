import { MarkupKind, type Hover } from 'vscode-languageserver';
import { hoverAt } from '../engine';
import { spanToRange } from '../convert';
import type { ServerContext } from '../server';

export function registerHover(context: ServerContext): void {
  context.connection.onHover((params, token) =>
    context.guard<Hover | null>('hover', token, null, async () => {
      const document = context.documents.get(params.textDocument.uri);
      if (!document) return null;
      const settings = await context.settingsFor(document.uri);
      if (!context.applies(document, settings)) return null;
      const analysis = context.analysis(document, settings);
      const result = hoverAt(analysis, context.dictionary(), document.offsetAt(params.position), context.locale(settings));
      if (!result) return null;
      return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: spanToRange(document, result.span) };
    }),
  );
}
