// A small stand-in for the `electron` module (the binary cannot run here). It records what the shell does —
// window options, handlers registered, CSP, guards, menu, dialogs — and lets a test fire app and web-contents
// events. Use with: vi.mock('electron', async () => (await import('./electron-stand-in')).electron)

import { fork, type ChildProcess, type Serializable } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Listener = (...args: unknown[]) => unknown;

/** An Electron-style event: records preventDefault. */
export class StandInEvent {
  defaultPrevented = false;
  constructor(extra: Record<string, unknown> = {}) {
    Object.assign(this, extra);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class StandInFrame {
  constructor(public url: string) {}
}

export class StandInWebContents extends EventEmitter {
  readonly mainFrame = new StandInFrame('');
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
}

export class StandInBrowserWindow extends EventEmitter {
  static readonly created: StandInBrowserWindow[] = [];
  readonly webContents = new StandInWebContents();
  readonly loaded: string[] = [];
  destroyed = false;
  minimized = false;
  shown = 0;
  focused = 0;
  constructor(readonly options: Record<string, unknown>) {
    super();
    StandInBrowserWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
    this.webContents.mainFrame.url = url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.shown += 1;
  }
  focus(): void {
    this.focused += 1;
  }
}

class StandInApp extends EventEmitter {
  readonly name = 'OceanEx WS Client';
  version = '0.1.0';
  isPackaged = false;
  getVersion(): string {
    return this.version;
  }
  getName(): string {
    return this.name;
  }
  getAppPath(): string {
    return this.root;
  }
  singleInstanceLock = true;
  quitCalls = 0;
  exitCodes: number[] = [];
  readonly root = mkdtempSync(join(tmpdir(), 'oceanex-electron-stand-in-'));
  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  readonly paths = new Map<string, string>();
  getPath(name: string): string {
    return this.paths.get(name) ?? join(this.root, name);
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  quit(): void {
    this.quitCalls += 1;
    // Like Electron: quitting first emits before-quit, which a listener may prevent.
    const event = new StandInEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.emit('will-quit', new StandInEvent());
  }
  exit(code = 0): void {
    this.exitCodes.push(code);
  }
}

class StandInSession {
  permissionRequestHandler: Listener | undefined;
  permissionCheckHandler: Listener | undefined;
  devicePermissionHandler: Listener | undefined;
  headersReceived: Listener | undefined;
  readonly events = new EventEmitter();
  beforeRequest: Listener | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: Listener) => {
      this.headersReceived = listener;
    },
    onBeforeRequest: (listener: Listener) => {
      this.beforeRequest = listener;
    },
  };
  setPermissionRequestHandler(handler: Listener): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: Listener): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: Listener): void {
    this.devicePermissionHandler = handler;
  }
  on(event: string, listener: Listener): void {
    this.events.on(event, listener);
  }
}

export interface Recorded {
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  ipcHandlers: Map<string, Listener>;
  menuTemplate: unknown[] | undefined;
  openedExternally: string[];
  revealed: string[];
  errorBoxes: Array<{ title: string; content: string }>;
  exposed: Map<string, unknown>;
  openDialogResult: { canceled: boolean; filePaths: string[] };
  saveDialogResult: { canceled: boolean; filePath?: string };
  /** Notifications shown (new Notification(options).show()); `notificationsSupported` is what isSupported() says. */
  notifications: Array<{ title?: string; body?: string }>;
  notificationsSupported: boolean;
  /** Message boxes shown (main's confirmations): the parent window (if any) and the options. */
  messageBoxes: Array<{ parent: unknown; options: Record<string, unknown> }>;
  /** What the person answers in the next message boxes: response is the button index. */
  messageBoxResult: { response: number; checkboxChecked: boolean };
  /** utilityProcess.fork calls: the entry and the options. */
  utilityForks: Array<{ entry: string; options: Record<string, unknown> }>;
}

