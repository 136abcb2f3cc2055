// The exchange: accounts with balances and locked funds, order placement and matching with fees,
// cancellation, open orders and history. All money is exact (./money). Funds are conserved: every
// trade moves value between the two sides and the fee account, never creates or destroys it.

import { ARGUMENT_MISSING, BAD_REQUEST, INVALID_ORDER, ORDER_NOT_FOUND } from './codes';
import { currenciesOf, DEFAULT_MARKETS, type Market } from './markets';
import { formatAmount, hasAtMostDecimals, mul, parseAmount, ZERO, type Amount } from './money';
import { OrderBook, type Fill, type Order, type OrdType, type Side } from './order-book';

export type { Order, Side, OrdType, OrderState } from './order-book';

/** A refused request: `code` and `message` go into the reply; `data` replaces the default `{message}`. */
export class ExchangeError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ExchangeError';
  }
}

export interface Trade {
  readonly id: number;
  readonly market: string;
  readonly price: Amount;
  readonly volume: Amount;
  readonly funds: Amount;
  readonly bidOrderId: number;
  readonly askOrderId: number;
  readonly bidUid: string;
  readonly askUid: string;
  readonly takerSide: Side;
  /** Paid by the bid side, in base currency. */
  readonly bidFee: Amount;
  /** Paid by the ask side, in quote currency. */
  readonly askFee: Amount;
  readonly createdAt: number;
}

export interface Holding {
  balance: Amount;
  locked: Amount;
}

/**
 * A request's args. Price and volume are decimal strings or numbers from the wire; the sandbox's own traders
 * (market maker, history) may pass exact Amounts (bigint, 18 decimals), which JSON can never produce.
 */
export interface PlaceOrderArgs {
  readonly market?: unknown;
  readonly side?: unknown;
  readonly price?: unknown;
  readonly volume?: unknown;
  readonly ord_type?: unknown;
}

export interface OrderQuery {
  readonly market?: string;
  readonly ordType?: OrdType;
  readonly state?: 'done' | 'cancel';
  readonly orderBy?: 'asc' | 'desc';
  readonly page?: number;
  readonly per?: number;
  /** Unix seconds, inclusive, on created_on. */
  readonly startTime?: number;
  readonly endTime?: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}

/** What survives a restart of the sandbox (snapshot.ts writes it as JSON). */
export interface ExchangeState {
  readonly nextOrderId: number;
  readonly nextTradeId: number;
  readonly accounts: ReadonlyMap<string, ReadonlyMap<string, Readonly<Holding>>>;
  /** Every order, in id order. */
  readonly orders: readonly Order[];
  /** Every trade, in id order. */
  readonly trades: readonly Trade[];
}

export type SettledListener = (market: Market, taker: Order, trades: readonly Trade[]) => void;

export const FEE_ACCOUNT_UID = 'IDFEEACCOUNT';
export const CANNOT_LOCK_FUNDS = 'Account::AccountError: Cannot lock funds';

export interface ExchangeOptions {
  readonly markets?: readonly Market[];
  /** Clock in milliseconds, injectable for tests. */
  readonly now?: () => number;
}

export class Exchange {
  readonly markets: readonly Market[];
  readonly now: () => number;
  private readonly marketById = new Map<string, Market>();
  private readonly books = new Map<string, OrderBook>();
  private readonly accounts = new Map<string, Map<string, Holding>>();
  private readonly ordersById = new Map<number, Order>();
  /** Each account's orders in id order, and its resting ones: queries and clears never scan other accounts'. */
  private readonly ordersByUid = new Map<string, Order[]>();
  private readonly restingByUid = new Map<string, Set<Order>>();
  private readonly tradeLog: Trade[] = [];
  /** The same trades per market, so tickers and k-lines do not scan every market's history. */
  private readonly tradesByMarket = new Map<string, Trade[]>();
  private readonly listeners: SettledListener[] = [];
  private nextOrderId = 1;
  private nextTradeId = 1;

