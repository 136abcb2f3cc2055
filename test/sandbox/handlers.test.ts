// Every handler's payload shape over a real socket, plus k-lines and tickers reflecting trades (fake clock).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccount, startSandbox, type Sandbox } from '../../main/sandbox/index';
import { KLINE_PERIODS_MINUTES } from '../../main/sandbox/klines';
import { TestClient } from './ws-client';

const DECIMAL = /^-?\d+\.\d+$/;
const alice = createDemoAccount({ usdt: '10000', vet: '1000000', eth: '10' });
const bob = createDemoAccount({ usdt: '10000', vet: '1000000', eth: '10' });
// A controllable clock: starts on a 1440-minute boundary so bucket arithmetic is easy to check.
const T0 = Date.UTC(2026, 0, 1);
let clock = T0;
let sandbox: Sandbox;
let a: TestClient;
let b: TestClient;

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: [alice.config, bob.config], seed: 11, now: () => clock });
  a = await TestClient.connect(sandbox.url);
  b = await TestClient.connect(sandbox.url);
  expect((await a.login(alice.config.uid, alice.config.api_key, alice.privateKeyPem, clock)).code).toBe(0);
  expect((await b.login(bob.config.uid, bob.config.api_key, bob.privateKeyPem, clock)).code).toBe(0);
});
afterAll(async () => {
  a.close();
  b.close();
  await sandbox.close();
});

const ORDER_SHAPE = {
  id: expect.any(Number),
  market: expect.any(String),
  market_name: expect.any(String),
  market_display_name: expect.any(String),
  side: expect.stringMatching(/^(bid|ask)$/),
  ord_type: expect.stringMatching(/^(limit|market)$/),
  price: expect.stringMatching(DECIMAL),
  volume: expect.stringMatching(DECIMAL),
  remaining_volume: expect.stringMatching(DECIMAL),
  executed_volume: expect.stringMatching(DECIMAL),
  avg_price: expect.stringMatching(DECIMAL),
  state: expect.stringMatching(/^(wait|done|cancel)$/),
  trades_count: expect.any(Number),
  created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
  created_on: expect.any(Number),
};

