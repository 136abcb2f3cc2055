// The start-up trade history: made by the real exchange before the start instant, seen through the real
// socket (tickers, k-lines, orders), deterministic for a seed, funds conserved across every account.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDemoAccount,
  FEE_ACCOUNT_UID,
  HISTORY_TRADER_UID,
  MARKET_MAKER_FUNDS,
  MARKET_MAKER_UID,
  startSandbox,
  type Sandbox,
  type SandboxOptions,
} from '../../main/sandbox/index';
import type { Trade } from '../../main/sandbox/exchange';
import { amount, formatAmount } from '../../main/sandbox/money';
import { lockedByOpenOrders } from './locked-funds';
import { TestClient } from './ws-client';

const CURRENCIES = ['usdt', 'vet', 'eth', 'btc', 'oce'];
const MARKETS = ['vetusdt', 'ethusdt', 'btcusdt', 'ocevet'];
const HOUR = 3_600_000;
const BALANCES = { usdt: '10000', vet: '1000000', eth: '10', btc: '1', oce: '5' };
const alice = createDemoAccount({ ...BALANCES }, 1024);
// A fixed start instant (not on a bucket boundary), so history and the "real" clock are under the test's control.
const START = Date.UTC(2026, 2, 3, 12, 34, 56, 789);
const running: Sandbox[] = [];

async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({ accounts: [alice.config], seed: 21, now: () => START, ...options });
  running.push(sandbox);
  return sandbox;
}

afterAll(async () => {
  for (const s of running) await s.close();
});

/** Everything a trade says, timestamps included, as comparable text. */
function tradeLog(sandbox: Sandbox): string[] {
  return sandbox.exchange
    .trades()
    .map((t) => `${t.market} ${t.takerSide} ${formatAmount(t.price)} ${formatAmount(t.volume)} ${t.createdAt} ${t.bidUid}/${t.askUid}`);
}

type Candle = [number, number, number, number, number, number];
type TickerView = Record<string, string>;