  constructor(options: ExchangeOptions = {}) {
    this.markets = options.markets ?? DEFAULT_MARKETS;
    this.now = options.now ?? Date.now;
    for (const m of this.markets) {
      this.marketById.set(m.id, m);
      this.books.set(m.id, new OrderBook(m.id));
      this.tradesByMarket.set(m.id, []);
    }
    this.addAccount(FEE_ACCOUNT_UID, {});
  }

  // ---- accounts -------------------------------------------------------------------------------------------

  /** Registers an account (idempotent) and credits the given balances. */
  addAccount(uid: string, balances: Readonly<Record<string, string>>): void {
    let holdings = this.accounts.get(uid);
    if (!holdings) {
      holdings = new Map();
      for (const c of currenciesOf(this.markets)) holdings.set(c, { balance: ZERO, locked: ZERO });
      this.accounts.set(uid, holdings);
    }
    for (const [currency, text] of Object.entries(balances)) {
      const value = parseAmount(text);
      if (value === undefined || value < 0n) throw new RangeError(`balance of ${currency} for ${uid} is not a non-negative decimal`);
      this.holding(uid, currency.toLowerCase()).balance += value;
    }
  }

  hasAccount(uid: string): boolean {
    return this.accounts.has(uid);
  }

  accountIds(): string[] {
    return [...this.accounts.keys()];
  }

  /** Available (`balance`) and `locked` per currency, as decimal strings. */
  balances(uid: string): Record<string, { balance: string; locked: string }> {
    const out: Record<string, { balance: string; locked: string }> = {};
    for (const [currency, h] of this.accounts.get(uid) ?? []) {
      out[currency] = { balance: formatAmount(h.balance), locked: formatAmount(h.locked) };
    }
    return out;
  }

  /** balance + locked of `currency` over every account, the market maker's and the fee account included. */
  totals(currency: string): string {
    let sum = ZERO;
    for (const holdings of this.accounts.values()) {
      const h = holdings.get(currency);
      if (h) sum += h.balance + h.locked;
    }
    return formatAmount(sum);
  }

  private holding(uid: string, currency: string): Holding {
    const holdings = this.accounts.get(uid);
    if (!holdings) throw new ExchangeError(BAD_REQUEST, `unknown account ${uid}`);
    let h = holdings.get(currency);
    if (!h) {
      h = { balance: ZERO, locked: ZERO };
      holdings.set(currency, h);
    }
    return h;
  }

  // ---- saving and restoring ------------------------------------------------------------------------------

  exportState(): ExchangeState {
    return { nextOrderId: this.nextOrderId, nextTradeId: this.nextTradeId, accounts: this.accounts, orders: [...this.ordersById.values()], trades: this.tradeLog };
  }

  /** Takes over a saved state (on a fresh exchange): resting orders go back on their books in time priority. */
  importState(state: ExchangeState): void {
    for (const [uid, holdings] of state.accounts) this.accounts.set(uid, new Map([...holdings].map(([c, h]) => [c, { ...h }])));
    for (const order of [...state.orders].sort((a, b) => a.id - b.id)) {
      this.ordersById.set(order.id, order);
      this.ordersOf(order.uid).push(order);
      if (order.state === 'wait') {
        this.book(order.market).add(order);
        this.restingOf(order.uid).add(order);
      }
    }
    for (const trade of state.trades) {
      this.tradeLog.push(trade);
      this.tradesByMarket.get(trade.market)?.push(trade);
    }
    this.nextOrderId = state.nextOrderId;
    this.nextTradeId = state.nextTradeId;
  }

  // ---- markets --------------------------------------------------------------------------------------------

  market(id: string): Market | undefined {
    return this.marketById.get(id);
  }

  book(marketId: string): OrderBook {
    const book = this.books.get(marketId);
    if (!book) throw new ExchangeError(BAD_REQUEST, 'market does not have a valid value');
    return book;
  }

  /** Called after every order placement that settled, outside the matching loop (the market maker re-quotes). */
  onSettled(listener: SettledListener): void {
    this.listeners.push(listener);
  }

