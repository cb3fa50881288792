import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspClient } from '../helpers/lspClient';

/** Audit rows F10 (protocol lifecycle), F9 (accept outside the workspace) and P9 (a configured file that does not exist). */

async function errorCode(promise: Promise<unknown>): Promise<number | string> {
  try {
    await promise;
    return 'answered';
  } catch (error) {
    return (error as { code: number }).code;
  }
}

describe('F10: the LSP lifecycle', () => {
  it('F10: a request before initialize is refused with -32002; a second initialize and requests after shutdown with InvalidRequest (-32600)', async () => {
    const client = new LspClient();
    try {
      expect(await errorCode(client.hover('file:///early.md', { line: 0, character: 0 }))).toBe(-32002);
      await client.initialize();
      client.open('file:///lifecycle.md', '使用利那度胺治疗。\n');
      expect(JSON.stringify(await client.hover('file:///lifecycle.md', { line: 0, character: 3 }))).toContain(
        '来那度胺',
      );
      expect(
        await errorCode(
          client.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }),
        ),
      ).toBe(-32600);
      await client.connection.sendRequest('shutdown');
      expect(await errorCode(client.hover('file:///lifecycle.md', { line: 0, character: 3 }))).toBe(-32600);
      const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
      await client.connection.sendNotification('exit');
      expect(await exited).toBe(0); // exit after shutdown: 0, as before
    } finally {
      client.connection.dispose();
      if (client.process.exitCode === null) client.process.kill();
    }
  });

  it('F10: a notification before initialize is dropped (a document opened then is not known after)', async () => {
    const client = new LspClient();
    try {
      await client.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: 'file:///dropped.md', languageId: 'markdown', version: 1, text: '利那度胺\n' },
      });
      await client.initialize();
      expect(await client.hover('file:///dropped.md', { line: 0, character: 1 })).toBeNull();
    } finally {
      await client.stop();
    }
  });

  it('F10: no client/registerCapability to a client that declared no dynamic registration; watchers to one that did', async () => {
    const registrations = (client: LspClient): string[][] => {
      const seen: string[][] = [];
      client.connection.onRequest('client/registerCapability', (params: { registrations: { method: string }[] }) => {
        seen.push(params.registrations.map((registration) => registration.method));
        return null;
      });
      return seen;
    };
    const bare = new LspClient();
    const bareSeen = registrations(bare);
    const full = new LspClient();
    const fullSeen = registrations(full);
    try {
      await bare.connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
      await bare.connection.sendNotification('initialized', {});
      await full.initialize();
      await full.waitFor('the watcher registration', () => fullSeen.flat().includes('workspace/didChangeWatchedFiles'));
      // The bare server has answered a request after its initialized handler ran: nothing was registered.
      await bare.connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: 'file:///bare.md', languageId: 'markdown', version: 1, text: '利那度胺\n' },
      });
      expect(
        JSON.stringify(
          await bare.connection.sendRequest('textDocument/hover', {
            textDocument: { uri: 'file:///bare.md' },
            position: { line: 0, character: 1 },
          }),
        ),
      ).toContain('来那度胺');
      expect(bareSeen).toEqual([]);
    } finally {
      await bare.stop();
      await full.stop();
    }
  });
});

describe('F9 and P9: workspace term files', () => {
  let client: LspClient;
  let root: string;
  let outside: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'medterm-f9-ws-'));
    outside = mkdtempSync(join(tmpdir(), 'medterm-f9-outside-'));
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'a.md'), '达雷木单抗获批。\n');
    writeFileSync(join(outside, 'b.md'), '达雷木单抗获批。\n');
    client = new LspClient();
    client.settings = { dictionaries: ['team/missing.yaml'], locale: 'en' };
    await client.initialize({ rootUri: pathToFileURL(root).href, locale: 'en' });
  });
  afterAll(async () => client.stop());

  it('F9: accept in this workspace for a document outside every workspace folder is refused with a message; nothing is written', async () => {
    const uri = pathToFileURL(join(outside, 'b.md')).href;
    client.open(uri, '达雷木单抗获批。\n');
    await client.executeCommand('medterm.acceptInWorkspace', [uri, '达雷木单抗']);
    await client.waitFor('the refusal', () =>
      client.messages.some((message) => message.message.includes('not in a workspace folder')),
    );
    expect(client.messages.find((message) => message.message.includes('not in a workspace folder'))!.message).toBe(
      `MedTerm: ${join(outside, 'b.md')} is not in a workspace folder, so there is no workspace term file to write. Open its folder as a workspace, or add the term to ~/.medterm.`,
    );
    expect(existsSync(join(outside, '.medterm'))).toBe(false);
  });

  it("F9: inside a workspace folder it still writes the folder's .medterm/terms.yaml", async () => {
    const uri = pathToFileURL(join(root, 'docs', 'a.md')).href;
    client.open(uri, '达雷木单抗获批。\n');
    await client.executeCommand('medterm.acceptInWorkspace', [uri, '达雷木单抗']);
    expect(readFileSync(join(root, '.medterm', 'terms.yaml'), 'utf8')).toContain('达雷木单抗');
    expect(existsSync(join(root, 'docs', '.medterm'))).toBe(false);
  });

  it('P9: a medterm.dictionaries path that does not exist says "term file not found", not "1 problem(s)"', async () => {
    const missing = join(root, 'team', 'missing.yaml');
    await client.waitFor('the message', () => client.messages.some((message) => message.message.includes(missing)));
    const messages = client.messages
      .filter((message) => message.message.includes(missing))
      .map((message) => message.message);
    expect(messages).toEqual([`MedTerm: term file not found: ${missing}`]);
  });

  it('P9: and in Chinese', async () => {
    const zh = new LspClient();
    zh.settings = { dictionaries: ['/nowhere/团队术语.yaml'] };
    try {
      await zh.initialize({ locale: 'zh-cn' });
      await zh.waitFor('the message', () => zh.messages.some((message) => message.message.includes('团队术语')));
      expect(zh.messages.find((message) => message.message.includes('团队术语'))!.message).toBe(
        'MedTerm：找不到术语文件：/nowhere/团队术语.yaml',
      );
    } finally {
      await zh.stop();
    }
  });
});
