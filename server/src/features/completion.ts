import { CompletionItemKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { complete, type Category } from '../engine';
import { spanToRange } from '../convert';
import type { ServerContext } from '../context';

const KIND: Record<Category, CompletionItemKind> = {
  drug: CompletionItemKind.Value,
  'drug-class': CompletionItemKind.Class,
  target: CompletionItemKind.Reference,
  therapy: CompletionItemKind.Method,
  product: CompletionItemKind.Value,
  regimen: CompletionItemKind.Snippet,
  disease: CompletionItemKind.Text,
  outcome: CompletionItemKind.Text,
  abbreviation: CompletionItemKind.Text,
  organisation: CompletionItemKind.Text,
  term: CompletionItemKind.Text,
};

export function registerCompletion(
  context: Pick<ServerContext, 'connection' | 'forDocument' | 'dictionary' | 'locale'>,
): void {
  context.connection.onCompletion((params, token) =>
    context.forDocument<CompletionList | null>(
      'completion',
      token,
      null,
      params.textDocument.uri,
      (document, settings) => {
        const result = complete(document.getText(), document.offsetAt(params.position), context.dictionary(), {
          locale: context.locale(settings),
          regimenInsert: settings.completion.regimenInsert,
        });
        if (!result) return null;
        const range = spanToRange(document, result.range);
        const items: CompletionItem[] = result.items.map((item) => ({
          label: item.label,
          kind: KIND[item.category],
          detail: item.detail,
          sortText: item.sortText,
          // VS Code filters by the word under the cursor, which for Chinese is the whole run; the
          // explicit range and a filterText equal to the typed fragment keep every ranked item.
          filterText: item.filterText,
          textEdit: { range, newText: item.insertText },
          data: { conceptId: item.conceptId },
        }));
        // Re-query on every keystroke: ranking (pinyin, fuzzy) is the server's, not the editor's.
        return { isIncomplete: true, items };
      },
    ),
  );
}