  // ---- orders ---------------------------------------------------------------------------------------------

  /**
   * Validates, locks funds, matches and (limit orders) rests the remainder.
   * Locking: a limit bid locks price×volume quote, a limit ask locks volume base. A market bid locks exactly
   * the quote its fills against the current book will cost; a market ask locks its volume. Market orders never
   * rest: whatever the book cannot fill is cancelled and unlocked (state "cancel" if anything is left over).
   */
  placeOrder(uid: string, args: PlaceOrderArgs): Order {
    if (!this.accounts.has(uid)) throw new ExchangeError(BAD_REQUEST, `unknown account ${uid}`);
    const { market, side, ordType, price, volume } = this.validateOrder(args);
    const book = this.book(market.id);

    let lockCurrency: string;
    let lock: Amount;
    let fills: Fill[] | undefined;
    if (side === 'bid') {
      lockCurrency = market.quote;
      if (ordType === 'limit') lock = mul(price as Amount, volume);
      else {
        fills = book.plan('bid', volume, undefined);
        lock = fills.reduce((sum, f) => sum + mul(f.price, f.volume), ZERO);
      }
    } else {
      lockCurrency = market.base;
      lock = volume;
      if (ordType === 'market') fills = book.plan('ask', volume, undefined);
    }
    if (fills && fills.length === 0) {
      throw new ExchangeError(INVALID_ORDER, 'market order cannot be filled: no orders on the other side of the book');
    }
    const holding = this.holding(uid, lockCurrency);
    if (lock <= 0n || holding.balance < lock) throw new ExchangeError(INVALID_ORDER, CANNOT_LOCK_FUNDS);
    holding.balance -= lock;
    holding.locked += lock;

    const order: Order = {
      id: this.nextOrderId++,
      uid,
      market: market.id,
      side,
      ordType,
      price,
      volume,
      remaining: volume,
      executed: ZERO,
      funds: ZERO,
      locked: lock,
      state: 'wait',
      tradeIds: [],
      createdAt: this.now(),
      closedAt: undefined,
    };
    this.ordersById.set(order.id, order);
    this.ordersOf(uid).push(order);

    const trades: Trade[] = [];
    for (const fill of fills ?? book.plan(side, volume, price)) trades.push(this.settle(market, order, fill));

    if (order.remaining === 0n) this.close(order, 'done');
    else if (ordType === 'limit') {
      book.add(order);
      this.restingOf(uid).add(order);
    }
    else this.close(order, 'cancel');

    for (const listener of this.listeners) listener(market, order, trades);
    return order;
  }

