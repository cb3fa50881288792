import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-types';
import { docx } from '../../server/src/engine';
import { makeDocx } from '../helpers/docx';
import { LspClient, positionOf } from '../helpers/lspClient';

/** What the VS Code command "MedTerm: Check Word document" asks of the server, over LSP. */
describe('the language server on Word documents', () => {
  let client: LspClient;
  const directory = mkdtempSync(join(tmpdir(), 'medterm-docx-server-'));
  const file = join(directory, 'paper.docx');
  const fileUri = pathToFileURL(file).href;
  const viewUri = fileUri.replace(/^file:/, 'medterm-docx:');
  beforeAll(async () => {
    // 埃雷 | 妥珠单抗 in two paragraphs: one term only if the paragraph barrier were missing.
    writeFileSync(
      file,
      makeDocx({
        body: [
          ['硼替佐米是蛋白酶体抑制剂。'],
          [{ text: '埃雷', bold: true }, '妥珠单抗获批。'],
          ['埃雷'],
          ['妥珠单抗'],
          { table: [[['达雷木单抗']]] },
        ],
      }),
    );
    client = new LspClient();
    await client.initialize({ locale: 'zh-cn' });
  });
  afterAll(async () => client.stop());

  it('gives the text of a .docx, and diagnostics and hovers on its read-only view', async () => {
    const result = (await client.connection.sendRequest('medterm/docxText', { uri: fileUri })) as { text: string };
    expect(result.text).toBe(docx.readDocx(readFileSync(file)).text);
    client.open(viewUri, result.text, 'plaintext');
    const diagnostics = await client.waitForDiagnostics(viewUri, (list) => list.length > 0);
    const document = client.document(viewUri);
    // The lone 妥珠单抗 paragraph is only an unknown drug-like word (a hint); the names are one term only in one paragraph.
    expect(
      diagnostics
        .filter((diagnostic) => diagnostic.code === 'nonstandard-name')
        .map((diagnostic) => [document.getText(diagnostic.range), diagnostic.range.start.line]),
    ).toEqual([
      ['埃雷妥珠单抗', 2],
      ['达雷木单抗', 8],
    ]);
    const hover = await client.hover(viewUri, positionOf(document, '硼替佐米', 1));
    expect((hover?.contents as MarkupContent).value).toContain('**硼替佐米** · bortezomib');
  });

  it('writes NAME.medterm.docx with the safe fixes as tracked changes', async () => {
    const result = (await client.connection.sendRequest('medterm/docxFix', { uri: fileUri })) as {
      uri: string;
      applied: number;
      message: string;
    };
    expect(result.applied).toBe(2);
    expect(result.uri).toBe(pathToFileURL(join(directory, 'paper.medterm.docx')).href);
    expect(result.message).toBe('已写入 2 处修订（作者 MedTerm）：paper.medterm.docx');
    expect(docx.readDocx(readFileSync(join(directory, 'paper.medterm.docx'))).text).toContain('埃罗妥珠单抗获批。');
  });

  it("says why a file cannot be read (a .doc), in the user's language", async () => {
    const old = join(directory, 'old.docx');
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    writeFileSync(old, ole);
    const text = (await client.connection.sendRequest('medterm/docxText', { uri: pathToFileURL(old).href })) as {
      error: string;
    };
    expect(text.error).toContain('旧版 Word 97–2003 二进制文档');
    const fix = (await client.connection.sendRequest('medterm/docxFix', { uri: pathToFileURL(old).href })) as {
      error: boolean;
      applied: number;
    };
    expect(fix).toMatchObject({ error: true, applied: 0 });
  });
});
