import { MarkupKind, type Hover } from 'vscode-languageserver';
import { hoverAt } from '../engine';
import { spanToRange } from '../convert';
import type { ServerContext } from '../server';

export function registerHover(context: ServerContext): void {
  context.connection.onHover((params, token) =>
    context.forDocument<Hover | null>('hover', token, null, params.textDocument.uri, (document, settings) => {
      const analysis = context.analysis(document, settings);
      const result = hoverAt(analysis, context.dictionary(), document.offsetAt(params.position), context.locale(settings));
      if (!result) return null;
      return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: spanToRange(document, result.span) };
    }),
  );
}
