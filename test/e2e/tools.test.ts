// Composer, request history and watch mode in real Chromium, driving the real handlers, controller and session
// against the built-in sandbox. Screenshots: composer, composer-refused, history, watch, watch-setup, watch-statusbar.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { go, screen, text, TIMEOUT, until, waitForText } from './ui';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ name: 'tools' });
  await waitForText(h.page.locator('[data-testid="sb-state"]'), /^Connected/);
});

afterAll(async () => {
  await h?.close();
});

/** The composer and history screens (ui.ts's go covers the choices, settings and log). */
async function open(view: 'composer' | 'history'): Promise<Locator> {
  await h.page.locator(`[data-view="${view}"]`).click();
  const s = h.page.locator(`[data-screen="${view}"]`);
  await s.waitFor({ timeout: TIMEOUT });
  return s;
}

describe('raw frame composer', () => {
  it('sends the timestamp template and shows the reply paired by uuid with its round trip', async () => {
    const s = await open('composer');
    await waitForText(s.locator('[data-testid="frame-check"]'), 'same request as choice 13');
    await s.locator('[data-testid="new-uuid"]').click();
    const frame = JSON.parse(await s.locator('[data-testid="frame-text"]').inputValue()) as { data: { uuid: string } };
    await s.locator('[data-testid="send-raw"]').click();
    const exchange = s.locator('[data-testid="exchange"]').first();
    await waitForText(exchange, 'received timestamp');
    expect(await text(exchange.locator('[data-testid="exchange-uuid"]'))).toContain(`uuid ${frame.data.uuid} ✓ paired`);
    expect(await text(exchange)).toMatch(/\d+ ms · code 0/);
    await h.screenshot('composer');
  });

  it('checks the frame as it is typed: a login frame is refused and Send stays disabled', async () => {
    const s = h.page.locator('[data-screen="composer"]');
    const login = { identifier: { handler: 'AuthHandler' }, command: 'message', data: { action: 'login', uuid: 'x', args: {} } };
    await s.locator('[data-testid="frame-text"]').fill(JSON.stringify(login, null, 2));
    await waitForText(s.locator('[data-testid="frame-check"]'), 'cannot be sent raw');
    expect(await s.locator('[data-testid="send-raw"]').isDisabled()).toBe(true);
    await s.getByLabel('Template').selectOption('6');
    await waitForText(s.locator('[data-testid="frame-check"]'), 'sent as choice 6 (New Order) after main asks you to confirm');
    await s.locator('[data-testid="frame-text"]').fill('{"identifier": {"handler": "TickerHandler"}, "command": "message", "data": {');
    await waitForText(s.locator('[data-testid="frame-check"]'), 'not valid JSON');
    await h.screenshot('composer-refused');
  });
});

describe('request history', () => {
  it('lists what was sent, filters, re-sends and exports JSON lines through the main-process dialog', async () => {
    const { page } = h;
    await go(page, 3);
    await screen(page, 3).locator('[data-testid="send"]').click();
    await waitForText(screen(page, 3).locator('[data-testid="summary"]'), 'received markets info');
    const s = await open('history');
    await until(async () => (await s.locator('[data-testid="history-row"]').count()) >= 2, 'two history rows');
    await s.getByLabel('Search the history').fill('ToolHandler');
    await until(async () => (await s.locator('[data-testid="history-row"]').count()) === 1, 'one ToolHandler row');
    await s.locator('[data-testid="history-resend"]').first().click();
    await waitForText(s.locator('[data-testid="history-message"]'), 'Re-sent ToolHandler/timestamp: received timestamp');
    await until(async () => (await s.locator('[data-testid="history-row"]').count()) === 2, 'the re-send recorded');
    await s.getByLabel('Search the history').fill('');
    await until(async () => (await s.locator('[data-testid="history-row"]').count()) >= 3, 'all rows again');
    await h.screenshot('history');

    h.dialogs.exportPath = join(h.dir, 'history.jsonl');
    await s.locator('[data-testid="history-export"]').click();
    await waitForText(s.locator('[data-testid="history-message"]'), 'Exported to');
    const lines = readFileSync(h.dialogs.exportPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { handler: string });
    expect(lines.map((l) => l.handler)).toEqual(expect.arrayContaining(['ToolHandler', 'MarketsHandler']));
  });
});

describe('watch mode', () => {
  it('re-runs the timestamp every second, flashes the changed cells, and stops when the screen closes', async () => {
    const { page, controller } = h;
    const s = await go(page, 13);
    await s.getByLabel('Watch interval in seconds').fill('1');
    await s.locator('[data-testid="watch-start"]').click();
    await waitForText(s.locator('[data-testid="watch-state"]'), 'Watching every 1 s');
    await waitForText(s.locator('[data-testid="watch-runs"]'), /[3-9] runs · \d+ cells? changed/, TIMEOUT);
    expect(await s.locator('[data-testid="watch-result"] .cell-changed').count()).toBeGreaterThan(0);
    await waitForText(page.locator('[data-testid="sb-watches"]'), '1 watch');
    await h.screenshot('watch');
    await go(page, 3);
    await until(async () => controller.requests.listWatches().length === 0, 'the watch stopped');
    expect(await page.locator('[data-testid="sb-watches"]').count()).toBe(0);
  });

  it('keeps running after the screen closes when asked, pauses while disconnected and resumes after', async () => {
    const { page, controller } = h;
    const s = await go(page, 13);
    await s.getByLabel('Watch interval in seconds').fill('1');
    await s.getByLabel('keep running when I leave this screen').check();
    await h.screenshot('watch-setup');
    await s.locator('[data-testid="watch-start"]').click();
    await go(page, 'log');
    await until(async () => controller.requests.listWatches()[0]?.runs !== undefined && controller.requests.listWatches()[0]!.runs >= 2, 'runs while away');
    expect((await controller.session.run(16, {})).ok).toBe(true);
    await waitForText(page.locator('[data-testid="sb-watches"]'), '(1 paused)');
    await page.locator('[data-testid="sb-watches"]').click();
    await h.screenshot('watch-statusbar');
    const pausedRuns = controller.requests.listWatches()[0]!.runs;
    expect((await controller.session.run(17, {})).ok).toBe(true);
    await until(async () => controller.requests.listWatches()[0]!.runs > pausedRuns && controller.requests.listWatches()[0]!.state === 'running', 'resumed after reconnect');
    await page.getByRole('dialog', { name: 'Watches' }).getByRole('button', { name: 'Stop' }).click();
    await until(async () => controller.requests.listWatches().length === 0, 'stopped from the status bar');
  });
});
