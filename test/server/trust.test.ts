import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/dictionary';
import { LspClient } from '../helpers/lspClient';

describe('trust and robustness of the server process', () => {
  it('runs no regular expression from an untrusted workspace, but keeps its literal rules', async () => {
    const root = mkdtempSync(join(tmpdir(), 'medterm-untrusted-'));
    mkdirSync(join(root, '.medterm'));
    writeFileSync(
      join(root, '.medterm', 'prh.yml'),
      'rules:\n  - { expected: 来那度胺, pattern: 雷利度胺 }\n  - { expected: 第$1期, pattern: "/第([一二三])阶段/" }\n',
    );
    const client = new LspClient();
    try {
      await client.initialize({ rootUri: pathToFileURL(root).href, initializationOptions: { trusted: false } });
      client.open('file:///doc.md', '雷利度胺；第二阶段\n');
      const diagnostics = await client.waitForDiagnostics('file:///doc.md', (list) => list.length > 0);
      expect(diagnostics.map((d) => d.message.slice(0, 8))).toEqual(['“雷利度胺”是非']);
      const prh = await client.waitForDiagnostics(
        pathToFileURL(join(root, '.medterm', 'prh.yml')).href,
        (list) => list.length > 0,
      );
      expect(prh[0]!.message).toContain('ignored: this workspace is not trusted');
    } finally {
      await client.stop();
    }
  });

  it('keeps running, and says why, when its built-in data cannot be read', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'medterm-broken-'));
    mkdirSync(join(broken, 'dist'));
    copyFileSync(join(ROOT, 'dist', 'server.js'), join(broken, 'dist', 'server.js'));
    const client = new LspClient(join(broken, 'dist', 'server.js'));
    try {
      await client.initialize();
      client.open('file:///doc.md', '利那度胺\n');
      expect(await client.waitForDiagnostics('file:///doc.md')).toEqual([]);
      expect(client.logs.some((line) => line.includes('cannot read the built-in dictionary'))).toBe(true);
      expect(await client.hover('file:///doc.md', { line: 0, character: 1 })).toBeNull();
    } finally {
      await client.stop();
    }
  });

  it('ships bundles that load no HTTP client (MedTerm makes no network requests)', () => {
    for (const bundle of ['server.js', 'cli.js', 'client.js']) {
      const code = readFileSync(join(ROOT, 'dist', bundle), 'utf8');
      expect(code, bundle).not.toMatch(/require\(["'](?:node:)?(?:https?|http2|dgram)["']\)/);
      expect(code, bundle).not.toMatch(/\bfetch\(/);
    }
  });
});
