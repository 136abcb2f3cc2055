// Copy as code and sessions as files in real Chromium, on the real handlers and the built-in sandbox: the code panel
// on a choice screen, the composer and a history entry; Save as… writes the program main generates, which then runs
// against the sandbox; the log screen exports HAR and NDJSON (all, and the filtered view), imports them back into a
// read-only inspector tab with structured replies, and refuses a hostile file in words. axe-core in both themes.
// Screenshots: copy-as-code-<theme>, copy-as-code-composer, copy-as-code-history, imported-session-<theme>,
// import-refused.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSessionFile } from '../../shared/session-file/index';
import { ProgramDir, runProgram } from '../codegen/run-program';
import { axeViolations, describeViolations } from './axe';
import { startHarness, type Harness } from './harness';
import { fill, go, send, text, TIMEOUT, until, waitForText } from './ui';

describe.each(['light', 'dark'] as const)('copy as code and session files (%s theme)', (theme) => {
  let h: Harness;
  let dir: string;
  const full = theme === 'light'; // the whole flow once; the dark theme checks what it draws

  beforeAll(async () => {
    h = await startHarness({ name: `code-${theme}`, colorScheme: theme });
    dir = mkdtempSync(join(tmpdir(), 'oceanex-e2e-files-'));
    await waitForText(h.page.locator('[data-testid="sb-state"]'), /^Connected/);
  });
  afterAll(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function noViolations(where: string): Promise<void> {
    const violations = await axeViolations(h.page);
    expect(violations, describeViolations(where, violations)).toEqual([]);
  }

  it('a choice screen shows its request as a Python and a Node program; copy, save as, Esc', async () => {
    const s = await go(h.page, 14);
    await fill(h.page, 14, { market: 'vetusdt', level: '2', precision: '6' });
    const toggle = s.locator('[data-testid="copy-as-code"]');
    await toggle.click();
    const panel = s.locator('[data-testid="code-panel"]');
    const program = panel.locator('[data-testid="code-program"]');
    await waitForText(program, `ARGS = json.loads('{"market_id":"vetusdt","market":"vetusdt","level":2,"precision":6}')`);
    expect(await text(panel.locator('[data-testid="code-env"]'))).toBe('Public request. Set OCEANEX_WS_URL.');
    await h.screenshot(`copy-as-code-${theme}`);
    await noViolations(`code panel (${theme})`);
    if (!full) return;
    // Arrow keys move between the language tabs.
    await panel.getByRole('tab', { name: 'Python' }).focus();
    await h.page.keyboard.press('ArrowRight');
    await waitForText(program, "import WebSocket from 'ws';");
    expect(await panel.getByRole('tab', { name: 'Node' }).getAttribute('aria-selected')).toBe('true');
    await h.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(h.page.url()).origin });
    await panel.locator('[data-testid="code-copy"]').click();
    await waitForText(panel.locator('[data-testid="code-message"]'), 'Node program copied.');
    expect(await h.page.evaluate(() => navigator.clipboard.readText().catch(() => null))).toBe(await program.textContent());
    // Save as…: main generates the same program and writes it where the person chose; it runs against the sandbox.
    h.dialogs.savePath = join(dir, 'book.mjs');
    await panel.locator('[data-testid="code-save"]').click();
    await waitForText(panel.locator('[data-testid="code-message"]'), `Saved to ${join(dir, 'book.mjs')}`);
    expect(h.dialogs.saved.at(-1)).toEqual({ name: 'oceanex_orderbookhandler_index.mjs', kind: 'node' });
    const saved = readFileSync(join(dir, 'book.mjs'), 'utf8');
    expect(saved).toBe(await program.textContent());
    const programs = new ProgramDir();
    try {
      const run = await runProgram(programs, 'node', saved, { OCEANEX_WS_URL: h.controller.builtInSandbox!.url });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).message.code).toBe(0);
    } finally {
      programs.remove();
    }
    // Invalid fields: the panel says what to fix instead of showing a program.
    await fill(h.page, 14, { level: 'x' });
    await waitForText(panel.locator('[data-testid="code-error"]'), 'No program yet: Level (depth): "x" is not a whole number');
    await program.waitFor({ state: 'detached', timeout: TIMEOUT });
    await panel.getByRole('tab', { name: 'Node' }).focus();
    await h.page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached', timeout: TIMEOUT });
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('the composer and a history entry copy their request as code', async () => {
    if (!full) return;
    await go(h.page, 1);
    await send(h.page, 1); // a login, so the exported log holds a signature to redact
    await h.page.locator('[data-view="composer"]').click();
    const composer = h.page.locator('[data-screen="composer"]');
    await composer.locator('[data-testid="copy-as-code"]').click();
    await waitForText(composer.locator('[data-testid="code-program"]'), "HANDLER = 'ToolHandler'");
    await h.screenshot('copy-as-code-composer');
    await h.page.locator('[data-view="history"]').click();
    const history = h.page.locator('[data-screen="history"]');
    const rows = history.locator('[data-testid="history-row"]');
    await rows.first().waitFor({ timeout: TIMEOUT });
    const login = rows.filter({ hasText: 'AuthHandler/login' }).first();
    await login.locator('[data-testid="history-code"]').click();
    const panel = history.locator('[data-testid="code-panel"]');
    await waitForText(panel.locator('[data-testid="code-program"]'), 'LOGIN_ONLY = True');
    expect(await text(panel.locator('[data-testid="code-env"]'))).toContain('OCEANEX_KEY_FILE');
    // The program signs at run time from OCEANEX_KEY_FILE: no key, no signature value (a long base64 run) in it.
    expect(await text(panel)).not.toMatch(/PRIVATE KEY|[A-Za-z0-9+/]{60,}/);
    await h.screenshot('copy-as-code-history');
    await noViolations('history code panel');
  });

  it('the log screen exports HAR and NDJSON (all, and the filtered view), redacted', async () => {
    if (!full) return;
    await go(h.page, 14);
    await fill(h.page, 14, { market: 'vetusdt', level: '2', precision: '6' });
    expect(await text(await send(h.page, 14))).toContain('received order book');
    const log = await go(h.page, 'log');
    h.dialogs.savePath = join(dir, 'session.har');
    await log.locator('[data-testid="export-har"]').click();
    await waitForText(log.locator('[data-testid="session-file-message"]'), `Session exported to ${join(dir, 'session.har')}`);
    const harText = readFileSync(join(dir, 'session.har'), 'utf8');
    const har = JSON.parse(harText);
    expect(har.log.version).toBe('1.2');
    const messages = har.log.entries.flatMap((e: { _webSocketMessages: Array<{ data: string }> }) => e._webSocketMessages);
    expect(messages.some((m: { data: string }) => m.data.includes('"action":"login"'))).toBe(true);
    expect(harText).toContain('\\"signature\\":\\"[REDACTED]\\"');
    expect(parseSessionFile(harText).ok).toBe(true);

    await log.getByLabel('Search log').fill('OrderBookHandler');
    const filtered = log.locator('[data-testid="export-filtered"]');
    await until(async () => !(await filtered.isDisabled()), 'the filter applies');
    await filtered.check();
    h.dialogs.savePath = join(dir, 'book.ndjson');
    await log.locator('[data-testid="export-ndjson"]').click();
    await waitForText(log.locator('[data-testid="session-file-message"]'), 'Session exported to');
    const lines = readFileSync(join(dir, 'book.ndjson'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { data: string; direction: string });
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.every((l) => l.data.includes('OrderBookHandler'))).toBe(true);
    await log.getByLabel('Search log').fill('');
  });

  it('imports a session into a read-only inspector tab with structured replies; a hostile file is refused in words', async () => {
    const log = await go(h.page, 'log');
    let file = join(dir, 'session.har');
    if (!full) {
      // The dark theme imports a small recorded file of its own.
      file = join(dir, 'small.ndjson');
      const request = '{"identifier":{"handler":"OrderBookHandler"},"command":"message","data":{"action":"index","uuid":"u1","args":{"market_id":"vetusdt","market":"vetusdt","level":2,"precision":6}}}';
      const reply = '{"identifier":{"handler":"OrderBookHandler"},"message":{"action":"index","code":0,"data":{"asks":[["0.0251","1200.0"],["0.0252","900.0"]],"bids":[["0.0249","1000.0"],["0.0248","500.0"]]},"uuid":"u1"}}';
      writeFileSync(file, `${JSON.stringify({ direction: 'out', epochMs: 1765000000000, url: 'wss://ws.oceanex.pro/ws/v1', data: request })}\n${JSON.stringify({ direction: 'in', epochMs: 1765000000042, url: 'wss://ws.oceanex.pro/ws/v1', data: reply })}\n`);
    }
    h.dialogs.sessionFile = file;
    await log.locator('[data-testid="import-session"]').click();
    const imported = log.locator('[data-testid="imported-session"]');
    await imported.waitFor({ timeout: TIMEOUT });
    expect(await log.getByRole('tab', { name: /^Imported: / }).getAttribute('aria-selected')).toBe('true');
    expect(await text(imported)).toContain('read-only');
    const book = imported.locator('.insp-row', { hasText: 'OrderBookHandler/index' }).first();
    await book.click();
    await imported.locator('[data-testid="inspector-structured"]').waitFor({ timeout: TIMEOUT });
    expect(await text(imported.locator('[data-testid="inspector-detail"]'))).toMatch(/\d+ ms/);
    await h.screenshot(`imported-session-${theme}`);
    await noViolations(`imported session (${theme})`);
    if (!full) return;
    const deep = join(dir, 'deep.har');
    writeFileSync(deep, `{"log":{"entries":${'['.repeat(100_000)}`);
    h.dialogs.sessionFile = deep;
    await log.locator('[data-testid="import-session"]').click();
    await waitForText(log.locator('[data-testid="session-file-message"]'), 'Not opened: deep.har: The file is nested more than 64 levels deep');
    await h.screenshot('import-refused');
    await imported.getByRole('button', { name: 'Close file' }).click();
    await imported.waitFor({ state: 'detached', timeout: TIMEOUT });
    expect(await log.getByRole('tab', { name: 'Message inspector' }).getAttribute('aria-selected')).toBe('true');
  });
});
