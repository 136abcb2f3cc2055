// The Electron shell: single instance, the app:// protocol, session security, the window, IPC, the menu and a
// graceful quit. Everything it wires is plain Node (App, handlers); this file only connects them.

import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { PRODUCT_NAME, USER_DATA_ENV } from '../../shared/constants';
import type { EventChannel, EventMap } from '../../shared/ipc/channels';
import { App } from '../app/app';
import { userMessage } from '../app/errors';
import { createHandlers, type DialogPort, type Handlers } from '../ipc/handlers';
import { registerIpcHandlers } from '../ipc/register';
import { keytarSecretStore, type SecretStore } from '../services/secret-store';
import type { SaveKind } from '../services/session-files';
import { UpdateService } from '../services/updates/update-service';
import { confirmWithMessageBox } from './confirm-dialog';
import { installMenu } from './menu';
import { installProcessGuards } from './process-guard';
import { utilitySandboxLauncher } from './sandbox-process';
import { electronNotifier } from './notifier';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_URL, createAppProtocolHandler } from './protocol';
import { hardenWebContents, installSessionSecurity } from './security';
import { createElectronUpdater } from './updater';
import { createMainWindow, focusWindow } from './window';

const MAX_EARLY_NOTICES = 20;

/** Honours OCEANEX_USER_DATA: settings, keys and logs (`<dir>/logs`) all move there. Must run before the lock. */
function applyUserDataOverride(): void {
  const dir = process.env[USER_DATA_ENV];
  if (!dir) return;
  app.setPath('userData', dir);
  app.setPath('logs', join(dir, 'logs'));
}

/** The same handlers, telling `onCall` whenever the renderer calls one. */
function announcingFirstCall(handlers: Handlers, onCall: () => void): Handlers {
  const wrapped = Object.fromEntries(
    Object.entries(handlers).map(([channel, handle]) => [channel, (...args: unknown[]) => (onCall(), handle(...args))]),
  );
  return wrapped as Handlers;
}

export interface StartOptions {
  readonly secrets?: SecretStore;
  readonly keychainService?: string;
  /** Built files: out/renderer and out/preload/index.js next to out/main (electron-vite's layout). */
  readonly rendererDir?: string;
  readonly preloadPath?: string;
  /** The sandbox process's entry: out/main/sandbox-child.js next to out/main/index.js (tests: the TypeScript source). */
  readonly sandboxEntry?: string;
}

export interface RunningApp {
  readonly window: BrowserWindow;
  readonly controller: App;
  readonly handlers: Handlers;
  readonly updates: UpdateService;
}

const SAVE_TITLES: Readonly<Record<SaveKind, string>> = {
  har: 'Export the session as HAR',
  ndjson: 'Export the session as NDJSON',
  python: 'Save the Python program',
  node: 'Save the Node program',
  scenario: 'Save the scenario',
  junit: 'Export the scenario result as JUnit XML',
  json: 'Export the scenario result as JSON',
};
const SAVE_FILTERS: Readonly<Record<SaveKind, { name: string; extensions: string[] }>> = {
  har: { name: 'HAR', extensions: ['har'] },
  ndjson: { name: 'NDJSON', extensions: ['ndjson'] },
  python: { name: 'Python', extensions: ['py'] },
  node: { name: 'JavaScript module', extensions: ['mjs'] },
  scenario: { name: 'Scenario (YAML or JSON)', extensions: ['yaml', 'yml', 'json'] },
  junit: { name: 'JUnit XML', extensions: ['xml'] },
  json: { name: 'JSON', extensions: ['json'] },
};

