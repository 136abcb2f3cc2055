// Exchange semantics, driven directly (no sockets): matching, funds, fees, market orders, queries.

import { describe, expect, it } from 'vitest';
import { CANNOT_LOCK_FUNDS, Exchange, ExchangeError, FEE_ACCOUNT_UID, type PlaceOrderArgs } from '../../main/sandbox/exchange';
import type { OrderBook } from '../../main/sandbox/order-book';
import { MARKET_MAKER_UID, MarketMaker } from '../../main/sandbox/market-maker';
import { seededRandom } from '../../main/sandbox/seeded-random';
import { lockedByOpenOrders } from './locked-funds';

const CURRENCIES = ['usdt', 'vet', 'eth', 'btc', 'oce'];

function fresh(): Exchange {
  const ex = new Exchange();
  ex.addAccount('A', { usdt: '10000', vet: '100000' });
  ex.addAccount('B', { usdt: '10000', vet: '100000' });
  ex.addAccount('C', { usdt: '10000', vet: '100000' });
  return ex;
}

const bal = (ex: Exchange, uid: string, c: string): { balance: string; locked: string } => ex.balances(uid)[c] ?? { balance: '?', locked: '?' };
const limit = (market: string, side: string, price: string | number, volume: string | number): PlaceOrderArgs => ({ market, side, price, volume, ord_type: 'limit' });

function expectRejected(fn: () => unknown, code: number, message: string | RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ExchangeError);
    expect((e as ExchangeError).code).toBe(code);
    expect((e as ExchangeError).message).toMatch(message);
    return;
  }
  throw new Error('expected a rejection');
}

