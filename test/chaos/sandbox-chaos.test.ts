// The built-in sandbox (it runs inside the app's main process) against hostile local clients: a web page's
// Origin, too many connections, a client that never reads, password-guessing logins, a nonce from the future.
// And the session against the sandbox turned hostile: an order whose reply is replaced by an oversized frame is
// never lost.

import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { choiceById } from '../../shared/oceanex/catalogue';
import { Session } from '../../main/oceanex/session';
import { createDemoAccount, startSandbox, type Sandbox } from '../../main/sandbox/index';
import { MAX_FAILED_LOGINS } from '../../main/sandbox/auth';
import { validateFields } from '../../shared/oceanex/catalogue';
import { eventLog, keySigner, nextEvent, recordingLogger, waitForState } from '../oceanex/session-helpers';
import { TestClient } from '../sandbox/ws-client';
import { MB, retainedHeap } from './memory';

const MAX_CONNECTIONS = 6;
const MAX_UNSENT = 1 * MB;
let sandbox: Sandbox;
let account: ReturnType<typeof createDemoAccount>;
const lines: string[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  account = createDemoAccount();
  sandbox = await startSandbox({ accounts: [account.config], seed: 11, maxConnections: MAX_CONNECTIONS, maxUnsentBytes: MAX_UNSENT, historyHours: 1, log: (l) => lines.push(l) });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => {
  sandbox.faults.clear();
  for (const c of clients.splice(0)) c.close();
});

async function client(): Promise<TestClient> {
  const c = await TestClient.connect(sandbox.url);
  clients.push(c);
  return c;
}

/** The HTTP status an upgrade got instead of a websocket (undefined: it opened). */
function upgradeStatus(options: WebSocket.ClientOptions = {}): Promise<{ status: number | undefined; body: string; socket: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(sandbox.url, options);
    ws.on('open', () => resolve({ status: undefined, body: '', socket: ws }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode, body, socket: ws }));
    });
    ws.on('error', (e) => {
      if (!String(e.message).includes('Unexpected server response')) reject(e);
    });
  });
}

describe('chaos: the sandbox against hostile local clients', () => {
  it('refuses an upgrade carrying a browser Origin (any web page could otherwise reach it)', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${sandbox.port + 1}`, `http://localhost.evil.example:${sandbox.port}`]) {
      const refused = await upgradeStatus({ origin });
      expect(refused.status, origin).toBe(403);
      expect(refused.body).toBe('The sandbox does not accept connections from web pages.');
    }
    // Same origin is not a web page: Python's websocket-client sends its own host (test/sandbox/python-client.test.ts).
    const own = await upgradeStatus({ origin: `http://127.0.0.1:${sandbox.port}` });
    expect(own.status).toBeUndefined();
    own.socket.terminate();
    const plain = await upgradeStatus();
    expect(plain.status).toBeUndefined();
    plain.socket.terminate();
  });

  it(`caps connections at ${MAX_CONNECTIONS}, with a plain refusal beyond`, async () => {
    for (let i = 0; i < MAX_CONNECTIONS; i += 1) await client();
    const refused = await upgradeStatus();
    expect(refused.status).toBe(503);
    expect(refused.body).toBe(`The sandbox accepts at most ${MAX_CONNECTIONS} connections.`);
    clients.pop()!.close();
    await expect.poll(() => sandbox.connectionCount()).toBe(MAX_CONNECTIONS - 1);
    const again = await upgradeStatus();
    expect(again.status).toBeUndefined();
    again.socket.terminate();
  });

  it('drops a client that stops reading once its unsent replies pass the cap; others stay fast', async () => {
    const slow = await client();
    const other = await client();
    const before = retainedHeap();
    slow.socket.pause(); // reads nothing from now on
    const closed = new Promise<void>((resolve) => slow.socket.once('close', () => resolve()));
    for (let i = 0; i < 16_000; i += 1) {
      slow.sendJson({ identifier: { handler: 'MarketsHandler' }, command: 'message', data: { action: 'index', uuid: `u${i}`, args: {} } });
    }
    await expect.poll(() => lines.some((l) => / is not reading its replies \(\d+ bytes unsent\): dropping$/.test(l)), { timeout: 15_000 }).toBe(true);
    const started = performance.now();
    expect((await other.request('ToolHandler', 'timestamp')).code).toBe(0);
    expect(performance.now() - started).toBeLessThan(1_000);
    slow.socket.resume();
    await closed;
    // 16 000 replies of ≈ 1 kB were asked for; once the client is dropped the server holds none of them.
    expect(retainedHeap() - before).toBeLessThan(8 * MB);
  }, 30_000);

  it(`throttles failed logins: after ${MAX_FAILED_LOGINS} bad signatures even a good one waits`, async () => {
    const c = await client();
    const wrong = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    for (let i = 0; i < MAX_FAILED_LOGINS; i += 1) {
      expect((await c.login(account.config.uid, account.config.api_key, wrong)).data).toEqual({ message: 'Invalid signature' });
    }
    const throttled = await c.login(account.config.uid, account.config.api_key, account.privateKeyPem);
    expect(throttled.code).not.toBe(0);
    expect(JSON.stringify(throttled)).toMatch(/too many failed logins for this API key: try again in \d+ s/);
  });

  it('refuses a nonce 4 minutes ahead, so it cannot block the correct logins that follow', async () => {
    const other = createDemoAccount();
    const own = await startSandbox({ accounts: [other.config], marketMaker: false });
    try {
      const c = await TestClient.connect(own.url);
      const ahead = await c.login(other.config.uid, other.config.api_key, other.privateKeyPem, Date.now() + 4 * 60_000);
      expect(ahead.code).not.toBe(0);
      expect(JSON.stringify(ahead)).toMatch(/nonce is more than 30 s ahead of the server time/);
      expect((await c.login(other.config.uid, other.config.api_key, other.privateKeyPem)).code).toBe(0);
      c.close();
    } finally {
      await own.close();
    }
  });
});

