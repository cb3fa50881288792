import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, MarkupContent } from 'vscode-languageserver-types';
import { analyze, fixAllSafe } from '../../server/src/engine';
import { builtinDictionary, review } from '../helpers/dictionary';
import { LspClient, positionOf } from '../helpers/lspClient';

/** Plain LSP over stdio against the built server bundle (npm run build first; npm test does). */
describe('language server over stdio', () => {
  let client: LspClient;
  const dictionary = builtinDictionary();

  beforeAll(async () => {
    client = new LspClient();
    const result = (await client.initialize()) as { capabilities: Record<string, unknown> };
    expect(result.capabilities).toMatchObject({ hoverProvider: true, textDocumentSync: 2 });
  });
  afterAll(async () => client.stop());

  const hoverText = async (uri: string, needle: string): Promise<string> => {
    const hover = await client.hover(uri, positionOf(client.document(uri), needle, 1));
    return (hover?.contents as MarkupContent | undefined)?.value ?? '';
  };

  it('hovers 硼替佐米 and bortezomib, 埃雷妥珠单抗 and KRd', async () => {
    const uri = 'file:///hover.md';
    client.open(uri, '硼替佐米联合地塞米松。Bortezomib is a PI. 埃雷妥珠单抗获批。采用 KRd 方案。');
    for (const needle of ['硼替佐米', 'Bortezomib']) {
      const text = await hoverText(uri, needle);
      expect(text).toContain('**硼替佐米** · bortezomib');
      expect(text).toContain('蛋白酶体抑制剂');
    }
    expect(await hoverText(uri, '埃雷妥珠单抗')).toMatch(/^\*\*非标准写法\*\*：应写作“埃罗妥珠单抗”/);
    const regimen = await hoverText(uri, 'KRd');
    for (const drug of ['卡非佐米', '来那度胺', '地塞米松']) expect(regimen).toContain(drug);
    const hover = await client.hover(uri, positionOf(client.document(uri), 'KRd', 1));
    expect(hover?.range).toEqual({
      start: positionOf(client.document(uri), 'KRd'),
      end: positionOf(client.document(uri), 'KRd', 3),
    });
  });

  it('completes 卡非, kfzm and carfil to 卡非佐米 with an edit over the typed fragment only, and KRd to the regimen', async () => {
    const uri = 'file:///completion.md';
    const text = '2012 年批准了卡非\nkfzm\ncarfil\nKRd';
    client.open(uri, text);
    const document = client.document(uri);
    for (const fragment of ['卡非', 'kfzm', 'carfil']) {
      const end = positionOf(document, fragment, fragment.length);
      const list = await client.completion(uri, end);
      const item = list!.items[0]!;
      expect(item.label).toBe('卡非佐米');
      expect(item.textEdit).toEqual({ range: { start: positionOf(document, fragment), end }, newText: '卡非佐米' });
      expect(item.filterText).toBe(fragment);
      expect(list!.isIncomplete).toBe(true);
    }
    const regimen = await client.completion(uri, positionOf(document, 'KRd', 3));
    expect(regimen!.items[0]).toMatchObject({
      label: 'KRd',
      detail: expect.stringContaining('卡非佐米+来那度胺+地塞米松'),
    });
  });

  it("publishes the review's findings at the engine's ranges, with source medterm and rule codes", async () => {
    const uri = 'file:///review.txt';
    const text = review();
    client.open(uri, text, 'plaintext');
    const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length > 0);
    const expected = analyze(text, dictionary, { languageId: 'plaintext' }).findings;
    expect(diagnostics.length).toBe(expected.length);
    const document = client.document(uri);
    diagnostics.forEach((diagnostic, index) => {
      expect(diagnostic.source).toBe('medterm');
      expect(diagnostic.code).toBe(expected[index]!.ruleId);
      expect(document.offsetAt(diagnostic.range.start)).toBe(expected[index]!.span.start);
      expect(document.offsetAt(diagnostic.range.end)).toBe(expected[index]!.span.end);
    });
  });

  it('after a series of edits (each analysed reusing the last), publishes what a fresh open of the same text gets', async () => {
    const uri = 'file:///edited.md';
    const base = review();
    client.open(uri, base);
    await client.waitForDiagnostics(uri, (list) => list.length > 0);
    const at = (needle: string, delta = 0) => positionOf(client.document(uri), needle, delta);
    const steps: {
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      newText: string;
    }[][] = [];
    // Into a term (来那度胺 → 来那度安胺), a term replaced (→ 达雷木单抗), a paragraph split, a code block
    // opened over the rest of the document and closed again, text deleted across two paragraphs.
    const edits: (() => {
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
      newText: string;
    })[] = [
      () => ({ range: { start: at('来那度胺', 3), end: at('来那度胺', 3) }, newText: '安' }),
      () => ({ range: { start: at('达雷妥尤单抗'), end: at('达雷妥尤单抗', 6) }, newText: '达雷木单抗' }),
      () => ({ range: { start: at('硼替佐米', 2), end: at('硼替佐米', 2) }, newText: '\n\n' }),
      () => ({ range: { start: at('多发性骨髓瘤'), end: at('多发性骨髓瘤') }, newText: '```\n' }),
      () => ({ range: { start: at('```'), end: at('```', 4) }, newText: '' }),
      () => ({ range: { start: at('。', 1), end: at('伊沙佐米') }, newText: 'PFS' }),
    ];
    for (const edit of edits) {
      const change = edit();
      steps.push([change]);
      const before = client.diagnostics.get(uri)!.length;
      client.change(uri, [change]);
      await client.waitFor(
        'diagnostics of the edit',
        () =>
          client.diagnostics.get(uri)!.length > before &&
          client.diagnostics.get(uri)!.at(-1)!.version === client.document(uri).version,
      );
      const edited = client.diagnostics.get(uri)!.at(-1)!.diagnostics;
      const fresh = `file:///fresh-${steps.length}.md`;
      client.open(fresh, client.document(uri).getText());
      const expected = await client.waitForDiagnostics(fresh, () => true);
      expect(edited.map((d) => [d.code, d.range, d.message])).toEqual(
        expected.map((d) => [d.code, d.range, d.message]),
      );
      client.close(fresh);
    }
    expect(client.document(uri).getText()).not.toBe(base);
  });

  it('offers a preferred quick fix on 埃雷妥珠单抗 and applying it replaces just the term', async () => {
    // Each test opens a document of its own: none depends on another having run first (design review §2.8).
    const uri = 'file:///review-quickfix.txt';
    client.open(uri, review(), 'plaintext');
    const document = client.document(uri);
    const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length > 0);
    const target = diagnostics.find((diagnostic) => document.getText(diagnostic.range) === '埃雷妥珠单抗')!;
    const actions = await client.codeActions(uri, target.range, undefined, [target]);
    const preferred = actions.find((action) => action.isPreferred)!;
    expect(preferred.kind).toBe('quickfix');
    expect(preferred.edit?.changes?.[uri]).toEqual([{ range: target.range, newText: '埃罗妥珠单抗' }]);
  });

  it('applies fix-all (safe fixes only) to the review: no safe finding is left and nothing else changes', async () => {
    const uri = 'file:///review-fixall.txt';
    client.open(uri, review(), 'plaintext');
    await client.waitForDiagnostics(uri, (list) => list.length > 0);
    const before = client.document(uri).getText();
    const actions = await client.codeActions(
      uri,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      ['source.fixAll.medterm'],
    );
    expect(actions.map((action) => action.kind)).toEqual(['source.fixAll.medterm']);
    const after = client.applyEdit(uri, actions[0] as CodeAction);
    expect(after.getText()).toBe(fixAllSafe(before, dictionary, { languageId: 'plaintext' }).text);
    const again = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [
      'source.fixAll.medterm',
    ]);
    expect(again).toEqual([]);
    // Suggestions (confusables, abbreviations, letter case) are still reported after fix-all.
    const left = await client.waitForDiagnostics(uri);
    expect(left.some((diagnostic: Diagnostic) => diagnostic.code === 'confusable-term')).toBe(true);
    expect(
      left
        .filter((diagnostic) => diagnostic.code === 'nonstandard-name')
        .map((diagnostic) => after.getText(diagnostic.range))
        .sort(),
    ).toEqual(['PCD', '泛素蛋白酶的信号通路', '蛋白质酶抑制剂', '蛋白酶亚单位'].sort());
  });

  it('gets ranges right with CRLF line ends and astral-plane characters before the terms', async () => {
    const uri = 'file:///crlf.md';
    const text = '𠀀😀 前言\r\n😀😀埃雷妥珠单抗与𠀀来那度胺\r\n卡非';
    client.open(uri, text);
    const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length > 0);
    const variant = diagnostics.find((diagnostic) => diagnostic.code === 'nonstandard-name')!;
    expect(variant.range).toEqual({ start: { line: 1, character: 4 }, end: { line: 1, character: 10 } });
    const hover = await client.hover(uri, { line: 1, character: 13 });
    expect((hover?.contents as MarkupContent).value).toContain('**来那度胺** · lenalidomide');
    expect(hover?.range).toEqual({ start: { line: 1, character: 13 }, end: { line: 1, character: 17 } });
    const list = await client.completion(uri, { line: 2, character: 2 });
    expect(list!.items[0]!.textEdit).toEqual({
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } },
      newText: '卡非佐米',
    });
    const [fixAll] = await client.codeActions(uri, variant.range, ['source.fixAll.medterm']);
    expect(client.applyEdit(uri, fixAll!).getText()).toBe('𠀀😀 前言\r\n😀😀埃罗妥珠单抗与𠀀来那度胺\r\n卡非');
  });

  it('applies settings without a restart: a rule turned off, a locale switched', async () => {
    const uri = 'file:///settings.md';
    client.open(uri, '利那度胺；PFS 延长');
    await client.waitForDiagnostics(uri, (list) => list.length === 2);
    await client.configure({ rules: { 'nonstandard-name': 'off' } });
    const off = await client.waitForDiagnostics(uri, (list) => list.length === 1);
    expect(off[0]!.code).toBe('undefined-abbreviation');
    await client.configure({ locale: 'en', rules: { 'undefined-abbreviation': 'error' } });
    const english = await client.waitForDiagnostics(
      uri,
      (list) => list.length === 2 && list.some((d) => d.severity === 1),
    );
    expect(english.find((d) => d.code === 'nonstandard-name')!.message).toContain('is non-standard');
    await client.configure({ rules: { 'no-such-rule': 'off', 'nonstandard-name': 'loud' } });
    await client.waitForDiagnostics(
      uri,
      (list) => list.length === 2 && list.every((d) => /[\u4e00-\u9fff]/.test(d.message)),
    );
    await client.configure({});
  });
});