  private validateOrder(args: PlaceOrderArgs): { market: Market; side: Side; ordType: OrdType; price: Amount | undefined; volume: Amount } {
    if (args.market === undefined || args.market === null || args.market === '') throw new ExchangeError(ARGUMENT_MISSING, 'market is missing');
    const market = typeof args.market === 'string' ? this.marketById.get(args.market.trim().toLowerCase()) : undefined;
    if (!market) throw new ExchangeError(BAD_REQUEST, 'market does not have a valid value');
    if (args.side === undefined || args.side === null || args.side === '') throw new ExchangeError(ARGUMENT_MISSING, 'side is missing');
    const sideText = typeof args.side === 'string' ? args.side.trim().toLowerCase() : '';
    const side: Side | undefined = sideText === 'buy' || sideText === 'bid' ? 'bid' : sideText === 'sell' || sideText === 'ask' ? 'ask' : undefined;
    if (!side) throw new ExchangeError(BAD_REQUEST, 'side does not have a valid value');
    const typeText = args.ord_type === undefined || args.ord_type === null ? 'limit' : args.ord_type;
    if (typeText !== 'limit' && typeText !== 'market') throw new ExchangeError(BAD_REQUEST, 'ord_type does not have a valid value');
    const ordType: OrdType = typeText;

    if (args.volume === undefined || args.volume === null || args.volume === '') throw new ExchangeError(ARGUMENT_MISSING, 'volume is missing');
    const volume = typeof args.volume === 'bigint' ? args.volume : parseAmount(args.volume);
    if (volume === undefined) throw new ExchangeError(BAD_REQUEST, 'volume does not have a valid value');
    if (volume <= 0n) throw new ExchangeError(BAD_REQUEST, 'volume must be greater than 0');
    if (!hasAtMostDecimals(volume, market.amountPrecision)) {
      throw new ExchangeError(BAD_REQUEST, `volume must have at most ${market.amountPrecision} decimals on ${market.id}`);
    }

    let price: Amount | undefined;
    if (ordType === 'limit') {
      if (args.price === undefined || args.price === null || args.price === '') throw new ExchangeError(ARGUMENT_MISSING, 'price is missing');
      price = typeof args.price === 'bigint' ? args.price : parseAmount(args.price);
      if (price === undefined) throw new ExchangeError(BAD_REQUEST, 'price does not have a valid value');
      if (price <= 0n) throw new ExchangeError(BAD_REQUEST, 'price must be greater than 0');
      if (!hasAtMostDecimals(price, market.pricePrecision)) {
        throw new ExchangeError(BAD_REQUEST, `price must have at most ${market.pricePrecision} decimals on ${market.id}`);
      }
    }
    // A market order's price (the original client always sends one) is ignored: it fills at the book's prices.
    return { market, side, ordType, price, volume };
  }

  /** Executes one fill between `taker` and its maker at the maker's price, moving funds and fees. */
  private settle(market: Market, taker: Order, fill: Fill): Trade {
    const { maker, price, volume } = fill;
    const bid = taker.side === 'bid' ? taker : maker;
    const ask = taker.side === 'bid' ? maker : taker;
    const funds = mul(price, volume);
    // Like Peatio: each side pays its fee out of what it receives (bid in base, ask in quote).
    const bidFee = mul(volume, market.bidFee);
    const askFee = mul(funds, market.askFee);

    const bidQuote = this.holding(bid.uid, market.quote);
    const bidBase = this.holding(bid.uid, market.base);
    const askQuote = this.holding(ask.uid, market.quote);
    const askBase = this.holding(ask.uid, market.base);
    bidQuote.locked -= funds;
    bid.locked -= funds;
    bidBase.balance += volume - bidFee;
    askBase.locked -= volume;
    ask.locked -= volume;
    askQuote.balance += funds - askFee;
    this.holding(FEE_ACCOUNT_UID, market.base).balance += bidFee;
    this.holding(FEE_ACCOUNT_UID, market.quote).balance += askFee;
    if (bid.locked < 0n || ask.locked < 0n || bidQuote.locked < 0n || askBase.locked < 0n) {
      throw new Error(`internal error: negative lock after trade on ${market.id}`);
    }

    const trade: Trade = {
      id: this.nextTradeId++,
      market: market.id,
      price,
      volume,
      funds,
      bidOrderId: bid.id,
      askOrderId: ask.id,
      bidUid: bid.uid,
      askUid: ask.uid,
      takerSide: taker.side,
      bidFee,
      askFee,
      createdAt: this.now(),
    };
    this.tradeLog.push(trade);
    this.tradesByMarket.get(market.id)?.push(trade);
    for (const o of [maker, taker]) {
      o.remaining -= volume;
      o.executed += volume;
      o.funds += funds;
      o.tradeIds.push(trade.id);
    }
    if (maker.remaining === 0n) {
      this.book(market.id).remove(maker);
      this.close(maker, 'done');
    }
    return trade;
  }

  /** Ends an order: whatever it still has locked goes back to the owner's available balance. */
  private close(order: Order, state: 'done' | 'cancel'): void {
    const market = this.marketById.get(order.market) as Market;
    const h = this.holding(order.uid, order.side === 'bid' ? market.quote : market.base);
    h.locked -= order.locked;
    h.balance += order.locked;
    order.locked = ZERO;
    order.state = state;
    order.closedAt = this.now();
    this.restingByUid.get(order.uid)?.delete(order);
  }

