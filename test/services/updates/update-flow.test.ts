// The whole update path without Electron's binary: electron-updater's real AppImageUpdater / NsisUpdater, their
// real GitHub provider and real ElectronHttpExecutor (over the stand-in electron module's net, i.e. Node's https)
// against a GitHub-like release server on 127.0.0.1 over https, driven by the app's UpdateService and logging into
// a real AppLog. Every refusal is here: same version, downgrade, sha512 mismatch, no network, a plain-http feed, a
// bad Windows signature; and "Restart to update" waiting while an order's outcome is unknown or a request is in flight.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppImageUpdater, NsisUpdater } from 'electron-updater';
import type { UpdateStatus } from '../../../shared/ipc/contract';
import { AppLog } from '../../../main/services/app-log';
import { electronUpdaterEngine } from '../../../main/services/updates/electron-updater-engine';
import { RELEASE_FEED } from '../../../main/services/updates/feed';
import type { SessionActivity } from '../../../main/services/updates/install-gate';
import { UpdateService } from '../../../main/services/updates/update-service';
import { sha512, startReleaseServer, type Release, type ReleaseServer } from './release-server';
import { electronApp, prepareUpdaterEnvironment, type UpdaterEnvironment } from './stand-in-updater';

const { owner: OWNER, repo: REPO } = RELEASE_FEED;
const NOTES = '<h2>What&#39;s new</h2><ul><li>Faster order book</li><li>Fix: reconnect after sleep</li></ul>';

function release(version: string, extra: Partial<Release> = {}): Release {
  const bytes = Buffer.alloc(256 * 1024, version);
  return { version, notesHtml: NOTES, fileName: `OceanEx-WS-Client-${version}-x86_64.AppImage`, bytes, chunks: 8, chunkDelayMs: 320, ...extra };
}

let dir: string;
let server: ReleaseServer;
let log: AppLog;
let env: UpdaterEnvironment;
let testNo = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oceanex-updates-'));
  server = await startReleaseServer(OWNER, REPO, release('0.2.0'));
  env = prepareUpdaterEnvironment(dir, server.ca);
  log = new AppLog({ file: join(dir, 'logs', 'ws_client.log'), level: 'debug', batchIntervalMs: 20 });
});

beforeEach(() => {
  testNo += 1;
  env.freshCache(String(testNo));
  server.requests.length = 0;
});

afterAll(async () => {
  await server?.close();
  await log?.close();
  env?.restore();
  rmSync(dir, { recursive: true, force: true });
});

interface Rig {
  service: UpdateService;
  events: UpdateStatus[];
  installs: string[];
  activity: SessionActivity;
}

function rig(
  options: { appVersion?: string; host?: string; updater?: AppImageUpdater | NsisUpdater; firstCheckDelayMs?: number; intervalMs?: number } = {},
): Rig {
  const updater = options.updater ?? env.newAppImageUpdater(options.appVersion);
  const installs: string[] = [];
  const engine = electronUpdaterEngine(updater, {
    feed: { ...RELEASE_FEED, host: options.host ?? server.host },
    log,
    install: () => void installs.push(electronApp.version),
  });
  const events: UpdateStatus[] = [];
  let autoCheck = true;
  const r: Rig = { service: undefined as unknown as UpdateService, events, installs, activity: { unknownOrders: 0, inFlight: 0 } };
  r.service = new UpdateService({
    engine,
    currentVersion: electronApp.version,
    log,
    emit: (s) => events.push(s),
    activity: () => r.activity,
    autoCheck: { get: () => autoCheck, set: (on) => void (autoCheck = on) },
    gatePollMs: 50,
    ...(options.firstCheckDelayMs !== undefined ? { firstCheckDelayMs: options.firstCheckDelayMs } : {}),
    ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
  });
  return r;
}

const installerRequested = () => server.requests.some((p) => /\.(AppImage|exe)$/.test(p));

async function logText(): Promise<string> {
  await log.flush();
  return readFileSync(join(dir, 'logs', 'ws_client.log'), 'utf8');
}

