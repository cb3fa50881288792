import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { formatMessage, safeEdits, type Finding, type Locale } from '../engine';
import { editToTextEdit, findingToDiagnostic, rangeToSpan } from '../convert';
import type { ServerContext } from '../context';

/** The code action kind of MedTerm's fix-all, for editor.codeActionsOnSave. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.medterm`;

/** Actions that change the workspace's term file instead of the text. */
function workspaceActions(
  text: string,
  finding: Finding,
  uri: string,
  diagnostic: Diagnostic,
  locale: Locale,
): CodeAction[] {
  if (finding.ruleId === 'inconsistent-term' && finding.conceptId) {
    const preferred = finding.fixes[0]?.edits[0]?.newText;
    if (!preferred) return [];
    const title = formatMessage({ id: 'workspace.addVariant', params: { text, preferred } }, locale);
    return [
      {
        title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        command: {
          title,
          command: 'medterm.addVariantToWorkspace',
          arguments: [uri, finding.conceptId, text, preferred],
        },
      },
    ];
  }
  const title = formatMessage({ id: 'workspace.accept', params: { text } }, locale);
  const accept: CodeAction = {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title, command: 'medterm.acceptInWorkspace', arguments: [uri, text] },
  };
  if (finding.ruleId !== 'near-miss-name') return [accept];
  // A near miss may be another drug that the dictionary lacks: the writer says so, and the form is accepted.
  const different = formatMessage(
    { id: 'workspace.differentDrug', params: { text, candidate: String(finding.message.params?.candidate ?? '') } },
    locale,
  );
  return [
    accept,
    {
      title: different,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: different, command: 'medterm.acceptInWorkspace', arguments: [uri, text] },
    },
  ];
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((requested) => kind === requested || kind.startsWith(`${requested}.`));
}

/**
 * Quick fixes for the findings under the cursor (safe ones marked preferred), and
 * source.fixAll.medterm, which applies the safe fixes only.
 */
export function registerCodeActions(
  context: Pick<ServerContext, 'connection' | 'forDocument' | 'analysis' | 'findings' | 'locale'>,
): void {
  context.connection.onCodeAction((params, token) =>
    context.forDocument<CodeAction[]>('codeAction', token, [], params.textDocument.uri, (document, settings) => {
      const analysis = context.analysis(document, settings);
      const locale = context.locale(settings);
      const only = params.context.only;
      const actions: CodeAction[] = [];
      const uri = document.uri;

      if (wants(only, CodeActionKind.QuickFix)) {
        const span = rangeToSpan(document, params.range);
        const touching = (finding: Finding): boolean =>
          finding.span.start <= span.end && finding.span.end >= span.start;
        for (const finding of context.findings(document, settings).filter(touching)) {
          const diagnostic: Diagnostic = findingToDiagnostic(document, finding, locale);
          for (const fix of finding.fixes) {
            actions.push({
              title: formatMessage(fix.title, locale),
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: fix.tier === 'safe',
              edit: { changes: { [uri]: fix.edits.map((edit) => editToTextEdit(document, edit)) } },
            });
          }
          actions.push(
            ...workspaceActions(
              document.getText().slice(finding.span.start, finding.span.end),
              finding,
              uri,
              diagnostic,
              locale,
            ),
          );
        }
      }

      if (only && wants(only, FIX_ALL_KIND)) {
        const edits = safeEdits(analysis.findings);
        if (edits.length > 0) {
          actions.push({
            title: formatMessage({ id: 'server.fixAll', params: { count: edits.length } }, locale),
            kind: FIX_ALL_KIND,
            edit: { changes: { [uri]: edits.map((edit) => editToTextEdit(document, edit)) } },
          });
        }
      }
      return actions;
    }),
  );
}
