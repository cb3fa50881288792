import type { DictionaryProblem } from '../types';

/**
 * How a run treats term-file problems (the CLI and the server alike): a problem in one entry or one
 * rule drops that entry or rule and is reported as a warning at its file:line:col; only a problem
 * that leaves nothing usable in a file — it cannot be read or parsed, it is empty, its top level has
 * the wrong shape, an import is missing — stops a CLI run (exit 2).
 */
export function isFileProblem(problem: DictionaryProblem): boolean {
  if (problem.severity !== 'error') return false;
  return (
    problem.path === '(file)' ||
    problem.path === 'imports' ||
    problem.path === 'entries' ||
    problem.path === 'accept' ||
    problem.path === 'variants'
  );
}

/** "file:line:col: path: message", 1-based as editors and compilers print it. */
export function formatProblem(problem: DictionaryProblem): string {
  const where = problem.line === undefined ? '' : `:${problem.line + 1}:${(problem.column ?? 0) + 1}`;
  return `${problem.source}${where}: ${problem.path}: ${problem.message}`;
}

/**
 * The problems to show, each once (the same file can reach a run by two routes), split into those that
 * stop a run and those that only skip an entry or a rule (an entry error says it is skipped).
 */
export function sortProblems(
  problems: readonly DictionaryProblem[],
  shown: (problem: DictionaryProblem) => boolean,
): { fatal: DictionaryProblem[]; skipped: DictionaryProblem[] } {
  const seen = new Set<string>();
  const fatal: DictionaryProblem[] = [];
  const skipped: DictionaryProblem[] = [];
  for (const problem of problems) {
    const key = formatProblem(problem);
    if (seen.has(key)) continue;
    seen.add(key);
    if (isFileProblem(problem)) fatal.push(problem);
    else if (problem.severity === 'error')
      skipped.push({
        ...problem,
        message: /\b(skipped|ignored)\b/.test(problem.message)
          ? problem.message
          : `${problem.message} (this entry is skipped)`,
      });
    else if (shown(problem)) skipped.push(problem);
  }
  return { fatal, skipped };
}