describe('updates from a GitHub-like release feed on 127.0.0.1 (https)', () => {
  it('offers a newer release with its notes, downloads it with visible progress, verifies its sha512, installs when asked', async () => {
    server.release = release('0.2.0');
    const { service, events, installs } = rig();

    const checked = await service.check('manual');
    expect(checked).toMatchObject({ phase: 'available', version: '0.2.0', currentVersion: '0.1.0' });
    expect(checked.releaseNotes).toBe("What's new\n• Faster order book\n• Fix: reconnect after sleep");
    expect(server.requests).toContain(`/${OWNER}/${REPO}/releases.atom`);
    expect(installerRequested()).toBe(false); // nothing is downloaded until the person says so

    const done = await service.download();
    expect(done).toMatchObject({ phase: 'downloaded', version: '0.2.0' });
    const progress = events.filter((e) => e.phase === 'downloading').map((e) => e.progress?.percent ?? -1);
    expect(progress[0]).toBe(0);
    expect(progress.length).toBeGreaterThanOrEqual(3); // 0 %, at least one step on the way, 100 %
    expect(progress.slice(1, -1).some((p) => p > 0 && p < 100)).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(100);

    expect(service.restart().phase).toBe('installing');
    expect(installs).toEqual(['0.1.0']);
    const text = await logText();
    expect(text).toMatch(/\[updater\] Found version 0\.2\.0/);
    expect(text).toContain('Updates: 0.2.0 downloaded and its sha512 verified');
  });

  it('checks on its own shortly after start and then periodically, and not at all once turned off', async () => {
    server.release = release('0.2.0');
    const { service } = rig({ appVersion: '0.2.0', firstCheckDelayMs: 30, intervalMs: 250 });
    const feedReads = () => server.requests.filter((p) => p.endsWith('/latest-linux.yml')).length;
    service.start();
    const until = async (n: number) => {
      const deadline = Date.now() + 5_000;
      while (feedReads() < n && Date.now() < deadline) await new Promise((res) => setTimeout(res, 10));
    };
    await until(1);
    expect(feedReads()).toBe(1); // the first check, shortly after start
    await until(3);
    expect(feedReads()).toBeGreaterThanOrEqual(3); // then on the interval
    while (service.status().phase === 'checking') await new Promise((res) => setTimeout(res, 10));
    expect(service.status().phase).toBe('up-to-date');

    expect((await service.setAutoCheck(false)).autoCheck).toBe(false);
    await new Promise((res) => setTimeout(res, 100)); // a check already under way may still finish
    const settled = feedReads();
    await new Promise((res) => setTimeout(res, 700));
    expect(feedReads()).toBe(settled);
    expect(service.status().autoCheck).toBe(false);
    await service.check('manual'); // "Check for Updates…" still works
    expect(feedReads()).toBe(settled + 1);
    service.dispose();
  });

  it('the same version: "You have the latest version", nothing downloaded', async () => {
    server.release = release('0.2.0');
    const { service } = rig({ appVersion: '0.2.0' });
    expect(await service.check('manual')).toMatchObject({ phase: 'up-to-date', message: 'You have the latest version (0.2.0).' });
    expect((await service.download()).phase).toBe('up-to-date');
    expect(installerRequested()).toBe(false);
  });

  it('never a downgrade: an older release on the feed is refused and cannot be downloaded', async () => {
    server.release = release('0.2.0');
    const { service } = rig({ appVersion: '0.3.0' });
    const status = await service.check('manual');
    expect(status.phase).toBe('up-to-date');
    expect(status.message).toMatch(/offers 0\.2\.0, which is older than this version \(0\.3\.0\); it was refused \(never a downgrade\)/);
    expect((await service.download()).phase).toBe('up-to-date');
    expect(installerRequested()).toBe(false);
  });

  it('a file whose sha512 does not match the feed is refused with a clear message and never offered for install', async () => {
    server.release = release('0.2.1', { publishedSha512: sha512(Buffer.from('something else')), chunks: 1, chunkDelayMs: 0 });
    const { service, installs } = rig();
    expect((await service.check('manual')).phase).toBe('available');
    const status = await service.download();
    expect(status).toMatchObject({ phase: 'error', failure: 'checksum', version: '0.2.1' });
    expect(status.message).toBe('The downloaded update did not match its published sha512 checksum, so it was deleted and not installed. Try again later.');
    expect(service.restart().phase).toBe('error');
    expect(installs).toEqual([]);
    expect(await logText()).toMatch(/download of 0\.2\.1 failed \(checksum\)/);
  });

  it('a file changed on disk after electron-updater verified it fails the app\'s own sha512 re-check and is deleted', async () => {
    server.release = release('0.2.4', { chunks: 1, chunkDelayMs: 0 });
    const updater = env.newAppImageUpdater();
    let downloaded = '';
    updater.on('update-downloaded', (info: { downloadedFile: string }) => {
      downloaded = info.downloadedFile;
      writeFileSync(downloaded, 'tampered with after the download'); // e.g. another process rewrote the cache
    });
    const { service, installs } = rig({ updater });
    await service.check('manual');
    const status = await service.download();
    expect(status).toMatchObject({ phase: 'error', failure: 'checksum' });
    expect(downloaded).not.toBe('');
    expect(existsSync(downloaded)).toBe(false);
    expect(installs).toEqual([]);
  });

  it('no network: a check the person asked for says so; an automatic one stays quiet', async () => {
    const gone = await startReleaseServer(OWNER, REPO, release('0.2.0'));
    const host = gone.host;
    await gone.close(); // nothing listens on that port any more
    const { service, events } = rig({ host });
    const manual = await service.check('manual');
    expect(manual).toMatchObject({ phase: 'error', failure: 'offline' });
    expect(manual.message).toBe('No network: the release feed could not be reached while checking for updates. The app will try again later.');

    const quiet = rig({ host });
    expect((await quiet.service.check('automatic')).phase).toBe('idle');
    expect(quiet.events.at(-1)?.phase).toBe('idle');
    expect(events.some((e) => e.phase === 'checking')).toBe(true);
  });

  it('only https: a plain-http feed is refused before anything is fetched', () => {
    const updater = env.newAppImageUpdater();
    expect(() => electronUpdaterEngine(updater, { feed: { ...RELEASE_FEED, host: server.host, protocol: 'http' }, log, install: () => undefined })).toThrow(
      'Updates are downloaded only over https; this feed uses plain http and was refused.',
    );
  });

  it('"Restart to update" waits while an order\'s outcome is unknown or a request is in flight, says why, then installs', async () => {
    server.release = release('0.2.2', { chunks: 1, chunkDelayMs: 0 });
    const r = rig();
    await r.service.check('manual');
    expect((await r.service.download()).phase).toBe('downloaded');

    r.activity = { unknownOrders: 1, inFlight: 2 };
    const waiting = r.service.restart();
    expect(waiting.phase).toBe('downloaded');
    expect(waiting.waitingFor).toBe(
      "The restart waits: 1 order's outcome is still unknown and 2 requests are waiting for a reply. It goes ahead once that is settled.",
    );
    await new Promise((res) => setTimeout(res, 200));
    expect(r.installs).toEqual([]);

    r.activity = { unknownOrders: 0, inFlight: 1 };
    await new Promise((res) => setTimeout(res, 120));
    expect(r.service.status().waitingFor).toBe('The restart waits: 1 request is waiting for a reply. It goes ahead once that is settled.');
    expect(r.installs).toEqual([]);

    r.activity = { unknownOrders: 0, inFlight: 0 };
    const deadline = Date.now() + 2_000;
    while (r.installs.length === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    expect(r.installs).toEqual(['0.1.0']);
    expect(r.service.status()).toMatchObject({ phase: 'installing' });
    expect(r.service.status().waitingFor).toBeUndefined();
    r.service.dispose();
  });

  it('Windows: an installer not signed by the publisher named in app-update.yml is refused', async () => {
    server.release = release('0.2.3', { fileName: 'OceanEx-WS-Client-Setup-0.2.3.exe', chunks: 1, chunkDelayMs: 0 });
    const updater = env.newNsisUpdater('0.1.0', 'OceanEx WS Client contributors');
    updater.disableDifferentialDownload = true;
    // Stand-in for Windows' Authenticode check (PowerShell Get-AuthenticodeSignature), which cannot run here:
    // it answers as Windows does for an installer signed by someone else.
    const asked: string[][] = [];
    updater.verifyUpdateCodeSignature = async (publisherNames: string[], file: string) => {
      asked.push(publisherNames);
      return existsSync(file) ? `publisherNames: ${publisherNames.join(', ')}, raw info: {"SignerCertificate":{"Subject":"CN=Someone Else"}}` : 'file missing';
    };
    const { service, installs } = rig({ updater });
    expect((await service.check('manual')).phase).toBe('available');
    const status = await service.download();
    expect(asked).toEqual([['OceanEx WS Client contributors']]);
    expect(status).toMatchObject({ phase: 'error', failure: 'signature' });
    expect(status.message).toBe("The downloaded update is not signed by the app's publisher, so it was refused and not installed.");
    expect(installs).toEqual([]);
  });
});