  private ordersOf(uid: string): Order[] {
    let list = this.ordersByUid.get(uid);
    if (!list) {
      list = [];
      this.ordersByUid.set(uid, list);
    }
    return list;
  }

  private restingOf(uid: string): Set<Order> {
    let set = this.restingByUid.get(uid);
    if (!set) {
      set = new Set();
      this.restingByUid.set(uid, set);
    }
    return set;
  }

  /** Cancels those of `ids` that are open and owned by `uid`; returns the ids cancelled. */
  cancelOrders(uid: string, ids: readonly number[]): number[] {
    const cancelled: number[] = [];
    for (const id of ids) {
      const order = this.ordersById.get(id);
      if (!order || order.uid !== uid || order.state !== 'wait') continue;
      this.book(order.market).remove(order);
      this.close(order, 'cancel');
      cancelled.push(id);
    }
    return cancelled;
  }

  /** Cancels every open order of `uid` (optionally in one market); returns their ids. */
  clearOrders(uid: string, marketId?: string): number[] {
    // Resting orders are added in placement order, so the ids come out ascending.
    const ids = [...(this.restingByUid.get(uid) ?? [])]
      .filter((o) => marketId === undefined || o.market === marketId)
      .map((o) => o.id);
    return this.cancelOrders(uid, ids);
  }

  /** An open order of `uid`, or ExchangeError 2004. */
  openOrder(uid: string, id: number): Order {
    const order = this.ordersById.get(id);
    if (!order || order.uid !== uid || order.state !== 'wait') throw new ExchangeError(ORDER_NOT_FOUND, `Order ${id} not found`);
    return order;
  }

  /** A done or cancelled order of `uid`, or ExchangeError 2004. */
  historyOrder(uid: string, id: number): Order {
    const order = this.ordersById.get(id);
    if (!order || order.uid !== uid || order.state === 'wait') throw new ExchangeError(ORDER_NOT_FOUND, `Order ${id} not found in history`);
    return order;
  }

  openOrders(uid: string, query: OrderQuery = {}): Page<Order> {
    return this.page(this.orderList(uid, query, (o) => o.state === 'wait'), query);
  }

  historyOrders(uid: string, query: OrderQuery = {}): Page<Order> {
    return this.page(
      this.orderList(uid, query, (o) => o.state !== 'wait' && (query.state === undefined || o.state === query.state)),
      query,
    );
  }

  private orderList(uid: string, q: OrderQuery, keep: (o: Order) => boolean): Order[] {
    return (this.ordersByUid.get(uid) ?? []).filter((o) => {
      if (!keep(o)) return false;
      if (q.market !== undefined && o.market !== q.market) return false;
      if (q.ordType !== undefined && o.ordType !== q.ordType) return false;
      const createdOn = Math.floor(o.createdAt / 1000);
      if (q.startTime !== undefined && createdOn < q.startTime) return false;
      if (q.endTime !== undefined && createdOn > q.endTime) return false;
      return true;
    });
  }

  private page(list: Order[], q: OrderQuery): Page<Order> {
    list.sort((a, b) => (q.orderBy === 'asc' ? a.id - b.id : b.id - a.id));
    const per = q.per ?? 100;
    const page = q.page ?? 1;
    return { items: list.slice((page - 1) * per, page * per), total: list.length };
  }

  /** Every order ever placed (tests and the market maker). */
  orders(filter: (o: Order) => boolean = () => true): Order[] {
    return [...this.ordersById.values()].filter(filter);
  }

  order(id: number): Order | undefined {
    return this.ordersById.get(id);
  }

  trades(marketId?: string): readonly Trade[] {
    return marketId === undefined ? this.tradeLog : (this.tradesByMarket.get(marketId) ?? []);
  }

  tradesOf(order: Order): Trade[] {
    const ids = new Set(order.tradeIds);
    return this.trades(order.market).filter((t) => ids.has(t.id));
  }
}