export const recorded: Recorded = {
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  menuTemplate: undefined,
  openedExternally: [],
  revealed: [],
  errorBoxes: [],
  exposed: new Map(),
  openDialogResult: { canceled: true, filePaths: [] },
  saveDialogResult: { canceled: true },
  notifications: [],
  notificationsSupported: true,
  messageBoxes: [],
  messageBoxResult: { response: 0, checkboxChecked: false },
  utilityForks: [],
};

/**
 * Electron's utilityProcess made of child_process.fork (a TypeScript entry runs under tsx): postMessage → the
 * child's 'message', its process.send → 'message' here, 'exit' with the exit code, kill().
 */
class StandInUtilityProcess extends EventEmitter {
  private readonly child: ChildProcess;
  constructor(entry: string) {
    super();
    this.child = fork(entry, [], { execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (m) => this.emit('message', m));
    this.child.once('exit', (code) => this.emit('exit', code ?? -1));
  }
  get pid(): number | undefined {
    return this.child.pid;
  }
  postMessage(message: unknown): void {
    if (this.child.connected) this.child.send(message as Serializable);
  }
  kill(): boolean {
    return this.child.kill('SIGKILL');
  }
}

class StandInNotification {
  static isSupported(): boolean {
    return recorded.notificationsSupported;
  }
  constructor(private readonly options: { title?: string; body?: string }) {}
  show(): void {
    recorded.notifications.push({ ...this.options });
  }
}

/** The renderer side of IPC: invoke goes to ipcMain's handlers with a sender frame the test chooses. */
class StandInIpcRenderer extends EventEmitter {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return { ok: true, value: { echoed: channel, args } };
  }
}

export const app = new StandInApp();
export const defaultSession = new StandInSession();
export const ipcRenderer = new StandInIpcRenderer();

const partitions = new Map<string, StandInSession>();

export const electron = {
  app,
  BrowserWindow: StandInBrowserWindow,
  session: {
    defaultSession,
    fromPartition: (name: string) => partitions.get(name) ?? (partitions.set(name, new StandInSession()), partitions.get(name)),
  },
  /** Electron's net.request made of Node's http/https (Chromium's stack cannot run here): what electron-updater downloads with. */
  net: {
    request: (options: Record<string, unknown>) => {
      const { session: _session, redirect: _redirect, ...rest } = options;
      return (rest.protocol === 'http:' ? http : https).request(rest as https.RequestOptions);
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) => recorded.protocolHandlers.set(scheme, handler),
  },
  ipcMain: {
    handle: (channel: string, listener: Listener) => {
      if (recorded.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      recorded.ipcHandlers.set(channel, listener);
    },
    removeHandler: (channel: string) => recorded.ipcHandlers.delete(channel),
  },
  Menu: {
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu: (menu: { template: unknown[] } | null) => {
      recorded.menuTemplate = menu?.template;
    },
  },
  shell: {
    openExternal: async (url: string) => {
      recorded.openedExternally.push(url);
    },
    showItemInFolder: (path: string) => recorded.revealed.push(path),
  },
  dialog: {
    showOpenDialog: async () => recorded.openDialogResult,
    showSaveDialog: async () => recorded.saveDialogResult,
    // Electron's signature: (window, options) or (options).
    showMessageBox: async (first: unknown, second?: Record<string, unknown>) => {
      const [parent, options] = second === undefined ? [undefined, first as Record<string, unknown>] : [first, second];
      recorded.messageBoxes.push({ parent, options });
      return recorded.messageBoxResult;
    },
    showErrorBox: (title: string, content: string) => recorded.errorBoxes.push({ title, content }),
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      if (recorded.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      recorded.exposed.set(key, api);
    },
  },
  ipcRenderer,
  Notification: StandInNotification,
  utilityProcess: {
    fork: (entry: string, _args: string[], options: Record<string, unknown>) => {
      recorded.utilityForks.push({ entry, options });
      return new StandInUtilityProcess(entry);
    },
  },
};

export default electron;
