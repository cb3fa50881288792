import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { docx } from '../../server/src/engine';
import { ROOT } from '../helpers/dictionary';
import { makeDocx, revisedText } from '../helpers/docx';
import { editorsInstalled, openWorkbench, startCodeServer, type CodeServer } from './helpers/codeServer';
import { problemRows, termBox, until, visibleLines } from './helpers/workbench';

/**
 * "MedTerm: Check Word document" in a real VS Code (code-server 4.100.3 in Chromium), with the extension
 * installed from the VSIX that `npm run package` builds: a .docx made by the test generator opens as a
 * read-only view of its text, with MedTerm's diagnostics in the Problems panel and its hover card, and the
 * view's title-bar button writes NAME.medterm.docx with the safe fixes as tracked changes by MedTerm.
 * Screenshots go to docs/screenshots with MEDTERM_SCREENSHOTS=1 (otherwise to out/, git-ignored).
 */
const SCREENSHOTS =
  process.env['MEDTERM_SCREENSHOTS'] === '1' ? join(ROOT, 'docs', 'screenshots') : join(ROOT, 'out', 'screenshots');
const SETTINGS = { 'medterm.locale': 'zh-cn' };

// 埃雷 (bold) | 妥珠单抗 (plain) is one text for matching; 利那度胺 in italics; 达雷木单抗 in a table cell.
const PAPER = makeDocx({
  body: [
    ['第一章 蛋白酶体抑制剂'],
    ['硼替佐米是可逆的蛋白酶体抑制剂。'],
    [{ text: '埃雷', bold: true }, '妥珠单抗与', { text: '利那度胺', italic: true }, '和地塞米松联合治疗。'],
    {
      table: [
        [['方案'], ['药物']],
        [['DRd'], ['达雷木单抗']],
      ],
    },
  ],
});

