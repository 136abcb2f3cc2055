// One market's resting orders in price-time priority, and the matching walk over them.
// Funds are not touched here: the exchange settles each fill the walk reports.

import { ceilTo, floorTo, minAmount, type Amount } from './money';

export type Side = 'bid' | 'ask';
export type OrdType = 'limit' | 'market';
export type OrderState = 'wait' | 'done' | 'cancel';

export interface Order {
  readonly id: number;
  readonly uid: string;
  readonly market: string;
  readonly side: Side;
  readonly ordType: OrdType;
  /** Limit price; undefined for market orders. */
  readonly price: Amount | undefined;
  readonly volume: Amount;
  remaining: Amount;
  executed: Amount;
  /** Quote currency traded so far (for avg_price). */
  funds: Amount;
  /** What is still locked for this order (quote for bids, base for asks). */
  locked: Amount;
  state: OrderState;
  tradeIds: number[];
  /** Milliseconds since epoch. */
  readonly createdAt: number;
  /** When it left the book (done or cancel), milliseconds. */
  closedAt: number | undefined;
}

export interface Fill {
  readonly maker: Order;
  readonly price: Amount;
  readonly volume: Amount;
}

/** Bids: highest price first; asks: lowest first; equal prices by arrival (lower id first). */
function before(side: Side, a: Order, b: Order): boolean {
  const pa = a.price ?? 0n;
  const pb = b.price ?? 0n;
  if (pa !== pb) return side === 'bid' ? pa > pb : pa < pb;
  return a.id < b.id;
}

export class OrderBook {
  private readonly sides: Record<Side, Order[]> = { bid: [], ask: [] };

  constructor(readonly marketId: string) {}

  /** Rests a limit order in its place (binary search keeps insertion O(log n) to find, O(n) to splice). */
  add(order: Order): void {
    if (order.price === undefined) throw new Error('market orders never rest on the book');
    const list = this.sides[order.side];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = list[mid];
      if (other && before(order.side, other, order)) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, order);
  }

  remove(order: Order): boolean {
    const list = this.sides[order.side];
    const i = list.indexOf(order);
    if (i < 0) return false;
    list.splice(i, 1);
    return true;
  }

  best(side: Side): Order | undefined {
    return this.sides[side][0];
  }

  orders(side: Side): readonly Order[] {
    return this.sides[side];
  }

  /**
   * The fills an incoming order on `takerSide` would get, best maker first, without changing anything.
   * `limit` undefined = market order (any price). Stops at `volume` or when prices no longer cross.
   */
  plan(takerSide: Side, volume: Amount, limit: Amount | undefined): Fill[] {
    const makers = this.sides[takerSide === 'bid' ? 'ask' : 'bid'];
    const fills: Fill[] = [];
    let left = volume;
    for (const maker of makers) {
      if (left <= 0n) break;
      const price = maker.price as Amount;
      if (limit !== undefined && (takerSide === 'bid' ? price > limit : price < limit)) break;
      const v = minAmount(left, maker.remaining);
      fills.push({ maker, price, volume: v });
      left -= v;
    }
    return fills;
  }

  /**
   * Aggregated depth: at most `level` price levels per side, prices grouped to `precision` decimals —
   * asks rounded up, bids rounded down, so a grouped level never looks better than the orders in it.
   */
  depth(level: number, precision: number): { asks: Array<[Amount, Amount]>; bids: Array<[Amount, Amount]> } {
    const group = (side: Side): Array<[Amount, Amount]> => {
      const out: Array<[Amount, Amount]> = [];
      for (const o of this.sides[side]) {
        const raw = o.price as Amount;
        const price = side === 'ask' ? ceilTo(raw, precision) : floorTo(raw, precision);
        const last = out[out.length - 1];
        if (last && last[0] === price) last[1] += o.remaining;
        else {
          if (out.length >= level) break;
          out.push([price, o.remaining]);
        }
      }
      return out;
    };
    return { asks: group('ask'), bids: group('bid') };
  }
}
