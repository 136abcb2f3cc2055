// The session against the real sandbox exchange over loopback: all 15 server requests, heartbeats,
// fault injection (silence, drops, disconnect frames, garbage), reconnect with re-login and reconciliation.

import { describe, expect, it } from 'vitest';
import { choiceById, validateFields, type ChoiceId, type RawFields } from '../../shared/oceanex/catalogue';
import { Session, SessionError } from '../../main/oceanex/session';
import type { RequestResult, SessionOptions } from '../../main/oceanex/session-api';
import { createDemoAccount } from '../../main/sandbox/index';
import { sandboxForFile } from './sandbox-fixture';
import { delay, eventLog, keySigner, nextEvent, recordingLogger, statesOf, waitForState } from './session-helpers';

const PING_SECONDS = 0.05;
const fixture = sandboxForFile({ pingIntervalSeconds: PING_SECONDS, seed: 7 });

function open(options: Partial<SessionOptions> = {}) {
  const logger = recordingLogger();
  const session = new Session({ url: fixture.sandbox.url, requestTimeoutMs: 3_000, backoff: { initialMs: 20, maxMs: 100 }, logger, ...options });
  fixture.keep(session);
  return { session, logger, events: eventLog(session) };
}

async function loggedIn(options: Partial<SessionOptions> = {}) {
  const ctx = open(options);
  await ctx.session.connect();
  const result = await ctx.session.login(fixture.signer());
  expect(result.reply.code).toBe(0);
  return ctx;
}

/** Validates raw text the way main does, then sends through the session. */
async function run(session: Session, id: ChoiceId, raw: RawFields = {}): Promise<RequestResult> {
  const choice = choiceById(id)!;
  const validated = validateFields(choice, raw);
  if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
  return session.request(choice, validated.values);
}

const ORDER = { market: 'vetusdt', side: 'buy', price: '0.001', volume: '100', ord_type: 'limit' } as const;
const isDecimal = expect.stringMatching(/^\d+(\.\d+)?$/);

describe('Session × sandbox: the 15 requests', () => {
  it('runs every choice 1–15 and gets the spec-shaped payloads', async () => {
    const { session, logger } = open();
    await session.connect();
    const login = await session.login(fixture.signer());
    expect(login.reply).toMatchObject({ outcome: 'login', code: 0, data: { scopes: { query: true } } });

    const tickers = await run(session, 'tickers');
    expect(tickers.reply.outcome).toBe('tickers');
    expect((tickers.reply.data as Record<string, unknown>)['vetusdt']).toMatchObject({ name: 'VET/USDT', base_unit: 'vet', quote_unit: 'usdt', last: isDecimal });
    const filtered = await run(session, 'tickers', { markets: 'ethusdt' });
    expect(Object.keys(filtered.reply.data as object)).toEqual(['ethusdt']);

    const markets = await run(session, 'markets');
    expect(markets.reply.data).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'vetusdt', name: 'VET/USDT', enabled: true })]));

    const fees = await run(session, 'fees');
    expect(fees.reply.data).toEqual(expect.arrayContaining([{ market_id: 'vetusdt', ask_fee: { type: 'relative', value: isDecimal }, bid_fee: { type: 'relative', value: isDecimal } }]));

    const acct = await run(session, 'account');
    expect(acct.reply.outcome).toBe('account');
    expect((acct.reply.data as { accounts: unknown[] }).accounts).toEqual(expect.arrayContaining([expect.objectContaining({ currency: 'usdt', balance: isDecimal, locked: isDecimal })]));

    const created = await run(session, 'newOrder', ORDER);
    expect(created.reply.outcome).toBe('order-ack');
    const order = created.reply.data as Record<string, unknown>;
    expect(order).toMatchObject({ market: 'vetusdt', side: 'bid', ord_type: 'limit', state: 'wait', price: isDecimal, volume: isDecimal });
    const id = String(order['id']);

    const openOrders = await run(session, 'openOrders', { market: 'vetusdt', ord_type: 'limit' });
    expect(openOrders.reply.outcome).toBe('open-orders');
    expect(openOrders.reply.data).toMatchObject({ resources: expect.arrayContaining([expect.objectContaining({ id: order['id'] })]), resources_count: expect.any(Number) });

    const details = await run(session, 'orderDetails', { id });
    expect(details.reply).toMatchObject({ outcome: 'order-details', data: { id: order['id'], state: 'wait' } });

    const cancelled = await run(session, 'cancelOrders', { ids: id });
    expect(cancelled.reply).toMatchObject({ outcome: 'cancelled', data: [order['id']] });

    const historyOrder = await run(session, 'historyOrder', { id });
    expect(historyOrder.reply).toMatchObject({ outcome: 'history-order', data: { id: order['id'], state: 'cancel', trades: [] } });

    const history = await run(session, 'historyOrders', { market: 'vetusdt' });
    expect(history.reply.outcome).toBe('history-orders');
    expect((history.reply.data as { resources: Array<{ id: unknown }> }).resources.map((o) => o.id)).toContain(order['id']);

    const second = (await run(session, 'newOrder', ORDER)).reply.data as { id: number };
    const third = (await run(session, 'newOrder', { ...ORDER, price: '0.002' })).reply.data as { id: number };
    const cleared = await run(session, 'massCancel');
    expect(cleared.reply.outcome).toBe('mass-cancelled');
    expect(cleared.reply.data).toEqual(expect.arrayContaining([second.id, third.id]));

    const ts = await run(session, 'timestamp');
    expect(ts.reply.outcome).toBe('timestamp');
    expect(Math.abs((ts.reply.data as number) - Date.now() / 1000)).toBeLessThan(5);

    const book = await run(session, 'orderBook', { market: 'vetusdt', level: '2', precision: '6' });
    expect(book.reply.outcome).toBe('order-book');
    const depth = book.reply.data as { asks: string[][]; bids: string[][] };
    expect(depth.asks.length).toBeGreaterThan(0);
    expect(depth.asks.length).toBeLessThanOrEqual(2);
    expect(depth.bids[0]).toEqual([isDecimal, isDecimal]);

    const kline = await run(session, 'kline', { market: 'vetusdt', limit: '30', period: '5' });
    expect(kline.reply.outcome).toBe('kline');
    expect(Array.isArray(kline.reply.data)).toBe(true);
    for (const candle of kline.reply.data as unknown[]) expect(candle).toHaveLength(6);

    // A rejected order is a reply, not an exception.
    const rejected = await run(session, 'newOrder', { ...ORDER, volume: '100000000000' });
    expect(rejected.reply.outcome).toBe('order-rejected');
    expect(rejected.reply.code).not.toBe(0);

    const out = logger.frames.filter((f) => f.direction === 'out' && f.uuid !== undefined);
    expect(out.length).toBe(19);
    expect(logger.lines.join('\n')).not.toMatch(/signature/i);
  });
});

