import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-types';
import { LspClient, positionOf } from '../helpers/lspClient';

/** The near-miss rules over LSP against the built server bundle (npm run build first). */
describe('near misses over stdio', () => {
  let client: LspClient;

  beforeAll(async () => {
    client = new LspClient();
    await client.initialize();
  });
  afterAll(async () => client.stop());

  it('publishes a near miss as information with its code, offers the candidate as a non-preferred quick fix, and hovers "did you mean"', async () => {
    const uri = 'file:///near-miss.md';
    const text = '患者接受伊莎佐米治疗，后改用卡非佐米。';
    client.open(uri, text);
    const document = client.document(uri);
    const diagnostics = await client.waitForDiagnostics(uri, (list) =>
      list.some((diagnostic) => diagnostic.code === 'near-miss-name'),
    );
    const miss = diagnostics.filter((diagnostic) => diagnostic.code === 'near-miss-name');
    expect(miss.map((diagnostic) => [diagnostic.range, diagnostic.severity, diagnostic.source])).toEqual([
      [{ start: positionOf(document, '伊莎佐米'), end: positionOf(document, '伊莎佐米', 4) }, 3, 'medterm'],
    ]);
    const actions = await client.codeActions(uri, miss[0]!.range, undefined, miss);
    const replace = actions.find((action) => action.edit?.changes?.[uri]);
    expect(replace?.edit?.changes?.[uri]).toEqual([{ range: miss[0]!.range, newText: '伊沙佐米' }]);
    expect(replace?.isPreferred).toBe(false);
    // "accept in this workspace" is offered too.
    // "accept in this workspace" and "this is a different drug" are offered too (both write `accept` to the workspace term file).
    expect(
      actions
        .filter((action) => action.command?.command === 'medterm.acceptInWorkspace')
        .map((action) => action.command!.arguments),
    ).toEqual([
      [uri, '伊莎佐米'],
      [uri, '伊莎佐米'],
    ]);
    expect(actions.map((action) => action.title)).toContain(
      'MedTerm：“伊莎佐米”是另一种药，不是“伊沙佐米”（在本工作区接受，写入 .medterm/terms.yaml）',
    );
    const fixAll = await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [
      'source.fixAll.medterm',
    ]);
    expect(fixAll).toEqual([]);
    const hover = await client.hover(uri, positionOf(document, '伊莎佐米', 1));
    expect((hover?.contents as MarkupContent).value.split('\n')[0]).toBe(
      '**是否应为**“伊沙佐米”？“莎”与“沙”同音（shā），通用名是“伊沙佐米”',
    );
    expect(hover?.range).toEqual(miss[0]!.range);
  });
});
