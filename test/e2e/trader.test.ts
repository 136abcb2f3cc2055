// Issue #19, "screens a trader trusts at a glance" (shared/trader-ui.md), in real Chromium against the real app and
// sandbox: numbers at the market's precision with units, row actions in reach at every width, … Each item is
// photographed (test-output/screenshots/trader-*) at the widths it is about, in both themes where colour matters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, describeViolations } from './axe';
import { startHarness, type Harness } from './harness';
import { fill, go, screen, send, text, TIMEOUT, until, waitForText } from './ui';

const WIDTHS = [
  { width: 800, height: 600 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** A cell's text as a number string: grouping commas and alignment blanks removed. */
function plain(cellText: string): string {
  return cellText.replace(/[,\u2007\u2008\s]/g, '');
}

function decimalsShown(cellText: string): number {
  const p = plain(cellText);
  const dot = p.indexOf('.');
  return dot < 0 ? 0 : p.length - dot - 1;
}

/** The texts of one column of a DataTable, by its header text. */
async function columnTexts(table: Locator, header: string): Promise<string[]> {
  const headers = await table.locator('thead th').allTextContents();
  const index = headers.findIndex((h) => h.replace(/[▲▼]/g, '').trim() === header);
  if (index < 0) throw new Error(`no column "${header}" in ${headers.join(' | ')}`);
  return table.locator(`tbody tr td:nth-child(${index + 1})`).allTextContents();
}

/** Whether the element is inside the viewport and is what a click at its centre would hit (nothing covers it). */
async function inReach(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const view = page.viewportSize();
  if (!box || !view) return false;
  if (box.x < 0 || box.y < 0 || box.x + box.width > view.width || box.y + box.height > view.height) return false;
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    // Not clipped by a scrolling or clipping ancestor (a table's scroll box).
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (getComputedStyle(p).overflowX === 'visible' && getComputedStyle(p).overflowY === 'visible') continue;
      const box = p.getBoundingClientRect();
      const left = box.left + p.clientLeft;
      const top = box.top + p.clientTop;
      if (r.left < left - 0.5 || r.right > left + p.clientWidth + 0.5 || r.top < top - 0.5 || r.bottom > top + p.clientHeight + 0.5) return false;
    }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === el || el.contains(hit));
  });
}

async function noAxeViolations(page: Page, where: string): Promise<void> {
  expect(describeViolations(where, await axeViolations(page))).toBe('');
}

/** Authenticate (choice 1) through its screen. */
async function logIn(page: Page): Promise<void> {
  await go(page, 1);
  await send(page, 1);
}

/**
 * Runs `body` with a new profile (on the sandbox until `body` moves it) made the active one, then selects the
 * profile that was active before and removes the new one, whatever happened.
 */
async function withNewProfile(h: Harness, name: string, body: (id: string) => Promise<void>, endpoint?: { kind: 'custom'; url: string }): Promise<void> {
  const { handlers } = h;
  const settings = (await handlers['settings:get']()) as unknown as { ok: true; value: { activeProfileId: string } };
  const before = settings.value.activeProfileId;
  const added = (await handlers['settings:addProfile'](name)) as unknown as { ok: true; value: { profiles: Array<{ id: string; name: string }> } };
  const id = added.value.profiles.find((p) => p.name === name)!.id;
  try {
    if (endpoint) expect((await handlers['settings:updateProfile']({ id, endpoint })).ok).toBe(true);
    expect((await handlers['settings:selectProfile'](id)).ok).toBe(true);
    await body(id);
  } finally {
    await handlers['settings:selectProfile'](before);
    await handlers['settings:removeProfile'](id);
    await waitForText(h.page.locator('[data-testid="sb-state"]'), /^Connected/);
  }
}