describe('default start-up history (24 h) over the socket', () => {
  let sandbox: Sandbox;
  let client: TestClient;
  beforeAll(async () => {
    sandbox = await start();
    client = await TestClient.connect(sandbox.url);
    expect((await client.login(alice.config.uid, alice.config.api_key, alice.privateKeyPem, START)).code).toBe(0);
  });
  afterAll(() => client.close());

  it('trades in every market, all strictly before the start instant, within the last 24 h, between the history trader and the market maker', () => {
    for (const id of MARKETS) {
      const trades = sandbox.exchange.trades(id);
      expect(trades.length, id).toBeGreaterThan(100);
      for (const t of trades) {
        expect(t.createdAt).toBeLessThan(START);
        expect(t.createdAt).toBeGreaterThanOrEqual(START - 24 * HOUR);
        expect([t.bidUid, t.askUid].sort()).toEqual([HISTORY_TRADER_UID, MARKET_MAKER_UID].sort());
      }
      // In time order per market (k-lines depend on it).
      for (let i = 1; i < trades.length; i++) expect((trades[i] as Trade).createdAt).toBeGreaterThanOrEqual((trades[i - 1] as Trade).createdAt);
      // Prices move: a walk, not one price.
      expect(new Set(trades.map((t) => t.price)).size, id).toBeGreaterThan(50);
    }
  });

  it('tickers are non-zero and agree with the trades; the book sits around the last price', async () => {
    const reply = await client.request('TickerHandler', 'index');
    const tickers = reply.data as Record<string, TickerView>;
    for (const id of MARKETS) {
      const ticker = tickers[id] as TickerView;
      const trades = sandbox.exchange.trades(id);
      const prices = trades.map((t) => t.price);
      const max = prices.reduce((a, b) => (b > a ? b : a));
      const min = prices.reduce((a, b) => (b < a ? b : a));
      const volume = trades.reduce((s, t) => s + t.volume, 0n);
      expect(ticker, id).toMatchObject({
        last: formatAmount((trades.at(-1) as Trade).price),
        open: formatAmount((trades[0] as Trade).price),
        high: formatAmount(max),
        low: formatAmount(min),
        volume: formatAmount(volume),
        at: Math.floor(START / 1000),
      });
      for (const field of ['last', 'open', 'high', 'low', 'volume', 'funds', 'buy', 'sell']) expect(amount(ticker[field] as string), `${id} ${field}`).toBeGreaterThan(0n);
      const last = amount(ticker['last'] as string);
      const buy = amount(ticker['buy'] as string);
      const sell = amount(ticker['sell'] as string);
      expect(buy < last && last < sell, `${id} ${buy} < ${last} < ${sell}`).toBe(true);
      // Within 1% either side: the market maker re-quoted around the last trade.
      expect(sell - buy < last / 50n, id).toBe(true);
      const book = sandbox.exchange.book(id);
      expect(book.orders('bid').length).toBe(5);
      expect(book.orders('ask').length).toBe(5);
    }
  });

  it('K-line period 5, limit 100: 100 candles ascending by 5 minutes, OHLC consistent, ending at the start bucket', async () => {
    for (const id of MARKETS) {
      const candles = (await client.request('KlineHandler', 'index', { market_id: id, period: 5, limit: 100 })).data as Candle[];
      expect(candles, id).toHaveLength(100);
      expect(candles.at(-1)?.[0]).toBe(Math.floor(START / 300_000) * 300);
      for (let i = 0; i < candles.length; i++) {
        const [time, open, high, low, close, volume] = candles[i] as Candle;
        if (i > 0) expect(time - (candles[i - 1] as Candle)[0]).toBe(300);
        expect(low).toBeLessThanOrEqual(Math.min(open, close));
        expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
        expect(low).toBeGreaterThan(0);
        expect(volume).toBeGreaterThanOrEqual(0);
      }
      // Real candles: most buckets traded, and some have bodies and wicks.
      expect(candles.filter((c) => c[5] > 0).length, id).toBeGreaterThan(50);
      expect(candles.filter((c) => c[1] !== c[4]).length, id).toBeGreaterThan(20);
      expect(candles.filter((c) => c[2] > Math.max(c[1], c[4]) || c[3] < Math.min(c[1], c[4])).length, id).toBeGreaterThan(5);
      // Every trade of those buckets is in them.
      const from = (candles[0] as Candle)[0] * 1000;
      const traded = sandbox.exchange.trades(id).filter((t) => t.createdAt >= from).reduce((s, t) => s + Number(formatAmount(t.volume)), 0);
      expect(candles.reduce((s, c) => s + c[5], 0)).toBeCloseTo(traded, 6);
    }
  });

  it('the history trader never shows in a user\'s orders; a user order after start carries the real time', async () => {
    const open = await client.request('OrderHandler', 'index');
    expect(open.data).toEqual({ resources: [], resources_count: 0 });
    const history = await client.request('OrderHistoryHandler', 'index');
    expect(history.data).toEqual({ resources: [], resources_count: 0 });
    // Alice buys from the market maker at the market: her order and trades are hers only, stamped now.
    const bought = await client.request('OrderHandler', 'create', { market: 'ethusdt', side: 'buy', volume: '0.5', ord_type: 'market' });
    expect(bought.data).toMatchObject({ state: 'done', created_on: Math.floor(START / 1000) });
    const after = (await client.request('OrderHistoryHandler', 'index')).data as { resources: Array<{ id: number }>; resources_count: number };
    expect(after.resources_count).toBe(1);
    expect(after.resources[0]?.id).toBe((bought.data as { id: number }).id);
    const shown = (await client.request('OrderHistoryHandler', 'show', { id: (bought.data as { id: number }).id })).data as { trades: Array<{ created_on: number }> };
    for (const t of shown.trades) expect(t.created_on).toBe(Math.floor(START / 1000));
    expect((await client.request('OrderHandler', 'index')).data).toEqual({ resources: [], resources_count: 0 });
    // A history-trader order id is not alice's to see.
    const historyOrderId = sandbox.exchange.orders((o) => o.uid === HISTORY_TRADER_UID)[0]?.id ?? 0;
    expect(historyOrderId).toBeGreaterThan(0);
    expect((await client.request('OrderHistoryHandler', 'show', { id: historyOrderId })).code).toBe(2004);
    // Market orders only: the history trader never rests anything on the book.
    expect(sandbox.exchange.openOrders(HISTORY_TRADER_UID).total).toBe(0);
    expect(sandbox.exchange.historyOrders(HISTORY_TRADER_UID).items.every((o) => o.ordType === 'market')).toBe(true);
    // The newest candle now holds alice's trade at the start instant.
    const [candle] = (await client.request('KlineHandler', 'index', { market_id: 'ethusdt', period: 1, limit: 1 })).data as Candle[];
    expect(candle?.[0]).toBe(Math.floor(START / 60_000) * 60);
    expect(candle?.[5]).toBeCloseTo(0.5, 9);
  });
});