describe('public handlers', () => {
  it('ToolHandler/timestamp: unix seconds', async () => {
    expect(await a.request('ToolHandler', 'timestamp')).toMatchObject({ code: 0, data: Math.floor(clock / 1000) });
  });

  it('MarketsHandler/index: the four markets with precisions', async () => {
    const r = await a.request('MarketsHandler', 'index');
    expect(r.code).toBe(0);
    const markets = r.data as Array<Record<string, unknown>>;
    expect(markets.map((m) => m['id'])).toEqual(['vetusdt', 'ethusdt', 'btcusdt', 'ocevet']);
    expect(markets[0]).toEqual({
      id: 'vetusdt', name: 'VET/USDT', display_name: 'VET/USDT', group: 'USDT', enabled: true,
      price_precision: 6, amount_precision: 2, ask_precision: 2, bid_precision: 6, usd_precision: 6, minimum_trading_amount: '0.0',
    });
  });

  it('FeeHandler/trading_fee: relative fees per market', async () => {
    const r = await a.request('FeeHandler', 'trading_fee');
    expect((r.data as unknown[])[0]).toEqual({ market_id: 'vetusdt', ask_fee: { type: 'relative', value: '0.001' }, bid_fee: { type: 'relative', value: '0.001' } });
    expect(r.data).toHaveLength(4);
  });

  it('TickerHandler/index: all, or filtered by market_ids or markets', async () => {
    const all = await a.request('TickerHandler', 'index');
    expect(Object.keys(all.data as object)).toEqual(['vetusdt', 'ethusdt', 'btcusdt', 'ocevet']);
    const t = (all.data as Record<string, Record<string, unknown>>)['ethusdt'];
    expect(t).toMatchObject({ at: Math.floor(clock / 1000), name: 'ETH/USDT', display_name: 'ETH/USDT', base_unit: 'eth', quote_unit: 'usdt', position: 2 });
    for (const k of ['buy', 'sell', 'last', 'open', 'first', 'high', 'low', 'volume', 'funds', 'h24_trend']) expect(t?.[k]).toMatch(DECIMAL);
    expect(Number(t?.['buy'])).toBeLessThan(Number(t?.['sell']));
    // The 24 h trend is a percent to two places, for every market with its history.
    for (const ticker of Object.values(all.data as Record<string, Record<string, unknown>>)) expect(ticker['h24_trend']).toMatch(/^-?\d+(\.\d{1,2})?$/);
    expect(Object.keys((await a.request('TickerHandler', 'index', { market_ids: ['vetusdt'] })).data as object)).toEqual(['vetusdt']);
    expect(Object.keys((await a.request('TickerHandler', 'index', { markets: ['ocevet', 'btcusdt'] })).data as object)).toEqual(['btcusdt', 'ocevet']);
    expect(Object.keys((await a.request('TickerHandler', 'index', { markets: 'vetusdt,ocevet' })).data as object)).toEqual(['vetusdt', 'ocevet']);
    expect(Object.keys((await a.request('TickerHandler', 'index', { market_ids: [] })).data as object)).toHaveLength(4);
  });

  it('OrderBookHandler/index: spec market_id or sample market; level and precision', async () => {
    const r = await a.request('OrderBookHandler', 'index', { market_id: 'vetusdt', level: 2, precision: 6 });
    const book = r.data as { asks: string[][]; bids: string[][] };
    expect(book.asks).toHaveLength(2);
    expect(book.bids).toHaveLength(2);
    for (const [p, v] of [...book.asks, ...book.bids]) {
      expect(p).toMatch(DECIMAL);
      expect(v).toMatch(DECIMAL);
    }
    expect(Number(book.asks[0]?.[0])).toBeLessThan(Number(book.asks[1]?.[0]));
    expect(Number(book.bids[0]?.[0])).toBeGreaterThan(Number(book.bids[1]?.[0]));
    const viaMarket = await a.request('OrderBookHandler', 'index', { market: 'vetusdt', level: '2', precision: '6' });
    expect(viaMarket.data).toEqual(book);
    const grouped = (await a.request('OrderBookHandler', 'index', { market_id: 'vetusdt', level: 50, precision: 2 })).data as { asks: string[][] };
    expect(grouped.asks.length).toBeLessThan(5);
    expect((await a.request('OrderBookHandler', 'index', { market_id: 'nope' })).data).toEqual({ message: 'market does not have a valid value' });
    expect((await a.request('OrderBookHandler', 'index', {})).code).toBe(1004);
  });

  it('KlineHandler/index: validates period; the start-up history fills the requested candles', async () => {
    const candles = (await a.request('KlineHandler', 'index', { market_id: 'btcusdt', limit: 30, period: 5 })).data as number[][];
    expect(candles).toHaveLength(30);
    expect(candles.at(-1)?.[0]).toBe(Math.floor(clock / 1000 / 300) * 300);
    expect((await a.request('KlineHandler', 'index', { market_id: 'btcusdt', period: 7 })).code).toBe(1001);
  });
});

