// A tiny scripted websocket server on 127.0.0.1 for the session's fault cases (drops, silence, garbage,
// disconnect frames) that need exact control of what the peer does. Each test scripts the replies.

import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface ReceivedFrame {
  readonly connection: number;
  readonly text: string;
  readonly json: Record<string, unknown> | undefined;
}

export interface ScriptedPeer {
  readonly connection: number;
  readonly socket: WebSocket;
  send(value: unknown): void;
  sendText(text: string): void;
  /** Replies to a request frame with the OceanEx envelope, echoing handler, action and uuid. */
  reply(request: Record<string, unknown>, code: number, data: unknown): void;
}

export type ScriptHandler = (peer: ScriptedPeer, frame: Record<string, unknown>) => void;

export interface ScriptedServer {
  readonly url: string;
  readonly received: ReceivedFrame[];
  readonly peers: ScriptedPeer[];
  connectionCount(): number;
  /** Replaces how request frames are answered (pongs are recorded, never answered). */
  onRequest(handler: ScriptHandler): void;
  /** The latest connection. */
  peer(): ScriptedPeer;
  waitForConnection(count: number): Promise<ScriptedPeer>;
  waitForFrames(predicate: (f: ReceivedFrame) => boolean, count?: number): Promise<ReceivedFrame[]>;
  close(): Promise<void>;
}

export function handlerOf(frame: Record<string, unknown>): string {
  const id = frame['identifier'] as Record<string, unknown> | undefined;
  const data = frame['data'] as Record<string, unknown> | undefined;
  return `${String(id?.['handler'])}/${String(data?.['action'])}`;
}

export function argsOf(frame: Record<string, unknown>): Record<string, unknown> {
  return ((frame['data'] as Record<string, unknown>)['args'] ?? {}) as Record<string, unknown>;
}

export async function startScriptedServer(welcome = true): Promise<ScriptedServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  const port = (wss.address() as AddressInfo).port;
  const received: ReceivedFrame[] = [];
  const peers: ScriptedPeer[] = [];
  const waiters: Array<() => void> = [];
  let handler: ScriptHandler = () => {};
  const notify = (): void => {
    for (const w of [...waiters]) w();
  };

  wss.on('connection', (socket) => {
    const connection = peers.length + 1;
    const peer: ScriptedPeer = {
      connection,
      socket,
      send: (value) => socket.send(JSON.stringify(value)),
      sendText: (text) => socket.send(text),
      reply: (request, code, data) => {
        const d = request['data'] as Record<string, unknown>;
        socket.send(JSON.stringify({
          identifier: request['identifier'],
          message: { action: d['action'], code, data, uuid: d['uuid'] },
        }));
      },
    };
    peers.push(peer);
    if (welcome) peer.send({ type: 'welcome', message: 60 });
    socket.on('message', (data) => {
      const text = String(data);
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      received.push({ connection, text, json });
      if (json !== undefined && json['command'] === 'message') handler(peer, json);
      notify();
    });
    notify();
  });

  const waitFor = <T>(check: () => T | undefined): Promise<T> =>
    new Promise((resolve) => {
      const test = (): void => {
        const value = check();
        if (value === undefined) return;
        waiters.splice(waiters.indexOf(test), 1);
        resolve(value);
      };
      waiters.push(test);
      test();
    });

  return {
    url: `ws://127.0.0.1:${port}/ws/v1`,
    received,
    peers,
    connectionCount: () => peers.length,
    onRequest: (h) => {
      handler = h;
    },
    peer: () => {
      const p = peers[peers.length - 1];
      if (p === undefined) throw new Error('no connection yet');
      return p;
    },
    waitForConnection: (count) => waitFor(() => (peers.length >= count ? peers[count - 1] : undefined)),
    waitForFrames: (predicate, count = 1) =>
      waitFor(() => {
        const matching = received.filter(predicate);
        return matching.length >= count ? matching : undefined;
      }),
    close: async () => {
      for (const p of peers) p.socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