describe('Session × sandbox: heartbeat, faults, reconnect', () => {
  it('answers each ping with one pong and none unprompted, so the server keeps the connection', async () => {
    // Pings every 50 ms: no event coalescing here (gap 0), so each ping's event is counted.
    const { session, logger, events } = open({ heartbeatEventGapMs: 0 });
    await session.connect();
    // Ten ping intervals: the sandbox drops a connection after three unanswered pings.
    await delay(PING_SECONDS * 1000 * 10);
    await run(session, 'timestamp');
    const pings = logger.frames.filter((f) => f.direction === 'in' && f.text.includes('"ping"')).length;
    const pongs = logger.frames.filter((f) => f.direction === 'out' && f.text === '{"command":"pong"}').length;
    expect(pings).toBeGreaterThanOrEqual(5);
    expect(pongs).toBe(pings);
    expect(events.filter((e) => e.type === 'heartbeat')).toHaveLength(pings);
    expect(session.state).toBe('open');
    expect(events.some((e) => e.type === 'disconnect-frame')).toBe(false);
  });

  it('times out a request the server swallows', async () => {
    const { session, events } = open({ requestTimeoutMs: 150 });
    await session.connect();
    fixture.sandbox.faults.silence('ToolHandler', 'timestamp');
    await expect(run(session, 'timestamp')).rejects.toMatchObject({ code: 'timeout' });
    expect(events.some((e) => e.type === 'timeout' && e.choice === 13)).toBe(true);
    fixture.sandbox.faults.clear();
    expect((await run(session, 'timestamp')).reply.outcome).toBe('timestamp');
  });

  it('a drop mid-request rejects with connection-lost, then reconnects and logs in again by itself', async () => {
    const { session, events } = await loggedIn();
    fixture.sandbox.faults.dropOnNext('ToolHandler', 'timestamp', false);
    const error = await run(session, 'timestamp').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionError);
    expect(error).toMatchObject({ code: 'connection-lost' });
    await waitForState(session, 'authenticated');
    expect(statesOf(events)).toEqual(['connecting', 'open', 'authenticating', 'authenticated', 'closed', 'connecting', 'open', 'authenticating', 'authenticated']);
    expect(events.filter((e) => e.type === 'reconnect-scheduled')).toHaveLength(1);
    expect(session.loggedIn).toBe(true);
    expect((await run(session, 'account')).reply.outcome).toBe('account');
  });

  it('an order whose reply was lost after the exchange took it is reconciled as found-open', async () => {
    const { session } = await loggedIn();
    fixture.sandbox.faults.dropOnNext('OrderHandler', 'create', true);
    const unknown = nextEvent(session, 'order-outcome-unknown');
    const reconciled = nextEvent(session, 'order-reconciled');
    await expect(run(session, 'newOrder', { ...ORDER, price: '0.0015', volume: '123' })).rejects.toMatchObject({ code: 'outcome-unknown' });
    expect((await unknown).order.status).toBe('unknown');
    const settled = (await reconciled).order;
    expect(settled.status).toBe('found-open');
    expect(settled.order).toMatchObject({ market: 'vetusdt', side: 'bid', price: '0.0015', volume: '123.0', state: 'wait' });
    // It exists exactly once at the exchange: never resent.
    const open = await run(session, 'openOrders', { market: 'vetusdt', ord_type: 'limit' });
    const mine = (open.reply.data as { resources: Array<Record<string, unknown>> }).resources.filter((o) => o['price'] === '0.0015' && o['volume'] === '123.0');
    expect(mine.map((o) => o['id'])).toEqual([(settled.order as { id: number }).id]);
    await run(session, 'massCancel');
  });

  it('an order dropped before the exchange saw it is reconciled as not-found', async () => {
    const { session } = await loggedIn();
    fixture.sandbox.faults.dropOnNext('OrderHandler', 'create', false);
    const reconciled = nextEvent(session, 'order-reconciled');
    await expect(run(session, 'newOrder', { ...ORDER, price: '0.0016', volume: '321' })).rejects.toMatchObject({ code: 'outcome-unknown' });
    const settled = (await reconciled).order;
    expect(settled.status).toBe('not-found');
    expect(session.unknownOrders.map((o) => o.status)).toEqual(['not-found']);
  });

  it('disconnect frame with reconnect:false surfaces the reason and stays down', async () => {
    const { session, events } = open();
    await session.connect();
    const frame = nextEvent(session, 'disconnect-frame');
    fixture.sandbox.faults.disconnectAll('maintenance', false);
    expect(await frame).toMatchObject({ reason: 'maintenance', reconnect: false });
    await waitForState(session, 'closed');
    await delay(300); // three times the largest back-off
    expect(session.state).toBe('closed');
    expect(events.some((e) => e.type === 'reconnect-scheduled')).toBe(false);
  });

  it('disconnect frame with reconnect:true comes back and logs in again', async () => {
    const { session } = await loggedIn();
    const frame = nextEvent(session, 'disconnect-frame');
    const back = nextEvent(session, 'state', (e) => e.state === 'authenticated');
    fixture.sandbox.faults.disconnectAll('rebalancing', true);
    expect(await frame).toMatchObject({ reason: 'rebalancing', reconnect: true });
    await back;
    expect((await run(session, 'account')).reply.outcome).toBe('account');
  });

  it('refuses a private call before login and sends nothing (the sandbox would disconnect us)', async () => {
    const { session, logger } = open();
    await session.connect();
    await expect(run(session, 'account')).rejects.toMatchObject({ code: 'not-authenticated' });
    expect(logger.frames.filter((f) => f.direction === 'out')).toEqual([]);
    expect((await run(session, 'timestamp')).reply.outcome).toBe('timestamp');
    expect(session.state).toBe('open');
  });

  it('an unknown key is unauthorized: login fails, the session stays open and not logged in', async () => {
    const { session } = open();
    await session.connect();
    const stranger = createDemoAccount(undefined, 1024);
    const result = await session.login(keySigner(stranger.privateKeyPem, stranger.config.uid, stranger.config.api_key));
    expect(result.reply.outcome).toBe('login-failed');
    expect(result.reply.code).not.toBe(0);
    expect(session.state).toBe('open');
    await expect(run(session, 'account')).rejects.toMatchObject({ code: 'not-authenticated' });
    // A key registered but signed with the wrong private key fails too.
    const forged = await session.login(keySigner(stranger.privateKeyPem, fixture.account.config.uid, fixture.account.config.api_key));
    expect(forged.reply.outcome).toBe('login-failed');
  });

  it('manual disconnect stays down; manual reconnect connects and logs in again', async () => {
    const { session } = await loggedIn();
    await session.disconnect();
    expect(session.state).toBe('closed');
    await expect(run(session, 'timestamp')).rejects.toMatchObject({ code: 'not-connected' });
    await session.reconnect();
    expect(session.state).toBe('authenticated');
    await session.reconnect();
    expect(session.loggedIn).toBe(true);
    expect((await run(session, 'account')).reply.outcome).toBe('account');
  });

  it('survives garbage frames', async () => {
    const { session } = open();
    await session.connect();
    const malformed = nextEvent(session, 'malformed');
    fixture.sandbox.faults.sendRaw('{not json');
    expect(await malformed).toMatchObject({ text: '{not json' });
    const unknown = nextEvent(session, 'unknown');
    fixture.sandbox.faults.sendRaw('[1,2,3]');
    expect((await unknown).raw).toEqual([1, 2, 3]);
    expect((await run(session, 'timestamp')).reply.outcome).toBe('timestamp');
  });
});
