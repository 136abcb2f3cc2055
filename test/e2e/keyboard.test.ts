// What a keyboard user and a trader reading numbers meet: focus after Send, the skip link, arrow-key tabs, one
// tab stop per list, replies of runs started from the application menu, no stale errors, one precision per column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { fill, go, screen, send, text, TIMEOUT, until, waitForText } from './ui';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ name: 'keyboard' });
  await waitForText(h.page.locator('[data-testid="sb-state"]'), /^Connected/);
});

afterAll(async () => {
  await h?.close();
});

const focused = () => h.page.evaluate(() => {
  const el = document.activeElement;
  return el ? `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}${el.id ? `#${el.id}` : ''}` : '';
});

describe('keyboard and state', () => {
  it('the first Tab reaches a skip link that moves focus to the screen', async () => {
    const { page } = h;
    // A fresh page: the sequential focus starting point is the document start, as when the window opens.
    await page.reload();
    await page.locator('.statusbar').waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the screen');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('main#content');
  });

  it('after Send, focus is on the result; on a refusal, on the refusal; on invalid input, on the first invalid field', async () => {
    const { page } = h;
    const s13 = await go(page, 13);
    await s13.locator('[data-testid="send"]').focus();
    await page.keyboard.press('Enter');
    await s13.locator('[data-testid="summary"]').waitFor({ timeout: TIMEOUT });
    await until(async () => (await focused()) === 'section[result]', 'focus moves to the result');

    await go(page, 5); // private, not logged in: refused locally
    await screen(page, 5).locator('[data-testid="send"]').focus();
    await page.keyboard.press('Enter');
    await until(async () => (await focused()) === 'div[local-error]', 'focus moves to the refusal');

    const s6 = await go(page, 6);
    await fill(page, 6, { market: 'vetusdt', price: 'abc' });
    await s6.locator('[data-testid="send"]').focus();
    await page.keyboard.press('Enter');
    await until(async () => (await focused()) === 'input#f-6-price', 'focus moves to the first invalid field');
  });

  it('a corrected field keeps no old error after leaving the screen and coming back', async () => {
    const { page } = h;
    const s6 = await go(page, 6);
    expect(await text(s6)).toContain('not a plain decimal number');
    await fill(page, 6, { price: '0.5' });
    await go(page, 13);
    await go(page, 6);
    expect(await text(screen(page, 6))).not.toContain('not a plain decimal number');
    expect(await text(screen(page, 6))).toContain('Volume is required');
  });

  it('the reply of a choice the application menu ran appears on its screen', async () => {
    const { page, controller } = h;
    // Fees, not markets: the app asks for the markets by itself on connecting (their precisions), so their screen
    // is not empty.
    const s4 = await go(page, 4);
    expect(await s4.locator('[data-testid="summary"]').count()).toBe(0);
    // What the menu does in main: show the screen, run the choice; the reply reaches the page only as event:reply.
    await h.emit('event:navigate', 4);
    const result = await controller.session.run(4, {});
    expect(result.ok).toBe(true);
    await waitForText(s4.locator('[data-testid="summary"]'), 'received trading fee info');
    expect(await s4.locator('[data-testid="fees-table"] tbody tr').count()).toBe(4);
  });

  it('Log and Message inspector tabs follow the arrow keys; each list is one tab stop', async () => {
    const { page } = h;
    const s = await go(page, 'log');
    await s.locator('[data-testid="log-list"] .log-row').first().waitFor({ timeout: TIMEOUT });
    await s.getByRole('tab', { name: 'Log' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await s.getByRole('tab', { name: 'Message inspector' }).getAttribute('aria-selected')).toBe('true');
    expect(await focused()).toBe('button#tab-inspector');
    await page.keyboard.press('ArrowLeft');
    expect(await s.getByRole('tab', { name: 'Log' }).getAttribute('aria-selected')).toBe('true');

    const rows = s.locator('[data-testid="log-list"] .log-row');
    expect(await rows.count()).toBeGreaterThan(3);
    expect(await s.locator('[data-testid="log-list"] .log-row[tabindex="0"]').count()).toBe(1);
    // Pause, go to the first row, then move with the arrows: focus walks the rows.
    await s.locator('[data-testid="follow"]').click();
    await s.locator('[data-testid="log-list"] .log-row[tabindex="0"]').focus();
    await page.keyboard.press('Home');
    await until(async () => (await page.evaluate(() => document.activeElement?.closest('[data-row]')?.getAttribute('data-row'))) === '0', 'Home focuses row 0');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await until(async () => (await page.evaluate(() => document.activeElement?.closest('[data-row]')?.getAttribute('data-row'))) === '2', 'two ArrowDowns focus row 2');
    expect(await s.locator('[data-testid="log-list"] .log-row[tabindex="0"]').count()).toBe(1);
    await s.locator('[data-testid="follow"]').click();
  });

  it('order book, tickers and account show each column at one precision, grouped', async () => {
    const { page } = h;
    const s14 = await go(page, 14);
    await fill(page, 14, { market: 'vetusdt', level: '20', precision: '6' });
    await send(page, 14);
    const column = async (side: 'bids' | 'asks', nth: number) => s14.locator(`[data-testid="book-${side}"] tr td:nth-child(${nth})`).allTextContents();
    // Figure spaces pad a value of fewer decimals so decimal points line up; they are not digits.
    const decimals = (values: string[]) => new Set(values.map((v) => v.replace(/[\u2007\u2008]/g, '').split('.')[1]?.length ?? 0));
    expect(decimals([...(await column('bids', 1)), ...(await column('asks', 1))])).toEqual(new Set([6]));
    for (const v of await column('bids', 2)) expect(v).toMatch(/^\d{1,3}(,\d{3})*(\.\d+)?$/);

    const s2 = await go(page, 2);
    await send(page, 2);
    const table = s2.locator('[data-testid="tickers-table"]');
    const headers = await table.locator('thead th').allTextContents();
    expect(headers).toContain('24h %');
    // Each market at its own price precision (vetusdt 6, btcusdt 2): one column, grouped, points aligned by padding.
    const lastCol = headers.findIndex((h) => h.startsWith('Last')) + 1;
    const last = await table.locator(`tbody tr td:nth-child(${lastCol})`).allTextContents();
    expect(decimals(last)).toEqual(new Set([2, 6]));
    for (const v of last) expect(v.replace(/[\u2007\u2008]/g, '')).toMatch(/^\d{1,3}(,\d{3})*\.\d+$/);
    // Digits and padding after the point are as wide as the widest precision in every row.
    for (const v of last) expect(v.split('.')[1]!.length).toBe(6);
    expect(await text(s2.locator('[data-testid="row-count"]'))).toBe('4 rows');
  });

  it('a numeric header ends where its values end', async () => {
    const { page } = h;
    const s2 = await go(page, 2);
    const table = s2.locator('[data-testid="tickers-table"]');
    const header = await table.getByRole('button', { name: 'Last (quote)', exact: true }).evaluate((b) => {
      const range = document.createRange();
      range.selectNodeContents(b);
      return b.getBoundingClientRect().right;
    });
    const lastCol = (await table.locator('thead th').allTextContents()).indexOf('Last (quote)') + 1;
    const cell = await table.locator(`tbody tr:first-child td:nth-child(${lastCol})`).evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return range.getBoundingClientRect().right;
    });
    expect(Math.abs(header - cell)).toBeLessThan(2);
  });

  it('at 800×600 every sidebar entry is in view without scrolling', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 800, height: 600 });
    try {
      const last = page.locator('nav [data-view="log"]');
      await last.waitFor();
      const box = await last.boundingBox();
      const bar = await page.locator('footer').first().boundingBox();
      expect(box && bar && box.y + box.height <= bar.y).toBe(true);
      expect(await page.locator('nav section[aria-label="Application"]').count()).toBe(1);
    } finally {
      await page.setViewportSize({ width: 1320, height: 820 });
    }
  });

  it('at 800×600 a table wider than the window says so and scrolls to the hidden columns', async () => {
    const { page } = h;
    await page.setViewportSize({ width: 800, height: 600 });
    try {
      const s2 = await go(page, 2);
      const more = s2.locator('[data-testid="more-columns"]');
      await more.waitFor({ timeout: TIMEOUT });
      const box = s2.locator('.table-scroll');
      expect(await box.evaluate((el) => el.scrollLeft)).toBe(0);
      await more.getByRole('button', { name: 'More columns →' }).click();
      await until(async () => (await box.evaluate((el) => el.scrollLeft)) > 0, 'the table scrolls right');
      await page.setViewportSize({ width: 1920, height: 1080 });
      await more.waitFor({ state: 'detached', timeout: TIMEOUT });
    } finally {
      await page.setViewportSize({ width: 1320, height: 820 });
    }
  });

  it('a red (sell) order button stays red under the pointer', async () => {
    const { page } = h;
    const send6 = (await go(page, 6)).locator('[data-testid="send"]');
    await fill(page, 6, { side: 'sell' });
    const bg = () => send6.evaluate((b) => getComputedStyle(b).backgroundColor);
    await page.mouse.move(0, 0);
    const before = await bg();
    await send6.hover();
    const during = await bg();
    expect(during).toBe(before);
    expect(during).toBe(await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.color = 'var(--sell-bg)';
      document.body.append(probe);
      const c = getComputedStyle(probe).color;
      probe.remove();
      return c;
    }));
  });

  it('the page reported no errors and no CSP violations', () => {
    expect(h.pageProblems).toEqual([]);
  });
});