describe('limit orders', () => {
  it('locks price×volume quote for a bid and volume base for an ask, unlocks on cancel', () => {
    const ex = fresh();
    const bid = ex.placeOrder('A', limit('vetusdt', 'buy', '0.75', '1000'));
    expect(bid).toMatchObject({ side: 'bid', state: 'wait', locked: 750n * 10n ** 18n });
    expect(bal(ex, 'A', 'usdt')).toEqual({ balance: '9250.0', locked: '750.0' });
    const ask = ex.placeOrder('A', limit('vetusdt', 'sell', '0.9', '500'));
    expect(bal(ex, 'A', 'vet')).toEqual({ balance: '99500.0', locked: '500.0' });
    expect(ex.cancelOrders('A', [bid.id, ask.id, 999])).toEqual([bid.id, ask.id]);
    expect(bal(ex, 'A', 'usdt')).toEqual({ balance: '10000.0', locked: '0.0' });
    expect(bal(ex, 'A', 'vet')).toEqual({ balance: '100000.0', locked: '0.0' });
    expect(ex.order(bid.id)?.state).toBe('cancel');
    expect(ex.cancelOrders('A', [bid.id])).toEqual([]); // already closed
  });

  it('matches by price, then time; trades at the maker price; partial fills rest', () => {
    const ex = fresh();
    const a1 = ex.placeOrder('A', limit('vetusdt', 'sell', '0.8', '100'));
    const b1 = ex.placeOrder('B', limit('vetusdt', 'sell', '0.8', '100'));
    const a2 = ex.placeOrder('A', limit('vetusdt', 'sell', '0.7', '50'));
    const taker = ex.placeOrder('C', limit('vetusdt', 'buy', '0.85', '180'));
    const trades = ex.trades('vetusdt');
    expect(trades.map((t) => [t.askOrderId, t.price, t.volume])).toEqual([
      [a2.id, 7n * 10n ** 17n, 50n * 10n ** 18n],
      [a1.id, 8n * 10n ** 17n, 100n * 10n ** 18n],
      [b1.id, 8n * 10n ** 17n, 30n * 10n ** 18n],
    ]);
    expect(taker.state).toBe('done');
    expect(ex.order(a1.id)?.state).toBe('done');
    expect(ex.order(b1.id)).toMatchObject({ state: 'wait', remaining: 70n * 10n ** 18n, executed: 30n * 10n ** 18n });
    // The bid locked 0.85×180 but paid 0.7×50+0.8×130 = 139; the rest went back.
    expect(bal(ex, 'C', 'usdt')).toEqual({ balance: '9861.0', locked: '0.0' });
    expect(taker.tradeIds).toHaveLength(3);
  });

  it('a partially filled limit bid rests with the remainder and keeps only its remainder locked', () => {
    const ex = fresh();
    ex.placeOrder('A', limit('vetusdt', 'sell', '0.5', '40'));
    const bid = ex.placeOrder('B', limit('vetusdt', 'buy', '0.5', '100'));
    expect(bid).toMatchObject({ state: 'wait', executed: 40n * 10n ** 18n, remaining: 60n * 10n ** 18n });
    expect(bal(ex, 'B', 'usdt')).toEqual({ balance: '9950.0', locked: '30.0' });
    expect(ex.book('vetusdt').best('bid')?.id).toBe(bid.id);
  });

  it('takes fees from what each side receives: bid in base, ask in quote, into the fee account', () => {
    const ex = fresh();
    ex.placeOrder('A', limit('vetusdt', 'sell', '0.75', '1000'));
    ex.placeOrder('B', limit('vetusdt', 'buy', '0.75', '1000'));
    expect(bal(ex, 'B', 'vet')).toEqual({ balance: '100999.0', locked: '0.0' }); // 1000 − 0.1%
    expect(bal(ex, 'B', 'usdt')).toEqual({ balance: '9250.0', locked: '0.0' });
    expect(bal(ex, 'A', 'usdt')).toEqual({ balance: '10749.25', locked: '0.0' }); // 750 − 0.75
    expect(bal(ex, FEE_ACCOUNT_UID, 'vet').balance).toBe('1.0');
    expect(bal(ex, FEE_ACCOUNT_UID, 'usdt').balance).toBe('0.75');
    const [trade] = ex.trades();
    expect(trade).toMatchObject({ bidFee: 10n ** 18n, askFee: 75n * 10n ** 16n, takerSide: 'bid' });
  });

  it('rejects bad orders with clear codes and locks nothing', () => {
    const ex = fresh();
    const before = JSON.stringify(ex.balances('A'));
    expectRejected(() => ex.placeOrder('A', limit('vetusdt', 'up', 1, 1)), 1001, 'side does not have a valid value');
    expectRejected(() => ex.placeOrder('A', limit('nopeusdt', 'buy', 1, 1)), 1001, 'market does not have a valid value');
    expectRejected(() => ex.placeOrder('A', limit('vetusdt', 'buy', 0, 1)), 1001, /price must be greater than 0/);
    expectRejected(() => ex.placeOrder('A', limit('vetusdt', 'buy', -1, 1)), 1001, /price must be greater than 0/);
    expectRejected(() => ex.placeOrder('A', limit('vetusdt', 'buy', 1, 0)), 1001, /volume must be greater than 0/);
    expectRejected(() => ex.placeOrder('A', limit('vetusdt', 'buy', 'abc', 1)), 1001, /price does not have a valid value/);
    expectRejected(() => ex.placeOrder('A', limit('vetusdt', 'buy', '0.1234567', 1)), 1001, /at most 6 decimals/);
    expectRejected(() => ex.placeOrder('A', limit('vetusdt', 'buy', '0.1', '1.001')), 1001, /at most 2 decimals/);
    expectRejected(() => ex.placeOrder('A', { market: 'vetusdt', side: 'buy', volume: 1 }), 1004, /price is missing/);
    expectRejected(() => ex.placeOrder('A', { ...limit('vetusdt', 'buy', 1, 1), ord_type: 'stop' }), 1001, /ord_type/);
    expectRejected(() => ex.placeOrder('A', limit('vetusdt', 'buy', '1', '10001')), 2002, CANNOT_LOCK_FUNDS);
    expectRejected(() => ex.placeOrder('A', limit('vetusdt', 'sell', '1', '100001')), 2002, CANNOT_LOCK_FUNDS);
    expectRejected(() => ex.placeOrder('A', limit('ethusdt', 'sell', '1', '1')), 2002, CANNOT_LOCK_FUNDS);
    expect(JSON.stringify(ex.balances('A'))).toBe(before);
    expect(ex.orders()).toHaveLength(0);
  });
});

