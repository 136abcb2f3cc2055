// A hostile OceanEx server on 127.0.0.1 for the chaos suite: every connection is handed to a script that may
// flood, send huge, binary or absurdly nested frames, drop at once, or answer correctly. Plus a raw TCP server
// that dribbles its websocket handshake a byte at a time. Plain `ws` and `net`; nothing is mocked.

import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface HostilePeer {
  readonly socket: WebSocket;
  /** Index of this connection (1-based) and when it was accepted (performance.now()). */
  readonly connection: number;
  readonly acceptedAt: number;
  /** Answers a request frame with a correct OceanEx reply (code 0) carrying `data`. */
  reply(request: Record<string, unknown>, data: unknown, code?: number): void;
}

export type HostileScript = (peer: HostilePeer) => void;
export type RequestScript = (peer: HostilePeer, request: Record<string, unknown>) => void;

export interface HostileServer {
  readonly url: string;
  readonly port: number;
  /** Times (performance.now()) at which connections were accepted. */
  readonly accepted: number[];
  /** Every connection, oldest first. */
  readonly peers: HostilePeer[];
  /** Every request frame received, parsed. */
  readonly requests: Array<Record<string, unknown>>;
  onConnection(script: HostileScript): void;
  onRequest(script: RequestScript): void;
  close(): Promise<void>;
}

export function handlerAction(frame: Record<string, unknown>): string {
  const id = frame['identifier'] as Record<string, unknown> | undefined;
  const data = frame['data'] as Record<string, unknown> | undefined;
  return `${String(id?.['handler'])}/${String(data?.['action'])}`;
}

export async function startHostileServer(port = 0): Promise<HostileServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
  await once(wss, 'listening');
  const bound = (wss.address() as AddressInfo).port;
  const accepted: number[] = [];
  const requests: Array<Record<string, unknown>> = [];
  const peers: HostilePeer[] = [];
  let connectionScript: HostileScript = (peer) => peer.socket.send(JSON.stringify({ type: 'welcome', message: 60 }));
  let requestScript: RequestScript = () => undefined;
  wss.on('connection', (socket) => {
    accepted.push(performance.now());
    const peer: HostilePeer = {
      socket,
      connection: accepted.length,
      acceptedAt: performance.now(),
      reply: (request, data, code = 0) => {
        const d = request['data'] as Record<string, unknown>;
        socket.send(JSON.stringify({ identifier: request['identifier'], message: { action: d['action'], code, data, uuid: d['uuid'] } }));
      },
    };
    peers.push(peer);
    socket.on('error', () => undefined);
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return;
      }
      if (typeof frame !== 'object' || frame === null || (frame as Record<string, unknown>)['command'] === 'pong') return;
      requests.push(frame as Record<string, unknown>);
      requestScript(peer, frame as Record<string, unknown>);
    });
    connectionScript(peer);
  });
  return {
    url: `ws://127.0.0.1:${bound}/ws/v1`,
    port: bound,
    accepted,
    peers,
    requests,
    onConnection: (script) => (connectionScript = script),
    onRequest: (script) => (requestScript = script),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** A TCP server that answers a websocket upgrade one byte every `everyMs`: a handshake that never ends in time. */
export async function startDribblingServer(everyMs = 500): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    const answer = Buffer.from('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n');
    let at = 0;
    const timer = setInterval(() => {
      if (at >= answer.length || socket.destroyed) return;
      socket.write(answer.subarray(at, at + 1));
      at += 1;
    }, everyMs);
    timers.add(timer);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/ws/v1`,
    close: async () => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