describe('chaos: no order of unknown outcome is lost', () => {
  it('an order create answered by an oversized frame instead of its reply is reconciled after the reconnect', async () => {
    const other = createDemoAccount();
    const own = await startSandbox({ accounts: [other.config], marketMaker: false, seed: 3 });
    const logger = recordingLogger();
    const session = new Session({ url: own.url, requestTimeoutMs: 5_000, maxPayloadBytes: 1 * MB, backoff: { initialMs: 20, maxMs: 100 }, logger });
    try {
      const events = eventLog(session);
      await session.connect();
      await session.login(keySigner(other.privateKeyPem, other.config.uid, other.config.api_key));
      own.faults.silence('OrderHandler', 'create'); // the exchange takes the order but its reply never comes…
      const choice = choiceById('newOrder')!;
      const fields = validateFields(choice, { market: 'vetusdt', side: 'buy', price: '0.001', volume: '100', ord_type: 'limit' });
      if (!fields.ok) throw new Error('bad fields');
      const reconciled = nextEvent(session, 'order-reconciled');
      const sent = session.request(choice, fields.values);
      await expect.poll(() => logger.frames.some((f) => f.direction === 'out' && f.text.includes('"create"'))).toBe(true);
      own.faults.sendRaw(`{"pad":"${'z'.repeat(2 * MB)}"}`); // …a frame over the 1 MB cap comes instead
      await expect(sent).rejects.toMatchObject({ code: 'outcome-unknown' });
      const settled = (await reconciled).order;
      expect(settled).toMatchObject({ status: 'found-open', order: { state: 'wait', market: 'vetusdt' } });
      // It is the one order the exchange holds: found, not resent.
      const open = (await session.request(choiceById('openOrders')!, { market: 'vetusdt', ord_type: 'limit' })).reply.data as { resources?: unknown[] } | unknown[];
      const list = Array.isArray(open) ? open : (open.resources ?? []);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ id: (settled.order as { id: number }).id });
      await waitForState(session, 'authenticated');
      expect(events.some((e) => e.type === 'error' && /larger than the 1 MB limit/.test(e.message))).toBe(true);
    } finally {
      await session.dispose();
      await own.close();
    }
  });
});