describe('market orders', () => {
  it('a market bid walks the asks, locks exactly its cost and never rests', () => {
    const ex = fresh();
    ex.placeOrder('A', limit('vetusdt', 'sell', '0.5', '100'));
    ex.placeOrder('A', limit('vetusdt', 'sell', '0.6', '100'));
    const order = ex.placeOrder('B', { market: 'vetusdt', side: 'buy', price: 0.75, volume: 150, ord_type: 'market' });
    expect(order).toMatchObject({ state: 'done', executed: 150n * 10n ** 18n, locked: 0n, price: undefined });
    expect(bal(ex, 'B', 'usdt')).toEqual({ balance: '9920.0', locked: '0.0' }); // 50 + 30
    expect(ex.book('vetusdt').orders('bid')).toHaveLength(0);
  });

  it('a market order the book cannot fill completely is cancelled for the rest and unlocks it', () => {
    const ex = fresh();
    ex.placeOrder('A', limit('vetusdt', 'buy', '0.5', '100'));
    const order = ex.placeOrder('B', { market: 'vetusdt', side: 'sell', volume: 300, ord_type: 'market' });
    expect(order).toMatchObject({ state: 'cancel', executed: 100n * 10n ** 18n, remaining: 200n * 10n ** 18n, locked: 0n });
    expect(bal(ex, 'B', 'vet')).toEqual({ balance: '99900.0', locked: '0.0' });
    expect(bal(ex, 'B', 'usdt').balance).toBe('10049.95');
  });

  it('a market order against an empty side is refused; one the funds cannot cover locks nothing', () => {
    const ex = fresh();
    expectRejected(() => ex.placeOrder('A', { market: 'ethusdt', side: 'buy', volume: 1, ord_type: 'market' }), 2002, /no orders/);
    ex.placeOrder('A', limit('vetusdt', 'sell', '1', '50000'));
    expectRejected(() => ex.placeOrder('B', { market: 'vetusdt', side: 'buy', volume: 20000, ord_type: 'market' }), 2002, CANNOT_LOCK_FUNDS);
    expect(bal(ex, 'B', 'usdt')).toEqual({ balance: '10000.0', locked: '0.0' });
  });
});

describe('conservation', () => {
  it('keeps every currency total constant through random trading with the market maker and fees', () => {
    const ex = new Exchange();
    const users = ['U1', 'U2', 'U3'];
    for (const u of users) ex.addAccount(u, { usdt: '100000', vet: '5000000', eth: '50', btc: '3', oce: '2000000' });
    new MarketMaker(ex, 42).start();
    const totalsBefore = Object.fromEntries(CURRENCIES.map((c) => [c, ex.totals(c)]));
    const random = seededRandom(7);
    let rejected = 0;
    for (let i = 0; i < 400; i++) {
      const market = ex.markets[Math.floor(random() * ex.markets.length)];
      if (!market) continue;
      const uid = users[i % users.length] as string;
      const side = random() < 0.5 ? 'buy' : 'sell';
      const ref = Number(ex.book(market.id).best(side === 'buy' ? 'ask' : 'bid')?.price ?? market.referencePrice) / 1e18;
      const price = (ref * (0.99 + random() * 0.02)).toFixed(market.pricePrecision);
      const volume = (Number(market.quoteSize) / 1e18 * random() * 1.5 + 0.01).toFixed(market.amountPrecision);
      try {
        if (random() < 0.2) ex.placeOrder(uid, { market: market.id, side, volume, ord_type: 'market' });
        else ex.placeOrder(uid, limit(market.id, side, price, volume));
      } catch (e) {
        expect(e).toBeInstanceOf(ExchangeError);
        rejected++;
      }
      if (random() < 0.1) ex.clearOrders(uid);
    }
    expect(ex.trades().length).toBeGreaterThan(50);
    expect(rejected).toBeLessThan(400);
    for (const c of CURRENCIES) expect(ex.totals(c)).toBe(totalsBefore[c]);
    // Locked funds equal what the open orders hold.
    for (const uid of [...users, MARKET_MAKER_UID]) {
      for (const c of CURRENCIES) {
        expect(bal(ex, uid, c).locked).toBe(formatLocked(lockedByOpenOrders(ex, uid, c)));
      }
    }
    const fees = ex.balances(FEE_ACCOUNT_UID);
    expect(Number(fees['usdt']?.balance)).toBeGreaterThan(0);
  });
});

