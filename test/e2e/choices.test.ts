// Every one of the 17 choices, driven through the UI in real Chromium against the real app controller and the
// built-in sandbox exchange: fill the form, press the button, check what a person sees. Screenshots of each screen
// go to test-output/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { fill, go, screen, send, showKlineAfterTrade, text, TIMEOUT, until, waitForText } from './ui';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ name: 'choices' });
  await waitForText(h.page.locator('[data-testid="sb-state"]'), /^Connected/);
});

afterAll(async () => {
  await h?.close();
});

describe('choices in the browser', () => {
  it('validates a form inline before anything is sent', async () => {
    const { page } = h;
    const s = await go(page, 6);
    await fill(page, 6, { market: 'VET/USDT', price: 'abc' });
    await s.locator('[data-testid="send"]').click();
    await waitForText(s.locator('.field-error'), 'is not a market id');
    expect(await text(s)).toContain('Price: "abc" is not a plain decimal number');
    expect(await text(s)).toContain('Volume is required (example: 1000)');
    // Nothing was asked to be confirmed, nothing sent.
    expect(h.dialogs.questions).toHaveLength(0);
    expect(await s.locator('[data-testid="summary"]').count()).toBe(0);
    await expect(s.locator('#f-6-price').getAttribute('aria-invalid')).resolves.toBe('true');
    await h.screenshot('validation-errors');
    // Fixing a field clears its error on blur.
    await fill(page, 6, { price: '0.5' });
    await s.locator('#f-6-volume').focus();
    expect(await text(s)).not.toContain('is not a plain decimal number');
  });

  it("shows a limit order's price 0 as wrong when the person leaves the field, not only on Send", async () => {
    const { page } = h;
    const s = await go(page, 6);
    await fill(page, 6, { market: 'vetusdt', side: 'buy', volume: '1000', ord_type: 'limit', price: '0' });
    await s.locator('#f-6-volume').focus();
    await waitForText(s.locator('.field-error'), 'Price must be greater than zero for a limit order');
    await expect(s.locator('#f-6-price').getAttribute('aria-invalid')).resolves.toBe('true');
    // A market order needs no price: the field is emptied and its error goes.
    await s.locator('#f-6-ord_type').selectOption('market');
    await until(async () => (await s.locator('.field-error').count()) === 0, 'the price error goes for a market order');
    await s.locator('#f-6-ord_type').selectOption('limit');
    await fill(page, 6, { price: '0.5' });
    await s.locator('#f-6-volume').focus();
    expect(await s.locator('.field-error').count()).toBe(0);
    expect(await s.locator('[data-testid="summary"]').count()).toBe(0);
  });

  it('refuses a private choice before login, locally', async () => {
    const { page } = h;
    await go(page, 5);
    expect(await text(screen(page, 5).locator('.hint'))).toContain('needs a logged-in connection');
    const outcome = await send(page, 5);
    expect(await outcome.getAttribute('data-testid')).toBe('local-error');
    expect(await text(outcome)).toContain('Not Authenticated');
    await h.screenshot('refused-before-login');
  });

  it('13 Get Timestamp shows server time, local time and clock skew', async () => {
    const { page } = h;
    await go(page, 13);
    const summary = await send(page, 13);
    expect(await text(summary)).toContain('received timestamp');
    const view = screen(page, 13).locator('[data-testid="timestamp-view"]');
    expect(await text(view)).toMatch(/Server time\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(await text(view.locator('[data-testid="skew"]'))).toMatch(/within 1 s|server (ahead|behind) by/);
    await h.screenshot('choice-13-timestamp');
  });

  it('3 Get All Markets lists the markets in a table', async () => {
    const { page } = h;
    await go(page, 3);
    await send(page, 3);
    const rows = screen(page, 3).locator('[data-testid="markets-table"] tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await text(screen(page, 3).locator('[data-testid="markets-table"]'))).toContain('VET/USDT');
    await h.screenshot('choice-03-markets');
  });

  it('2 Get All Tickers: a sortable, filterable table', async () => {
    const { page } = h;
    const s = await go(page, 2);
    await send(page, 2);
    const table = s.locator('[data-testid="tickers-table"]');
    expect(await table.locator('tbody tr').count()).toBe(4);
    // Sorted by market ascending at first; one click sorts descending: vetusdt first.
    expect(await text(table.locator('tbody tr').first())).toContain('btcusdt');
    await table.getByRole('button', { name: 'Market' }).click();
    expect(await text(table.locator('tbody tr').first())).toContain('vetusdt');
    await table.getByRole('searchbox').fill('eth');
    await waitForText(table.locator('.count'), '1 of 4 rows');
    expect(await text(table.locator('tbody tr').first())).toContain('ethusdt');
    await table.getByRole('searchbox').fill('');
    // The raw toggle shows the frame sent, exactly as sent (issue #19's test checks both frames byte for byte).
    await s.getByRole('button', { name: 'Show raw frames' }).click();
    const raw = await text(s.locator('[data-testid="raw-sent"]'));
    expect(raw).toContain('{"identifier":{"handler":"TickerHandler"}');
    await h.screenshot('choice-02-tickers');
  });

  it('4 Get All TradingFee shows a fee table', async () => {
    const { page } = h;
    await go(page, 4);
    await send(page, 4);
    const table = screen(page, 4).locator('[data-testid="fees-table"]');
    expect(await table.locator('tbody tr').count()).toBe(4);
    expect(await text(table)).toContain('0.001');
    await h.screenshot('choice-04-fees');
  });

  it('14 Get OrderBook shows a depth ladder with spread', async () => {
    const { page } = h;
    const s = await go(page, 14);
    await fill(page, 14, { market: 'vetusdt', level: '20', precision: '6' });
    await send(page, 14);
    const book = s.locator('[data-testid="order-book"]');
    expect(await book.locator('[data-testid="book-bids"] tr.depth-row').count()).toBeGreaterThan(0);
    expect(await book.locator('[data-testid="book-asks"] tr.depth-row').count()).toBeGreaterThan(0);
    expect(await text(book.locator('[data-testid="spread"]'))).toMatch(/Spread \d/);
    await h.screenshot('choice-14-order-book');
  });

  it('1 Authenticate logs in with the provisioned sandbox key', async () => {
    const { page } = h;
    await go(page, 1);
    const summary = await send(page, 1);
    expect(await text(summary)).toContain('Authenticated.');
    await waitForText(page.locator('[data-testid="sb-login"]'), /^Logged in/);
    expect(await text(screen(page, 1).locator('[data-testid="login-view"]'))).toContain('Scopes');
    await h.screenshot('choice-01-authenticate');
  });

  it('5 Get Account shows balances', async () => {
    const { page } = h;
    await go(page, 5);
    const summary = await send(page, 5);
    expect(await text(summary)).toContain('received account info');
    const table = screen(page, 5).locator('[data-testid="account-table"]');
    expect(await text(table)).toContain('USDT');
    expect(await table.locator('tbody tr').count()).toBe(5);
    await h.screenshot('choice-05-account');
  });

  let orderId = '';

  it("6 New Order previews the exact args; main's native question names endpoint and order; yes places it", async () => {
    const { page } = h;
    const s = await go(page, 6);
    await fill(page, 6, { market: 'vetusdt', side: 'buy', price: '0.01', volume: '1000', ord_type: 'limit' });
    const args = JSON.parse(await text(s.locator('[data-testid="preview-args"]'))) as unknown;
    expect(args).toEqual({ market: 'vetusdt', side: 'buy', price: 0.01, volume: 1000, ord_type: 'limit' });
    const asked = h.dialogs.holdNext();
    await s.locator('[data-testid="send"]').click();
    const question = await asked;
    expect(question.message).toBe('Place this buy order on Sandbox?');
    expect(question.detail).toMatch(/Endpoint: Sandbox — the built-in Sandbox exchange \(ws:\/\/127\.0\.0\.1:\d+\/ws\/v1\)/);
    expect(question.detail).toContain('Market: vetusdt (VET/USDT)');
    expect(question.detail).toContain('Notional: 10 USDT');
    await page.locator('[data-testid="native-question"]').waitFor();
    // The errors of the earlier invalid attempt are gone once the form is valid.
    expect(await s.locator('.field-error').count()).toBe(0);
    await h.screenshot('choice-06-new-order-confirm');
    h.dialogs.decide('yes');
    await s.locator('[data-testid="summary"]').waitFor({ timeout: TIMEOUT });
    orderId = (await text(s.locator('[data-testid="order-id"]'))).trim();
    expect(orderId).toMatch(/^\d+$/);
    expect(await text(s.locator('[data-testid="summary"]'))).toContain(`order id: ${orderId}`);
    await h.screenshot('choice-06-new-order');
  });

  it('9 List Open Orders shows the order with row actions; Details opens 10 Display Order Details', async () => {
    const { page } = h;
    const s = await go(page, 9);
    await fill(page, 9, { market: 'vetusdt', ord_type: 'limit' });
    await send(page, 9);
    const table = s.locator('[data-testid="orders-table"]');
    const row = table.locator('tbody tr').filter({ hasText: orderId }).first();
    await row.waitFor();
    expect(await text(row)).toContain('wait');
    await h.screenshot('choice-09-open-orders');
    await row.getByRole('button', { name: `Details of order ${orderId}` }).click();
    const details = screen(page, 10);
    await details.locator('[data-testid="order-view"]').waitFor({ timeout: TIMEOUT });
    expect(await details.locator('#f-10-id').inputValue()).toBe(orderId);
    expect(await text(details.locator('[data-testid="order-view"]'))).toContain('0.01');
    await h.screenshot('choice-10-order-details');
  });

  it('7 Cancel Multiple Orders cancels after confirmation', async () => {
    const { page } = h;
    await go(page, 7);
    await fill(page, 7, { ids: orderId });
    const summary = await send(page, 7);
    expect(await text(summary)).toContain(`cancelled ids: ${orderId}`);
    expect(await text(screen(page, 7).locator('[data-testid="ids-view"]'))).toContain(orderId);
    await h.screenshot('choice-07-cancel');
  });

  it('11 Display History Order finds the cancelled order', async () => {
    const { page } = h;
    await go(page, 11);
    await fill(page, 11, { id: orderId });
    const summary = await send(page, 11);
    expect(await text(summary)).toContain('received history order');
    await waitForText(screen(page, 11).locator('[data-testid="order-view"]'), 'cancel');
    await h.screenshot('choice-11-history-order');
  });

  it('12 Display All History Orders lists it in a paged table', async () => {
    const { page } = h;
    const s = await go(page, 12);
    await fill(page, 12, { market: 'vetusdt' });
    await send(page, 12);
    const row = s.locator('[data-testid="orders-table"] tbody tr').filter({ hasText: orderId });
    expect(await row.count()).toBe(1);
    await h.screenshot('choice-12-history-orders');
  });

  it('15 Get K-line draws candles and volume after a trade', async () => {
    const { page } = h;
    const s = await showKlineAfterTrade(page);
    const chart = s.locator('[data-testid="kline-chart"]');
    expect(await chart.locator('canvas').count()).toBeGreaterThan(1);
    expect(await text(s.locator('[data-testid="kline"]'))).toMatch(/\d+ candles?/);
    await h.screenshot('choice-15-kline');
  });

  it('row action Cancel, then 8 Mass Cancel All cancels every open order after confirmation', async () => {
    const { page } = h;
    const place = async (price: string) => {
      await go(page, 6);
      await fill(page, 6, { market: 'vetusdt', side: 'buy', price, volume: '500', ord_type: 'limit' });
      await send(page, 6);
      return (await text(screen(page, 6).locator('[data-testid="order-id"]'))).trim();
    };
    const first = await place('0.011');
    const placed = await place('0.0111');
    // The open orders' row action cancels one of them (after confirmation) and shows the cancel screen.
    const s9 = await go(page, 9);
    await send(page, 9);
    await s9.getByRole('button', { name: `Cancel order ${first}` }).click();
    await waitForText(screen(page, 7).locator('[data-testid="ids-view"]'), first);
    expect(h.dialogs.questions.at(-1)?.detail).toContain(`Order ids: ${first}`);
    // Mass cancel: main asked the exchange how many orders are open before asking the person.
    await go(page, 8);
    const asked = h.dialogs.holdNext();
    await screen(page, 8).locator('[data-testid="send"]').click();
    expect((await asked).detail).toMatch(/Open orders the exchange reports now: [1-9]\d*/);
    await page.locator('[data-testid="native-question"]').waitFor();
    // The screen says what it waits for: the person's answer in main's dialog first.
    await waitForText(screen(page, 8).locator('[data-testid="progress"]'), 'Waiting for your answer in the app’s dialog');
    await h.screenshot('choice-08-mass-cancel-confirm');
    h.dialogs.decide('yes');
    const summary = screen(page, 8).locator('[data-testid="summary"]');
    await summary.waitFor({ timeout: TIMEOUT });
    expect(await text(summary)).toContain('mass cancel ack');
    expect(await text(screen(page, 8).locator('[data-testid="ids-view"]'))).toContain(placed);
    await h.screenshot('choice-08-mass-cancel');
  });

  it('shows the server error code for insufficient funds and for an unknown order id', async () => {
    const { page } = h;
    const s6 = await go(page, 6);
    await fill(page, 6, { market: 'btcusdt', side: 'buy', price: '60000', volume: '1000', ord_type: 'limit' });
    await send(page, 6);
    const error = s6.locator('[data-testid="server-error"]');
    await error.waitFor();
    expect(await text(error)).toMatch(/code -?\d+/);
    expect(await text(s6.locator('[data-testid="summary"]'))).toContain('order rejected');
    await h.screenshot('server-error-new-order');
    const s10 = await go(page, 10);
    await fill(page, 10, { id: '987654321' });
    await send(page, 10);
    expect(await text(s10.locator('[data-testid="server-error"]'))).toContain('code 2004');
    await h.screenshot('server-error-order-details');
  });

  it('16 Disconnect and 17 Reconnect change the status bar; requests in between are refused', async () => {
    const { page } = h;
    await go(page, 16);
    expect(await text(await send(page, 16))).toContain('Disconnected');
    await waitForText(page.locator('[data-testid="sb-state"]'), 'Disconnected');
    await h.screenshot('choice-16-disconnect');
    await go(page, 13);
    const refused = await send(page, 13);
    expect(await refused.getAttribute('data-testid')).toBe('local-error');
    expect(await text(refused)).toContain('Not connected');
    await go(page, 17);
    expect(await text(await send(page, 17))).toContain('Reconnected');
    await waitForText(page.locator('[data-testid="sb-state"]'), /^Connected/);
    await waitForText(page.locator('[data-testid="sb-login"]'), /^Logged in/);
    await h.screenshot('choice-17-reconnect');
  });

  it('flags an order whose reply never came until it is reconciled after the automatic reconnect', async () => {
    const { page, controller } = h;
    // The exchange creates the order, then drops the connection before answering.
    controller.builtInSandbox!.faults.dropOnNext('OrderHandler', 'create', true);
    const s = await go(page, 6);
    await fill(page, 6, { market: 'vetusdt', side: 'buy', price: '0.012', volume: '700', ord_type: 'limit' });
    const outcome = await send(page, 6);
    expect(await outcome.getAttribute('data-testid')).toBe('local-error');
    expect(await text(s.locator('[data-testid="local-error"]'))).toContain('outcome is unknown');
    const flag = page.locator('[data-testid="sb-unknown"]');
    await flag.waitFor({ timeout: TIMEOUT });
    await h.screenshot('status-order-outcome-unknown');
    // Reconnected, logged in again, looked up in open orders: no longer unknown.
    await waitForText(flag, 'reconciled');
    await flag.click();
    await waitForText(page.locator('.sb-popover'), 'found among the open orders');
    // The New Order screen no longer only says "unknown": it tells what the lookup found.
    await waitForText(s.locator('[data-testid="reconciled"]'), 'found among the open orders');
    await h.screenshot('status-order-reconciled');
    await flag.click();
  });

  it('shows the reason of a server disconnect that forbids reconnecting', async () => {
    const { page, controller } = h;
    controller.builtInSandbox!.faults.disconnectAll('maintenance window', false);
    await waitForText(page.locator('[data-testid="sb-reason"]'), 'maintenance window');
    await waitForText(page.locator('[data-testid="sb-state"]'), /Disconnected|Not connected/);
    await h.screenshot('status-server-disconnect');
    await go(page, 17);
    expect(await text(await send(page, 17))).toContain('Reconnected');
    await waitForText(page.locator('[data-testid="sb-state"]'), /^Connected/);
  });

  it('the page reported no errors and no CSP violations', () => {
    expect(h.pageProblems).toEqual([]);
  });
});
