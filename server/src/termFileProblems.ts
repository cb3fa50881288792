/** Term file paths that cannot be read as term files (no node:* here: the server module imports it). */
export type TermFileProblem = 'not-found' | 'not-a-folder';

/** Problem messages in both languages, for the CLI's stderr, the server's notification and the term file's diagnostics. */
export function termFileProblemMessage(problem: TermFileProblem, path: string, english: boolean): string {
  if (problem === 'not-found') return english ? `term file not found: ${path}` : `找不到术语文件：${path}`;
  return english
    ? `${path} is not a folder: user term files are read from the folder ~/.medterm (or $MEDTERM_HOME); it is ignored`
    : `${path} 不是文件夹：用户术语文件从文件夹 ~/.medterm（或 $MEDTERM_HOME）读取；已忽略`;
}
