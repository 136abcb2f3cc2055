// The rest of the app in real Chromium: settings and the key import flow through the real handlers, the log
// viewer and message inspector, keyboard shortcuts, menu navigation, notices, the dark theme.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/ipc/contract';
import { startHarness, type Harness } from './harness';
import { fill, go, screen, send, text, TIMEOUT, until, waitForText } from './ui';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ name: 'app' });
  await waitForText(h.page.locator('[data-testid="sb-state"]'), /^Connected/);
});

afterAll(async () => {
  await h?.close();
});

function fingerprintOf(publicKeyDer: Buffer): string {
  return createHash('sha256').update(publicKeyDer).digest('hex').match(/../g)!.join(':');
}

describe('settings and the key', () => {
  it('shows the active profile and the provisioned sandbox key by fingerprint only', async () => {
    const { page } = h;
    const s = await go(page, 'settings');
    await waitForText(s.locator('[data-testid="fingerprint"]'), /^([0-9a-f]{2}:){31}[0-9a-f]{2}$/i);
    expect(await s.locator('#s-profile option').count()).toBe(1);
    expect(await text(s)).not.toContain('PRIVATE KEY');
    await h.screenshot('settings');
  });

  it('adds a profile with a custom endpoint, imports a key through the main-process dialog, verifies and removes it', async () => {
    const { page, controller } = h;
    const s = await go(page, 'settings');
    await s.getByRole('textbox', { name: 'New profile name' }).fill('My account');
    await s.getByRole('button', { name: 'Add profile' }).click();
    await waitForText(s.locator('#s-profile'), 'My account');
    const id = controller.profiles.getSettings().profiles.find((p) => p.name === 'My account')!.id;
    await s.locator('#s-profile').selectOption(id);
    await waitForText(s.locator('#profile-title'), 'My account');

    // A custom URL (the sandbox's own address) keeps the app from provisioning the demo key into this profile.
    const sandboxUrl = controller.builtInSandbox!.url;
    await s.getByRole('radio', { name: 'Custom URL' }).check();
    await s.getByRole('textbox', { name: 'Custom endpoint URL' }).fill('http://not-a-websocket');
    await s.getByRole('button', { name: 'Save profile' }).click();
    await waitForText(s.locator('.field-error'), 'websocket URL');
    await s.getByRole('textbox', { name: 'Custom endpoint URL' }).fill(sandboxUrl);
    await s.locator('#s-uid').fill('IDNOTREGISTERED');
    await s.locator('#s-apikey').fill('KIDNOTREGISTERED');
    await s.getByRole('button', { name: 'Save profile' }).click();
    await waitForText(page.locator('[data-testid="sb-endpoint"]'), sandboxUrl);
    expect(controller.profiles.getSettings().profiles.find((p) => p.id === id)).toMatchObject({ endpoint: { kind: 'custom', url: sandboxUrl }, uid: 'IDNOTREGISTERED' });

    // A file that is no key: the person reads why.
    const garbage = join(h.dir, 'garbage.pem');
    writeFileSync(garbage, 'this is not a key\n');
    h.dialogs.keyFile = garbage;
    await s.getByRole('button', { name: /Import key|Replace key/ }).click();
    await s.locator('[data-testid="key-error"]').waitFor({ timeout: TIMEOUT });
    await h.screenshot('settings-key-error');

    // A real RSA key: imported, shown by the fingerprint of its public key.
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(h.dir, 'key.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    h.dialogs.keyFile = keyFile;
    await s.getByRole('button', { name: /Import key|Replace key/ }).click();
    const expected = fingerprintOf(publicKey.export({ type: 'spki', format: 'der' }));
    await waitForText(s.locator('[data-testid="fingerprint"]'), new RegExp(expected, 'i'));

    // Verify: this uid/key is unknown to the exchange, and the UI says so.
    await s.getByRole('button', { name: 'Verify key' }).click();
    const verdict = s.locator('[data-testid="verify-result"], [data-testid="key-error"]').first();
    await verdict.waitFor({ timeout: TIMEOUT });
    expect(await verdict.getAttribute('class')).not.toContain('ok');
    await h.screenshot('settings-key-imported');

    // Moving this keyed profile elsewhere: main asks with the whole new URL; no keeps the settings (and the binding).
    const move = h.dialogs.holdNext();
    await s.getByRole('textbox', { name: 'Custom endpoint URL' }).fill('ws://localhost:1/ws/v1');
    await s.getByRole('button', { name: 'Save profile' }).click();
    expect((await move).detail).toContain('New endpoint URL: ws://localhost:1/ws/v1');
    expect((await move).detail.toLowerCase()).toContain(`key fingerprint (sha-256): ${expected.toLowerCase()}`);
    await page.locator('[data-testid="native-question"]').waitFor();
    await h.screenshot('settings-endpoint-change-question');
    h.dialogs.decide('no');
    await waitForText(s.locator('.error-box'), 'The settings were not changed');
    expect(controller.profiles.getSettings().profiles.find((p) => p.id === id)?.endpoint).toEqual({ kind: 'custom', url: sandboxUrl });

    // One question, main's: the renderer has no "really?" step of its own.
    const removal = h.dialogs.holdNext();
    await s.getByRole('button', { name: 'Remove key' }).click();
    expect((await removal).message).toBe('Delete the key of profile "My account"?');
    await page.locator('[data-testid="native-question"]').waitFor();
    await h.screenshot('settings-remove-key-question');
    h.dialogs.decide('yes');
    await s.locator('[data-testid="no-key"]').waitFor({ timeout: TIMEOUT });
    await waitForText(page.locator('.notices'), 'removed from the keychain');

    // Remove the profile: back to the sandbox profile.
    await s.getByRole('button', { name: 'Remove profile' }).click();
    await waitForText(s.locator('#profile-title'), 'Sandbox');
    expect(controller.profiles.getSettings().profiles.map((p) => p.name)).toEqual(['Sandbox']);
  });
});

describe('log viewer and inspector', () => {
  it('shows the frames, filters by level and text, pairs requests with replies', async () => {
    const { page } = h;
    await waitForText(page.locator('[data-testid="sb-state"]'), /^Connected/);
    await go(page, 13);
    await send(page, 13);
    await go(page, 2);
    await send(page, 2);
    const s = await go(page, 'log');
    const count = s.locator('[data-testid="log-count"]');
    await waitForText(s.locator('[data-testid="log-list"]'), 'TickerHandler');
    const all = Number((await text(count)).replace(/\D+.*$/, '').replace(/,/g, ''));
    expect(all).toBeGreaterThan(3);
    await h.screenshot('log-viewer');

    const rows = s.locator('[data-testid="log-list"] .log-row');
    const shown = async () => Number((await text(count)).split(' ')[0]!.replace(/,/g, ''));
    await s.getByRole('searchbox', { name: 'Search log' }).fill('ToolHandler');
    await until(async () => (await shown()) < all, 'the search narrows the list');
    expect(await rows.count()).toBeGreaterThanOrEqual(2); // the request and its reply
    for (const t of await rows.allTextContents()) expect(t).toContain('ToolHandler');
    await s.getByRole('searchbox', { name: 'Search log' }).fill('');
    await until(async () => (await shown()) >= all, 'the search is cleared');

    await s.getByRole('combobox', { name: 'Minimum level' }).selectOption('warn');
    await until(async () => (await shown()) < all, 'the level filter narrows the list');
    for (const t of await s.locator('[data-testid="log-list"] .log-level').allTextContents()) expect(['warn', 'error']).toContain(t);
    await s.getByRole('combobox', { name: 'Minimum level' }).selectOption('debug');
    await until(async () => (await shown()) >= all, 'the level filter is back to debug');

    // Export and reveal go through the main-process dialog port.
    const exportPath = join(h.dir, 'exported.log');
    h.dialogs.exportPath = exportPath;
    await s.getByRole('button', { name: 'Export…' }).click();
    await waitForText(s.locator('.file-message'), 'Exported to');
    expect(existsSync(exportPath)).toBe(true);
    await s.getByRole('button', { name: 'Reveal log file' }).click();
    await waitForText(s.locator('.file-message'), 'ws_client.log');
    expect(h.dialogs.revealed[0]).toMatch(/ws_client\.log$/);

    await s.getByRole('tab', { name: 'Message inspector' }).click();
    const pair = s.locator('[data-testid="inspector-list"] .insp-row[data-kind="pair"]').filter({ hasText: 'ToolHandler/timestamp' }).first();
    await pair.waitFor({ timeout: TIMEOUT });
    expect(await text(pair)).toMatch(/\d+ ms/);
    expect(await s.locator('[data-testid="inspector-list"] .insp-row.lone').filter({ hasText: 'welcome' }).count()).toBeGreaterThan(0);
    await pair.click();
    const detail = s.locator('[data-testid="inspector-detail"]');
    expect(await text(detail)).toContain('"action": "timestamp"');
    await h.screenshot('message-inspector');

    // Clear view drops every entry it held. Heartbeats keep arriving, so an entry may land between the click and
    // the count: what must hold is that every row left is newer than the newest row seen before the click.
    await s.getByRole('tab', { name: 'Log' }).click();
    await waitForText(count, /^\d[\d,]* entries/);
    const seqOf = async (row: Locator) => Number(await row.getAttribute('data-seq'));
    // Following, the newest entry drawn is the list's last row. Read it and click in one task of the page (after
    // a frame has drawn), so no entry can be drawn in between.
    const follow = s.getByTestId('follow');
    if ((await follow.getAttribute('aria-pressed')) !== 'true') await follow.click();
    await waitForText(follow, 'Pause');
    const newestBefore = await s.evaluate(async (el) => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const seqs = [...el.querySelectorAll('[data-testid="log-list"] .log-row')].map((r) => Number(r.getAttribute('data-seq')));
      [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Clear view')!.click();
      return Math.max(...seqs);
    });
    expect(newestBefore).toBeGreaterThan(0);
    await until(async () => {
      const left = await rows.all();
      if ((await shown()) !== left.length) return false;
      for (const r of left) if ((await seqOf(r)) <= newestBefore) return false;
      return true;
    }, 'the view holds only entries newer than the clear');
  });

  it('keeps at most 100k entries and only the visible rows in the DOM', async () => {
    const { page } = h;
    const s = await go(page, 'log');
    const base = 10_000_000;
    for (let b = 0; b < 7; b++) {
      const batch: LogEntry[] = [];
      for (let i = 0; i < 15_000; i++) {
        const seq = base + b * 15_000 + i;
        batch.push({ seq, time: Date.now(), level: i % 50 === 0 ? 'warn' : 'info', text: `synthetic entry ${seq}` });
      }
      await h.emit('event:log', batch);
    }
    await waitForText(s.locator('[data-testid="log-count"]'), '100,000 entries');
    expect(await s.locator('[data-testid="log-list"] .log-row').count()).toBeLessThan(120);
    await waitForText(s.locator('[data-testid="log-list"]'), `synthetic entry ${base + 104_999}`);
    await s.getByRole('combobox', { name: 'Minimum level' }).selectOption('warn');
    await waitForText(s.locator('[data-testid="log-count"]'), '2,000 of 100,000');
    await s.getByRole('combobox', { name: 'Minimum level' }).selectOption('debug');
  });
});

describe('navigation, notices and theme', () => {
  it('reaches choices by keyboard shortcut and by menu navigation events', async () => {
    const { page } = h;
    await page.locator('body').click({ position: { x: 600, y: 400 } });
    await page.keyboard.press('Control+Shift+4');
    await screen(page, 14).waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Control+3');
    await screen(page, 3).waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Control+Shift+L');
    await screen(page, 1).waitFor({ timeout: TIMEOUT });
    await page.keyboard.press('Control+Comma');
    await page.locator('[data-screen="settings"]').waitFor({ timeout: TIMEOUT });
    await h.emit('event:navigate', 15);
    await screen(page, 15).waitFor({ timeout: TIMEOUT });
    await h.emit('event:navigate', 'log');
    await page.locator('[data-screen="log"]').waitFor({ timeout: TIMEOUT });
    // Every sidebar entry has an accessible name (17 choices, composer, history, scenarios, settings, log).
    const names = await page.locator('nav.sidebar button').evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''));
    expect(names.filter((n) => n.length > 0)).toHaveLength(22);
  });

  it('shows notices as dismissible banners', async () => {
    const { page } = h;
    await go(page, 13);
    await h.emit('event:notice', { level: 'warn', message: 'The settings file was corrupt and has been kept aside.' });
    const banner = page.locator('.notice').filter({ hasText: 'kept aside' });
    await banner.waitFor({ timeout: TIMEOUT });
    await h.screenshot('notice');
    await banner.getByRole('button', { name: 'Dismiss notice' }).click();
    await banner.waitFor({ state: 'detached', timeout: TIMEOUT });
  });

  it('the page reported no errors and no CSP violations', () => {
    expect(h.pageProblems).toEqual([]);
  });
});

