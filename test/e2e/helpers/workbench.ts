import type { Page } from 'playwright-core';
import { BASE_SETTINGS } from './codeServer';

/** Small, condition-based helpers for driving the VS Code workbench in Chromium. */

export async function openFile(page: Page, name: string): Promise<void> {
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${name}"]`).first();
  await row.waitFor({ timeout: 60_000 });
  await row.click();
  await page.locator(`.tab.active[aria-label^="${name}"]`).waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .view-line').first().waitFor();
  // Clicking a row leaves the keyboard in the Explorer: move it to the editor.
  await page.keyboard.press('Control+1');
  await page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: 10_000 });
}

/** The editor's visible lines, in order (Monaco positions them absolutely; sort by top). */
export async function visibleLines(page: Page): Promise<string[]> {
  return page.$$eval('.editor-instance .view-lines .view-line', (lines) =>
    lines
      .map((line) => ({
        top: parseFloat((line as HTMLElement).style.top || '0'),
        text: (line.textContent ?? '').replace(/\u00a0/g, ' '),
      }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text),
  );
}

/** The on-screen box of the first occurrence of `term` in the editor (a DOM Range over its text nodes). */
export async function termBox(
  page: Page,
  term: string,
): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.evaluate((needle) => {
    for (const line of Array.from(document.querySelectorAll('.editor-instance .view-lines .view-line'))) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const nodes: { node: Text; start: number }[] = [];
      let text = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        nodes.push({ node: node as Text, start: text.length });
        text += node.textContent ?? '';
      }
      const index = text.indexOf(needle);
      if (index < 0) continue;
      const locate = (offset: number): { node: Text; offset: number } => {
        const found = [...nodes].reverse().find((entry) => entry.start <= offset)!;
        return { node: found.node, offset: offset - found.start };
      };
      const range = document.createRange();
      const start = locate(index);
      const end = locate(index + needle.length);
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      const rect = range.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    }
    return null;
  }, term);
  if (!box) throw new Error(`"${term}" is not visible in the editor`);
  return box;
}

export async function clickTerm(page: Page, term: string, where: 'middle' | 'end' = 'middle'): Promise<void> {
  const box = await termBox(page, term);
  await page.mouse.click(where === 'end' ? box.x + box.width - 1 : box.x + box.width / 2, box.y + box.height / 2);
}

export async function problemRows(page: Page): Promise<string[]> {
  return page.$$eval('.markers-panel .monaco-list-row', (rows) =>
    rows.map((row) => (row.getAttribute('aria-label') ?? '') + ' ' + (row.textContent ?? '')),
  );
}

/** Poll a condition on the page until it holds (no fixed sleeps). */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`timed out: ${what}${last ? ` (${String(last)})` : ''}`);
}

/** Replace the user settings the way a user does: Preferences: Open User Settings (JSON), edit, save. */
export async function setUserSettings(page: Page, settings: Record<string, unknown>): Promise<void> {
  // F1, not Ctrl+Shift+P: the browser keeps that chord for itself.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.insertText('>Preferences: Open User Settings (JSON)');
  await page
    .locator('.quick-input-list .monaco-list-row')
    .filter({ hasText: 'Open User Settings (JSON)' })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active[aria-label^="settings.json"]').waitFor({ timeout: 30_000 });
  await page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Control+A');
  // One line: the editor's auto-indent would otherwise re-indent every inserted line break.
  await page.keyboard.insertText(JSON.stringify({ ...BASE_SETTINGS, ...settings }));
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active.dirty[aria-label^="settings.json"]').waitFor({ state: 'detached', timeout: 10_000 });
}