for (const theme of ['light', 'dark'] as const) {
  describe(`trader screens (${theme})`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ name: `trader-${theme}`, colorScheme: theme });
      await waitForText(h.page.locator('[data-testid="sb-state"]'), /^Connected/);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('1. prices at the market price precision, amounts at its amount precision, balances at the currency’s, units named; nothing rounded away', async () => {
      const { page } = h;
      // The precisions were learned once, on connecting: the first request of the session asked for the markets.
      await until(async () => {
        const history = (await h.handlers['history:list']({ limit: 50 })) as { ok: boolean; value?: Array<{ handler: string }> };
        return history.ok && (history.value ?? []).some((e) => e.handler === 'MarketsHandler');
      }, 'the markets were asked for once on connecting');

      const s = await go(page, 2);
      await send(page, 2);
      const table = s.locator('[data-testid="tickers-table"] table');
      const headers = (await table.locator('thead th').allTextContents()).map((t) => t.replace(/[▲▼]/g, '').trim());
      expect(headers).toEqual(expect.arrayContaining(['Last (quote)', 'Bid (quote)', 'Open (quote)', 'Volume (base)', 'Funds (quote)']));
      const markets = await columnTexts(table, 'Market');
      const bids = await columnTexts(table, 'Bid (quote)');
      const opens = await columnTexts(table, 'Open (quote)');
      const lasts = await columnTexts(table, 'Last (quote)');
      const btc = markets.indexOf('btcusdt');
      const vet = markets.indexOf('vetusdt');
      // btcusdt: price precision 2; vetusdt: 6 — Open and Last of one market at one precision.
      expect(decimalsShown(bids[btc]!)).toBe(2);
      expect(decimalsShown(opens[vet]!)).toBe(6);
      expect(decimalsShown(lasts[vet]!)).toBe(6);
      await h.screenshot(`trader-${theme}-1280x800-1-tickers`);

      // The order book: units in the headers, prices at 6 decimals for vetusdt, Total says it totals VET.
      const book = await go(page, 14);
      await fill(page, 14, { market: 'vetusdt', level: '10', precision: '6' });
      await send(page, 14);
      const bookHeaders = await book.locator('[data-testid="order-book"] thead th').allTextContents();
      expect(bookHeaders.map((t) => t.trim())).toEqual(expect.arrayContaining(['Price (USDT)', 'Volume (VET)', 'Total (VET)']));
      const bidPrices = await book.locator('[data-testid="book-bids"] td.price').allTextContents();
      expect(bidPrices.length).toBeGreaterThan(0);
      for (const p of bidPrices) expect(decimalsShown(p)).toBe(6);
      const volumes = await book.locator('[data-testid="book-bids"] tr td:nth-child(2)').allTextContents();
      for (const v of volumes) expect(decimalsShown(v)).toBeGreaterThanOrEqual(2);
      await h.screenshot(`trader-${theme}-1280x800-1-order-book`);

      // Balances: USDT is the quote of markets at price precision 6 at most, so 6 decimals in every reply.
      await logIn(page);
      const account = await go(page, 5);
      await send(page, 5);
      const accountTable = account.locator('[data-testid="account-table"] table');
      const currencies = await columnTexts(accountTable, 'Currency');
      const available = await columnTexts(accountTable, 'Available');
      const usdt = currencies.indexOf('USDT');
      expect(decimalsShown(available[usdt]!)).toBe(6);
      await h.screenshot(`trader-${theme}-1280x800-1-balances`);

      // An order: Price (USDT), Volume (VET), Buy (bid) in the person's words, wait = Open.
      const order = await go(page, 6);
      await fill(page, 6, { market: 'vetusdt', side: 'buy', price: '0.0123', volume: '100', ord_type: 'limit' });
      await send(page, 6);
      const view = order.locator('[data-testid="order-view"]');
      await waitForText(view, 'Price (USDT)');
      expect(await text(view)).toContain('Volume (VET)');
      expect(await text(view)).toContain('0.012300');
      expect(await text(view)).toContain('Buy (bid)');
      expect(await text(view)).toContain('Open (wait)');

      // The K-line: candle prices are JSON numbers (a trade at 0.02460 arrives as 0.0246), so only the market says that
      // vetusdt prices have 6 decimals. Trade with ourselves at a price of fewer decimals inside the spread (the
      // sandbox has no other traders), then ask for the latest candle alone: its close is that price.
      const ladder = await go(page, 14);
      await send(page, 14);
      const micros = (cell: string): number => Math.round(Number(plain(cell)) * 1e6);
      const bestBid = micros((await ladder.locator('[data-testid="book-bids"] td.price').allTextContents())[0]!);
      const bestAsk = micros((await ladder.locator('[data-testid="book-asks"] td.price').allTextContents()).at(-1)!);
      let roundPrice = 0;
      for (const step of [100_000, 10_000, 1_000, 100, 10]) {
        const candidate = (Math.floor(bestBid / step) + 1) * step;
        if (candidate < bestAsk) {
          roundPrice = candidate;
          break;
        }
      }
      expect(roundPrice, `a price of at most 5 decimals between ${bestBid} and ${bestAsk} µUSDT`).toBeGreaterThan(0);
      const price = (roundPrice / 1e6).toFixed(6);
      for (const side of ['sell', 'buy']) {
        await go(page, 6);
        await fill(page, 6, { market: 'vetusdt', side, price, volume: '100', ord_type: 'limit' });
        await send(page, 6);
      }
      const kline = await go(page, 15);
      await fill(page, 15, { market: 'vetusdt', limit: '1', period: '1' });
      await send(page, 15);
      const lastClose = kline.locator('[data-testid="last-close"]');
      await lastClose.waitFor();
      expect(plain(await text(lastClose))).toBe(price); // e.g. 0.024600, not 0.0246
      await noAxeViolations(page, `${theme} precision`);
    }, 120_000);

    it('3. Details and Cancel stay in reach at 800, 1280 and 1920 px', async () => {
      const { page } = h;
      const s = await go(page, 9);
      await fill(page, 9, { market: 'vetusdt' });
      await send(page, 9);
      const table = s.locator('[data-testid="orders-table"] table');
      await table.locator('tbody tr').first().waitFor({ timeout: TIMEOUT });
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        const row = table.locator('tbody tr').first();
        await row.scrollIntoViewIfNeeded();
        await until(async () => inReach(page, row.getByRole('button', { name: /^Cancel order/ })), `Cancel in reach at ${size.width} px`);
        expect(await inReach(page, row.getByRole('button', { name: /^Details of order/ }))).toBe(true);
        await h.screenshot(`trader-${theme}-${size.width}x${size.height}-3-open-orders`);
      }
      await page.setViewportSize({ width: 1320, height: 820 });
      await noAxeViolations(page, `${theme} open orders`);
      expect(screen(page, 9)).toBeTruthy();
    }, 120_000);

    it('3. request history: Details and Re-send, Outcome and Round trip in view at every width; long args cut, whole on hover', async () => {
      const { page } = h;
      // A request with long args: every market named, as a raw frame.
      const longArgs = { market_ids: Array.from({ length: 40 }, (_, i) => `market${i}usdt`) };
      const raw = await h.handlers['session:sendRaw'](JSON.stringify({ identifier: { handler: 'TickerHandler' }, command: 'message', data: { action: 'index', uuid: 'e2e-long-args-0001', args: longArgs } }));
      expect(raw.ok).toBe(true);
      const s = await go(page, 'history');
      const table = s.locator('[data-testid="history-table"]');
      await table.locator('[data-testid="history-row"]').first().waitFor({ timeout: TIMEOUT });
      const longRow = table.locator('[data-testid="history-row"]', { hasText: 'market39usdt' }).first();
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        await longRow.scrollIntoViewIfNeeded();
        await h.screenshot(`trader-${theme}-${size.width}x${size.height}-3-history`);
        await until(async () => inReach(page, longRow.getByRole('button', { name: 'Re-send' })), `Re-send in reach at ${size.width} px`);
        expect(await inReach(page, longRow.getByRole('button', { name: /^Details of/ }))).toBe(true);
        for (const header of ['Outcome', 'Round trip']) expect(await inReach(page, table.locator('thead th', { hasText: header }))).toBe(true);
        // The args cell is cut with an ellipsis and carries the whole text on hover.
        const args = longRow.locator('td').nth(2);
        expect(await args.getAttribute('title')).toContain('market39usdt');
        expect(await args.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      }
      await page.setViewportSize({ width: 1320, height: 820 });
      await noAxeViolations(page, `${theme} history`);
    }, 120_000);

    it('4. a history row opens its detail: the frame sent, the reply frame and the timing; Esc closes it', async () => {
      const { page } = h;
      const s = await go(page, 'history');
      const row = s.locator('[data-testid="history-row"]', { hasText: 'market39usdt' }).first();
      const details = row.getByRole('button', { name: /^Details of/ });
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        await details.click();
        const dialog = page.locator('[data-testid="history-detail"]');
        await dialog.waitFor({ timeout: TIMEOUT });
        expect(await text(dialog.locator('[data-testid="history-sent"]'))).toContain('market39usdt');
        expect(await text(dialog)).toMatch(/Round trip\s*\d+ ms/);
        expect(await text(dialog.locator('[data-testid="history-detail-outcome"]'))).toContain('code 0');
        await h.screenshot(`trader-${theme}-${size.width}x${size.height}-4-history-detail`);
        if (size.width === 1280) await noAxeViolations(page, `${theme} history detail`);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached', timeout: TIMEOUT });
        expect(await details.evaluate((el) => el === document.activeElement)).toBe(true);
      }
      await page.setViewportSize({ width: 1320, height: 820 });
    }, 120_000);

    it('13. composer truth: unknown handler, a uuid added, JSON errors at line:column with a pointer, no JSON pasted into a sentence', async () => {
      const { page } = h;
      const s = await go(page, 'composer');
      const editor = s.locator('[data-testid="frame-text"]');
      const check = s.locator('[data-testid="frame-check"]');
      await editor.fill(JSON.stringify({ identifier: { handler: 'FooHandler' }, command: 'message', data: { action: 'index', uuid: 'u-1', args: {} } }));
      await waitForText(check, 'FooHandler is not a handler this app knows');
      expect(await text(check)).not.toContain('Read-only');
      await editor.fill(JSON.stringify({ identifier: { handler: 'ToolHandler' }, command: 'message', data: { action: 'timestamp', args: {} } }));
      await waitForText(check, 'no usable uuid: main adds a fresh one');
      await editor.fill('{\n  "identifier": {"handler": "TickerHandler"},\n  "command" "message"\n}');
      await waitForText(check, 'line 3, column 13');
      expect(await text(s.locator('[data-testid="frame-error-pointer"]'))).toBe('  "command" "message"\n            ^');
      await h.screenshot(`trader-${theme}-1280x800-13-composer-json-error`);
      await editor.fill(JSON.stringify({ identifier: { handler: 'OrderHandler' }, command: 'message', data: { action: 'create', uuid: 'u-2', args: { market: 'vetusdt', side: 'buy', volume: 1, price: 0.01, ord_type: 'limit', extra: 1 } } }));
      await waitForText(check, 'does not map exactly onto choice 6');
      expect(await text(check)).not.toMatch(/[{}]/);
      await noAxeViolations(page, `${theme} composer`);
      await h.screenshot(`trader-${theme}-1280x800-13-composer-order-mismatch`);
    }, 60_000);

    it('9. order form: a market order needs no price; Buy green / Sell red submit naming the currency; examples near the market price', async () => {
      const { page } = h;
      await logIn(page);
      const s = await go(page, 6);
      await fill(page, 6, { market: 'vetusdt', side: 'sell', volume: '10', ord_type: 'market' });
      const price = s.locator('#f-6-price');
      expect(await price.isDisabled()).toBe(true);
      expect(await text(s.locator('#f-6-price-help'))).toContain('Not needed');
      const submit = s.locator('[data-testid="send"]');
      expect((await text(submit)).trim()).toBe('Sell VET…');
      expect(await submit.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(184, 38, 47)');
      expect(await text(s.locator('[data-testid="preview-args"]'))).not.toContain('price');
      await h.screenshot(`trader-${theme}-1280x800-9-market-sell`);
      await send(page, 6);
      const view = s.locator('[data-testid="order-view"]');
      await waitForText(view, 'Sell (ask)');
      await h.screenshot(`trader-${theme}-1280x800-9-market-sell-reply`);

      await fill(page, 6, { side: 'buy', ord_type: 'limit' });
      expect((await text(submit)).trim()).toBe('Buy VET…');
      expect(await submit.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(10, 117, 68)');
      await s.getByRole('button', { name: 'Fill examples' }).click();
      await until(async () => (await price.inputValue()) !== '', 'the example price is filled in');
      const example = await price.inputValue();
      const tickers = await h.handlers['session:run'](2, {});
      const last = Number(((tickers as { ok: true; value: { reply: { data: Record<string, { last: string }> } } }).value.reply.data['vetusdt'] ?? { last: 'NaN' }).last);
      expect(example).toMatch(/^0\.\d{6}$/);
      expect(Math.abs(Number(example) - last) / last).toBeLessThan(0.05);
      await noAxeViolations(page, `${theme} order form`);
      await h.screenshot(`trader-${theme}-1280x800-9-buy-examples`);
    }, 60_000);

    it('12. the order book stays a ladder at 800, 1280 and 1920 px: asks above, the spread, bids below, prices in one column', async () => {
      const { page } = h;
      const s = await go(page, 14);
      await fill(page, 14, { market: 'vetusdt', level: '30', precision: '6' });
      await send(page, 14);
      const ladder = s.locator('[data-testid="order-book"] table');
      for (const size of WIDTHS) {
        await page.setViewportSize(size);
        const prices = async (side: 'asks' | 'bids') => (await ladder.locator(`[data-testid="book-${side}"] td.price`).allTextContents()).map((p) => Number(plain(p)));
        const asks = await prices('asks');
        const bids = await prices('bids');
        expect(asks.length).toBeGreaterThan(1);
        expect(bids.length).toBeGreaterThan(1);
        // Top to bottom: prices fall all the way, the best ask just above the spread, the best bid just below it.
        const all = [...asks, ...bids];
        for (let i = 1; i < all.length; i++) expect(all[i]!).toBeLessThan(all[i - 1]!);
        const spread = s.locator('[data-testid="spread-row"]');
        const boxes = await Promise.all([ladder.locator('[data-testid="book-asks"] tr').last().boundingBox(), spread.boundingBox(), ladder.locator('[data-testid="book-bids"] tr').first().boundingBox()]);
        expect(boxes[0]!.y).toBeLessThan(boxes[1]!.y);
        expect(boxes[1]!.y).toBeLessThan(boxes[2]!.y);
        // One price column: every price cell shares the same left and right edges.
        const edges = await ladder.locator('td.price').evaluateAll((cells) => new Set(cells.map((c) => `${Math.round(c.getBoundingClientRect().left)}:${Math.round(c.getBoundingClientRect().right)}`)).size);
        expect(edges).toBe(1);
        // It opens at the spread: with the ladder's box in view, the spread row shows without scrolling the ladder.
        await s.locator('.book-ladder').scrollIntoViewIfNeeded();
        await h.screenshot(`trader-${theme}-${size.width}x${size.height}-12-order-book`);
        expect(await inReach(page, spread)).toBe(true);
      }
      await page.setViewportSize({ width: 1320, height: 820 });
      await noAxeViolations(page, `${theme} order book`);
    }, 60_000);

    it('7. the status bar is one line at every width; "Restart to update" is never cut; an update error does not wrap; no "just now" while disconnected', async () => {
      const { page } = h;
      const bar = page.locator('.statusbar');
      const base = { currentVersion: '0.1.0', autoCheck: true } as const;
      const states = {
        restart: { ...base, phase: 'downloaded', version: '0.2.0', waitingFor: 'An order’s outcome is unknown: restart waits until it is found' },
        error: { ...base, phase: 'error', version: '0.2.0', failure: 'signature', message: 'The downloaded update’s signature does not match the publisher’s certificate, so it was not installed. Nothing changed; try again later or download it from the Releases page.' },
      } as const;
      for (const [name, update] of Object.entries(states)) {
        await h.emit('event:update', update);
        for (const size of WIDTHS) {
          await page.setViewportSize(size);
          const height = (await bar.boundingBox())!.height;
          expect(height, `${name} at ${size.width} px`).toBeLessThan(34);
          await h.screenshot(`trader-${theme}-${size.width}x${size.height}-7-statusbar-${name}`);
          if (name === 'restart') expect(await inReach(page, bar.getByRole('button', { name: 'Restart to update' }))).toBe(true);
          else {
            const error = bar.locator('.upd-error-text');
            expect((await error.boundingBox())!.height).toBeLessThan(22);
            expect(await error.getAttribute('title')).toContain('signature does not match');
          }
          await h.screenshot(`trader-${theme}-${size.width}x${size.height}-7-statusbar-${name}`);
        }
      }
      await h.emit('event:update', { ...base, phase: 'idle' });
      await page.setViewportSize({ width: 1280, height: 800 });
      // Disconnected: the heartbeat says when the last one came, never "just now" or "… ago".
      await go(page, 16);
      await send(page, 16);
      await waitForText(page.locator('[data-testid="sb-state"]'), 'Disconnected');
      const beat = await text(page.locator('[data-testid="sb-heartbeat"]'));
      expect(beat).not.toMatch(/just now|ago/);
      await h.screenshot(`trader-${theme}-1280x800-7-statusbar-disconnected`);
      await go(page, 17);
      await send(page, 17);
      await waitForText(page.locator('[data-testid="sb-state"]'), /^Connected/);
      await page.setViewportSize({ width: 1320, height: 820 });
    }, 90_000);

    it('11. a shortcut moves focus to the new screen; Esc closes the update pop-over; pop-overs close on a screen change', async () => {
      const { page } = h;
      await go(page, 13);
      await page.keyboard.press('Control+6');
      await screen(page, 6).waitFor({ timeout: TIMEOUT });
      await until(async () => page.evaluate(() => document.activeElement?.id === 'f-6-market'), 'focus on the new order’s first field');
      await page.keyboard.press('Control+Shift+3');
      await screen(page, 13).waitFor({ timeout: TIMEOUT });
      await until(async () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'send'), 'focus on Get Timestamp’s only control');

      const version = page.locator('[data-testid="upd-version"]');
      await version.click();
      const panel = page.getByRole('dialog', { name: 'Updates' });
      await panel.waitFor({ timeout: TIMEOUT });
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached', timeout: TIMEOUT });
      await version.click();
      await panel.waitFor({ timeout: TIMEOUT });
      await go(page, 2);
      await panel.waitFor({ state: 'detached', timeout: TIMEOUT });
      await noAxeViolations(page, `${theme} after shortcuts`);
    }, 60_000);

    it('10. no stale words: a new action clears the last refusal; a valid timeout clears its error; Settings keeps unsaved edits', async () => {
      const { page } = h;
      await logIn(page);
      const s = await go(page, 6);
      await fill(page, 6, { market: 'vetusdt', side: 'buy', price: '0.01', volume: '100', ord_type: 'limit' });
      h.dialogs.answer = 'no';
      try {
        await send(page, 6);
      } finally {
        h.dialogs.answer = 'yes';
      }
      await waitForText(s.locator('[data-testid="local-error"]'), 'answered No');
      await fill(page, 6, { volume: '200' });
      await s.locator('[data-testid="local-error"]').waitFor({ state: 'detached', timeout: TIMEOUT });

      const settings = await go(page, 'settings');
      const timeout = settings.locator('#s-timeout');
      await timeout.fill('5');
      await settings.getByRole('button', { name: 'Save profile' }).click();
      await waitForText(settings, 'Between 1000 and 600000 ms');
      await timeout.fill('15000');
      await until(async () => !(await text(settings)).includes('Between 1000 and 600000 ms'), 'the timeout error goes once the value is valid');
      await h.screenshot(`trader-${theme}-1280x800-10-settings-unsaved`);
      // Leaving Settings keeps the edit; coming back shows it, with a way to discard it.
      await go(page, 13);
      const again = await go(page, 'settings');
      expect(await again.locator('#s-timeout').inputValue()).toBe('15000');
      await h.screenshot(`trader-${theme}-1280x800-10-settings-kept`);
      await waitForText(again.locator('[data-testid="unsaved"]'), 'Unsaved changes kept from before');
      await noAxeViolations(page, `${theme} settings unsaved`);
      await again.getByRole('button', { name: 'Discard changes' }).click();
      expect(await again.locator('#s-timeout').inputValue()).not.toBe('15000');
    }, 60_000);

    it('2. raw means raw: the frame sent and the reply frame exactly as on the wire, in a reply, the composer and the history', async () => {
      const { page } = h;
      const wire = async (uuid: string) => {
        await until(async () => h.controller.logs.queryLog({}).filter((e) => e.uuid === uuid && e.direction).length >= 2, 'both frames are logged');
        const entries = h.controller.logs.queryLog({}).filter((e) => e.uuid === uuid);
        return { out: entries.find((e) => e.direction === 'out')!.text, in: entries.find((e) => e.direction === 'in')!.text };
      };
      const s = await go(page, 2);
      await send(page, 2);
      await s.getByRole('button', { name: 'Show raw frames' }).click();
      const uuid = (await text(s.locator('[data-testid="derived"]'))).match(/uuid (\S+),/)![1]!;
      const frames = await wire(uuid);
      const sent = await text(s.locator('[data-testid="raw-sent"]'));
      const reply = await text(s.locator('[data-testid="raw-reply"]'));
      expect(sent).toBe(frames.out);
      expect(reply).toBe(frames.in);
      expect(reply).not.toContain('"outcome"');
      // Pretty-printing is on request only, and says it is not the wire text.
      await s.locator('[data-testid="frame-pair"]').getByLabel('Pretty-print').first().check();
      expect(await text(s.locator('[data-testid="raw-sent"]'))).toBe(JSON.stringify(JSON.parse(frames.out), null, 2));
      await h.screenshot(`trader-${theme}-1280x800-2-raw-frames`);

      const c = await go(page, 'composer');
      await c.locator('[data-testid="frame-text"]').fill(JSON.stringify({ identifier: { handler: 'ToolHandler' }, command: 'message', data: { action: 'timestamp', uuid: `raw-${theme}-1`, args: {} } }));
      await c.locator('[data-testid="send-raw"]').click();
      const exchange = c.locator('[data-testid="exchange"]').first();
      await waitForText(exchange, 'received timestamp');
      const rawFrames = await wire(`raw-${theme}-1`);
      expect(await text(exchange.locator('[data-testid="raw-reply"]'))).toBe(rawFrames.in);
      expect(await text(exchange.locator('[data-testid="raw-sent"]'))).toBe(rawFrames.out);
      await noAxeViolations(page, `${theme} raw frames`);
      await h.screenshot(`trader-${theme}-1280x800-2-composer-raw`);

      const hist = await go(page, 'history');
      await hist.locator('[data-testid="history-row"]', { hasText: 'raw' }).first().getByRole('button', { name: /^Details of/ }).click();
      const dialog = page.locator('[data-testid="history-detail"]');
      expect(await text(dialog.locator('[data-testid="history-reply"]'))).toBe(rawFrames.in);
      await page.keyboard.press('Escape');
    }, 60_000);

    it('5. a connection error says the cause at host:port, the attempt and the countdown, with Retry now and Edit endpoint', async () => {
      const { page } = h;
      await withNewProfile(h, `Down ${theme}`, async () => {
        const problem = page.locator('[data-testid="connection-problem"]');
        await waitForText(problem, '127.0.0.1:1: connection refused (ECONNREFUSED)');
        await waitForText(problem.locator('[data-testid="connection-retry"]'), /attempt \d+, next try in \d+ s/);
        await waitForText(page.locator('[data-testid="sb-cause"]'), 'ECONNREFUSED');
        await waitForText(page.locator('[data-testid="sb-reconnect"]'), /Attempt \d+: next try in \d+ s|trying now/);
        for (const size of WIDTHS) {
          await page.setViewportSize(size);
          expect(await inReach(page, problem.getByRole('button', { name: 'Retry now' }))).toBe(true);
          expect((await page.locator('.statusbar').boundingBox())!.height).toBeLessThan(34);
          await h.screenshot(`trader-${theme}-${size.width}x${size.height}-5-connection-error`);
        }
        await page.setViewportSize({ width: 1280, height: 800 });
        // A request says why too, on its screen; so does Reconnect (17).
        const s13 = await go(page, 13);
        await send(page, 13);
        await waitForText(s13.locator('[data-testid="local-error"]'), 'Could not connect to 127.0.0.1:1: connection refused (ECONNREFUSED)');
        const s17 = await go(page, 17);
        await send(page, 17);
        await waitForText(s17.locator('[data-testid="local-error"]'), '127.0.0.1:1: connection refused');
        expect(await text(s17.locator('[data-testid="local-error"]'))).not.toContain('Use Reconnect (17) to connect again');
        await noAxeViolations(page, `${theme} connection error`);
        await h.screenshot(`trader-${theme}-1280x800-5-reconnect-refused`);
        // Retry now tries at once (a new attempt, refused again); Edit endpoint opens Settings at the endpoint.
        await problem.getByRole('button', { name: 'Retry now' }).click();
        await waitForText(problem, 'connection refused');
        await problem.getByRole('button', { name: 'Edit endpoint' }).click();
        await page.locator('[data-screen="settings"]').waitFor({ timeout: TIMEOUT });
        await until(async () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'endpoint'), 'focus on the endpoint choice');
      }, { kind: 'custom', url: 'ws://127.0.0.1:1/ws/v1' });
      await page.locator('[data-testid="connection-problem"]').waitFor({ state: 'detached', timeout: TIMEOUT });
      await page.setViewportSize({ width: 1320, height: 820 });
    }, 90_000);

    it('6. the key panel says where the key signs, warns when that is not this profile’s endpoint, and names the demo key', async () => {
      const { page, handlers } = h;
      await withNewProfile(h, `Keyed ${theme}`, async (id) => {
        const s = await go(page, 'settings');
        const panel = s.locator('[data-testid="key-panel"]');
        await waitForText(panel.locator('[data-testid="key-bound"]'), 'the built-in Sandbox — this profile’s endpoint');
        await waitForText(panel.locator('[data-testid="key-demo"]'), 'demo key, given to every sandbox profile automatically');
        await h.screenshot(`trader-${theme}-1280x800-6-key-demo`);
        // The profile moves to a custom host: the demo key stays bound to the sandbox, and the panel says so at once.
        expect((await handlers['settings:updateProfile']({ id: id, endpoint: { kind: 'custom', url: 'ws://127.0.0.1:1/ws/v1' } })).ok).toBe(true);
        await waitForText(panel.locator('[data-testid="key-elsewhere"]'), 'does not sign for this profile’s endpoint (ws://127.0.0.1:1/ws/v1)');
        expect(await text(panel.locator('[data-testid="key-bound"]'))).toContain('not this profile’s endpoint');
        await noAxeViolations(page, `${theme} key elsewhere`);
        await h.screenshot(`trader-${theme}-1280x800-6-key-elsewhere`);
      });
    }, 60_000);

    it('8. a watch shows one live table; a new price level is one new row, not every row below it changed', async () => {
      const { page, handlers } = h;
      await logIn(page);
      const s = await go(page, 14);
      await fill(page, 14, { market: 'vetusdt', level: '20', precision: '6' });
      await send(page, 14);
      await s.getByLabel('Watch interval in seconds').fill('1');
      await s.locator('[data-testid="watch-start"]').click();
      const runs = s.locator('[data-testid="watch-runs"]');
      await waitForText(runs, /^[2-9] runs|^\d{2,} runs/);
      expect(await s.locator('[data-testid="order-book"]').count()).toBe(1);
      // A buy between the best bid and the next level: one new level in the book.
      const bids = (await s.locator('[data-testid="book-bids"] td.price').allTextContents()).map((p) => Number(plain(p)));
      const price = ((bids[0]! + bids[1]!) / 2).toFixed(6);
      const placed = await handlers['session:run'](6, { market: 'vetusdt', side: 'buy', price, volume: '100', ord_type: 'limit' });
      expect(placed.ok).toBe(true);
      await waitForText(runs, '1 new row', TIMEOUT);
      const words = await text(runs);
      expect(words).not.toMatch(/cells? changed/);
      expect(await s.locator('[data-testid="order-book"]').count()).toBe(1);
      await h.screenshot(`trader-${theme}-1280x800-8-watch-new-level`);
      await noAxeViolations(page, `${theme} watch`);
      await s.locator('[data-testid="watch-stop"]').click();
      await handlers['session:run'](8, {});
    }, 60_000);

    it('14. hints look like hints; time fields take ISO dates and say what an epoch means; one time format everywhere', async () => {
      const { page } = h;
      const MOMENT = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}/;
      const s = await go(page, 12);
      const start = s.locator('#f-12-start_time');
      expect(await start.getAttribute('placeholder')).toBe('e.g. 1583764947');
      expect(await start.evaluate((el) => getComputedStyle(el, '::placeholder').fontStyle)).toBe('italic');
      await start.fill('1583764947');
      await waitForText(s.locator('[data-testid="f-12-start_time-meaning"]'), /^= 2020-03-09 \d{2}:\d{2}:27 UTC/);
      await start.fill('2020-03-09 14:42');
      const seconds = Math.floor(new Date(2020, 2, 9, 14, 42).getTime() / 1000);
      await waitForText(s.locator('[data-testid="f-12-start_time-meaning"]'), `= ${seconds} (Unix seconds)`);
      await h.screenshot(`trader-${theme}-1280x800-14-time-field`);
      // The request carries the seconds; the reply header reads in the one format.
      await logIn(page);
      await go(page, 12);
      await fill(page, 12, { market: 'vetusdt' });
      await start.fill('2020-03-09 14:42');
      await send(page, 12);
      expect(await text(s.locator('[data-testid="summary"] .summary-meta'))).toMatch(MOMENT);
      const history = (await h.handlers['history:list']({ limit: 1 })) as unknown as { ok: true; value: Array<{ args: { start_time?: number } }> };
      expect(history.value[0]!.args.start_time).toBe(seconds);
      // Server time: formatted, the exchange's seconds on hover.
      const ts = await go(page, 13);
      await send(page, 13);
      const server = ts.locator('[data-testid="server-time"]');
      expect(await text(server)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(await server.getAttribute('title')).toContain(`${await server.getAttribute('data-epoch')} (Unix seconds`);
      // The log and the status bar: the same format, the zone named once.
      const log = await go(page, 'log');
      await log.locator('[data-testid="log-list"] .log-row').first().waitFor({ timeout: TIMEOUT });
      expect(await text(log.locator('.log-time').first())).toMatch(MOMENT);
      expect(await text(page.locator('[data-testid="sb-zone"]'))).toMatch(/^Times UTC[+−]\d{2}:\d{2}$/);
      await noAxeViolations(page, `${theme} times`);
    }, 60_000);

    it('15. server-error replies read as errors in the log; an empty filter says so; a private choice before login has one message with Authenticate now', async () => {
      const { page } = h;
      // A server error: an order far beyond the balance.
      await logIn(page);
      await go(page, 6);
      await fill(page, 6, { market: 'btcusdt', side: 'buy', price: '60000', volume: '1000', ord_type: 'limit' });
      await send(page, 6);
      const log = await go(page, 'log');
      const errorRow = log.locator('[data-testid="log-list"] .log-row.lvl-error', { hasText: 'OrderHandler' }).last();
      await errorRow.waitFor({ timeout: TIMEOUT });
      expect(await text(errorRow.locator('.log-level'))).toBe('error');
      await log.getByLabel('Search log').fill('no-such-text-anywhere');
      await waitForText(log.locator('[data-testid="log-no-matches"]'), 'No entries match the filter');
      await h.screenshot(`trader-${theme}-1280x800-15-log-no-matches`);
      await log.getByLabel('Search log').fill('');
      // A fresh sandbox profile's session is not logged in: one message, with its button.
      await withNewProfile(h, `Fresh ${theme}`, async () => {
        await waitForText(page.locator('[data-testid="sb-state"]'), /^Connected/);
        await waitForText(page.locator('[data-testid="sb-login"]'), 'Not logged in');
        const s = await go(page, 5);
        await s.locator('[data-testid="needs-login"]').waitFor({ timeout: TIMEOUT });
        await send(page, 5);
        await waitForText(s.locator('[data-testid="local-error"]'), 'Not Authenticated');
        expect(await s.locator('[data-testid="needs-login"]').count()).toBe(0);
        expect(await s.locator('[role="alert"], [role="note"]').count()).toBe(1);
        await h.screenshot(`trader-${theme}-1280x800-15-authenticate-now`);
        await noAxeViolations(page, `${theme} authenticate now`);
        await s.locator('[data-testid="authenticate-now"]').click();
        await waitForText(page.locator('[data-testid="sb-login"]'), /^Logged in/);
        await send(page, 5);
        await waitForText(s.locator('[data-testid="summary"]'), 'received account info');
      });
    }, 90_000);
  });
}
