import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyze } from '../../server/src/engine';
import { builtinDictionary, review } from '../helpers/dictionary';
import { LspClient } from '../helpers/lspClient';

/** Edit storms, huge and binary documents, bad settings: over real LSP against the built server. */
export const REPLAYED_EDITS = 1000;

describe('language server reliability', () => {
  let client: LspClient;
  const dictionary = builtinDictionary();
  const summary = (list: Diagnostic[], document: { offsetAt: (p: Diagnostic['range']['start']) => number }): string[] =>
    list.map((d) => `${d.code}@${document.offsetAt(d.range.start)}-${document.offsetAt(d.range.end)}`).sort();

  beforeAll(async () => {
    client = new LspClient();
    client.settings = { debounceMs: 50 };
    await client.initialize();
  });
  afterAll(async () => client.stop());

  it(`ends a storm of ${REPLAYED_EDITS} rapid incremental edits with the diagnostics of a fresh analysis of the final text`, async () => {
    const uri = 'file:///storm.md';
    client.open(uri, '# 草稿\n\n');
    const pieces = [
      '利那度胺',
      '达雷木单抗',
      '硼替佐米',
      'PFS',
      '。',
      '\n',
      '埃雷',
      '妥珠单抗',
      ' ',
      'KRd',
      '免疫调节药物',
      '免疫调节剂',
      '😀',
      '\r\n',
    ];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < REPLAYED_EDITS; i++) {
      const document = client.document(uri);
      const length = document.getText().length;
      const at = random(length + 1);
      if (random(4) === 0 && length > 0) {
        const end = Math.min(length, at + 1 + random(6));
        client.change(uri, [{ range: { start: document.positionAt(at), end: document.positionAt(end) }, newText: '' }]);
      } else {
        client.change(uri, [
          {
            range: { start: document.positionAt(at), end: document.positionAt(at) },
            newText: pieces[random(pieces.length)]!,
          },
        ]);
      }
    }
    const final = client.document(uri);
    expect(final.version).toBe(REPLAYED_EDITS + 1);
    const diagnostics = await client.waitForDiagnostics(uri, () => true, 20_000);
    const fresh = analyze(final.getText(), dictionary, { languageId: 'markdown' }).findings;
    expect(summary(diagnostics, final)).toEqual(fresh.map((f) => `${f.ruleId}@${f.span.start}-${f.span.end}`).sort());
    // Diagnostics were published for a handful of versions, not for every keystroke.
    expect(client.diagnostics.get(uri)!.length).toBeLessThan(20);
  });

  it('publishes nothing but an empty list for a document closed in the middle of edits', async () => {
    const uri = 'file:///closed.md';
    client.open(uri, '利那度胺\n');
    await client.waitForDiagnostics(uri, (list) => list.length === 1);
    for (let i = 0; i < 50; i++)
      client.change(uri, [
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '达雷木单抗' },
      ]);
    client.close(uri);
    const closedAt = client.diagnostics.get(uri)!.length;
    // Let every debounce run out: another document's diagnostics arrive only after its own debounce.
    client.open('file:///after.md', '利那度胺\n');
    await client.waitForDiagnostics('file:///after.md', (list) => list.length === 1);
    await client.hover('file:///after.md', { line: 0, character: 1 });
    const afterClose = client.diagnostics.get(uri)!.slice(closedAt);
    expect(afterClose.length).toBeGreaterThan(0);
    expect(afterClose.every((publish) => publish.diagnostics.length === 0)).toBe(true);
  });

  it('keeps answering requests while a 10 MB document is analysed, and catches up with its edits', async () => {
    const uri = 'file:///huge.txt';
    let text = '';
    const unit = review();
    while (text.length < (10 * 1024 * 1024) / 3) text += unit; // ~3.5 million UTF-16 units, 10 MB of UTF-8
    const started = Date.now();
    client.open(uri, text, 'plaintext');
    const hover = await client.hover(uri, { line: 0, character: 0 });
    expect(hover).toBeNull(); // answered (the line starts with no term)
    const first = await client.waitForDiagnostics(uri, (list) => list.length > 0, 60_000);
    expect(first.length).toBe(analyze(text, dictionary).findings.length);
    client.change(uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '利那度胺' },
    ]);
    const second = await client.waitForDiagnostics(uri, (list) => list.length === first.length + 1, 60_000);
    expect(second[0]!.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
    expect(Date.now() - started).toBeLessThan(60_000);
    client.close(uri);
  });

  it('skips a binary document with a note instead of linting garbage', async () => {
    const uri = 'file:///binary.txt';
    client.open(uri, `\u0000\u0001PK\u0003\u0004${'\u0000'.repeat(200)}利那度胺\ufffd\ufffd`, 'plaintext');
    await client.waitFor('the note', () =>
      client.logs.some((line) => line.includes('binary.txt') && line.includes('looks binary')),
    );
    expect(await client.waitForDiagnostics(uri)).toEqual([]);
  });

  it('survives wrong setting values: a warning names each, and defaults apply', async () => {
    await client.configure({ debounceMs: 'soon', languages: 5, locale: 'klingon', rules: { 'nonstandard-name': 42 } });
    const uri = 'file:///settings-after.md';
    client.open(uri, '利那度胺\n');
    const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length === 1);
    expect(diagnostics[0]!.code).toBe('nonstandard-name');
    for (const key of ['medterm.debounceMs', 'medterm.languages', 'medterm.locale', 'medterm.rules.nonstandard-name']) {
      expect(
        client.logs.some((line) => line.includes(key)),
        key,
      ).toBe(true);
    }
  });
});
