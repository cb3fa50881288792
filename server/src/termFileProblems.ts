import { formatMessage } from './engine';

/** Term file paths that cannot be read as term files (no node:* here: the server module imports it). */
export type TermFileProblem = 'not-found' | 'not-a-folder' | 'not-a-file';

/**
 * Problem messages in both languages (the engine's message table, ids `termFile.<problem>`), for the CLI's
 * stderr, the server's notification and the term file's diagnostics.
 */
export function termFileProblemMessage(problem: TermFileProblem, path: string, english: boolean): string {
  return formatMessage({ id: `termFile.${problem}`, params: { path } }, english ? 'en' : 'zh-cn');
}