function formatLocked(v: bigint): string {
  const int = v / 10n ** 18n;
  const frac = (v % 10n ** 18n).toString().padStart(18, '0').replace(/0+$/, '') || '0';
  return `${int}.${frac}`;
}

describe('order queries', () => {
  it('lists open orders and history with filters, order and paging; show finds only the right kind', () => {
    const ex = fresh();
    const o1 = ex.placeOrder('A', limit('vetusdt', 'buy', '0.1', '10'));
    const o2 = ex.placeOrder('A', limit('vetusdt', 'buy', '0.2', '10'));
    const o3 = ex.placeOrder('A', limit('ocevet', 'buy', '0.1', '10')).id; // A has no... vet quote: ok
    const o4 = ex.placeOrder('A', limit('vetusdt', 'buy', '0.3', '10'));
    ex.cancelOrders('A', [o2.id]);
    ex.placeOrder('B', limit('vetusdt', 'sell', '0.3', '10')); // fills o4
    ex.placeOrder('B', limit('vetusdt', 'sell', '5', '10'));
    expect(ex.openOrders('A').items.map((o) => o.id)).toEqual([o3, o1.id]);
    expect(ex.openOrders('A', { market: 'vetusdt', orderBy: 'asc' }).items.map((o) => o.id)).toEqual([o1.id]);
    expect(ex.openOrders('A', { ordType: 'market' }).total).toBe(0);
    expect(ex.historyOrders('A').items.map((o) => [o.id, o.state])).toEqual([[o4.id, 'done'], [o2.id, 'cancel']]);
    expect(ex.historyOrders('A', { state: 'cancel' }).items.map((o) => o.id)).toEqual([o2.id]);
    const paged = ex.historyOrders('A', { per: 1, page: 2, orderBy: 'desc' });
    expect(paged).toMatchObject({ total: 2 });
    expect(paged.items.map((o) => o.id)).toEqual([o2.id]);
    expect(ex.historyOrders('A', { startTime: Math.floor(Date.now() / 1000) + 100 }).total).toBe(0);
    expect(ex.openOrder('A', o1.id).id).toBe(o1.id);
    expectRejected(() => ex.openOrder('A', o4.id), 2004, /not found/);
    expectRejected(() => ex.openOrder('B', o1.id), 2004, /not found/);
    expect(ex.historyOrder('A', o4.id).state).toBe('done');
    expectRejected(() => ex.historyOrder('A', o1.id), 2004, /not found/);
    expect(ex.clearOrders('A').sort()).toEqual([o1.id, o3].sort());
    expect(ex.openOrders('A').total).toBe(0);
  });
});

