import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LspClient, positionOf } from '../helpers/lspClient';

/**
 * The server's blind spots the design review found by mutation (design-review.md §2.8): each test fails
 * under the mutant it names. Each test has a server and documents of its own.
 */
describe('language server blind spots (design review §2.8)', () => {
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('a safe fix is the preferred quick fix; a suggestion never is (mutant: every quick fix isPreferred)', async () => {
    client = new LspClient();
    await client.initialize();
    const uri = 'file:///preferred.md';
    client.open(uri, '硼替佐米是一种蛋白酶抑制剂。使用利那度胺。');
    const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length >= 2);
    const document = client.document(uri);
    const confusable = diagnostics.find((diagnostic) => document.getText(diagnostic.range) === '蛋白酶抑制剂')!;
    const safe = diagnostics.find((diagnostic) => document.getText(diagnostic.range) === '利那度胺')!;
    const onSuggestion = (await client.codeActions(uri, confusable.range, undefined, [confusable])).filter(
      (action) => action.kind === 'quickfix',
    );
    expect(onSuggestion.length).toBeGreaterThan(0);
    expect(onSuggestion.filter((action) => action.isPreferred)).toEqual([]);
    const onSafe = (await client.codeActions(uri, safe.range, undefined, [safe])).filter(
      (action) => action.kind === 'quickfix',
    );
    expect(
      onSafe.filter((action) => action.isPreferred).map((action) => action.edit?.changes?.[uri]?.[0]?.newText),
    ).toEqual(['来那度胺']);
  });

  it("a term file's diagnostics are cleared once it is fixed (mutant: the published set kept)", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'medterm-blind-'));
    mkdirSync(join(folder, '.medterm'));
    const termFile = join(folder, '.medterm', 'terms.yaml');
    const bad = 'entries:\n  - id: Bad Id\n    category: drug\n';
    const good =
      'entries:\n  - id: house-term\n    category: term\n    zh: 院内术语\n    en: house term\n    cite: [{ source: team }]\n';
    writeFileSync(termFile, bad);
    client = new LspClient();
    await client.initialize({ rootUri: pathToFileURL(folder).href });
    const uri = pathToFileURL(termFile).href;
    client.open(uri, bad, 'yaml');
    const errors = await client.waitForDiagnostics(uri, (list) => list.length > 0, 20_000);
    expect(errors[0]!.range.start.line).toBe(1);
    client.change(uri, [
      {
        range: { start: { line: 0, character: 0 }, end: positionOf(client.document(uri), 'drug', 4) },
        newText: good.trimEnd(),
      },
    ]);
    expect(await client.waitForDiagnostics(uri, (list) => list.length === 0, 20_000)).toEqual([]);
  });

  it('settings changes keep one file-watcher registration (mutant: re-registered without disposing the old one)', async () => {
    client = new LspClient();
    await client.initialize({ rootUri: pathToFileURL(mkdtempSync(join(tmpdir(), 'medterm-watch-'))).href });
    const watchers = (): number =>
      [...client!.registrations.values()].filter((method) => method === 'workspace/didChangeWatchedFiles').length;
    await client.waitFor('the first watcher registration', () => watchers() === 1);
    const seen = new Set(client.registrations.keys());
    for (let change = 1; change <= 3; change++) {
      await client.configure({ dictionaries: [`/nonexistent/terms-${change}.yaml`] });
      // The server unregisters the old watchers, then registers new ones: wait for the new id, then count.
      await client.waitFor(`re-registration ${change}`, () =>
        [...client!.registrations.keys()].some((id) => !seen.has(id)),
      );
      for (const id of client.registrations.keys()) seen.add(id);
      expect(watchers()).toBe(1);
    }
  });
});
