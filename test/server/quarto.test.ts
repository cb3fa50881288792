import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUARTO } from '../helpers/quarto';
import { LspClient } from '../helpers/lspClient';

describe('the language server on Quarto and R Markdown documents', () => {
  let client: LspClient;
  beforeAll(async () => {
    client = new LspClient();
    await client.initialize();
  });
  afterAll(async () => client.stop());

  for (const [languageId, uri] of [
    ['quarto', 'file:///paper.qmd'],
    ['rmd', 'file:///analysis.Rmd'],
  ] as const) {
    it(`checks only the prose of a ${languageId} document (default settings)`, async () => {
      client.open(uri, QUARTO, languageId);
      const diagnostics = await client.waitForDiagnostics(uri, (list) => list.length > 0);
      expect(
        diagnostics.map((diagnostic) => [client.document(uri).getText(diagnostic.range), diagnostic.range.start.line]),
      ).toEqual([
        ['达雷木单抗', 5],
        ['埃雷妥珠单抗', 12],
      ]);
    });
  }
});
