// The sandbox's memory across restarts (its own, after a crash, and the app's): every account's balances, every
// order and trade, written atomically as one JSON file after each change a client made (an order, a cancel) and
// at start-up, before the reply goes out. A crash between two writes loses nothing a client was told about.
// Amounts are exact decimals as strings (18 places, the money module's scale).

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../services/atomic-file';
import type { Exchange, ExchangeState, Holding, Trade } from './exchange';
import type { Order } from './order-book';

export const SNAPSHOT_VERSION = 1;

const amount = z.string().regex(/^-?\d{1,60}$/).transform((s) => BigInt(s));
const id = z.number().int().positive();
const time = z.number().finite();

const orderSchema = z.object({
  id,
  uid: z.string().min(1),
  market: z.string().min(1),
  side: z.enum(['bid', 'ask']),
  ordType: z.enum(['limit', 'market']),
  price: amount.optional(),
  volume: amount,
  remaining: amount,
  executed: amount,
  funds: amount,
  locked: amount,
  state: z.enum(['wait', 'done', 'cancel']),
  tradeIds: z.array(id),
  createdAt: time,
  closedAt: time.optional(),
});

const tradeSchema = z.object({
  id,
  market: z.string().min(1),
  price: amount,
  volume: amount,
  funds: amount,
  bidOrderId: id,
  askOrderId: id,
  bidUid: z.string().min(1),
  askUid: z.string().min(1),
  takerSide: z.enum(['bid', 'ask']),
  bidFee: amount,
  askFee: amount,
  createdAt: time,
});

const snapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  savedAt: time,
  nextOrderId: id,
  nextTradeId: id,
  accounts: z.record(z.string(), z.record(z.string(), z.tuple([amount, amount]))),
  orders: z.array(orderSchema),
  trades: z.array(tradeSchema),
});

const text = (value: bigint): string => value.toString();

/**
 * JSON of the orders and trades that can no longer change (every trade; a done or cancelled order), made once:
 * with a day of history that is most of a 3 MB snapshot, which is written again after every client's order.
 */
const frozenJson = new WeakMap<object, string>();

function orderJson(o: Order): string {
  const cached = frozenJson.get(o);
  if (cached !== undefined) return cached;
  const json = JSON.stringify({
    ...o,
    price: o.price === undefined ? undefined : text(o.price),
    volume: text(o.volume),
    remaining: text(o.remaining),
    executed: text(o.executed),
    funds: text(o.funds),
    locked: text(o.locked),
  });
  if (o.state !== 'wait') frozenJson.set(o, json);
  return json;
}

function tradeJson(t: Trade): string {
  let json = frozenJson.get(t);
  if (json === undefined) {
    json = JSON.stringify({ ...t, price: text(t.price), volume: text(t.volume), funds: text(t.funds), bidFee: text(t.bidFee), askFee: text(t.askFee) });
    frozenJson.set(t, json);
  }
  return json;
}

/** The exchange's state as JSON text. */
export function snapshotText(exchange: Exchange, now: number): string {
  const state = exchange.exportState();
  const accounts: Record<string, Record<string, [string, string]>> = {};
  for (const [uid, holdings] of state.accounts) {
    accounts[uid] = Object.fromEntries([...holdings].map(([currency, h]) => [currency, [text(h.balance), text(h.locked)]]));
  }
  const head = JSON.stringify({ version: SNAPSHOT_VERSION, savedAt: now, nextOrderId: state.nextOrderId, nextTradeId: state.nextTradeId, accounts });
  return `${head.slice(0, -1)},"orders":[${state.orders.map(orderJson).join(',')}],"trades":[${state.trades.map(tradeJson).join(',')}]}`;
}

/** Parses a snapshot; throws an Error saying what is wrong. */
export function parseSnapshot(json: string): ExchangeState {
  const parsed = snapshotSchema.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`not a sandbox snapshot (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'})`);
  }
  const data = parsed.data;
  const accounts = new Map<string, Map<string, Holding>>();
  for (const [uid, holdings] of Object.entries(data.accounts)) {
    accounts.set(uid, new Map(Object.entries(holdings).map(([currency, [balance, locked]]) => [currency, { balance, locked }])));
  }
  return {
    nextOrderId: data.nextOrderId,
    nextTradeId: data.nextTradeId,
    accounts,
    orders: data.orders.map((o): Order => ({ ...o, price: o.price, closedAt: o.closedAt })),
    trades: data.trades as Trade[],
  };
}

/** Reads, writes and removes one snapshot file (mode 0600). */
export class SnapshotFile {
  constructor(readonly path: string) {}

  /** The saved state, undefined when there is none; throws when the file is unreadable or not a snapshot. */
  read(): ExchangeState | undefined {
    if (!existsSync(this.path)) return undefined;
    return parseSnapshot(readFileSync(this.path, 'utf8'));
  }

  write(exchange: Exchange, now: number): void {
    writeFileAtomic(this.path, snapshotText(exchange, now));
  }

  remove(): void {
    rmSync(this.path, { force: true });
  }
}
