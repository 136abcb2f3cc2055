// The wire protocol over real loopback sockets: welcome, login checks, unauthorized disconnect,
// heartbeats, garbage frames, fault injection.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccount, startSandbox, type Sandbox } from '../../main/sandbox/index';
import { signLogin } from '../../main/oceanex/signer';
import { TestClient } from './ws-client';

const alice = createDemoAccount({ usdt: '1000', vet: '10000' });
const bob = createDemoAccount({ usdt: '1000' });
let sandbox: Sandbox;
const clients: TestClient[] = [];

async function connect(sb: Sandbox = sandbox): Promise<TestClient> {
  const c = await TestClient.connect(sb.url);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: [alice.config, bob.config], seed: 3 });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  sandbox.faults.clear();
});
afterAll(async () => {
  await sandbox.close();
});

describe('connection', () => {
  it('listens on 127.0.0.1 at /ws/v1 and sends the welcome with the ping interval first', async () => {
    expect(sandbox.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws\/v1$/);
    expect(sandbox.restBase).toBe(`http://127.0.0.1:${sandbox.port}`);
    const c = await connect();
    const first = await c.waitFor(() => true);
    expect(first).toEqual({ type: 'welcome', message: 60 });
    expect(sandbox.connectionCount()).toBeGreaterThanOrEqual(1);
  });

  it('refuses websocket upgrades on other paths', async () => {
    await expect(TestClient.connect(sandbox.url.replace('/ws/v1', '/other'))).rejects.toThrow();
  });
});

describe('login', () => {
  it('accepts a valid signature and answers with the scopes', async () => {
    const c = await connect();
    const reply = await c.login(alice.config.uid, alice.config.api_key, alice.privateKeyPem);
    expect(reply).toMatchObject({ action: 'login', code: 0, data: { scopes: { query: true, 'sell/buy': true, withdraw: true } } });
    const account = await c.request('AccountHandler', 'index');
    expect(account.code).toBe(0);
  });

  it('echoes handler, action and uuid in the reply envelope', async () => {
    const c = await connect();
    c.sendJson({ identifier: { handler: 'ToolHandler' }, command: 'message', data: { action: 'timestamp', uuid: 'u-1', args: {} } });
    const frame = await c.waitFor((f) => f.identifier?.handler === 'ToolHandler');
    expect(frame).toEqual({
      identifier: { handler: 'ToolHandler' },
      message: { action: 'timestamp', code: 0, data: expect.any(Number), uuid: 'u-1' },
    });
  });

  it('refuses a signature made with another key, and the connection stays unauthenticated', async () => {
    const c = await connect();
    const nonce = Date.now();
    const reply = await c.login(alice.config.uid, alice.config.api_key, bob.privateKeyPem, nonce, signLogin(bob.privateKeyPem, nonce));
    expect(reply.code).toBe(1008);
    expect(reply.data).toEqual({ message: 'Invalid signature' });
    void c.request('AccountHandler', 'index'); // never answered: the server disconnects instead
    const frame = await c.waitFor((f) => f.type === 'disconnect');
    expect(frame).toEqual({ type: 'disconnect', reason: 'unauthorized', reconnect: false });
  });

  it('refuses a stale nonce (more than 5 minutes old) even when correctly signed', async () => {
    const c = await connect();
    const reply = await c.login(alice.config.uid, alice.config.api_key, alice.privateKeyPem, Date.now() - 6 * 60 * 1000);
    expect(reply.code).toBe(1006);
    const future = await c.login(alice.config.uid, alice.config.api_key, alice.privateKeyPem, Date.now() + 6 * 60 * 1000);
    expect(future.code).toBe(1006);
  });

  it('refuses a reused or non-increasing nonce for the same API key', async () => {
    const nonce = Date.now() + 1000;
    const c1 = await connect();
    expect((await c1.login(bob.config.uid, bob.config.api_key, bob.privateKeyPem, nonce)).code).toBe(0);
    const c2 = await connect();
    expect((await c2.login(bob.config.uid, bob.config.api_key, bob.privateKeyPem, nonce)).code).toBe(1006);
    expect((await c2.login(bob.config.uid, bob.config.api_key, bob.privateKeyPem, nonce - 1)).code).toBe(1006);
    expect((await c2.login(bob.config.uid, bob.config.api_key, bob.privateKeyPem, nonce + 1)).code).toBe(0);
  });

  it('refuses an unknown API key, a uid that does not own the key, and a wrong verb/path', async () => {
    const c = await connect();
    expect((await c.login(alice.config.uid, 'KIDNOPE', alice.privateKeyPem)).code).toBe(1010);
    expect((await c.login(bob.config.uid, alice.config.api_key, alice.privateKeyPem)).code).toBe(1010);
    const nonce = Date.now();
    const wrongPath = await c.request('AuthHandler', 'login', {}, {
      header: { uid: alice.config.uid, api_key: alice.config.api_key, nonce, verb: 'POST', path: '/ws/v1', signature: signLogin(alice.privateKeyPem, nonce) },
    });
    expect(wrongPath.code).toBe(2001);
    const missing = await c.request('AuthHandler', 'login', {});
    expect(missing.code).toBe(1004);
  });
});

