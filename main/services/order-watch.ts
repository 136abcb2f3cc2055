// Notifications for an open-orders watch (choice 9): compares each listing with the previous one and tells the
// person when an order filled, partly filled or was cancelled. An order that left the open list is looked up once
// in the order history (choice 11) to learn which of the two happened; that lookup runs inside the watch's tick,
// so a watch still has at most one request in flight.

import type { WatchInfo, WatchTick } from '../../shared/ipc/contract';
import { orderId, ordersOf } from '../oceanex/reconcile';
import type { TickObserver, WatchHost } from './watch-service';

/** Thin port over the OS notification (main/electron/notifier.ts in the app; a recorder in tests). */
export interface Notifier {
  notify(title: string, body: string): void;
}

/** Orders that left the list looked up per tick; more are summarised in one notification. */
const MAX_LOOKUPS_PER_TICK = 5;
const OPEN_ORDERS_CHOICE = 9;
const HISTORY_ORDER_CHOICE = 11;

type Order = Record<string, unknown>;

export function createOpenOrderObserver(host: Pick<WatchHost, 'run'>, notifier: Notifier): TickObserver {
  const previous = new Map<string, Map<number, Order>>();
  return async (tick: WatchTick, watch: WatchInfo) => {
    if (watch.choice !== OPEN_ORDERS_CHOICE) return;
    const reply = tick.outcome?.reply;
    if (!reply || reply.code !== 0) return;
    const now = new Map<number, Order>();
    for (const order of ordersOf(reply.data)) {
      const id = orderId(order);
      if (id !== undefined) now.set(id, order);
    }
    const before = previous.get(watch.id);
    previous.set(watch.id, now);
    if (!before) return; // the first listing is the baseline
    for (const [id, order] of now) {
      const old = before.get(id);
      if (old && Number(order['executed_volume']) > Number(old['executed_volume'])) {
        notifier.notify(`Order ${id} partly filled`, `${describe(order)}: ${text(order['executed_volume'])} of ${text(order['volume'])} executed.`);
      }
    }
    const gone = [...before].filter(([id]) => !now.has(id));
    for (const [id, old] of gone.slice(0, MAX_LOOKUPS_PER_TICK)) {
      const result = await host.run(HISTORY_ORDER_CHOICE, { id: String(id) });
      const found = result.ok && result.value.reply?.code === 0 ? (result.value.reply.data as Order) : undefined;
      notifier.notify(...goneMessage(id, old, found));
    }
    if (gone.length > MAX_LOOKUPS_PER_TICK) {
      notifier.notify(`${gone.length - MAX_LOOKUPS_PER_TICK} more orders left the open orders`, `Ids ${gone.slice(MAX_LOOKUPS_PER_TICK).map(([id]) => id).join(', ')}: filled or cancelled.`);
    }
  };
}

function goneMessage(id: number, old: Order, found: Order | undefined): [string, string] {
  if (found?.['state'] === 'done') return [`Order ${id} filled`, `${describe(found)}: ${text(found['volume'])} executed.`];
  if (found?.['state'] === 'cancel') {
    const executed = Number(found['executed_volume']);
    return executed > 0
      ? [`Order ${id} cancelled after partly filling`, `${describe(found)}: ${text(found['executed_volume'])} of ${text(found['volume'])} executed.`]
      : [`Order ${id} cancelled`, `${describe(found)}.`];
  }
  return [`Order ${id} left the open orders`, `${describe(old)}: filled or cancelled (the order history did not say which).`];
}

function describe(order: Order): string {
  const side = order['side'] === 'bid' ? 'buy' : order['side'] === 'ask' ? 'sell' : text(order['side']);
  return `${side} ${text(order['volume'])} ${text(order['market']).toUpperCase()} at ${text(order['price'])}`;
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '?';
}
