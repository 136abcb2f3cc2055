// The one application window: strict webPreferences (see SECURITY_CHECKLIST in security.ts), shown when ready.

import { BrowserWindow, type WebPreferences } from 'electron';

/** Every security-relevant preference set explicitly, even where it is Electron's default. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly title: string;
}

/** Creates the window (not yet loaded: IPC handlers are registered before the renderer can call them). */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: options.title,
    backgroundColor: '#0f172a',
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  return win;
}

/** Brings the window to the front (second instance, dock click). */
export function focusWindow(win: BrowserWindow | undefined): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
