// startApp wired against the stand-in `electron` module, with the real controller underneath (real files, the real
// keychain, the built-in sandbox): protocol, security, window, IPC, menu, single instance and graceful quit.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { requireKeychain, SKIP_KEYCHAIN, uniqueService } from '../services/keychain-env';
import { StandInBrowserWindow, StandInEvent, StandInWebContents, app as electronApp, defaultSession, recorded } from './electron-stand-in';

vi.mock('electron', async () => {
  const standIn = await import('./electron-stand-in');
  return { ...standIn.electron, default: standIn.electron };
});

const { startApp } = await import('../../main/electron/app');
const { APP_SCHEME_PRIVILEGES, APP_URL } = await import('../../main/electron/protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../main/electron/security');
const { secureWebPreferences } = await import('../../main/electron/window');
const { NOT_AUTHENTICATED } = await import('../../shared/constants');

type Running = NonNullable<Awaited<ReturnType<typeof startApp>>>;

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function menuItem(id: string): MenuItemConstructorOptions | undefined {
  const walk = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? walk(i.submenu) : [])]);
  return walk((recorded.menuTemplate ?? []) as MenuItemConstructorOptions[]).find((i) => i.id === id);
}

describe.skipIf(SKIP_KEYCHAIN)('startApp (stand-in electron, real controller)', () => {
  const service = uniqueService();
  let running: Running;
  let win: StandInBrowserWindow;
  let rendererDir: string;
  let guard: ((error: unknown) => void) | undefined;
  const invoke = (channel: string, ...args: unknown[]) =>
    recorded.ipcHandlers.get(channel)?.({ senderFrame: win.webContents.mainFrame }, ...args) as Promise<{ ok: boolean; value?: unknown; error?: string }>;
  const sent = (channel: string) => win.webContents.sent.filter((m) => m.channel === channel).map((m) => m.payload);

  beforeAll(async () => {
    await requireKeychain();
    // A damaged settings file: its start-up notice must reach the renderer once it listens.
    mkdirSync(electronApp.getPath('userData'), { recursive: true });
    writeFileSync(join(electronApp.getPath('userData'), 'settings.json'), '{ damaged');
    rendererDir = mkdtempSync(join(tmpdir(), 'oceanex-renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>OceanEx</title>');
    const before = new Set(process.listeners('uncaughtException'));
    const result = await startApp({ keychainService: service, rendererDir, preloadPath: '/app/out/preload/index.js', sandboxEntry: join(__dirname, '../../main/sandbox/process/child.ts') });
    guard = process.listeners('uncaughtException').find((l) => !before.has(l)) as ((error: unknown) => void) | undefined;
    if (!result) throw new Error('startApp did not start');
    running = result;
    win = result.window as unknown as StandInBrowserWindow;
  });

  afterAll(async () => {
    await running?.controller.dispose();
    const secrets = await requireKeychain();
    for (const p of running?.controller.profiles.getSettings().profiles ?? []) await secrets.delete(service, p.id);
    rmSync(electronApp.root, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  });

  it('registers the privileged app:// scheme and serves the renderer folder with the CSP', async () => {
    expect(recorded.privilegedSchemes).toContainEqual(APP_SCHEME_PRIVILEGES);
    const handler = recorded.protocolHandlers.get('app');
    const page = await handler!(new Request(APP_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>OceanEx</title>');
    expect((await handler!(new Request('app://renderer/%2e%2e/x'))).status).toBe(404);
  });

  it('installs session security and creates one strict window loading app://renderer/index.html', () => {
    expect(defaultSession.permissionRequestHandler).toBeDefined();
    expect(defaultSession.permissionCheckHandler?.()).toBe(false);
    expect(defaultSession.headersReceived).toBeDefined();
    expect(StandInBrowserWindow.created).toEqual([win]);
    expect(win.options['webPreferences']).toEqual(secureWebPreferences('/app/out/preload/index.js'));
    expect(win.loaded).toEqual([APP_URL]);
    win.emit('ready-to-show');
    expect(win.shown).toBe(1);
  });

  it('hardens every web contents the app creates', () => {
    const contents = new StandInWebContents();
    electronApp.emit('web-contents-created', new StandInEvent(), contents);
    const navigate = new StandInEvent();
    contents.emit('will-navigate', navigate, 'https://evil.example/');
    expect(navigate.defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('holds start-up notices until the renderer first calls, then delivers them', async () => {
    expect(sent('event:notice')).toEqual([]);
    expect(await invoke('settings:get')).toMatchObject({ ok: true });
    await until(() => sent('event:notice').length === 1, 'the start-up notice');
    expect(sent('event:notice')[0]).toMatchObject({ level: 'warn', message: expect.stringContaining('settings.json.corrupt-') });
  });

  it('answers every contract channel over IPC from our window and refuses other senders', async () => {
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    await until(() => running.controller.session.status().state === 'open', 'the session to open');
    expect(await invoke('session:status')).toMatchObject({ ok: true, value: { state: 'open', profileName: 'Sandbox' } });
    const foreign = await recorded.ipcHandlers.get('session:status')?.({ senderFrame: { url: APP_URL } });
    expect(foreign).toMatchObject({ ok: false, error: expect.stringContaining('Refused') });
    expect(await invoke('session:run', 'x')).toMatchObject({ ok: false });
  });

  it('pushes main events to the window', async () => {
    const result = await invoke('session:run', 13, {});
    expect(result.ok).toBe(true);
    const uuid = (result.value as { uuid: string }).uuid;
    expect(sent('event:reply')).toContainEqual(expect.objectContaining({ uuid, choice: 13 }));
    expect(await invoke('session:run', 1, {})).toMatchObject({ ok: true });
    expect(sent('event:session')).toContainEqual(expect.objectContaining({ state: 'authenticated', loggedIn: true }));
    await until(() => sent('event:log').length > 0, 'a log batch');
  });

  it("orders wait for main's native question attached to the window; Cancel (the default) sends nothing", async () => {
    const { DECLINED } = await import('../../main/app/confirmation');
    const shown = recorded.messageBoxes.length;
    const order = { market: 'vetusdt', side: 'buy', price: '0.001', volume: '1000', ord_type: 'limit' };
    expect(await invoke('session:run', 6, order)).toEqual({ ok: false, error: DECLINED });
    expect(recorded.messageBoxes).toHaveLength(shown + 1);
    const box = recorded.messageBoxes.at(-1)!;
    expect(box.parent).toBe(win);
    expect(box.options).toMatchObject({ message: 'Place this buy order on Sandbox?', defaultId: 0, cancelId: 0, buttons: ['Cancel', 'Place order'] });
    // The sandbox runs in its own process: its saved state (written after every order before the reply) has none.
    const uid = running.controller.profiles.getSettings().profiles[0]!.uid;
    const state = JSON.parse(readFileSync(join(electronApp.getPath('userData'), 'sandbox-state.json'), 'utf8')) as { orders: Array<{ uid: string }> };
    expect(state.orders.filter((o) => o.uid === uid)).toEqual([]);
  });

  it('the menu navigates, runs field-less choices and reports refusals as notices', async () => {
    const before = win.webContents.sent.length;
    (menuItem('choice-3')?.click as () => void)();
    expect(sent('event:navigate')).toContain(3);
    await until(() => win.webContents.sent.slice(before).some((m) => m.channel === 'event:reply' && (m.payload as { choice: number }).choice === 3), 'the markets reply');

    (menuItem('choice-16')?.click as () => void)(); // disconnect: private choices are refused again after 17
    await until(() => running.controller.session.status().state === 'closed', 'the disconnect');
    (menuItem('choice-17')?.click as () => void)();
    await until(() => running.controller.session.status().state === 'authenticated', 'the reconnect');
    await invoke('settings:updateProfile', { id: 'sandbox', requestTimeoutMs: 5_000 }); // a new session: logged out
    (menuItem('choice-5')?.click as () => void)();
    await until(() => sent('event:notice').some((n) => (n as { message: string }).message === NOT_AUTHENTICATED), 'the refusal notice');
    (menuItem('choice-6')?.click as () => void)();
    expect(sent('event:navigate').at(-1)).toBe(6);
  });

  it('imports a key through the open dialog and reveals the log with the shell', async () => {
    const account = JSON.parse(readFileSync(join(electronApp.getPath('userData'), 'sandbox-account.json'), 'utf8')) as { privateKeyPem: string };
    const pem = join(electronApp.root, 'key.pem');
    writeFileSync(pem, account.privateKeyPem);
    recorded.openDialogResult = { canceled: false, filePaths: [pem] };
    expect(await invoke('key:import')).toMatchObject({ ok: true, value: { present: true } });
    expect(sent('event:key').at(-1)).toMatchObject({ present: true });

    expect(await invoke('log:reveal')).toEqual({ ok: true, value: join(electronApp.getPath('logs'), 'ws_client.log') });
    expect(recorded.revealed).toEqual([join(electronApp.getPath('logs'), 'ws_client.log')]);
  });

  it("installs process guards: an unexpected error is written to the log and shown as a notice, and the app keeps running", async () => {
    expect(guard).toBeDefined();
    guard!(new Error('nothing caught this'));
    expect(sent('event:notice')).toContainEqual({ level: 'error', message: 'Unexpected error in the main process (the app keeps running; please report it): Error: nothing caught this' });
    await running.controller.logs.appLog.flush();
    expect(readFileSync(running.controller.logs.appLog.file, 'utf8')).toContain('Unexpected error in the main process (the app keeps running; please report it): Error: nothing caught this');
    expect((await invoke('session:status')).ok).toBe(true);
  });

  it('runs the sandbox in a utility process: when it is killed main says so, starts it again and the session comes back', async () => {
    expect(recorded.utilityForks[0]).toMatchObject({ entry: expect.stringMatching(/child\.ts$/), options: { serviceName: 'OceanEx WS Client sandbox' } });
    const supervisor = running.controller.sandboxProcess!;
    const before = { url: supervisor.url, pid: supervisor.pid! };
    const notices = () => sent('event:notice') as Array<{ level: string; message: string }>;
    process.kill(before.pid, 'SIGKILL');
    await until(() => notices().some((n) => n.level === 'warn' && /^The built-in sandbox \(127\.0\.0\.1:\d+\) stopped: the sandbox process ended \(exit code -1\)\. Starting it again in \d+\.\d s \(attempt 1\); its balances and orders are kept\.$/.test(n.message)), 'the stopped notice');
    await until(() => notices().some((n) => n.message.startsWith('The built-in sandbox is running again')), 'the running-again notice', 20_000);
    expect(supervisor.pid).not.toBe(before.pid);
    expect(supervisor.url).toBe(before.url);
    expect(recorded.utilityForks).toHaveLength(2);
    await until(() => running.controller.session.status().state === 'open', 'the session to reconnect', 20_000);
    expect((await invoke('session:run', 13, {})).ok).toBe(true);
  });

  it('opens a scenario through the open dialog and saves it through the save dialog', async () => {
    const file = join(electronApp.root, 'mine.yaml');
    writeFileSync(file, 'name: m\nsteps: [{ name: a, choice: 13 }]\n');
    recorded.openDialogResult = { canceled: false, filePaths: [file] };
    expect(await invoke('scenario:open')).toMatchObject({ ok: true, value: { path: file, name: 'mine.yaml' } });
    const copy = join(electronApp.root, 'copy.yaml');
    recorded.saveDialogResult = { canceled: false, filePath: copy };
    expect(await invoke('scenario:save', 'name: c\nsteps: [{ name: a, choice: 13 }]\n', true)).toEqual({ ok: true, value: copy });
    expect(readFileSync(copy, 'utf8')).toContain('name: c');
  });

  it('a second instance focuses the window (restoring it when minimised)', () => {
    win.minimized = true;
    const focused = win.focused;
    electronApp.emit('second-instance', new StandInEvent(), [], '/');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(focused + 1);
  });

  it('quits gracefully: before-quit waits for dispose (socket, sandbox, log) and then quits', async () => {
    const port = running.controller.sandboxProcess!.port;
    let willQuit = 0;
    electronApp.on('will-quit', () => (willQuit += 1));
    const quits = electronApp.quitCalls;
    electronApp.quit();
    expect(willQuit).toBe(0); // prevented until the controller is disposed
    await until(() => electronApp.quitCalls === quits + 2 && willQuit === 1, 'the second quit');
    expect(running.controller.session.status().state).toBe('closed');
    expect(await portOpen(port)).toBe(false);
    expect(readFileSync(join(electronApp.getPath('logs'), 'ws_client.log'), 'utf8')).toContain('App closed');
  });

  it('a second copy of the app gives way when the single-instance lock is taken', async () => {
    electronApp.singleInstanceLock = false;
    const quits = electronApp.quitCalls;
    try {
      expect(await startApp({ keychainService: service, rendererDir })).toBeUndefined();
      expect(electronApp.quitCalls).toBe(quits + 1);
      expect(StandInBrowserWindow.created).toHaveLength(1);
    } finally {
      electronApp.singleInstanceLock = true;
    }
  });
  it('OCEANEX_USER_DATA moves settings, keys and logs to the given folder before the instance lock', async () => {
    const dir = join(electronApp.root, 'override');
    process.env['OCEANEX_USER_DATA'] = dir;
    electronApp.singleInstanceLock = false;
    try {
      await startApp({ keychainService: service, rendererDir });
      expect(electronApp.getPath('userData')).toBe(dir);
      expect(electronApp.getPath('logs')).toBe(join(dir, 'logs'));
    } finally {
      delete process.env['OCEANEX_USER_DATA'];
      electronApp.paths.clear();
      electronApp.singleInstanceLock = true;
    }
  });
});
