/** Term file paths that cannot be read as term files (no node:* here: the server module imports it). */
export type TermFileProblem = 'not-found' | 'not-a-folder' | 'not-a-file';

/** Problem messages in both languages, for the CLI's stderr, the server's notification and the term file's diagnostics. */
export function termFileProblemMessage(problem: TermFileProblem, path: string, english: boolean): string {
  if (problem === 'not-found') return english ? `term file not found: ${path}` : `找不到术语文件：${path}`;
  if (problem === 'not-a-file')
    return english
      ? `${path} is not a regular file (a folder, a FIFO or a device); it is not read as a term file`
      : `${path} 不是普通文件（可能是文件夹、FIFO 或设备），不作为术语文件读取`;
  return english
    ? `${path} is not a folder: user term files are read from the folder ~/.medterm (or $MEDTERM_HOME); it is ignored`
    : `${path} 不是文件夹：用户术语文件从文件夹 ~/.medterm（或 $MEDTERM_HOME）读取；已忽略`;
}
