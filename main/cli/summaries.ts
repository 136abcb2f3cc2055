// The terminal client's own words for a reply, printed under the original's line: what came back, in one to a few
// short lines (counts, ids, best prices, balances). Failures use describeReply, the app's shared wording.

import { describeReply, isRecord, type Reply } from '../../shared/oceanex/messages';

/** At most this many items are listed by name; the rest are counted. */
const LISTED = 5;

function list(items: readonly string[]): string {
  const shown = items.slice(0, LISTED).join(', ');
  return items.length > LISTED ? `${shown}, … (${items.length - LISTED} more)` : shown;
}

function text(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '?';
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "order 31: buy 1000.0 vetusdt at 0.75 (limit), state wait". */
export function describeOrder(order: unknown): string {
  if (!isRecord(order)) return 'order ?';
  const side = order['side'] === 'bid' ? 'buy' : order['side'] === 'ask' ? 'sell' : text(order['side']);
  const price = order['ord_type'] === 'market' ? 'at market price' : `at ${text(order['price'])}`;
  const filled = typeof order['executed_volume'] === 'string' && Number(order['executed_volume']) > 0 ? `, ${order['executed_volume']} filled` : '';
  return `order ${text(order['id'])}: ${side} ${text(order['volume'])} ${text(order['market'])} ${price} (${text(order['ord_type'])}), state ${text(order['state'])}${filled}`;
}

function resources(data: unknown): unknown[] {
  return isRecord(data) && Array.isArray(data['resources']) ? data['resources'] : [];
}

function ids(data: unknown): string[] {
  return Array.isArray(data) ? data.map(text) : [];
}

function orderList(data: unknown, what: string, many = `${what}s`): string[] {
  const orders = resources(data);
  const total = isRecord(data) && typeof data['resources_count'] === 'number' ? data['resources_count'] : orders.length;
  const head = total > orders.length ? `${plural(total, what, many)} (${orders.length} shown)` : plural(orders.length, what, many);
  return [`${head}${orders.length > 0 ? ':' : '.'}`, ...orders.slice(0, LISTED).map((o) => `  ${describeOrder(o)}`), ...(orders.length > LISTED ? [`  … ${orders.length - LISTED} more`] : [])];
}

function bookSide(levels: unknown): { best: string; count: number } {
  const rows = Array.isArray(levels) ? levels : [];
  const first: unknown = rows[0];
  return { best: Array.isArray(first) ? `${text(first[0])} (volume ${text(first[1])})` : 'none', count: rows.length };
}

/**
 * For a cancel that succeeded: the ids asked for that are not in the reply (the exchange cancels what it can and
 * lists only those), so a partial cancel reports every id's outcome. Undefined when all were cancelled.
 */
export function notCancelled(asked: readonly number[], reply: Reply): string | undefined {
  if (reply.outcome !== 'cancelled') return undefined;
  const cancelled = new Set(ids(reply.data));
  const missing = asked.filter((id) => !cancelled.has(String(id)));
  if (missing.length === 0) return undefined;
  return `not cancelled: ${list(missing.map(String))} (not an open order of yours: unknown, already filled or already cancelled)`;
}

/** The lines printed under the original's line for a reply. */
export function summarizeReply(reply: Reply): string[] {
  const data = reply.data;
  switch (reply.outcome) {
    case 'login':
      return ['Logged in: private choices (5–12) are now available.'];
    case 'tickers': {
      const markets = isRecord(data) ? Object.entries(data) : [];
      return [`${plural(markets.length, 'ticker')}: ${list(markets.map(([id, t]) => `${id} last ${isRecord(t) ? text(t['last']) : '?'}`))}`];
    }
    case 'markets': {
      const markets = Array.isArray(data) ? data : [];
      return [`${plural(markets.length, 'market')}: ${list(markets.map((m) => (isRecord(m) ? text(m['id']) : '?')))}`];
    }
    case 'fees': {
      const fees = Array.isArray(data) ? data : [];
      const fee = (f: unknown): string => (isRecord(f) ? text(f['value']) : '?');
      return [`fees for ${plural(fees.length, 'market')}: ${list(fees.map((f) => (isRecord(f) ? `${text(f['market_id'])} ask ${fee(f['ask_fee'])} bid ${fee(f['bid_fee'])}` : '?')))}`];
    }
    case 'account': {
      const accounts = isRecord(data) && Array.isArray(data['accounts']) ? data['accounts'] : [];
      const held = accounts.filter((a) => isRecord(a) && (Number(a['balance']) > 0 || Number(a['locked']) > 0));
      const line = (a: unknown): string => (isRecord(a) ? `${text(a['currency'])} ${text(a['balance'])} (locked ${text(a['locked'])})` : '?');
      return [`${plural(accounts.length, 'currency', 'currencies')}, ${held.length} with a balance${held.length > 0 ? `: ${list(held.map(line))}` : '.'}`];
    }
    case 'order-ack':
      return [`placed ${describeOrder(data)}`];
    case 'cancelled':
      return ids(data).length > 0 ? [`cancelled order ids: ${ids(data).join(', ')}`] : ['no order was cancelled.'];
    case 'mass-cancelled':
      return ids(data).length > 0 ? [`cancelled every open order: ${ids(data).join(', ')}`] : ['there were no open orders to cancel.'];
    case 'open-orders':
      return orderList(data, 'open order');
    case 'order-details':
    case 'history-order': {
      const trades = isRecord(data) && Array.isArray(data['trades']) ? `, ${plural(data['trades'].length, 'trade')}` : '';
      return [`${describeOrder(data)}${trades}`];
    }
    case 'history-orders':
      return orderList(data, 'order in history', 'orders in history');
    case 'timestamp': {
      const seconds = typeof data === 'number' ? data : Number(data);
      if (!Number.isFinite(seconds)) return [`received timestamp: ${text(data)}`];
      const skew = seconds - Date.now() / 1000;
      return [`received timestamp: ${seconds} (${new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')}; this clock is ${Math.abs(skew).toFixed(1)} s ${skew > 0 ? 'behind' : 'ahead'})`];
    }
    case 'order-book': {
      const asks = bookSide(isRecord(data) ? data['asks'] : undefined);
      const bids = bookSide(isRecord(data) ? data['bids'] : undefined);
      return [`order book: best ask ${asks.best}, best bid ${bids.best}; ${plural(asks.count, 'ask level')}, ${plural(bids.count, 'bid level')}`];
    }
    case 'kline': {
      const candles = Array.isArray(data) ? data : [];
      const last: unknown = candles[candles.length - 1];
      const close = Array.isArray(last) ? `; last close ${text(last[4])} at ${new Date(Number(last[0]) * 1000).toISOString().replace('.000Z', 'Z')}` : '';
      return [`${plural(candles.length, 'candle')}${close}`];
    }
    case 'login-failed':
    case 'order-rejected':
    case 'cancel-rejected':
    case 'error':
    case 'other': // a reply to a raw frame the menu has no words for: the app's own description
      return [describeReply(reply)];
  }
}
