import Mocha from 'mocha';

/**
 * The VS Code API integration suite. `run()` is the entry @vscode/test-electron calls
 * (extensionTestsPath); `runAndReport()` is what the code-server test runner extension calls, since
 * code-server ignores extensionTestsPath: it runs the same tests and returns the outcome as data.
 */
export interface SuiteReport {
  readonly total: number;
  readonly passes: string[];
  readonly failures: { title: string; error: string }[];
}

export function runAndReport(): Promise<SuiteReport> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // Make describe/it available, then load the tests (bundled, initialised lazily by require).
  mocha.suite.emit('pre-require', globalThis, 'medterm.test', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the suite must load after pre-require, so not a static import
  require('./medterm.test');
  return new Promise((resolve) => {
    const report: SuiteReport = { total: 0, passes: [], failures: [] };
    const runner = mocha.run(() => resolve({ ...report, total: report.passes.length + report.failures.length }));
    runner.on('pass', (test) => report.passes.push(test.fullTitle()));
    runner.on('fail', (test, error: Error) =>
      report.failures.push({ title: test.fullTitle(), error: error.stack ?? String(error) }),
    );
  });
}

export async function run(): Promise<void> {
  const report = await runAndReport();
  if (report.failures.length > 0) throw new Error(`${report.failures.length} of ${report.total} VS Code tests failed`);
}
