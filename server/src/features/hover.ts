import { MarkupKind, type Hover } from 'vscode-languageserver';
import { hoverAt } from '../engine';
import { spanToRange } from '../convert';
import type { ServerContext } from '../context';
import { canonicalLanguageId } from '../languageIds';
import { hoverInLargeDocument, isLargeDocument } from '../largeDocuments';

export function registerHover(
  context: Pick<ServerContext, 'connection' | 'forDocument' | 'dictionary' | 'analysis' | 'locale'>,
): void {
  context.connection.onHover((params, token) =>
    context.forDocument<Hover | null>('hover', token, null, params.textDocument.uri, (document, settings) => {
      // A very large document: the paragraph under the cursor, at once, whether or not its analysis is done (F5).
      const result = isLargeDocument(document)
        ? hoverInLargeDocument(
            document.getText(),
            document.offsetAt(params.position),
            context.dictionary(),
            {
              languageId: canonicalLanguageId(document.languageId),
              rules: settings.rules,
              ignoreAbbreviations: settings.abbreviations.ignore,
              region: settings.region,
            },
            context.locale(settings),
          )
        : hoverAt(
            context.analysis(document, settings),
            context.dictionary(),
            document.offsetAt(params.position),
            context.locale(settings),
          );
      if (!result) return null;
      return {
        contents: { kind: MarkupKind.Markdown, value: result.markdown },
        range: spanToRange(document, result.span),
      };
    }),
  );
}
