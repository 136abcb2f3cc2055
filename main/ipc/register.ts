// Wires the plain-Node handlers to ipcMain. Every call is first checked: it must come from our window's main
// frame showing the app:// renderer — never a subframe, another window or a navigated page.

import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { type Result } from '../../shared/ipc/contract';
import { APP_HOST, APP_SCHEME } from '../electron/protocol';
import type { Handlers } from './handlers';

export const UNTRUSTED_SENDER = 'Refused: this request did not come from the OceanEx WS Client window.';

function isAppUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, win: BrowserWindow): boolean {
  if (win.isDestroyed()) return false;
  const frame = event.senderFrame;
  return frame !== null && frame === win.webContents.mainFrame && isAppUrl(frame.url);
}

/** Registers one ipcMain.handle per contract channel; returns the function that removes them again. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, win: BrowserWindow, handlers: Handlers): () => void {
  for (const channel of INVOKE_CHANNELS) {
    const handle = handlers[channel];
    ipcMain.handle(channel, (event, ...args: unknown[]): Promise<Result<unknown>> | Result<unknown> =>
      isTrustedSender(event, win) ? handle(...args) : { ok: false, error: UNTRUSTED_SENDER },
    );
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
