// The preload: window.oceanex is createApi over ipcRenderer; the transport allows only contract channels,
// strips the IPC event from listeners and unsubscribes with removeListener.

import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type InvokeChannel } from '../../shared/ipc/channels';
import { createApi } from '../../preload/api';
import { ipcRenderer, recorded } from './electron-stand-in';

vi.mock('electron', async () => {
  const standIn = await import('./electron-stand-in');
  return { ...standIn.electron, default: standIn.electron };
});

const { ipcRendererTransport } = await import('../../preload/index');

describe('preload', () => {
  it('exposes exactly window.oceanex with the createApi verbs, all functions', () => {
    expect([...recorded.exposed.keys()]).toEqual(['oceanex']);
    const api = recorded.exposed.get('oceanex') as Record<string, unknown>;
    const verbs = Object.keys(createApi({ invoke: async () => undefined, subscribe: () => () => undefined }));
    expect(Object.keys(api).sort()).toEqual(verbs.sort());
    for (const forbidden of ['invoke', 'send', 'on', 'ipcRenderer', 'require', 'process']) expect(api).not.toHaveProperty(forbidden);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('verbs invoke their channel with the arguments', async () => {
    const api = recorded.exposed.get('oceanex') as ReturnType<typeof createApi>;
    ipcRenderer.invoked.length = 0;
    await api.run(3, {});
    await api.selectProfile('p-1');
    await api.queryLog({ text: 'x' });
    expect(ipcRenderer.invoked).toEqual([
      { channel: 'session:run', args: [3, {}] },
      { channel: 'settings:selectProfile', args: ['p-1'] },
      { channel: 'log:query', args: [{ text: 'x' }] },
    ]);
  });

  it('the transport refuses channels outside the contract', async () => {
    const transport = ipcRendererTransport(ipcRenderer);
    await expect(transport.invoke('shell:exec' as InvokeChannel)).rejects.toThrow('not a request the app offers');
    expect(() => transport.subscribe('ipc:anything' as never, () => undefined)).toThrow('not an event the app sends');
    for (const channel of INVOKE_CHANNELS) await expect(transport.invoke(channel)).resolves.toMatchObject({ ok: true });
  });

  it('listeners get the payload only and unsubscribe removes them', () => {
    const api = recorded.exposed.get('oceanex') as ReturnType<typeof createApi>;
    const seen: unknown[][] = [];
    const unsubscribe = api.onSession((...args: unknown[]) => seen.push(args));
    ipcRenderer.emit('event:session', { sender: 'an IpcRendererEvent' }, { state: 'open' });
    expect(seen).toEqual([[{ state: 'open' }]]);
    expect(ipcRenderer.listenerCount('event:session')).toBe(1);
    unsubscribe();
    expect(ipcRenderer.listenerCount('event:session')).toBe(0);
    ipcRenderer.emit('event:session', {}, { state: 'closed' });
    expect(seen).toHaveLength(1);
    for (const channel of EVENT_CHANNELS) expect(ipcRenderer.listenerCount(channel)).toBe(0);
  });
});
