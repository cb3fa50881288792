import { addAcceptedText, addVariant, formatMessage, type MessageId } from '../engine';
import type { ServerContext } from '../context';

/** Commands behind the code actions that write the workspace term file (.medterm/terms.yaml). */
export const WORKSPACE_COMMANDS = ['medterm.acceptInWorkspace', 'medterm.addVariantToWorkspace'] as const;

/**
 * The term file of the workspace folder holding a document (the longest matching folder). A document outside
 * every workspace folder has none (F9): writing .medterm/ next to any file (/etc/.medterm/…) is refused.
 */
function termFileFor(context: Pick<ServerContext, 'runtime' | 'folders'>, documentUri: string): string | undefined {
  const path = context.runtime.uriToPath(documentUri);
  if (!path) return undefined;
  const { runtime } = context;
  const folder = [...context.folders()]
    .sort((a, b) => b.length - a.length)
    .find((candidate) => runtime.isInside(path, candidate));
  return folder === undefined ? undefined : runtime.joinPath(folder, '.medterm', 'terms.yaml');
}

/** The safe writer's reasons (node/safeWrite.ts), in zh-cn and en. */
const WRITE_PROBLEMS = [
  'server.writeProblem.read-only',
  'server.writeProblem.not-permitted',
  'server.writeProblem.no-space',
  'server.writeProblem.changed',
  'server.writeProblem.not-a-file',
] as const satisfies readonly MessageId[];

export function registerWorkspaceCommands(
  context: Pick<
    ServerContext,
    'connection' | 'runtime' | 'documents' | 'guard' | 'settingsFor' | 'locale' | 'folders' | 'dictionaries'
  >,
): void {
  const { connection, runtime } = context;
  connection.onExecuteCommand((params) =>
    context.guard('executeCommand', undefined, undefined, async () => {
      const [documentUri, ...rest] = (params.arguments ?? []) as string[];
      if (!documentUri || !WORKSPACE_COMMANDS.includes(params.command as (typeof WORKSPACE_COMMANDS)[number])) return;
      const target = termFileFor(context, documentUri);
      if (!target) {
        const locale = context.locale(await context.settingsFor(documentUri));
        const name = runtime.uriToPath(documentUri) ?? documentUri;
        void connection.window.showWarningMessage(
          formatMessage({ id: 'server.noWorkspaceFolder', params: { name } }, locale),
        );
        return;
      }
      const targetUri = runtime.pathToUri(target);
      const open = context.documents.get(targetUri);
      const current = open?.getText() ?? runtime.readText(target) ?? '';
      const next =
        params.command === 'medterm.acceptInWorkspace'
          ? addAcceptedText(current, rest[0]!)
          : addVariant(current, { concept: rest[0]!, text: rest[1]!, replaceWith: rest[2] });
      if (open) {
        // The file is open in the editor: edit the buffer (undoable); saving it is the user's call.
        await connection.workspace.applyEdit({
          label: 'MedTerm',
          edit: {
            changes: {
              [targetUri]: [
                { range: { start: { line: 0, character: 0 }, end: open.positionAt(current.length) }, newText: next },
              ],
            },
          },
        });
      } else {
        try {
          runtime.writeText(target, next);
        } catch (error) {
          // A read-only team file, a full disk, a file changed meanwhile: the user hears it, nothing is replaced.
          const locale = context.locale(await context.settingsFor(documentUri));
          const problem = (error as { problem?: string }).problem;
          const known = WRITE_PROBLEMS.find((id) => id === `server.writeProblem.${problem}`);
          const reason = known ? formatMessage({ id: known }, locale) : (error as Error).message;
          void connection.window.showErrorMessage(
            formatMessage({ id: 'server.writeFailed', params: { path: target, reason } }, locale),
          );
          return;
        }
      }
      await context.dictionaries.reload();
    }),
  );
}
