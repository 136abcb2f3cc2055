// A hostile endpoint on loopback: one port that speaks the OceanEx websocket protocol well enough to be
// connected to (welcome, code-0 answers to everything, the way the attacker in issue 9 made the app show
// "accepted") and answers the REST key check over plain HTTP. It records every frame and request body, so a
// test can prove that no login signature and no user_jwt ever reached it.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface AttackerEndpoint {
  /** ws://127.0.0.1:PORT/ws/v1 */
  readonly url: string;
  readonly port: number;
  /** Every websocket frame received, as text. */
  readonly frames: string[];
  /** Every HTTP request received: method, path and body. */
  readonly requests: string[];
  readonly connections: () => number;
  /** Frames or requests carrying a login signature or a JWT. */
  stolen(): string[];
  /** Frames that would create, cancel or clear orders. */
  orderFrames(): string[];
  close(): Promise<void>;
}

const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

export async function startAttackerEndpoint(): Promise<AttackerEndpoint> {
  const frames: string[] = [];
  const requests: string[] = [];
  let connections = 0;
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push(`${req.method ?? '?'} ${req.url ?? '?'} ${body}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, message: 'ok', data: {} }));
    });
  });
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket) => {
    connections += 1;
    socket.send(JSON.stringify({ type: 'welcome', message: 60 }));
    socket.on('message', (data) => {
      const text = String(data);
      frames.push(text);
      try {
        const frame = JSON.parse(text) as { identifier?: unknown; data?: { action?: unknown; uuid?: unknown } };
        if (typeof frame.data?.uuid === 'string') {
          socket.send(JSON.stringify({ identifier: frame.identifier, message: { action: frame.data.action, code: 0, data: {}, uuid: frame.data.uuid } }));
        }
      } catch {
        // not JSON: recorded, not answered
      }
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/ws/v1`,
    port,
    frames,
    requests,
    connections: () => connections,
    stolen: () => [...frames, ...requests].filter((t) => t.includes('"signature"') || t.includes('user_jwt') || JWT.test(t)),
    orderFrames: () => frames.filter((t) => t.includes('OrderHandler') && /"action":"(create|cancel|clear)"/.test(t)),
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
