// Finding out what became of an order create whose reply never came: match the request's arguments against
// the orders the exchange lists (open orders, then history). Pure functions; the session does the requests.

import { isRecord } from '../../shared/oceanex/messages';

/** The arguments of an OrderHandler/create as we sent them (catalogue's buildArgs for 'newOrder'). */
export interface OrderCreateArgs {
  readonly market: string;
  readonly side: string; // 'buy' | 'sell' on the request
  readonly price: number;
  readonly volume: number;
  readonly ord_type: string; // 'limit' | 'market'
}

/** Clock skew tolerated between our sentAt and the exchange's created_on (default for the session). */
export const DEFAULT_RECONCILE_SKEW_MS = 30_000;

export function asOrderCreateArgs(args: Readonly<Record<string, unknown>>): OrderCreateArgs | undefined {
  const { market, side, price, volume, ord_type: ordType } = args;
  if (typeof market !== 'string' || typeof side !== 'string' || typeof ordType !== 'string') return undefined;
  if (typeof price !== 'number' || typeof volume !== 'number') return undefined;
  return { market, side, price, volume, ord_type: ordType };
}

/** The request says buy/sell, the order object says bid/ask. */
export function orderSide(requestSide: string): string {
  return requestSide === 'buy' ? 'bid' : requestSide === 'sell' ? 'ask' : requestSide;
}

/** The order objects of an OrderHandler/index or OrderHistoryHandler/index reply (`{resources:[...]}`). */
export function ordersOf(data: unknown): readonly Record<string, unknown>[] {
  const list = isRecord(data) ? data['resources'] : Array.isArray(data) ? data : undefined;
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

function createdOnSeconds(order: Record<string, unknown>): number | undefined {
  const on = order['created_on'];
  if (typeof on === 'number') return on;
  if (typeof on === 'string' && /^\d+$/.test(on)) return Number(on);
  const at = order['created_at'];
  if (typeof at === 'string') {
    const ms = Date.parse(at);
    if (!Number.isNaN(ms)) return Math.floor(ms / 1000);
  }
  return undefined;
}

function sameNumber(wire: unknown, sent: number): boolean {
  if (typeof wire === 'number') return wire === sent;
  if (typeof wire === 'string' && wire.trim() !== '') return Number(wire) === sent;
  return false;
}

/** The numeric id of an order object, if it has one. */
export function orderId(order: Record<string, unknown>): number | undefined {
  const id = order['id'];
  if (typeof id === 'number') return id;
  if (typeof id === 'string' && /^\d+$/.test(id)) return Number(id);
  return undefined;
}

/**
 * The order among `candidates` that the create with `args`, sent at `sentAtMs`, produced: same market, side,
 * ord_type, volume (original volume, not remaining), price (limit orders only — a market order's price is the
 * exchange's), created no earlier than sentAt - skew. Orders whose id is in `exclude` (already known to be
 * someone else's answer) are skipped. The earliest qualifying order wins: ours was sent first.
 */
export function findMatchingOrder(
  args: OrderCreateArgs,
  sentAtMs: number,
  candidates: readonly Record<string, unknown>[],
  skewMs: number,
  exclude: ReadonlySet<number>,
): Record<string, unknown> | undefined {
  const earliest = Math.floor((sentAtMs - skewMs) / 1000);
  const side = orderSide(args.side);
  let best: Record<string, unknown> | undefined;
  let bestCreated = Infinity;
  for (const order of candidates) {
    if (order['market'] !== args.market || order['side'] !== side || order['ord_type'] !== args.ord_type) continue;
    if (!sameNumber(order['volume'], args.volume)) continue;
    if (args.ord_type === 'limit' && !sameNumber(order['price'], args.price)) continue;
    const created = createdOnSeconds(order);
    if (created === undefined || created < earliest) continue;
    const id = orderId(order);
    if (id !== undefined && exclude.has(id)) continue;
    if (created < bestCreated) {
      best = order;
      bestCreated = created;
    }
  }
  return best;
}
