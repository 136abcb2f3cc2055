// A plain `ws` test client for the sandbox: collects every frame, sends requests, awaits replies by uuid.

import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { signLogin } from '../../main/oceanex/signer';

export interface ReplyMessage {
  action: string;
  code: number;
  data: unknown;
  uuid: string;
}

export interface Frame {
  type?: string;
  message?: unknown;
  reason?: string;
  reconnect?: boolean;
  identifier?: { handler: string };
}

export class TestClient {
  readonly frames: Frame[] = [];
  readonly raw: string[] = [];
  private waiters: Array<{ test: (f: Frame) => boolean; resolve: (f: Frame) => void }> = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  autoPong = false;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      let frame: Frame;
      try {
        frame = JSON.parse(text) as Frame;
      } catch {
        return;
      }
      this.frames.push(frame);
      if (this.autoPong && frame.type === 'ping') socket.send(JSON.stringify({ command: 'pong' }));
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async connect(url: string): Promise<TestClient> {
    const socket = new WebSocket(url);
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  /** Resolves with the first frame (already received or future) matching `test`. */
  waitFor(test: (f: Frame) => boolean): Promise<Frame> {
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  sendJson(value: unknown): void {
    this.socket.send(JSON.stringify(value));
  }

  sendText(text: string): void {
    this.socket.send(text);
  }

  /** Sends a request frame exactly as the spec's envelope, resolves with message of the reply. */
  async request(handler: string, action: string, args: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<ReplyMessage> {
    const uuid = randomUUID();
    this.sendJson({ identifier: { handler }, command: 'message', data: { action, uuid, args, ...extra } });
    const frame = await this.waitFor((f) => (f.message as ReplyMessage | undefined)?.uuid === uuid);
    return frame.message as ReplyMessage;
  }

  async login(uid: string, apiKey: string, privateKeyPem: string, nonce = Date.now(), signature?: string): Promise<ReplyMessage> {
    return this.request('AuthHandler', 'login', {}, {
      header: { uid, api_key: apiKey, nonce, verb: 'GET', path: '/ws/v1', signature: signature ?? signLogin(privateKeyPem, nonce) },
    });
  }

  close(): void {
    this.socket.terminate();
  }
}