describe('funds', () => {
  it('are conserved across every account (user, market maker, history trader, fees), and locks match open orders', async () => {
    const sandbox = await start({ seed: 5 });
    const ex = sandbox.exchange;
    expect(ex.accountIds().sort()).toEqual([alice.config.uid, FEE_ACCOUNT_UID, HISTORY_TRADER_UID, MARKET_MAKER_UID].sort());
    for (const c of CURRENCIES) {
      const expected = amount(BALANCES[c as keyof typeof BALANCES]) + 2n * amount(MARKET_MAKER_FUNDS);
      expect(ex.totals(c), c).toBe(formatAmount(expected));
      // History really moved money: fees were taken and the two traders' holdings changed.
      expect(amount(ex.balances(FEE_ACCOUNT_UID)[c]?.balance ?? '0'), c).toBeGreaterThan(0n);
      expect(ex.balances(HISTORY_TRADER_UID)[c]).not.toEqual({ balance: formatAmount(amount(MARKET_MAKER_FUNDS)), locked: '0.0' });
      expect(ex.balances(HISTORY_TRADER_UID)[c]?.locked).toBe('0.0');
      // The user's funds are untouched by history.
      expect(ex.balances(alice.config.uid)[c]).toEqual({ balance: formatAmount(amount(BALANCES[c as keyof typeof BALANCES])), locked: '0.0' });
    }
    for (const c of CURRENCIES) {
      expect(ex.balances(MARKET_MAKER_UID)[c]?.locked, c).toBe(formatAmount(lockedByOpenOrders(ex, MARKET_MAKER_UID, c)));
    }
  });
});

describe('determinism', () => {
  it('same seed and start → identical trades and k-lines; another seed → different; another start → same trades shifted in time', async () => {
    const one = await start({ seed: 77 });
    const two = await start({ seed: 77 });
    const other = await start({ seed: 78 });
    const later = await start({ seed: 77, now: () => START + 5 * HOUR + 1234 });
    expect(tradeLog(one).length).toBeGreaterThan(500);
    expect(tradeLog(two)).toEqual(tradeLog(one));
    expect(tradeLog(other)).not.toEqual(tradeLog(one));
    const candles = async (sb: Sandbox): Promise<unknown> => {
      const c = await TestClient.connect(sb.url);
      try {
        return await Promise.all(MARKETS.map(async (id) => (await c.request('KlineHandler', 'index', { market_id: id, period: 15, limit: 200 })).data));
      } finally {
        c.close();
      }
    };
    expect(await candles(two)).toEqual(await candles(one));
    expect(await candles(other)).not.toEqual(await candles(one));
    // Started 5 h later: the same prices and volumes at the same offsets before the start.
    const relative = (sb: Sandbox, startMs: number): string[] =>
      sb.exchange.trades().map((t) => `${t.market} ${formatAmount(t.price)} ${formatAmount(t.volume)} ${t.createdAt - startMs}`);
    expect(relative(later, START + 5 * HOUR + 1234)).toEqual(relative(one, START));
    // And the books the market maker leaves are the same.
    for (const id of MARKETS) expect(JSON.stringify(two.exchange.book(id).depth(10, 8), bigintText)).toBe(JSON.stringify(one.exchange.book(id).depth(10, 8), bigintText));
  });
});

function bigintText(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

describe('historyHours', () => {
  it('0 → no history: empty k-lines, zero tickers, the market maker quoting around the reference price', async () => {
    const sandbox = await start({ historyHours: 0 });
    expect(sandbox.exchange.trades()).toHaveLength(0);
    expect(sandbox.exchange.hasAccount(HISTORY_TRADER_UID)).toBe(false);
    const client = await TestClient.connect(sandbox.url);
    try {
      expect((await client.request('KlineHandler', 'index', { market_id: 'ethusdt', period: 5, limit: 100 })).data).toEqual([]);
      const ticker = ((await client.request('TickerHandler', 'index', { markets: 'ethusdt' })).data as Record<string, TickerView>)['ethusdt'];
      expect(ticker).toMatchObject({ last: '0.0', open: '0.0', high: '0.0', low: '0.0', volume: '0.0' });
      expect(amount(ticker?.['buy'] ?? '0')).toBeGreaterThan(0n);
    } finally {
      client.close();
    }
  });

  it('1 → about an hour of trades; the market maker switched off → no history', async () => {
    const short = await start({ historyHours: 1 });
    const first = Math.min(...short.exchange.trades().map((t) => t.createdAt));
    expect(first).toBeGreaterThanOrEqual(START - HOUR);
    expect(first).toBeLessThan(START - HOUR + 11 * 60_000);
    const quiet = await start({ marketMaker: false });
    expect(quiet.exchange.trades()).toHaveLength(0);
  });

  it('refuses negative, non-finite or over-long histories', async () => {
    for (const historyHours of [-1, Number.NaN, Number.POSITIVE_INFINITY, 169]) {
      await expect(startSandbox({ historyHours }), String(historyHours)).rejects.toThrow(RangeError);
    }
  });
});