describe('unauthorized private calls', () => {
  for (const [handler, action] of [['AccountHandler', 'index'], ['OrderHandler', 'create'], ['OrderHistoryHandler', 'index']] as const) {
    it(`${handler}/${action} before login gets disconnect(unauthorized, reconnect:false) and the socket closes`, async () => {
      const c = await connect();
      c.sendJson({ identifier: { handler }, command: 'message', data: { action, uuid: 'x', args: {} } });
      expect(await c.waitFor((f) => f.type === 'disconnect')).toEqual({ type: 'disconnect', reason: 'unauthorized', reconnect: false });
      await c.closed;
      expect(c.frames.some((f) => f.identifier !== undefined)).toBe(false);
    });
  }
});

describe('malformed frames', () => {
  it('survives garbage and answers unknown handlers/actions with 1001 when it can echo them', async () => {
    const c = await connect();
    for (const junk of ['not json', '[]', '42', 'null', '{"identifier":7}', '{"identifier":{"handler":""}}', '{"command":"message"}', '\u0000\u0001']) {
      c.sendText(junk);
    }
    c.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    const unknownHandler = await c.request('NopeHandler', 'index');
    expect(unknownHandler.code).toBe(1001);
    expect(unknownHandler.data).toEqual({ message: expect.stringContaining('NopeHandler') });
    const unknownAction = await c.request('MarketsHandler', 'destroy');
    expect(unknownAction.code).toBe(1001);
    const badArgs = await c.request('OrderBookHandler', 'index', { market_id: 'vetusdt', level: 'lots' });
    expect(badArgs.code).toBe(1001);
    const stillFine = await c.request('ToolHandler', 'timestamp');
    expect(stillFine.code).toBe(0);
    const noAction = JSON.stringify({ identifier: { handler: 'ToolHandler' }, data: { uuid: 'no-action' } });
    c.sendText(noAction);
    const reply = await c.waitFor((f) => (f.message as { uuid?: string } | undefined)?.uuid === 'no-action');
    expect((reply.message as { code: number }).code).toBe(1001);
  });
});

