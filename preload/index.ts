// The sandboxed preload: exposes window.oceanex = createApi(transport) and nothing else — no ipcRenderer, no
// channels, no Electron objects. The transport allows only the contract's channels and strips the IPC event.

import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './api';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel, type InvokeChannel, type Transport } from '../shared/ipc/channels';

/** The part of ipcRenderer the transport uses (a stand-in in tests). */
export interface IpcRendererPort {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function ipcRendererTransport(ipc: IpcRendererPort): Transport {
  return {
    invoke(channel: InvokeChannel, ...args: unknown[]) {
      if (!INVOKE_CHANNELS.includes(channel)) return Promise.reject(new Error(`"${String(channel)}" is not a request the app offers.`));
      return ipc.invoke(channel, ...args);
    },
    subscribe(channel: EventChannel, listener: (payload: unknown) => void) {
      if (!EVENT_CHANNELS.includes(channel)) throw new Error(`"${String(channel)}" is not an event the app sends.`);
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(channel, forward);
      return () => {
        ipc.removeListener(channel, forward);
      };
    },
  };
}

contextBridge.exposeInMainWorld('oceanex', createApi(ipcRendererTransport(ipcRenderer)));
