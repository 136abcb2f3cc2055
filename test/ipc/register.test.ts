// Every IPC call is checked before its handler runs: only our window's main frame on app://renderer/ passes.

import { describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../main/ipc/handlers';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { StandInBrowserWindow, StandInFrame, electron, recorded } from '../electron/electron-stand-in';

vi.mock('electron', async () => {
  const standIn = await import('../electron/electron-stand-in');
  return { ...standIn.electron, default: standIn.electron };
});

const { registerIpcHandlers, UNTRUSTED_SENDER } = await import('../../main/ipc/register');

/** Handlers that record what reached them (the gate is under test here, not the handlers). */
function recordingHandlers(calls: Array<{ channel: string; args: unknown[] }>): Handlers {
  return Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [channel, async (...args: unknown[]) => (calls.push({ channel, args }), { ok: true, value: channel })]),
  ) as unknown as Handlers;
}

describe('registerIpcHandlers', () => {
  const win = new StandInBrowserWindow({});
  const other = new StandInBrowserWindow({});
  const calls: Array<{ channel: string; args: unknown[] }> = [];
  const unregister = registerIpcHandlers(electron.ipcMain as never, win as never, recordingHandlers(calls));
  const invoke = (senderFrame: unknown, channel = 'session:run', ...args: unknown[]) => recorded.ipcHandlers.get(channel)?.({ senderFrame }, ...args);

  it('registers one handler per contract channel', () => {
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('passes the main frame of our window showing app://renderer/', async () => {
    win.webContents.mainFrame.url = 'app://renderer/index.html';
    expect(await invoke(win.webContents.mainFrame, 'session:run', 3, {})).toEqual({ ok: true, value: 'session:run' });
    expect(calls).toEqual([{ channel: 'session:run', args: [3, {}] }]);
  });

  it.each([
    ['a subframe', () => new StandInFrame('app://renderer/index.html')],
    ['another window', () => ((other.webContents.mainFrame.url = 'app://renderer/index.html'), other.webContents.mainFrame)],
    ['no frame (navigated away or destroyed)', () => null],
  ])('refuses %s', async (_name, frame) => {
    const before = calls.length;
    expect(await invoke(frame(), 'settings:get')).toEqual({ ok: false, error: UNTRUSTED_SENDER });
    expect(calls).toHaveLength(before);
  });

  it.each(['https://evil.example/', 'file:///tmp/index.html', 'app://other/index.html', 'about:blank', ''])(
    'refuses our main frame when it shows %s',
    async (url) => {
      win.webContents.mainFrame.url = url;
      const before = calls.length;
      expect(await invoke(win.webContents.mainFrame, 'key:info')).toEqual({ ok: false, error: UNTRUSTED_SENDER });
      expect(calls).toHaveLength(before);
      win.webContents.mainFrame.url = 'app://renderer/index.html';
    },
  );

  it('refuses everything once the window is destroyed, and unregisters cleanly', async () => {
    win.destroyed = true;
    expect(await invoke(win.webContents.mainFrame, 'key:info')).toEqual({ ok: false, error: UNTRUSTED_SENDER });
    win.destroyed = false;
    unregister();
    expect(recorded.ipcHandlers.size).toBe(0);
  });
});
