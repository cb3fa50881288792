import { addAcceptedText, addVariant } from '../engine';
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
const WRITE_PROBLEMS: Record<string, readonly [string, string]> = {
  'read-only': ['文件为只读', 'the file is read-only'],
  'not-permitted': ['没有写入权限', 'no permission to write it'],
  'no-space': ['磁盘空间不足', 'no space left on the device'],
  changed: ['文件刚被其他程序改动', 'it was just changed by another program'],
  'not-a-file': ['不是普通文件', 'not a regular file'],
};

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
        const english = context.locale(await context.settingsFor(documentUri)) === 'en';
        const name = runtime.uriToPath(documentUri) ?? documentUri;
        void connection.window.showWarningMessage(
          english
            ? `MedTerm: ${name} is not in a workspace folder, so there is no workspace term file to write. Open its folder as a workspace, or add the term to ~/.medterm.`
            : `MedTerm：${name} 不在任何工作区文件夹中，没有可写入的工作区术语文件。请将其所在文件夹作为工作区打开，或把术语加入 ~/.medterm。`,
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
          const english = context.locale(await context.settingsFor(documentUri)) === 'en';
          const problem = (error as { problem?: string }).problem;
          const reason = (problem && WRITE_PROBLEMS[problem]?.[english ? 1 : 0]) ?? (error as Error).message;
          void connection.window.showErrorMessage(
            english
              ? `MedTerm: could not write ${target} (${reason}); the file is left as it was.`
              : `MedTerm：无法写入 ${target}（${reason}），文件保持原样。`,
          );
          return;
        }
      }
      await context.dictionaries.reload();
    }),
  );
}
