// Every screen and state as a trader meets them, in both themes: axe-core (WCAG 2.2 AA + best practice) finds no
// violation in any of them, and each is photographed at 800×600 and 1920×1080 for a person to look at.
// Also the screen behaviour axe cannot see: where focus goes, keyboard use of tabs and lists, replies of runs the
// menu started, numbers at one precision per column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, describeViolations } from './axe';
import { startHarness, type Harness } from './harness';
import { fill, go, screen, send, showKlineAfterTrade, text, TIMEOUT, waitForText } from './ui';

const SIZES = [
  { width: 800, height: 600 },
  { width: 1920, height: 1080 },
] as const;

/** The states the suite visits, in order: each leaves the app showing what its name says. */
function states(h: Harness): ReadonlyArray<[string, () => Promise<unknown>]> {
  const { page } = h;
  let orderId = '';
  return [
    ['13-timestamp', async () => (await go(page, 13), send(page, 13))],
    ['03-markets', async () => (await go(page, 3), send(page, 3))],
    [
      '02-tickers',
      async () => {
        const s = await go(page, 2);
        await send(page, 2);
        await s.getByRole('button', { name: 'Show raw frames' }).click();
      },
    ],
    ['04-fees', async () => (await go(page, 4), send(page, 4))],
    ['14-order-book', async () => (await go(page, 14), await fill(page, 14, { market: 'vetusdt', level: '20', precision: '6' }), send(page, 14))],
    ['05-refused-before-login', async () => (await go(page, 5), send(page, 5))],
    [
      '06-validation-errors',
      async () => {
        const s = await go(page, 6);
        await fill(page, 6, { market: 'VET/USDT', price: 'abc', volume: '' });
        await s.locator('[data-testid="send"]').click();
        await s.locator('.field-error').first().waitFor({ timeout: TIMEOUT });
      },
    ],
    ['01-authenticate', async () => (await go(page, 1), send(page, 1))],
    ['05-account', async () => (await go(page, 5), send(page, 5))],
    [
      '06-new-order',
      async () => {
        await go(page, 6);
        await fill(page, 6, { market: 'vetusdt', side: 'buy', price: '0.01', volume: '1000', ord_type: 'limit' });
        await send(page, 6);
        orderId = (await text(screen(page, 6).locator('[data-testid="order-id"]'))).trim();
      },
    ],
    ['09-open-orders', async () => (await go(page, 9), await fill(page, 9, { market: 'vetusdt' }), send(page, 9))],
    [
      '10-order-details',
      async () => (await go(page, 10), await fill(page, 10, { id: orderId }), send(page, 10)),
    ],
    [
      '15-kline',
      () => showKlineAfterTrade(page),
    ],
    [
      '07-cancel',
      async () => (await go(page, 7), await fill(page, 7, { ids: orderId }), send(page, 7)),
    ],
    ['11-history-order', async () => (await go(page, 11), await fill(page, 11, { id: orderId }), send(page, 11))],
    ['12-history-orders', async () => (await go(page, 12), await fill(page, 12, { market: 'vetusdt' }), send(page, 12))],
    ['08-mass-cancel', async () => (await go(page, 8), send(page, 8))],
    ['06-server-error', async () => (await go(page, 6), await fill(page, 6, { market: 'btcusdt', side: 'buy', price: '60000', volume: '1000', ord_type: 'limit' }), send(page, 6))],
    ['16-disconnect', async () => (await go(page, 16), await send(page, 16), waitForText(page.locator('[data-testid="sb-state"]'), 'Disconnected'))],
    ['17-reconnect', async () => (await go(page, 17), await send(page, 17), waitForText(page.locator('[data-testid="sb-login"]'), /^Logged in/))],
    ['settings', () => go(page, 'settings')],
    ['log', async () => (await go(page, 'log'), page.locator('[data-testid="log-list"] .log-row').first().waitFor({ timeout: TIMEOUT }))],
    ['log-inspector', async () => (await go(page, 'log'), await page.getByRole('tab', { name: 'Message inspector' }).click(), page.locator('[data-testid="inspector-list"] .insp-row').first().waitFor({ timeout: TIMEOUT }))],
    [
      'scenarios-run',
      async () => {
        await page.locator('[data-view="scenarios"]').click();
        const s = page.locator('[data-screen="scenarios"]');
        await waitForText(s.locator('[data-testid="scenario-check"]'), 'Ready: 3 steps');
        await s.locator('[data-testid="scenario-run"]').click();
        await waitForText(s.locator('[data-testid="scenario-message"]'), 'Passed: 3 passed');
        await s.locator('[data-testid="latency-table"]').waitFor({ timeout: TIMEOUT });
      },
    ],
    [
      'scenarios-problems',
      async () => {
        const s = page.locator('[data-screen="scenarios"]');
        await s.locator('[data-testid="scenario-text"]').fill('name: x\nsteps:\n  - { name: a, choice: 6, fields: { side: up } }\n');
        await s.locator('[data-testid="scenario-diagnostics"]').waitFor({ timeout: TIMEOUT });
      },
    ],
  ];
}

for (const theme of ['light', 'dark'] as const) {
  describe(`every screen in the ${theme} theme`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ name: `screens-${theme}`, colorScheme: theme });
      await waitForText(h.page.locator('[data-testid="sb-state"]'), /^Connected/);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('axe finds no WCAG 2.2 AA violation in any visited state; screenshots at 800×600 and 1920×1080', async () => {
      const problems: string[] = [];
      for (const [name, reach] of states(h)) {
        await h.page.setViewportSize({ width: 1320, height: 820 });
        await reach();
        const violations = await axeViolations(h.page);
        if (violations.length > 0) problems.push(describeViolations(`${theme} ${name}`, violations));
        for (const size of SIZES) {
          await h.page.setViewportSize(size);
          await h.screenshot(`screens-${theme}-${size.width}x${size.height}-${name}`);
        }
      }
      await h.page.setViewportSize({ width: 1320, height: 820 });
      expect(problems.join('\n')).toBe('');
      expect(h.pageProblems).toEqual([]);
    }, 300_000);
  });
}
