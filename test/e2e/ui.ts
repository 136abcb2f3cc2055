// Small page helpers for the browser tests: go to a screen, fill a catalogue form, send, wait for what shows.
import type { Locator, Page } from 'playwright-core';
import { choiceByNumber } from '../../shared/oceanex/catalogue';

export const TIMEOUT = 20_000;

export function screen(page: Page, choice: number): Locator {
  return page.locator(`[data-screen="${choiceByNumber(choice)!.id}"]`);
}

export async function go(page: Page, target: number | 'settings' | 'log' | 'history' | 'composer'): Promise<Locator> {
  if (typeof target === 'number') {
    await page.locator(`[data-choice="${target}"]`).click();
    const s = screen(page, target);
    await s.waitFor({ timeout: TIMEOUT });
    return s;
  }
  await page.locator(`[data-view="${target}"]`).click();
  const s = page.locator(`[data-screen="${target}"]`);
  await s.waitFor({ timeout: TIMEOUT });
  return s;
}

/** Fills the choice's form: text inputs by typing, pick-lists by choosing. */
export async function fill(page: Page, choice: number, values: Readonly<Record<string, string>>): Promise<void> {
  const spec = choiceByNumber(choice)!;
  for (const [name, value] of Object.entries(values)) {
    const field = spec.fields.find((f) => f.name === name);
    if (!field) throw new Error(`choice ${choice} has no field ${name}`);
    const control = page.locator(`#f-${choice}-${name}`);
    if (field.kind === 'enum') await control.selectOption(value);
    else await control.fill(value);
  }
}

/**
 * Presses Send and waits until the reply (or the local refusal) is shown; returns the summary text.
 * Orders and cancels are confirmed by main: the harness's scripted person answers (see ScriptedDialogs).
 */
export async function send(page: Page, choice: number): Promise<Locator> {
  const s = screen(page, choice);
  await s.locator('[data-testid="send"]').click();
  const outcome = s.locator('[data-testid="summary"], [data-testid="local-error"]');
  await outcome.first().waitFor({ timeout: TIMEOUT });
  return outcome.first();
}

export async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** Waits until `locator` contains `expected` (polling the DOM, no fixed sleeps). */
export async function waitForText(locator: Locator, expected: string | RegExp, timeout = TIMEOUT): Promise<void> {
  await locator.filter({ hasText: expected }).first().waitFor({ timeout });
}

/** Re-checks `condition` on every animation frame of the test process until it holds (no fixed sleeps). */
export async function until(condition: () => Promise<boolean>, what: string, timeout = TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Buys above the market maker's ask on vetusdt (it trades at once), then runs 15 Get K-line: the chart has a candle. */
export async function showKlineAfterTrade(page: Page): Promise<Locator> {
  await go(page, 6);
  await fill(page, 6, { market: 'vetusdt', side: 'buy', price: '0.03', volume: '100', ord_type: 'limit' });
  await send(page, 6);
  const s = await go(page, 15);
  await fill(page, 15, { market: 'vetusdt', limit: '30', period: '1' });
  await send(page, 15);
  await s.locator('[data-testid="kline-chart"] canvas').first().waitFor({ timeout: TIMEOUT });
  return s;
}
