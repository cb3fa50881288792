import { describe, expect, it } from 'vitest';
import { formatProblem, sortProblems, type DictionaryProblem } from '../../server/src/engine';
import { readablePath } from '../../server/src/engine/dictionary/parse';
import { templateParameters } from '../../server/src/engine/messageFormat';

const problem = (over: Partial<DictionaryProblem>): DictionaryProblem => ({
  source: 'terms.yaml',
  path: 'entries[3].zh',
  message: 'a message',
  severity: 'error',
  ...over,
});

describe('term-file problems as the CLI and the server print them', () => {
  it('formatProblem: file:line:col 1-based, or the file alone without a position', () => {
    expect(formatProblem(problem({ line: 0, column: 0 }))).toBe('terms.yaml:1:1: entries[3].zh: a message');
    expect(formatProblem(problem({ line: 11, column: 4 }))).toBe('terms.yaml:12:5: entries[3].zh: a message');
    expect(formatProblem(problem({ line: 2 }))).toBe('terms.yaml:3:1: entries[3].zh: a message');
    expect(formatProblem(problem({}))).toBe('terms.yaml: entries[3].zh: a message');
  });

  it('sortProblems: each once; file problems stop the run; an entry error says it is skipped; warnings as asked', () => {
    const fileProblem = problem({ path: '(file)', message: 'cannot be parsed' });
    const entryError = problem({ line: 4 });
    const alreadySays = problem({ path: 'rules[2]', message: 'pattern ignored: untrusted', line: 9 });
    const warning = problem({ severity: 'warning', path: 'entries[5]', message: 'a warning', line: 20 });
    const { fatal, skipped } = sortProblems([fileProblem, entryError, entryError, alreadySays, warning], () => false);
    expect(fatal).toEqual([fileProblem]);
    expect(skipped.map((p) => p.message)).toEqual(['a message (this entry is skipped)', 'pattern ignored: untrusted']);
    expect(sortProblems([warning], () => true).skipped).toEqual([warning]);
  });

  it('readablePath: numbers of any length in brackets, names joined by dots', () => {
    expect(readablePath(['entries', 12, 'variants', 0, 'kind'])).toBe('entries[12].variants[0].kind');
    expect(readablePath(['entries', '123', 'zh'])).toBe('entries[123].zh');
    expect(readablePath([])).toBe('(file)');
  });

  it('templateParameters: the names in braces, each once, in order of first use', () => {
    expect(templateParameters('“{text}” is {a} and {b}; {text} again')).toEqual(['text', 'a', 'b']);
    expect(templateParameters('no parameters')).toEqual([]);
  });
});