describe('heartbeat', () => {
  it('pings at the interval and drops a client after 3 unanswered pings', async () => {
    const sb = await startSandbox({ pingIntervalSeconds: 0.2, marketMaker: false });
    try {
      const c = await connect(sb);
      const closed = await c.closed;
      const pings = c.frames.filter((f) => f.type === 'ping');
      expect(pings).toHaveLength(3);
      for (const p of pings) expect(Math.abs((p.message as number) - Date.now() / 1000)).toBeLessThan(60);
      expect(c.frames[0]).toEqual({ type: 'welcome', message: 0.2 });
      expect(closed.code).toBeGreaterThan(0);
    } finally {
      await sb.close();
    }
  });

  it('keeps a client that answers every ping with a pong', async () => {
    const sb = await startSandbox({ pingIntervalSeconds: 0.1, marketMaker: false });
    try {
      const c = await connect(sb);
      c.autoPong = true;
      // 8 pings = well past 3 intervals; still connected and answering.
      await c.waitFor(() => c.frames.filter((f) => f.type === 'ping').length >= 8);
      expect((await c.request('ToolHandler', 'timestamp')).code).toBe(0);
      expect(c.frames.some((f) => f.type === 'disconnect')).toBe(false);
    } finally {
      await sb.close();
    }
  });
});

describe('faults', () => {
  it('dropOnNext before processing: no reply, socket closed, nothing created', async () => {
    const c = await connect();
    await c.login(alice.config.uid, alice.config.api_key, alice.privateKeyPem);
    const before = sandbox.exchange.orders((o) => o.uid === alice.config.uid).length;
    sandbox.faults.dropOnNext('OrderHandler', 'create', false);
    c.sendJson({ identifier: { handler: 'OrderHandler' }, command: 'message', data: { action: 'create', uuid: 'd1', args: { market: 'vetusdt', side: 'buy', price: 0.001, volume: 10, ord_type: 'limit' } } });
    await c.closed;
    expect(sandbox.exchange.orders((o) => o.uid === alice.config.uid).length).toBe(before);
  });

  it('dropOnNext after processing: the order exists but the reply never comes', async () => {
    const c = await connect();
    await c.login(alice.config.uid, alice.config.api_key, alice.privateKeyPem);
    const before = sandbox.exchange.orders((o) => o.uid === alice.config.uid).length;
    sandbox.faults.dropOnNext('OrderHandler', 'create', true);
    c.sendJson({ identifier: { handler: 'OrderHandler' }, command: 'message', data: { action: 'create', uuid: 'd2', args: { market: 'vetusdt', side: 'buy', price: 0.001, volume: 10, ord_type: 'limit' } } });
    await c.closed;
    expect(sandbox.exchange.orders((o) => o.uid === alice.config.uid).length).toBe(before + 1);
    expect(c.frames.some((f) => (f.message as { uuid?: string } | undefined)?.uuid === 'd2')).toBe(false);
    // one-shot: the next connection's create is answered
    const c2 = await connect();
    await c2.login(alice.config.uid, alice.config.api_key, alice.privateKeyPem);
    expect((await c2.request('OrderHandler', 'clear')).code).toBe(0);
  });

  it('silence swallows replies until cleared; disconnectAll and sendRaw reach every connection', async () => {
    const c = await connect();
    sandbox.faults.silence('ToolHandler', 'timestamp');
    c.sendJson({ identifier: { handler: 'ToolHandler' }, command: 'message', data: { action: 'timestamp', uuid: 's1', args: {} } });
    expect((await c.request('MarketsHandler', 'index')).code).toBe(0); // answered after the silenced one was processed
    expect(c.frames.some((f) => (f.message as { uuid?: string } | undefined)?.uuid === 's1')).toBe(false);
    sandbox.faults.clear();
    expect((await c.request('ToolHandler', 'timestamp')).code).toBe(0);

    const c2 = await connect();
    sandbox.faults.sendRaw('{{{garbage');
    await new Promise<void>((resolve) => {
      const check = (): void => (c.raw.includes('{{{garbage') && c2.raw.includes('{{{garbage') ? resolve() : void setTimeout(check, 10));
      check();
    });
    sandbox.faults.disconnectAll('maintenance', true);
    for (const client of [c, c2]) {
      expect(await client.waitFor((f) => f.type === 'disconnect')).toEqual({ type: 'disconnect', reason: 'maintenance', reconnect: true });
      await client.closed;
    }
  });
});
