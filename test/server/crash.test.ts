import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';
import { LspClient } from '../helpers/lspClient';

/**
 * When the server dies of an uncaught error it first writes the cause where the user sees it (the
 * client's output channel, via window/logMessage), then exits so that the client restarts it. The
 * error is injected from outside with a --require preload: no test hook lives in the server.
 */
describe('a crashing server', () => {
  it('logs the cause to the client before it exits', async () => {
    const preload = join(mkdtempSync(join(tmpdir(), 'medterm-crash-')), 'crash.cjs');
    // The failure is thrown once the server has been initialised (it watches its own stdin for the
    // `initialized` notification), never at a fixed time that a loaded machine could reach first.
    writeFileSync(
      preload,
      "let seen = '';\nprocess.stdin.on('data', (chunk) => { seen += chunk; if (seen.includes('\"initialized\"')) { seen = ''; setTimeout(() => { throw new Error('injected failure for the test'); }, 100); } });\n",
    );
    const client = new LspClient(join(ROOT, 'dist', 'server.js'), ['--require', preload]);
    const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
    await client.initialize();
    expect(await exited).toBe(1);
    expect(
      client.logs.some(
        (line) => line.includes('MedTerm server crashed') && line.includes('injected failure for the test'),
      ),
    ).toBe(true);
    client.connection.dispose();
  });
});