describe('private handlers', () => {
  it('AccountHandler/index: accounts with balances, locked and markets', async () => {
    const r = await a.request('AccountHandler', 'index');
    const accounts = (r.data as { accounts: Array<Record<string, unknown>> }).accounts;
    expect(accounts.find((x) => x['currency'] === 'usdt')).toEqual({
      currency: 'usdt', balance: '10000.0', locked: '0.0', type: 'coin', deposit: 'enabled', exchange: 'enabled', withdraw: 'enabled',
      btc_equivalent_balance: '0.0', is_combination_address: false,
      markets: [
        { base_unit: 'vet', quote_unit: 'usdt', display_name: 'VET/USDT' },
        { base_unit: 'eth', quote_unit: 'usdt', display_name: 'ETH/USDT' },
        { base_unit: 'btc', quote_unit: 'usdt', display_name: 'BTC/USDT' },
      ],
    });
  });

  it('OrderHandler create/show/index/cancel/clear and OrderHistoryHandler show/index', async () => {
    const created = await a.request('OrderHandler', 'create', { market: 'vetusdt', side: 'buy', price: 0.001, volume: 1000, ord_type: 'limit' });
    expect(created.code).toBe(0);
    expect(created.data).toEqual({ ...ORDER_SHAPE, market: 'vetusdt', market_name: 'VET/USDT', market_display_name: 'VET/USDT', side: 'bid', price: '0.001', volume: '1000.0', remaining_volume: '1000.0', executed_volume: '0.0', avg_price: '0.0', state: 'wait', trades_count: 0, created_on: Math.floor(clock / 1000) });
    const id = (created.data as { id: number }).id;
    const second = (await a.request('OrderHandler', 'create', { market: 'vetusdt', side: 'sell', price: '9', volume: '5', ord_type: 'limit' })).data as { id: number; side: string };
    expect(second.side).toBe('ask');

    // The spec gives show the order's trades (none yet for this one).
    expect((await a.request('OrderHandler', 'show', { id })).data).toMatchObject({ id, state: 'wait', trades: [] });
    expect((await a.request('OrderHandler', 'show', { id: String(id) })).code).toBe(0);
    expect((await b.request('OrderHandler', 'show', { id })).code).toBe(2004); // not bob's

    const index = await a.request('OrderHandler', 'index', { market: 'vetusdt', ord_type: 'limit', order_by: 'asc' });
    expect(index.data).toEqual({ resources: [expect.objectContaining({ id }), expect.objectContaining({ id: second.id })], resources_count: 2 });
    const paged = await a.request('OrderHandler', 'index', { market: 'vetusdt', ord_type: 'limit', page: 2, per: 1 });
    expect(paged.data).toEqual({ resources: [expect.objectContaining({ id })], resources_count: 2 });

    const rejected = await b.request('OrderHandler', 'cancel', { ids: [id] });
    expect(rejected).toMatchObject({ code: 2004, data: { ids: [id], message: expect.any(String) } });
    expect(await a.request('OrderHandler', 'cancel', { ids: [id, 99999] })).toMatchObject({ code: 0, data: [id] });
    expect((await a.request('OrderHandler', 'show', { id })).code).toBe(2004);
    const hist = await a.request('OrderHistoryHandler', 'show', { id });
    expect(hist.data).toEqual({ ...ORDER_SHAPE, id, state: 'cancel', trades: [], market: 'vetusdt', market_name: 'VET/USDT', market_display_name: 'VET/USDT', side: 'bid', price: '0.001', volume: '1000.0', remaining_volume: '1000.0', executed_volume: '0.0', avg_price: '0.0', trades_count: 0 });
    expect((await a.request('OrderHistoryHandler', 'show', { id: second.id })).code).toBe(2004); // still open

    expect(await a.request('OrderHandler', 'clear')).toMatchObject({ code: 0, data: [second.id] });
    expect(await a.request('OrderHandler', 'clear')).toMatchObject({ code: 0, data: [] });
    const history = await a.request('OrderHistoryHandler', 'index', { market: 'vetusdt', state: 'cancel', order_by: 'desc' });
    expect(history.data).toEqual({ resources: [expect.objectContaining({ id: second.id }), expect.objectContaining({ id })], resources_count: 2 });
    expect(((await a.request('OrderHistoryHandler', 'index', { market: 'vetusdt', state: 'done' })).data as { resources_count: number }).resources_count).toBe(0);
  });

  it('create errors carry {message}: bad side, unknown market, non-positive volume, cannot lock funds', async () => {
    const bad = (args: Record<string, unknown>): Promise<unknown> => a.request('OrderHandler', 'create', { market: 'vetusdt', side: 'buy', price: 0.5, volume: 10, ord_type: 'limit', ...args });
    expect(await bad({ side: 'hold' })).toMatchObject({ code: 1001, data: { message: 'side does not have a valid value' } });
    expect(await bad({ market: 'xyz' })).toMatchObject({ code: 1001, data: { message: 'market does not have a valid value' } });
    expect(await bad({ volume: -1 })).toMatchObject({ code: 1001, data: { message: expect.stringContaining('volume') } });
    expect(await bad({ volume: 1e9 })).toMatchObject({ code: 2002, data: { message: 'Account::AccountError: Cannot lock funds' } });
  });

});