describe('MedTerm on a Word document in VS Code (code-server)', () => {
  let server: CodeServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!editorsInstalled()) throw new Error('code-server or Chromium is missing: run scripts/setup-editors.sh');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const fixture = mkdtempSync(join(tmpdir(), 'medterm-docx-fixture-'));
    writeFileSync(join(fixture, 'paper.docx'), PAPER);
    server = await startCodeServer({ vsix: [join(ROOT, 'medterm.vsix')], fixture, settings: SETTINGS });
    ({ browser, page } = await openWorkbench(server));
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await page?.screenshot({ path: join(ROOT, 'out', `e2e-failure-${context.task.name.replace(/\W+/g, '-')}.png`) });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the read-only text view with "MedTerm: Check Word document" and lists its findings in the Problems panel', async () => {
    // Select the file in the Explorer (VS Code shows its binary placeholder), then run the command from the palette.
    const row = page.locator('.explorer-folders-view .monaco-list-row[aria-label^="paper.docx"]').first();
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    await page.locator('.tab.active[aria-label^="paper.docx"]').waitFor({ timeout: 30_000 });
    // F1, not Ctrl+Shift+P: the browser keeps that chord for itself. The palette lists the extension's
    // commands once the remote extension host has scanned it: reopen it until the command is there.
    const command = page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: /Check Word document|检查 Word 文档/ });
    await until(
      '"MedTerm: Check Word document" in the command palette',
      async () => {
        await page.keyboard.press('Escape');
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').waitFor();
        await page.keyboard.insertText('MedTerm: Check Word');
        return command
          .first()
          .waitFor({ timeout: 3_000 })
          .then(() => true);
      },
      60_000,
    );
    await command.first().click();

    const lines = await until(
      'the text of paper.docx in the editor',
      async () => {
        const current = await visibleLines(page);
        return current.some((line) => line.includes('硼替佐米是可逆的蛋白酶体抑制剂。')) ? current : undefined;
      },
      60_000,
    );
    // Paragraphs and table cells are separated by blank lines, as the CLI and the server read them.
    expect(lines.filter((line) => line.trim() !== '')).toEqual([
      '第一章 蛋白酶体抑制剂',
      '硼替佐米是可逆的蛋白酶体抑制剂。',
      '埃雷妥珠单抗与利那度胺和地塞米松联合治疗。',
      '方案',
      '药物',
      'DRd',
      '达雷木单抗',
    ]);
    expect(lines.join('\n')).toBe(docx.readDocx(PAPER).text);

    // Read-only: typing changes nothing, and VS Code says why.
    await page.mouse.click(...(await center(page, '硼替佐米')));
    await page.keyboard.insertText('X');
    await page
      .locator('.monaco-editor-overlaymessage')
      .filter({ hasText: /read-only|只读/ })
      .first()
      .waitFor({ timeout: 10_000 });
    expect(await visibleLines(page)).toEqual(lines);
    expect(await page.locator('.tab.active.dirty').count()).toBe(0);

    await page.keyboard.press('Control+Shift+M');
    const rows = await until(
      'MedTerm rows for paper.docx in the Problems panel',
      async () => {
        const current = await problemRows(page);
        return current.filter((entry) => entry.includes('nonstandard-name')).length >= 3 ? current : undefined;
      },
      60_000,
    );
    const find = (text: string): string => rows.find((candidate) => candidate.includes(text)) ?? '';
    expect(find('“埃雷妥珠单抗”是非标准写法')).toMatch(/应写作“埃罗妥珠单抗”.*nonstandard-name.*\[Ln 5, Col 1\]/s);
    expect(find('“利那度胺”是非标准写法')).toMatch(/应写作“来那度胺”.*\[Ln 5, Col 8\]/s);
    expect(find('“达雷木单抗”是非标准写法')).toMatch(/\[Ln 13, Col 1\]/);
    expect(find('缩写“DRd”')).toMatch(/undefined-abbreviation.*\[Ln 11, Col 1\]/s);
    expect(rows.filter((entry) => /\[Ln \d+, Col \d+\]/.test(entry)).length).toBe(4);
    // The resource row names the document.
    expect(rows.some((entry) => entry.includes('paper.docx'))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'docx-view.png') });
  });

  it('shows the hover card on 硼替佐米 in the view', async () => {
    const [x, y] = await center(page, '硼替佐米');
    await page.mouse.move(x, y);
    const hover = page.locator('.monaco-hover-content').filter({ hasText: 'bortezomib' });
    await hover.first().waitFor({ timeout: 20_000 });
    await expect
      .poll(() =>
        hover.first().evaluate((element) => getComputedStyle(element.closest('.monaco-hover') ?? element).opacity),
      )
      .toBe('1');
    const text = await hover.first().innerText();
    expect(text).toContain('硼替佐米');
    expect(text).toContain('蛋白酶体抑制剂');
    await page.screenshot({ path: join(SCREENSHOTS, 'docx-hover.png') });
    await page.keyboard.press('Escape');
  });

  it('lists the quick fix for 埃雷妥珠单抗 from the Problems panel (the editor offers none: the view is read-only)', async () => {
    // Move the mouse off the term so that the hover card closes.
    await page.mouse.move(5, 450);
    await page
      .locator('.monaco-hover-content')
      .filter({ hasText: 'bortezomib' })
      .first()
      .waitFor({ state: 'hidden', timeout: 10_000 });
    // VS Code's Quick Fix (Ctrl+.) needs a writable editor: nothing opens in the read-only view.
    await page.mouse.click(...(await center(page, '埃雷妥珠单抗')));
    await page.keyboard.press('Control+Period');
    const menu = page.locator('.context-view .monaco-menu .action-item').filter({ hasText: '改为“埃罗妥珠单抗”' });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await page.locator('.action-widget .monaco-list-row').count()).toBe(0);
    expect(await menu.count()).toBe(0);
    // The Problems panel's light bulb on the finding lists it.
    const row = page
      .locator('.markers-panel .monaco-list-row')
      .filter({ hasText: '“埃雷妥珠单抗”是非标准写法' })
      .first();
    await row.click();
    const bulb = row.locator('[class*="light-bulb"], [class*="lightbulb"]').first();
    await bulb.waitFor({ timeout: 20_000 });
    await bulb.click();
    await menu.first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Escape');
    await menu.first().waitFor({ state: 'hidden', timeout: 10_000 });
    expect((await visibleLines(page)).join('\n')).toBe(docx.readDocx(PAPER).text);
  });

  it("writes paper.medterm.docx with MedTerm's tracked changes from the title-bar button", async () => {
    const target = join(server.workspace, 'paper.medterm.docx');
    expect(existsSync(target)).toBe(false);
    const button = page.locator('.editor-actions .action-label').filter({ hasText: /Write a copy|写入带修订/ });
    const byTitle = page.locator(
      '.editor-actions .action-label[aria-label*="tracked changes"], .editor-actions .action-label[aria-label*="修订"]',
    );
    const action = (await button.count()) > 0 ? button : byTitle;
    await action.first().waitFor({ timeout: 20_000 });
    await action.first().click();

    const toast = page
      .locator('.notifications-toasts .notification-list-item-message')
      .filter({ hasText: 'paper.medterm.docx' });
    await toast.first().waitFor({ timeout: 30_000 });
    expect(await toast.first().innerText()).toBe('MedTerm: 已写入 3 处修订（作者 MedTerm）：paper.medterm.docx');
    await until('paper.medterm.docx on disk', async () => existsSync(target));

    const parts = unzipSync(readFileSync(target));
    const xml = strFromU8(parts['word/document.xml']!);
    expect(xml).toMatch(/<w:ins [^>]*w:author="MedTerm"/);
    expect(xml).toMatch(/<w:del [^>]*w:author="MedTerm"/);
    // Accepting every change gives the fixed text; rejecting every change gives the original.
    expect(revisedText(xml, 'accept')).toEqual([
      '第一章 蛋白酶体抑制剂',
      '硼替佐米是可逆的蛋白酶体抑制剂。',
      '埃罗妥珠单抗与来那度胺和地塞米松联合治疗。',
      '方案',
      '药物',
      'DRd',
      '达雷妥尤单抗',
    ]);
    expect(revisedText(xml, 'reject')).toEqual([
      '第一章 蛋白酶体抑制剂',
      '硼替佐米是可逆的蛋白酶体抑制剂。',
      '埃雷妥珠单抗与利那度胺和地塞米松联合治疗。',
      '方案',
      '药物',
      'DRd',
      '达雷木单抗',
    ]);
    // The original is left as it was.
    expect(new Uint8Array(readFileSync(join(server.workspace, 'paper.docx')))).toEqual(PAPER);
  });
});

/** The centre of a term's on-screen box. */
async function center(page: Page, term: string): Promise<[number, number]> {
  const box = await termBox(page, term);
  return [box.x + box.width / 2, box.y + box.height / 2];
}
