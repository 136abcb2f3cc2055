// Tickers from the last 24 hours of trades and the current book: buy = best bid, sell = best ask.

import { marketName, type Market } from './markets';
import { div, floorTo, formatAmount, mul, ZERO, type Amount } from './money';
import type { Exchange } from './exchange';

export interface Ticker {
  at: number;
  name: string;
  display_name: string;
  base_unit: string;
  quote_unit: string;
  buy: string;
  sell: string;
  last: string;
  open: string;
  first: string;
  high: string;
  low: string;
  volume: string;
  funds: string;
  h24_trend: string;
  position: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const HUNDRED = 100n * 10n ** 18n;

export function buildTicker(exchange: Exchange, market: Market, position: number): Ticker {
  const now = exchange.now();
  const trades = exchange.trades(market.id);
  const recent = trades.filter((t) => t.createdAt > now - DAY_MS);
  const lastTrade = trades[trades.length - 1];
  const last = lastTrade?.price ?? ZERO;
  const open = recent[0]?.price ?? last;
  let high = recent[0]?.price ?? last;
  let low = recent[0]?.price ?? last;
  let volume = ZERO;
  let funds = ZERO;
  for (const t of recent) {
    if (t.price > high) high = t.price;
    if (t.price < low) low = t.price;
    volume += t.volume;
    funds += t.funds;
  }
  // Percent change over 24 h, to two places like an exchange's ticker (not 18 digits of BigInt division).
  const trend: Amount = open > 0n ? floorTo(mul(div(last - open, open), HUNDRED), 2) : ZERO;
  const book = exchange.book(market.id);
  const name = marketName(market);
  return {
    at: Math.floor(now / 1000),
    name,
    display_name: name,
    base_unit: market.base,
    quote_unit: market.quote,
    buy: formatAmount(book.best('bid')?.price ?? ZERO),
    sell: formatAmount(book.best('ask')?.price ?? ZERO),
    last: formatAmount(last),
    open: formatAmount(open),
    first: formatAmount(open),
    high: formatAmount(high),
    low: formatAmount(low),
    volume: formatAmount(volume),
    funds: formatAmount(funds),
    h24_trend: formatAmount(trend),
    position,
  };
}

/** All tickers keyed by market id, or only `ids` (unknown ids are left out). */
export function buildTickers(exchange: Exchange, ids?: readonly string[]): Record<string, Ticker> {
  const out: Record<string, Ticker> = {};
  exchange.markets.forEach((m, i) => {
    if (ids === undefined || ids.includes(m.id)) out[m.id] = buildTicker(exchange, m, i + 1);
  });
  return out;
}