describe('trades between users (no market maker, fake clock)', () => {
  let quiet: Sandbox;
  beforeAll(async () => {
    clock = T0;
    quiet = await startSandbox({ accounts: [alice.config, bob.config], marketMaker: false, now: () => clock });
    a.close();
    b.close();
    a = await TestClient.connect(quiet.url);
    b = await TestClient.connect(quiet.url);
    expect((await a.login(alice.config.uid, alice.config.api_key, alice.privateKeyPem, clock)).code).toBe(0);
    expect((await b.login(bob.config.uid, bob.config.api_key, bob.privateKeyPem, clock)).code).toBe(0);
  });
  afterAll(async () => {
    await quiet.close();
  });

  it('without the market maker there is no start-up history: no candles, zero tickers', async () => {
    expect((await a.request('KlineHandler', 'index', { market_id: 'btcusdt', limit: 30, period: 5 })).data).toEqual([]);
    const ticker = ((await a.request('TickerHandler', 'index', { markets: 'btcusdt' })).data as Record<string, Record<string, string>>)['btcusdt'];
    expect(ticker).toMatchObject({ last: '0.0', volume: '0.0', buy: '0.0', sell: '0.0' });
  });

  it('a trade shows up in history (with trades), tickers and k-lines for every period', async () => {
    clock = T0 + 10 * 60_000; // 00:10
    const ask = (await a.request('OrderHandler', 'create', { market: 'ethusdt', side: 'sell', price: 2000, volume: 1, ord_type: 'limit' })).data as { id: number };
    const bid = (await b.request('OrderHandler', 'create', { market: 'ethusdt', side: 'buy', price: 2000, volume: 0.4, ord_type: 'limit' })).data as { id: number; state: string };
    expect(bid.state).toBe('done');
    clock = T0 + 27 * 60_000; // 00:27
    await b.request('OrderHandler', 'create', { market: 'ethusdt', side: 'buy', price: 2000, volume: 0.6, ord_type: 'limit' });

    const shown = (await a.request('OrderHistoryHandler', 'show', { id: ask.id })).data as Record<string, unknown>;
    expect(shown).toMatchObject({ state: 'done', executed_volume: '1.0', avg_price: '2000.0', trades_count: 2 });
    expect(shown['trades']).toEqual([
      expect.objectContaining({ order_id: ask.id, market: 'ethusdt', side: 'ask', price: '2000.0', volume: '0.4', funds: '800.0', ask_fee: '0.8', ask_fee_currency_id: 'usdt', bid_fee: '0.0004', bid_fee_currency_id: 'eth', created_on: Math.floor((T0 + 600_000) / 1000) }),
      expect.objectContaining({ volume: '0.6', funds: '1200.0', ask_fee: '1.2', bid_fee: '0.0006' }),
    ]);

    const ticker = ((await a.request('TickerHandler', 'index', { market_ids: ['ethusdt'] })).data as Record<string, Record<string, string>>)['ethusdt'];
    expect(ticker).toMatchObject({ last: '2000.0', open: '2000.0', high: '2000.0', low: '2000.0', volume: '1.0', funds: '2000.0' });

    const k5 = (await a.request('KlineHandler', 'index', { market_id: 'ethusdt', limit: 30, period: 5 })).data as number[][];
    const s = T0 / 1000;
    expect(k5).toEqual([
      [s + 600, 2000, 2000, 2000, 2000, 0.4],
      [s + 900, 2000, 2000, 2000, 2000, 0],
      [s + 1200, 2000, 2000, 2000, 2000, 0],
      [s + 1500, 2000, 2000, 2000, 2000, 0.6],
    ]);
    expect((await a.request('KlineHandler', 'index', { market: 'ethusdt', limit: 2, period: 5 })).data).toEqual(k5.slice(2));
    expect((await a.request('KlineHandler', 'index', { market_id: 'ethusdt', limit: 1, period: 5, start_time: s + 900 })).data).toEqual([k5[1]]);
    expect((await a.request('KlineHandler', 'index', { market_id: 'ethusdt', period: 5, end_time: s + 700 })).data).toEqual([k5[0]]);
    for (const period of KLINE_PERIODS_MINUTES) {
      const candles = (await a.request('KlineHandler', 'index', { market_id: 'ethusdt', limit: 100, period })).data as number[][];
      const total = candles.reduce((sum, c) => sum + (c[5] ?? 0), 0);
      expect(total, `period ${period}`).toBeCloseTo(1, 9);
      for (const c of candles) expect((c[0] as number) % (period * 60)).toBe(0);
    }
  });

  it('k-lines and tickers follow price moves (open/high/low/close)', async () => {
    clock = T0 + 61 * 60_000;
    for (const price of [2100, 1900, 2050]) {
      await a.request('OrderHandler', 'create', { market: 'ethusdt', side: 'sell', price, volume: 0.1, ord_type: 'limit' });
      await b.request('OrderHandler', 'create', { market: 'ethusdt', side: 'buy', price, volume: 0.1, ord_type: 'limit' });
    }
    const [candle] = (await a.request('KlineHandler', 'index', { market_id: 'ethusdt', limit: 1, period: 60 })).data as number[][];
    expect(candle).toEqual([T0 / 1000 + 3600, 2100, 2100, 1900, 2050, 0.3]);
    const ticker = ((await a.request('TickerHandler', 'index', { markets: 'ethusdt' })).data as Record<string, Record<string, string>>)['ethusdt'];
    expect(ticker).toMatchObject({ last: '2050.0', open: '2000.0', high: '2100.0', low: '1900.0', volume: '1.3', h24_trend: '2.5' });
  });
});
