// A market-maker account that keeps both sides of every book populated: a ladder of limit orders around the
// last trade price (or the market's reference price). After any of its orders trade it re-quotes that market.
// Deterministic for a given seed and the same sequence of user orders.

import type { Exchange, Order, Trade } from './exchange';
import { currenciesOf, type Market } from './markets';
import { ceilTo, floorTo, mul, SCALE, stepOf, ZERO, type Amount } from './money';
import { seededRandom } from './seeded-random';

export const MARKET_MAKER_UID = 'IDMARKETMAKER';
/** Of every currency; the history trader is funded the same. */
export const MARKET_MAKER_FUNDS = '1000000000000';
/** Distance between ladder rungs, relative to the reference price (0.2%). */
const RUNG_STEP = (SCALE * 2n) / 1000n;

export class MarketMaker {
  private readonly random: () => number;
  private quoting = false;
  private autoRequote = true;

  constructor(
    private readonly exchange: Exchange,
    seed: number,
    private readonly levels = 5,
  ) {
    this.random = seededRandom(seed);
  }

  /** Funds the account, quotes every market and starts re-quoting after fills. */
  start(): void {
    const funds: Record<string, string> = {};
    for (const c of currenciesOf(this.exchange.markets)) funds[c] = MARKET_MAKER_FUNDS;
    this.exchange.addAccount(MARKET_MAKER_UID, funds);
    for (const m of this.exchange.markets) this.requote(m);
    this.resume();
  }

  /** Re-quotes after fills again, with the account and ladder a restored exchange already holds. */
  resume(): void {
    this.exchange.onSettled((market, taker, trades) => this.afterSettled(market, taker, trades));
  }

  /** Off while history is replayed: the replay re-quotes around its own price walk before every step. */
  setAutoRequote(enabled: boolean): void {
    this.autoRequote = enabled;
  }

  private afterSettled(market: Market, taker: Order, trades: readonly Trade[]): void {
    if (!this.autoRequote || this.quoting || taker.uid === MARKET_MAKER_UID) return;
    if (trades.some((t) => t.bidUid === MARKET_MAKER_UID || t.askUid === MARKET_MAKER_UID)) this.requote(market);
  }

  /**
   * Replaces its ladder in `market` around `centre` (default: the last trade price, else the market's reference
   * price), never crossing other accounts' orders (so re-quoting trades nothing).
   */
  requote(market: Market, centre?: Amount, levels = this.levels): void {
    this.quoting = true;
    try {
      this.exchange.clearOrders(MARKET_MAKER_UID, market.id);
      const trades = this.exchange.trades(market.id);
      const reference = centre ?? trades[trades.length - 1]?.price ?? market.referencePrice;
      const book = this.exchange.book(market.id);
      const tick = stepOf(market.pricePrecision);
      const bestAsk = book.best('ask')?.price;
      const bestBid = book.best('bid')?.price;
      for (let k = 1; k <= levels; k++) {
        const offset = mul(reference, RUNG_STEP * BigInt(k) + this.jitter(RUNG_STEP / 2n));
        let bid = floorTo(reference - offset, market.pricePrecision);
        if (bestAsk !== undefined && bid >= bestAsk) bid = bestAsk - tick * BigInt(k);
        let ask = ceilTo(reference + offset, market.pricePrecision);
        if (bestBid !== undefined && ask <= bestBid) ask = bestBid + tick * BigInt(k);
        if (bid > 0n) this.place(market, 'buy', bid);
        this.place(market, 'sell', ask);
      }
    } finally {
      this.quoting = false;
    }
  }

  private place(market: Market, side: 'buy' | 'sell', price: Amount): void {
    const volume = floorTo(mul(market.quoteSize, SCALE / 2n + this.jitter(SCALE)), market.amountPrecision);
    if (volume <= ZERO) return;
    try {
      this.exchange.placeOrder(MARKET_MAKER_UID, {
        market: market.id,
        side,
        price,
        volume,
        ord_type: 'limit',
      });
    } catch {
      // Out of funds after extreme trading: the rung stays empty rather than failing the user's order.
    }
  }

  /** A reproducible amount in [0, max). */
  private jitter(max: Amount): Amount {
    return (max * BigInt(Math.floor(this.random() * 1_000_000))) / 1_000_000n;
  }
}
