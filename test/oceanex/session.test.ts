// The session against a scripted loopback peer: state machine, heartbeat, correlation, timeouts, drops,
// reconnect with re-login, disconnect frames, outcome-unknown orders, garbage. Real sockets, real RSA keys.

import type { KeyObject } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { choiceById } from '../../shared/oceanex/catalogue';
import { Session, SessionError } from '../../main/oceanex/session';
import type { SessionOptions } from '../../main/oceanex/session-api';
import { verifyLogin } from '../../main/oceanex/signer';
import { argsOf, handlerOf, startScriptedServer, type ScriptedPeer } from './scripted-server';
import { delay, eventLog, keySigner, nextEvent, recordingLogger, rsaKeys, statesOf, waitForState } from './session-helpers';

const timestamp = choiceById('timestamp')!;
const account = choiceById('account')!;
const newOrder = choiceById('newOrder')!;
const markets = choiceById('markets')!;
const ORDER_VALUES = { market: 'vetusdt', side: 'buy', price: 0.75, volume: 1000, ord_type: 'limit' } as const;

let keys: { privateKey: KeyObject; publicKey: KeyObject };
beforeAll(() => {
  keys = rsaKeys();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A peer that behaves like a well-mannered exchange for login and timestamp. */
function exchangeAnswer(publicKey: KeyObject): (peer: ScriptedPeer, frame: Record<string, unknown>) => boolean {
  return (peer: ScriptedPeer, frame: Record<string, unknown>): boolean => {
    const data = frame['data'] as Record<string, unknown>;
    switch (handlerOf(frame)) {
      case 'AuthHandler/login': {
        const h = data['header'] as Record<string, unknown>;
        const ok = verifyLogin(publicKey, h['nonce'] as number, h['signature'] as string);
        peer.reply(frame, ok ? 0 : 1008, ok ? { scopes: { query: true } } : 'invalid signature');
        return true;
      }
      case 'ToolHandler/timestamp':
        peer.reply(frame, 0, 1583764947);
        return true;
      case 'MarketsHandler/index':
        peer.reply(frame, 0, [{ id: 'vetusdt', name: 'VET/USDT' }]);
        return true;
      case 'AccountHandler/index':
        peer.reply(frame, 0, { accounts: [] });
        return true;
    }
    return false;
  };
}

async function setup(options: Partial<SessionOptions> = {}) {
  const server = await startScriptedServer();
  const logger = recordingLogger();
  const session = new Session({
    url: server.url,
    requestTimeoutMs: 2_000,
    backoff: { initialMs: 10, maxMs: 50, jitter: 0.3 },
    logger,
    ...options,
  });
  cleanups.push(() => server.close());
  cleanups.push(() => session.dispose());
  const events = eventLog(session);
  const answer = exchangeAnswer(keys.publicKey);
  server.onRequest((peer, frame) => void answer(peer, frame));
  return { server, session, logger, events, answer };
}

describe('Session: connecting, login, correlation', () => {
  it('walks idle → connecting → open → authenticating → authenticated and logs every frame', async () => {
    const now = () => 1_700_000_000_123.7;
    const { server, session, logger, events } = await setup({ now });
    expect(session.state).toBe('idle');
    const welcome = nextEvent(session, 'welcome');
    await session.connect();
    expect(session.state).toBe('open');
    expect((await welcome).heartbeatSeconds).toBe(60);

    const signer = keySigner(keys.privateKey);
    const result = await session.login(signer);
    expect(result.reply.outcome).toBe('login');
    expect(session.state).toBe('authenticated');
    expect(session.loggedIn).toBe(true);
    expect(statesOf(events)).toEqual(['connecting', 'open', 'authenticating', 'authenticated']);

    const [login] = await server.waitForFrames((f) => handlerOf(f.json ?? {}) === 'AuthHandler/login');
    const header = (login!.json!['data'] as Record<string, unknown>)['header'] as Record<string, unknown>;
    expect(header).toEqual({ uid: 'ID4E5TEST01', api_key: 'KIDB7TEST01', nonce: 1_700_000_000_123, verb: 'GET', path: '/ws/v1', signature: signer.signatures[0] });
    expect(argsOf(login!.json!)).toEqual({});

    // Every frame went through logger.frame with its uuid; the signature appears nowhere else.
    expect(logger.frames.map((f) => f.direction)).toEqual(['in', 'out', 'in']);
    expect(logger.frames[1]!.uuid).toBe(result.uuid);
    expect(logger.frames[2]!.uuid).toBe(result.uuid);
    expect(logger.lines.join('\n')).not.toContain(signer.signatures[0]!);
  });

  it('correlates concurrent replies by uuid, whatever their order', async () => {
    const { server, session, events } = await setup();
    const held: Array<[ScriptedPeer, Record<string, unknown>]> = [];
    server.onRequest((peer, frame) => held.push([peer, frame]));
    await session.connect();
    const a = session.request(timestamp, {});
    const b = session.request(markets, {});
    await server.waitForFrames((f) => f.json?.['command'] === 'message', 2);
    // Answer the second first.
    const [p2, f2] = held[1]!;
    p2.reply(f2, 0, [{ id: 'vetusdt' }]);
    const [p1, f1] = held[0]!;
    p1.reply(f1, 0, 1583764947);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.reply.outcome).toBe('timestamp');
    expect(ra.reply.data).toBe(1583764947);
    expect(rb.reply.outcome).toBe('markets');
    expect(ra.frame.data.uuid).not.toBe(rb.frame.data.uuid);
    expect(events.filter((e) => e.type === 'sent')).toHaveLength(2);
    expect(events.filter((e) => e.type === 'reply').map((e) => (e.type === 'reply' ? e.choice : 0))).toEqual([3, 13]);
  });

  it('gives each result the exact texts on the wire: the frame as sent, the reply as received', async () => {
    const { server, session, events } = await setup();
    // Spacing and key order no JSON.stringify of the parsed reply would reproduce.
    const replyText = (frame: Record<string, unknown>): string =>
      `{ "message":{"data":[{"id":"vetusdt","note":"\\u00e9"}],  "code":0,"action":"markets","uuid":${JSON.stringify((frame['data'] as Record<string, unknown>)['uuid'])}},"identifier":{"handler":"MarketsHandler"} }`;
    server.onRequest((peer, frame) => peer.sendText(replyText(frame)));
    await session.connect();
    const result = await session.request(markets, {});
    const sent = server.received.filter((f) => f.json?.['command'] === 'message');
    expect(sent).toHaveLength(1);
    expect(result.sentText).toBe(sent[0]!.text);
    // The frame is read back from the sent text (not kept per request): what crossed the socket, parsed once.
    expect(result.frame).toEqual(sent[0]!.json);
    expect(result.frame).toBe(result.frame);
    expect(result.replyText).toBe(replyText(sent[0]!.json!));
    const event = events.find((e) => e.type === 'reply');
    expect(event?.type === 'reply' ? event.text : undefined).toBe(result.replyText);
  });

  it('refuses a private call before login without sending anything', async () => {
    const { server, session } = await setup();
    await session.connect();
    const refused = await session.request(account, {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SessionError);
    expect((refused as SessionError).code).toBe('not-authenticated');
    await session.request(timestamp, {});
    expect(server.received.map((f) => handlerOf(f.json ?? {}))).toEqual(['ToolHandler/timestamp']);
  });

  it('refuses requests when not connected and non-request choices', async () => {
    const { session } = await setup();
    await expect(session.request(timestamp, {})).rejects.toMatchObject({ code: 'not-connected' });
    await session.connect();
    await expect(session.request(choiceById('disconnect')!, {})).rejects.toMatchObject({ code: 'invalid' });
  });

  it('a failed login leaves the session open and not logged in', async () => {
    const { session } = await setup();
    await session.connect();
    const wrong = keySigner(rsaKeys().privateKey);
    const result = await session.login(wrong);
    expect(result.reply.outcome).toBe('login-failed');
    expect(result.reply.code).toBe(1008);
    expect(session.state).toBe('open');
    expect(session.loggedIn).toBe(false);
  });
});

describe('Session: heartbeat', () => {
  it('answers every ping with exactly one pong and never pongs unprompted', async () => {
    // No coalescing here (gap 0), so each ping's event can be checked; test/chaos covers the coalescing.
    const { server, session, events } = await setup({ heartbeatEventGapMs: 0 });
    await session.connect();
    await session.request(timestamp, {});
    const pongs = () => server.received.filter((f) => f.json?.['command'] === 'pong');
    expect(pongs()).toHaveLength(0);
    const peer = server.peer();
    for (let i = 0; i < 3; i++) peer.send({ type: 'ping', message: 1583729664 + i });
    await server.waitForFrames((f) => f.json?.['command'] === 'pong', 3);
    // A round trip after the pings: anything extra would have arrived before its request.
    await session.request(timestamp, {});
    expect(pongs().map((f) => f.text)).toEqual(['{"command":"pong"}', '{"command":"pong"}', '{"command":"pong"}']);
    expect(events.filter((e) => e.type === 'heartbeat').map((e) => (e.type === 'heartbeat' ? e.serverTime : 0))).toEqual([1583729664, 1583729665, 1583729666]);
  });
});

describe('Session: faults', () => {
  it('times a request out, and a late reply becomes an unknown message', async () => {
    const { server, session, events } = await setup({ requestTimeoutMs: 100 });
    let held: [ScriptedPeer, Record<string, unknown>] | undefined;
    server.onRequest((peer, frame) => (held = [peer, frame]));
    await session.connect();
    const error = await session.request(timestamp, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(events.some((e) => e.type === 'timeout' && e.choice === 13)).toBe(true);
    const unknown = nextEvent(session, 'unknown');
    held![0].reply(held![1], 0, 1);
    expect(await unknown).toBeTruthy();
    expect(session.state).toBe('open');
  });

  it('times out each of several requests at its own deadline with one timer', async () => {
    const { server, session, events } = await setup({ requestTimeoutMs: 120 });
    server.onRequest(() => {});
    await session.connect();
    const first = session.request(timestamp, {}).catch((e: unknown) => e);
    await delay(60);
    const second = session.request(markets, {}).catch((e: unknown) => e);
    const firstError = await first;
    expect(firstError).toMatchObject({ code: 'timeout' });
    // The second was sent 60 ms later, so it is still waiting when the first times out.
    expect(events.filter((e) => e.type === 'timeout').map((e) => (e.type === 'timeout' ? e.choice : 0))).toEqual([13]);
    expect(await second).toMatchObject({ code: 'timeout' });
    expect(events.filter((e) => e.type === 'timeout').map((e) => (e.type === 'timeout' ? e.choice : 0))).toEqual([13, 3]);
  });

  it('an order create that times out is outcome-unknown and checked at once; a late ack settles nothing twice', async () => {
    const { server, session, answer } = await setup({ requestTimeoutMs: 150 });
    let heldCreate: [ScriptedPeer, Record<string, unknown>] | undefined;
    const nowSeconds = Math.floor(Date.now() / 1000);
    server.onRequest((peer, frame) => {
      const what = handlerOf(frame);
      if (what === 'OrderHandler/create') heldCreate = [peer, frame];
      else if (what === 'OrderHandler/index') peer.reply(frame, 0, { resources: [{ id: 5, market: 'vetusdt', side: 'bid', ord_type: 'limit', price: '0.75', volume: '1000.0', state: 'wait', created_on: nowSeconds }], resources_count: 1 });
      else answer(peer, frame);
    });
    await session.connect();
    await session.login(keySigner(keys.privateKey));
    const reconciled = nextEvent(session, 'order-reconciled');
    await expect(session.request(newOrder, ORDER_VALUES)).rejects.toMatchObject({ code: 'outcome-unknown' });
    expect((await reconciled).order).toMatchObject({ status: 'found-open', order: { id: 5 } });
    const unknown = nextEvent(session, 'unknown');
    heldCreate![0].reply(heldCreate![1], 0, { id: 5, state: 'wait' });
    await unknown;
    expect(session.unknownOrders.map((o) => o.status)).toEqual(['found-open']);
  });

  it('a late ack for a timed-out order create settles it when no check has yet', async () => {
    const { server, session, answer } = await setup({ requestTimeoutMs: 100 });
    let heldCreate: [ScriptedPeer, Record<string, unknown>] | undefined;
    server.onRequest((peer, frame) => {
      const what = handlerOf(frame);
      if (what === 'OrderHandler/create') heldCreate = [peer, frame];
      else if (what !== 'OrderHandler/index') answer(peer, frame); // the listing hangs: the late ack wins
    });
    await session.connect();
    await session.login(keySigner(keys.privateKey));
    await expect(session.request(newOrder, ORDER_VALUES)).rejects.toMatchObject({ code: 'outcome-unknown' });
    const reconciled = nextEvent(session, 'order-reconciled');
    heldCreate![0].reply(heldCreate![1], 0, { id: 6, state: 'wait' });
    expect((await reconciled).order).toMatchObject({ status: 'found-open', order: { id: 6 } });
  });

  it('survives garbage and unknown messages', async () => {
    const { server, session, logger } = await setup();
    await session.connect();
    const malformed = nextEvent(session, 'malformed');
    server.peer().sendText('{not json');
    expect((await malformed).text).toBe('{not json');
    const unknown = nextEvent(session, 'unknown');
    server.peer().send({ identifier: { handler: 'NewsHandler' }, message: { action: 'index', code: 0, data: [] } });
    expect((await unknown).raw).toMatchObject({ identifier: { handler: 'NewsHandler' } });
    expect(logger.lines.some((l) => l.startsWith('warn Malformed frame'))).toBe(true);
    expect((await session.request(timestamp, {})).reply.data).toBe(1583764947);
  });

  it('a drop mid-request rejects it with connection-lost, reconnects with back-off and logs in again', async () => {
    const { server, session, events, answer } = await setup();
    await session.connect();
    await session.login(keySigner(keys.privateKey));
    server.onRequest((peer, frame) => {
      if (handlerOf(frame) === 'ToolHandler/timestamp' && peer.connection === 1) peer.socket.terminate();
      else answer(peer, frame);
    });
    const error = await session.request(timestamp, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'connection-lost' });
    await waitForState(session, 'authenticated');
    expect(server.connectionCount()).toBe(2);
    expect(statesOf(events)).toEqual(['connecting', 'open', 'authenticating', 'authenticated', 'closed', 'connecting', 'open', 'authenticating', 'authenticated']);
    const scheduled = events.find((e) => e.type === 'reconnect-scheduled');
    expect(scheduled).toMatchObject({ attempt: 1 });
    expect(scheduled?.type === 'reconnect-scheduled' && scheduled.delayMs).toBeGreaterThanOrEqual(7);
    expect((await session.request(account, {})).reply.outcome).toBe('account');
  });

  it('keeps retrying with growing delays while the server is away', async () => {
    const { server, session, events } = await setup({ backoff: { initialMs: 20, maxMs: 80, factor: 2, jitter: 0 } });
    await session.connect();
    await server.close();
    await nextEvent(session, 'reconnect-scheduled', (e) => e.attempt === 4);
    const delays = events.flatMap((e) => (e.type === 'reconnect-scheduled' ? [e.delayMs] : []));
    expect(delays).toEqual([20, 40, 80, 80]);
    await session.disconnect();
    expect(session.state).toBe('closed');
  });

  it('a failed re-login emits an error and stays open', async () => {
    const { server, session, answer } = await setup();
    await session.connect();
    await session.login(keySigner(keys.privateKey));
    server.onRequest((peer, frame) => {
      if (handlerOf(frame) === 'AuthHandler/login') peer.reply(frame, 1008, 'key revoked');
      else answer(peer, frame);
    });
    const error = nextEvent(session, 'error');
    server.peer().socket.terminate();
    expect((await error).message).toMatch(/re-login failed.*1008/);
    await waitForState(session, 'open');
    expect(session.loggedIn).toBe(false);
  });
});

describe('Session: disconnect frames, manual disconnect and reconnect', () => {
  it('a disconnect frame with reconnect:false shows the reason and stops automatic reconnection', async () => {
    const { server, session, events } = await setup();
    await session.connect();
    const frame = nextEvent(session, 'disconnect-frame');
    server.peer().send({ type: 'disconnect', reason: 'maintenance', reconnect: false });
    expect(await frame).toMatchObject({ reason: 'maintenance', reconnect: false });
    await waitForState(session, 'closed');
    await delay(150); // fifteen times the back-off: a reconnect would have happened by now
    expect(server.connectionCount()).toBe(1);
    expect(events.some((e) => e.type === 'reconnect-scheduled')).toBe(false);
    await session.connect();
    expect(server.connectionCount()).toBe(2);
  });

  it('a disconnect frame with reconnect:true reconnects', async () => {
    const { server, session } = await setup();
    await session.connect();
    server.peer().send({ type: 'disconnect', reason: 'rebalancing', reconnect: true });
    await server.waitForConnection(2);
    await waitForState(session, 'open');
  });

  it('manual disconnect does not reconnect; manual reconnect logs in again', async () => {
    const { server, session, events } = await setup();
    await session.connect();
    await session.login(keySigner(keys.privateKey));
    await session.disconnect();
    expect(session.state).toBe('closed');
    await delay(150);
    expect(server.connectionCount()).toBe(1);
    await expect(session.request(timestamp, {})).rejects.toMatchObject({ code: 'not-connected' });
    await session.reconnect();
    expect(session.state).toBe('authenticated');
    expect(server.connectionCount()).toBe(2);
    await session.reconnect();
    expect(server.connectionCount()).toBe(3);
    expect(session.loggedIn).toBe(true);
    expect(statesOf(events).slice(3)).toEqual(['authenticated', 'closing', 'closed', 'connecting', 'open', 'authenticating', 'authenticated', 'closing', 'closed', 'connecting', 'open', 'authenticating', 'authenticated']);
    await session.dispose();
    await expect(session.connect()).rejects.toMatchObject({ code: 'closed' });
  });
});

describe('Session: orders of unknown outcome', () => {
  const order = (id: number, createdOn: number, over: Record<string, unknown> = {}) => ({
    id, market: 'vetusdt', side: 'bid', ord_type: 'limit', price: '0.75', volume: '1000.0', remaining_volume: '1000.0', state: 'wait', created_on: createdOn, ...over,
  });

  async function dropOnCreate(openOrders: unknown[], history: unknown[]) {
    const ctx = await setup();
    const { server, session, answer } = ctx;
    server.onRequest((peer, frame) => {
      const what = handlerOf(frame);
      if (what === 'OrderHandler/create') return peer.socket.terminate();
      if (what === 'OrderHandler/index') return peer.reply(frame, 0, { resources: openOrders, resources_count: openOrders.length });
      if (what === 'OrderHistoryHandler/index') return peer.reply(frame, 0, { resources: history, resources_count: history.length });
      answer(peer, frame);
    });
    await session.connect();
    await session.login(keySigner(keys.privateKey));
    const unknownEvent = nextEvent(session, 'order-outcome-unknown');
    const reconciled = nextEvent(session, 'order-reconciled');
    const error = await session.request(newOrder, ORDER_VALUES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionError);
    expect(error).toMatchObject({ code: 'outcome-unknown' });
    expect((await unknownEvent).order).toMatchObject({ status: 'unknown', args: { market: 'vetusdt', side: 'buy', price: 0.75, volume: 1000, ord_type: 'limit' } });
    return { ...ctx, reconciled: await reconciled };
  }

  it('finds it among open orders after reconnect and re-login, never resending it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { server, session, reconciled } = await dropOnCreate(
      [order(7, now - 3600), order(8, now), order(9, now, { side: 'ask' })],
      [],
    );
    expect(reconciled.order.status).toBe('found-open');
    expect(reconciled.order.order).toMatchObject({ id: 8 });
    expect(session.unknownOrders).toHaveLength(1);
    expect(session.unknownOrders[0]!.status).toBe('found-open');
    const sent = server.received.map((f) => handlerOf(f.json ?? {}));
    expect(sent.filter((h) => h === 'OrderHandler/create')).toHaveLength(1);
    const listing = server.received.find((f) => handlerOf(f.json ?? {}) === 'OrderHandler/index')!;
    expect(listing.connection).toBe(2);
    expect(argsOf(listing.json!)).toMatchObject({ market: 'vetusdt', ord_type: 'limit' });
    expect(sent.indexOf('AuthHandler/login', 1)).toBeLessThan(sent.indexOf('OrderHandler/index'));
  });

  it('finds it in history when it already filled', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { reconciled } = await dropOnCreate([], [order(11, now, { state: 'done', remaining_volume: '0.0' })]);
    expect(reconciled.order.status).toBe('found-history');
    expect(reconciled.order.order).toMatchObject({ id: 11, state: 'done' });
  });

  it('reports not-found when neither listing has it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const { reconciled } = await dropOnCreate([order(3, now, { price: '0.76' })], [order(4, now - 3600, { state: 'done' })]);
    expect(reconciled.order.status).toBe('not-found');
    expect(reconciled.order.order).toBeUndefined();
  });
});
