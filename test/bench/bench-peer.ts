// The benchmark's server side, run in its own process (its own core) so server work never shares the event
// loop with the clients being measured. It hosts:
//  - the real sandbox exchange (replies are recorded from it; round trips are measured against it);
//  - a replay server that, once it has received `count` requests on a connection, answers all of them in one
//    socket write of pre-built websocket frames (recorded sandbox replies with each request's uuid), so the
//    client's inbound processing — not the server's sending — is what limits the measured rate. It waits for
//    the parent's 'go' before that write, so the client can finish its sending-side work first. With a
//    `window`, it does the same for every `window` requests in turn (a client with few requests outstanding).
// Talks to the parent over the child-process IPC channel (see PeerMessage / ParentMessage).

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { startSandbox } from '../../main/sandbox/index';

export type ParentMessage =
  | { readonly type: 'templates'; readonly templates: readonly ReplyTemplate[] }
  | { readonly type: 'expect'; readonly count: number; readonly window?: number }
  | { readonly type: 'go' }
  | { readonly type: 'stop' };

export type PeerMessage =
  | { readonly type: 'ready'; readonly sandboxUrl: string; readonly replayUrl: string }
  | { readonly type: 'armed' }
  | { readonly type: 'collected' }
  | { readonly type: 'blasted'; readonly frames: number; readonly bytes: number };

/** A recorded sandbox reply: `text` contains `uuid` exactly once, where the replay puts the request's uuid. */
export interface ReplyTemplate {
  readonly key: string; // Handler/action
  readonly text: string;
  readonly uuid: string;
}

function send(message: PeerMessage): void {
  process.send?.(message);
}

/** An unmasked server→client text frame (RFC 6455 §5.2). */
function textFrame(payload: Buffer): Buffer {
  const len = payload.length;
  let header: Buffer;
  if (len < 126) {
    header = Buffer.from([0x81, len]);
  } else if (len < 65_536) {
    header = Buffer.alloc(4);
    header[0] = 0x81;
    header[1] = 126;
    header.writeUInt16BE(len, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x81;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([header, payload]);
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ seed: 11, pingIntervalSeconds: 600 });
  const templates = new Map<string, { before: string; after: string }>();
  let expected = 0;
  let expectedWindow = 0;
  let blast: (() => void) | undefined;

  const http = createServer((_req, res) => res.end());
  const wss = new WebSocketServer({ noServer: true });
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const count = expected;
      const window = expectedWindow > 0 ? expectedWindow : count;
      expected = 0;
      expectedWindow = 0;
      let frames: Buffer[] = [];
      let answered = 0;
      ws.send(JSON.stringify({ type: 'welcome', message: 600 }));
      ws.on('message', (data) => {
        if (answered + frames.length >= count) return;
        const request = JSON.parse(String(data)) as { identifier?: { handler?: string }; data?: { action?: string; uuid?: string } };
        const key = `${request.identifier?.handler}/${request.data?.action}`;
        const t = templates.get(key);
        if (t === undefined || request.data?.uuid === undefined) throw new Error(`no recorded reply for ${key}`);
        frames.push(textFrame(Buffer.from(t.before + request.data.uuid + t.after, 'utf8')));
        if (frames.length === Math.min(window, count - answered)) {
          const bytes = Buffer.concat(frames);
          const burst = frames.length;
          answered += burst;
          frames = [];
          blast = () => {
            // Straight onto the TCP socket: ws only reads from it here (we never ws.send on it again).
            (socket as Socket).write(bytes);
            send({ type: 'blasted', frames: burst, bytes: bytes.length });
          };
          send({ type: 'collected' });
        }
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const replayUrl = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws/v1`;

  process.on('message', (raw) => {
    const message = raw as ParentMessage;
    if (message.type === 'templates') {
      for (const t of message.templates) {
        const at = t.text.indexOf(t.uuid);
        templates.set(t.key, { before: t.text.slice(0, at), after: t.text.slice(at + t.uuid.length) });
      }
    } else if (message.type === 'go') {
      const go = blast;
      blast = undefined;
      go?.();
    } else if (message.type === 'expect') {
      expected = message.count;
      expectedWindow = message.window ?? 0;
      send({ type: 'armed' });
    } else {
      void sandbox.close().finally(() => process.exit(0));
      http.close();
    }
  });
  send({ type: 'ready', sandboxUrl: sandbox.url, replayUrl });
}

void main();