describe('dark theme', () => {
  it('follows the OS colour scheme', async () => {
    const dark = await startHarness({ name: 'dark', colorScheme: 'dark' });
    try {
      const { page } = dark;
      const bg = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bg').trim());
      expect(bg).toBe('#14181e');
      await waitForText(page.locator('[data-testid="sb-state"]'), /^Connected/);
      await go(page, 2);
      await send(page, 2);
      await dark.screenshot('dark-tickers');
      await go(page, 14);
      await fill(page, 14, { market: 'ethusdt', level: '30', precision: '2' });
      await send(page, 14);
      await dark.screenshot('dark-order-book');
      await go(page, 1);
      await send(page, 1);
      await go(page, 6);
      await fill(page, 6, { market: 'ethusdt', side: 'sell', price: '2000', volume: '0.5', ord_type: 'limit' });
      await send(page, 6);
      await go(page, 15);
      await fill(page, 15, { market: 'ethusdt', limit: '30', period: '1' });
      await send(page, 15);
      await dark.screenshot('dark-kline');
      await go(page, 'settings');
      await dark.screenshot('dark-settings');
      await go(page, 'log');
      await dark.screenshot('dark-log');
      expect(dark.pageProblems).toEqual([]);
    } finally {
      await dark.close();
    }
  });
});