function electronDialogs(getWindow: () => BrowserWindow | undefined): DialogPort {
  // Attached to the window when there is one (a sheet on macOS), free-standing otherwise.
  const openOne = async (options: OpenDialogOptions): Promise<string | null> => {
    const win = getWindow();
    const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  };
  const saveAs = async (options: SaveDialogOptions): Promise<string | null> => {
    const win = getWindow();
    const picked = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return picked.canceled || !picked.filePath ? null : picked.filePath;
  };
  return {
    confirm: (question) => confirmWithMessageBox(dialog, getWindow(), question),
    pickKeyFile: (purpose) =>
      openOne({
        // Names the profile and the endpoint the key will sign for (macOS shows `message`, other systems the title).
        title: `Import your OceanEx key (key.pem) — ${purpose}`,
        message: purpose,
        buttonLabel: 'Import key',
        properties: ['openFile'],
        filters: [
          { name: 'PEM key', extensions: ['pem', 'key'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    pickExportPath: (defaultName) => saveAs({ title: 'Export the log', defaultPath: join(app.getPath('documents'), defaultName) }),
    pickScenarioFile: () =>
      openOne({
        title: 'Open a scenario',
        buttonLabel: 'Open',
        properties: ['openFile'],
        filters: [
          { name: 'Scenario (YAML or JSON)', extensions: ['yaml', 'yml', 'json'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    pickSavePath: (defaultName, kind) => saveAs({ title: SAVE_TITLES[kind], defaultPath: join(app.getPath('documents'), defaultName), filters: [SAVE_FILTERS[kind]] }),
    pickSessionFile: () =>
      openOne({
        title: 'Import a session (HAR or NDJSON)',
        properties: ['openFile'],
        filters: [
          { name: 'Session (HAR, NDJSON)', extensions: ['har', 'ndjson', 'jsonl', 'json'] },
          { name: 'All files', extensions: ['*'] },
        ],
      }),
    revealFile(path) {
      shell.showItemInFolder(path);
    },
  };
}

/**
 * Starts the app. Resolves with the running parts once the window is loading, or with undefined when another
 * instance already runs (this one then quits and the other focuses its window).
 */
export async function startApp(options: StartOptions = {}): Promise<RunningApp | undefined> {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  applyUserDataOverride();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }

  let win: BrowserWindow | undefined;
  let controller: App | undefined;
  let updates: UpdateService | undefined;
  let quitState: 'running' | 'disposing' | 'done' = 'running';
  // Installed first: an unexpected failure is written to ws_client.log (stderr before the log exists) and shown
  // as a notice, and the app keeps running instead of ending with the session and the key's work in flight.
  let reportUnexpected = (message: string): void => console.error(message);
  installProcessGuards(process, (message) => reportUnexpected(message));

  app.on('second-instance', () => focusWindow(win));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (url) => shell.openExternal(url)));
  // One window, one session: closing it quits on every platform (the socket lives with the window's profile).
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (quitState === 'done' || !controller) return;
    event.preventDefault();
    if (quitState === 'disposing') return;
    quitState = 'disposing';
    updates?.dispose();
    void controller
      .dispose()
      .catch(() => undefined)
      .finally(() => {
        quitState = 'done';
        app.quit();
      });
  });

  try {
    await app.whenReady();
    installSessionSecurity(session.defaultSession);
    const rendererDir = options.rendererDir ?? join(__dirname, '../renderer');
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));

    // Notices raised before the renderer listens (e.g. a corrupt settings file at start-up) wait for its first
    // call: by then its effects, which subscribe before they call, have run. Other events are state it queries.
    let rendererListening = false;
    const earlyNotices: EventMap['event:notice'][] = [];
    const emit = <C extends EventChannel>(channel: C, payload: EventMap[C]): void => {
      if (channel === 'event:notice' && !rendererListening) {
        if (earlyNotices.length < MAX_EARLY_NOTICES) earlyNotices.push(payload as EventMap['event:notice']);
        return;
      }
      if (win && !win.isDestroyed()) win.webContents.send(channel, payload);
    };
    const rendererCalled = () => {
      if (rendererListening) return;
      rendererListening = true;
      setImmediate(() => {
        for (const notice of earlyNotices.splice(0)) emit('event:notice', notice);
      });
    };
    // One object plays the person: the app's services ask it before anything irreversible, the handlers open files with it.
    const dialogs = electronDialogs(() => win);
    controller = await App.create({
      paths: { userData: app.getPath('userData'), logs: app.getPath('logs') },
      secrets: options.secrets ?? keytarSecretStore(),
      emit,
      notifier: electronNotifier(),
      confirm: dialogs,
      version: app.getVersion(),
      sandboxLauncher: utilitySandboxLauncher(options.sandboxEntry ?? join(__dirname, 'sandbox-child.js')),
      ...(options.keychainService ? { keychainService: options.keychainService } : {}),
    });
    const log = controller.logs.appLog;
    reportUnexpected = (message) => {
      log.error(message);
      emit('event:notice', { level: 'error', message: message.split('\n')[0] ?? message });
    };
    const window = createMainWindow({ preloadPath: options.preloadPath ?? join(__dirname, '../preload/index.js'), title: PRODUCT_NAME });
    win = window;
    const ctl = controller;
    const updater = createElectronUpdater(ctl.logs.appLog);
    updates = new UpdateService({
      engine: updater.engine,
      ...(updater.unavailableReason ? { unavailableReason: updater.unavailableReason } : {}),
      currentVersion: app.getVersion(),
      log: ctl.logs.appLog,
      emit: (status) => emit('event:update', status),
      activity: () => ctl.session.activity(),
      autoCheck: { get: () => ctl.profiles.autoCheckForUpdates(), set: (on) => ctl.profiles.setAutoCheckForUpdates(on) },
    });
    const handlers = createHandlers(controller, dialogs, updates);
    registerIpcHandlers(ipcMain, window, announcingFirstCall(handlers, rendererCalled));

    const reportFailure = (result: { ok: boolean; error?: string }) => {
      if (!result.ok && result.error) emit('event:notice', { level: 'error', message: result.error });
    };
    installMenu(
      {
        navigate: (target) => emit('event:navigate', target),
        runChoice: (choice) => void handlers['session:run'](choice, {}).then(reportFailure),
        importKey: () => void handlers['key:import']().then(reportFailure),
        revealLog: () => void handlers['log:reveal']().then(reportFailure),
        checkForUpdates: () =>
          void handlers['updates:check']().then((result) => {
            // The status bar shows what the check found; a build that cannot update itself says why here.
            if (result.ok && result.value.phase === 'unavailable') emit('event:notice', { level: 'info', message: result.value.message ?? '' });
            else reportFailure(result);
          }),
      },
      { isMac: process.platform === 'darwin', appName: app.name, devTools: !app.isPackaged },
    );
    await window.loadURL(APP_URL);
    // The first automatic check comes a little after the window is shown, then every few hours.
    updates.start();
    return { window, controller, handlers, updates };
  } catch (error) {
    dialog.showErrorBox(`${PRODUCT_NAME} could not start`, userMessage(error));
    await controller?.dispose().catch(() => undefined);
    app.exit(1);
    return undefined;
  }
}