describe('order book depth', () => {
  it('limits levels and groups prices: asks up, bids down', () => {
    const ex = fresh();
    ex.placeOrder('A', limit('vetusdt', 'sell', '0.5012', '10'));
    ex.placeOrder('A', limit('vetusdt', 'sell', '0.5019', '5'));
    ex.placeOrder('A', limit('vetusdt', 'sell', '0.5031', '1'));
    ex.placeOrder('A', limit('vetusdt', 'sell', '0.51', '1'));
    ex.placeOrder('B', limit('vetusdt', 'buy', '0.4988', '7'));
    ex.placeOrder('B', limit('vetusdt', 'buy', '0.4981', '3'));
    ex.placeOrder('B', limit('vetusdt', 'buy', '0.497', '2'));
    const fmt = (d: ReturnType<OrderBook['depth']>): unknown => ({
      asks: d.asks.map(([p, v]) => [formatLocked(p), formatLocked(v)]),
      bids: d.bids.map(([p, v]) => [formatLocked(p), formatLocked(v)]),
    });
    expect(fmt(ex.book('vetusdt').depth(50, 6))).toEqual({
      asks: [['0.5012', '10.0'], ['0.5019', '5.0'], ['0.5031', '1.0'], ['0.51', '1.0']],
      bids: [['0.4988', '7.0'], ['0.4981', '3.0'], ['0.497', '2.0']],
    });
    expect(fmt(ex.book('vetusdt').depth(2, 3))).toEqual({
      asks: [['0.502', '15.0'], ['0.504', '1.0']],
      bids: [['0.498', '10.0'], ['0.497', '2.0']],
    });
    expect(fmt(ex.book('vetusdt').depth(1, 1))).toEqual({ asks: [['0.6', '17.0']], bids: [['0.4', '12.0']] });
  });
});

describe('market maker', () => {
  it('populates both sides of every book, deterministically for a seed', () => {
    const snapshot = (seed: number): string => {
      const ex = new Exchange({ now: () => 1_700_000_000_000 });
      new MarketMaker(ex, seed).start();
      return JSON.stringify(ex.markets.map((m) => ex.book(m.id).depth(50, m.pricePrecision)), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    };
    const ex = new Exchange();
    new MarketMaker(ex, 5).start();
    for (const m of ex.markets) {
      const book = ex.book(m.id);
      expect(book.orders('bid').length).toBe(5);
      expect(book.orders('ask').length).toBe(5);
      expect((book.best('bid')?.price ?? 0n) < (book.best('ask')?.price ?? 0n)).toBe(true);
    }
    expect(snapshot(9)).toBe(snapshot(9));
    expect(snapshot(9)).not.toBe(snapshot(10));
  });

  it('re-quotes after its orders are taken, around the new last price, without crossing others', () => {
    const ex = new Exchange();
    ex.addAccount('T', { usdt: '10000000', eth: '1000' });
    new MarketMaker(ex, 1).start();
    const asks = ex.book('ethusdt').orders('ask');
    const total = asks.reduce((s, o) => s + o.remaining, 0n);
    const worst = asks[asks.length - 1]?.price ?? 0n;
    ex.placeOrder('T', limit('ethusdt', 'buy', formatLocked(worst), formatLocked(total)));
    const book = ex.book('ethusdt');
    expect(book.orders('ask').length).toBe(5);
    expect(book.orders('bid').length).toBe(5);
    const last = ex.trades('ethusdt').at(-1)?.price ?? 0n;
    expect((book.best('ask')?.price ?? 0n) > last).toBe(true);
    expect((book.best('bid')?.price ?? 0n) < last).toBe(true);
  });

  it('never crosses other accounts\' orders when quoting (its ladder would otherwise trade with them)', () => {
    const ex = new Exchange();
    ex.addAccount('T', { usdt: '10000000', eth: '1000' });
    const userAsk = ex.placeOrder('T', limit('ethusdt', 'sell', '2990', '1')); // below the 3000 reference
    const userBid = ex.placeOrder('T', limit('ethusdt', 'buy', '2000', '1'));
    new MarketMaker(ex, 1).start();
    expect(ex.trades()).toHaveLength(0);
    expect(ex.order(userAsk.id)?.state).toBe('wait');
    const book = ex.book('ethusdt');
    expect(book.best('ask')?.id).toBe(userAsk.id);
    const makerBids = book.orders('bid').filter((o) => o.uid === MARKET_MAKER_UID);
    expect(makerBids).toHaveLength(5);
    for (const o of makerBids) expect((o.price ?? 0n) < (userAsk.price ?? 0n)).toBe(true);
    expect(book.orders('bid').at(-1)?.id).toBe(userBid.id);
  });
});
