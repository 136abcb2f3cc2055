// The update notice in real Chromium, driven by the real updater: electron-updater's AppImageUpdater (through the
// stand-in electron module) fetching from a GitHub-like release server on 127.0.0.1, the app's UpdateService
// logging into the app's log, and the real controller's session deciding when "Restart to update" may go ahead.
// Screenshots: the notice with its release notes, the progress bar, the restart button, and the restart waiting
// for a request still in flight.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../shared/ipc/contract';
import { choiceByNumber } from '../../shared/oceanex/catalogue';
import { createHandlers } from '../../main/ipc/handlers';
import { electronUpdaterEngine } from '../../main/services/updates/electron-updater-engine';
import { RELEASE_FEED } from '../../main/services/updates/feed';
import { UpdateService } from '../../main/services/updates/update-service';
import { startReleaseServer, type ReleaseServer } from '../services/updates/release-server';
import { prepareUpdaterEnvironment, type UpdaterEnvironment } from '../services/updates/stand-in-updater';
import { startHarness, type Harness } from './harness';
import { TIMEOUT, until, waitForText } from './ui';

let h: Harness;
let server: ReleaseServer;
let env: UpdaterEnvironment;
let updates: UpdateService;
let dir: string;
const installs: string[] = [];
const seen: UpdateStatus[] = [];

beforeAll(async () => {
  h = await startHarness({ name: 'updates' });
  await waitForText(h.page.locator('[data-testid="sb-state"]'), /^Connected/);
  dir = mkdtempSync(join(tmpdir(), 'oceanex-e2e-updates-'));
  server = await startReleaseServer(RELEASE_FEED.owner, RELEASE_FEED.repo, {
    version: '0.2.0',
    notesHtml: '<h2>OceanEx WS Client 0.2.0</h2><ul><li>Faster order book under message floods</li><li>Fix: reconnect after the computer sleeps</li></ul>',
    fileName: 'OceanEx-WS-Client-0.2.0-x86_64.AppImage',
    bytes: Buffer.alloc(3 * 1024 * 1024, 7),
    chunks: 12,
    chunkDelayMs: 350, // about 4 s: the progress bar is seen moving
  });
  env = prepareUpdaterEnvironment(dir, server.ca);
  env.freshCache('e2e');
  const { controller } = h;
  const engine = electronUpdaterEngine(env.newAppImageUpdater('0.1.0'), {
    feed: { ...RELEASE_FEED, host: server.host },
    log: controller.logs.appLog,
    install: () => void installs.push('quitAndInstall'),
  });
  updates = new UpdateService({
    engine,
    currentVersion: '0.1.0',
    log: controller.logs.appLog,
    emit: (status) => {
      seen.push(status);
      void h.emit('event:update', status);
    },
    activity: () => controller.session.activity(),
    autoCheck: { get: () => controller.profiles.autoCheckForUpdates(), set: (on) => controller.profiles.setAutoCheckForUpdates(on) },
    gatePollMs: 100,
  });
  // The harness built its handlers without an updater; these are the app's handlers with one (same page bridge).
  const withUpdates = createHandlers(controller, h.dialogs, updates);
  for (const channel of ['updates:status', 'updates:check', 'updates:download', 'updates:install', 'updates:setAutoCheck'] as const) {
    h.handlers[channel] = withUpdates[channel];
  }
});

afterAll(async () => {
  updates?.dispose();
  await server?.close();
  env?.restore();
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the update notice in the status bar', () => {
  it('shows the version panel with the automatic-checks setting, which is saved', async () => {
    const { page, controller } = h;
    await updates.check('automatic'); // what the app does a little after the window is shown
    const available = page.locator('[data-testid="upd-available"]');
    await waitForText(available, 'Update 0.2.0 available');
    await available.click();
    const panel = page.getByRole('dialog', { name: 'Updates' });
    await waitForText(panel.locator('[data-testid="upd-notes"]'), 'Faster order book under message floods');
    expect(await panel.locator('[data-testid="upd-notes"]').innerText()).toBe(
      'OceanEx WS Client 0.2.0\n• Faster order book under message floods\n• Fix: reconnect after the computer sleeps',
    );
    await h.screenshot('update-available');

    const auto = panel.locator('[data-testid="upd-auto"]');
    expect(await auto.isChecked()).toBe(true);
    // The box shows what main saved (it follows event:update), so click and wait for the saved state.
    await auto.click();
    await until(async () => controller.profiles.getSettings().autoCheckForUpdates === false && !(await auto.isChecked()), 'the setting saved');
    await auto.click();
    await until(async () => controller.profiles.getSettings().autoCheckForUpdates === true && (await auto.isChecked()), 'the setting saved again');
  });

  it('downloads with a progress bar, then offers "Restart to update"', async () => {
    const { page } = h;
    await page.getByRole('dialog', { name: 'Updates' }).locator('[data-testid="upd-download"]').click();
    const progress = page.locator('[data-testid="upd-progress"] progress');
    await progress.waitFor({ timeout: TIMEOUT });
    // Wait until the bar has moved off zero, then photograph it mid-way.
    await until(async () => seen.some((s) => s.phase === 'downloading' && (s.progress?.percent ?? 0) > 0 && (s.progress?.percent ?? 0) < 100), 'progress under way');
    await until(async () => Number(await progress.getAttribute('value')) > 0, 'the bar moving');
    await h.screenshot('update-downloading');
    const percents = seen.filter((s) => s.phase === 'downloading').map((s) => s.progress?.percent ?? 0);
    expect(percents[0]).toBe(0);

    const restart = page.locator('[data-testid="upd-restart"]');
    await restart.waitFor({ timeout: TIMEOUT });
    expect(await page.locator('[data-testid="upd"]').innerText()).toContain('0.2.0 is ready');
    await h.screenshot('update-ready');
  });

  it('"Restart to update" waits while a request is in flight and says why; restarts once it is answered', async () => {
    const { page, controller } = h;
    const sandbox = controller.builtInSandbox!;
    // The exchange takes the timestamp request but never answers: it stays in flight until its timeout.
    const timestamp = choiceByNumber(13)!;
    sandbox.faults.silence(timestamp.handler!, timestamp.action!);
    const pending = controller.session.run(13, {});
    await until(async () => controller.session.activity().inFlight === 1, 'a request in flight');

    await page.locator('[data-testid="upd-restart"]').click();
    const waiting = page.locator('[data-testid="upd-waiting"]');
    await waitForText(waiting, 'The restart waits: 1 request is waiting for a reply.');
    expect(installs).toEqual([]);
    await h.screenshot('update-restart-waiting');

    sandbox.faults.clear();
    await pending; // the request times out (10 s): nothing is waiting any more
    await until(async () => installs.length === 1, 'the install once nothing is in flight', 5_000);
    expect(installs).toEqual(['quitAndInstall']);
    expect(updates.status().phase).toBe('installing');
    const log = controller.logs.queryLog({ text: 'Updates:' }).map((e) => e.text);
    expect(log.some((t) => t.includes('0.2.0 downloaded and its sha512 verified'))).toBe(true);
    expect(log.some((t) => t.includes('restart requested; The restart waits'))).toBe(true);
  });
});
