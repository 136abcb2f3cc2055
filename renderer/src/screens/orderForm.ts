// The new-order form's trader conventions, as pure functions: the submit button says what it does in the person's
// words and colour ("Buy VET" green, "Sell VET" red), and "Fill examples" proposes a price at the market's own
// quote (a buy at the best bid, a sell at the best ask: it rests on the book rather than crossing it).
import { isRecord } from '../../../shared/oceanex/messages';
import { marketOf, type MarketBook } from '../markets';
import { formatDecimal, shownDecimals } from '../numbers';

export interface SubmitLook {
  readonly label: string;
  readonly className: string;
}

/** "Buy VET…" (green) / "Sell VET…" (red): the side and the base currency, from the form's text. */
export function orderSubmit(fields: Readonly<Record<string, string>>, book: MarketBook): SubmitLook {
  const sell = (fields['side'] ?? '').trim() === 'sell';
  const market = (fields['market'] ?? '').trim();
  const base = marketOf(book, market)?.base || (market ? market.toUpperCase() : '');
  return { label: `${sell ? 'Sell' : 'Buy'}${base ? ` ${base}` : ''}…`, className: `primary ${sell ? 'sell' : 'buy'}` };
}

/** The ticker of `market` in a tickers reply's data, if it has one. */
export function tickerOf(tickers: unknown, market: string): Record<string, unknown> | undefined {
  const t = isRecord(tickers) ? tickers[market.toLowerCase()] : undefined;
  return isRecord(t) ? t : undefined;
}

/** A positive decimal text, or undefined. */
function positive(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  return /^\d+(\.\d+)?$/.test(text) && Number(text) > 0 ? text : undefined;
}

/**
 * Example fields for a new order near the market's price: the best bid for a buy, the best ask for a sell (the last
 * price when the side is empty), at the market's price precision; a volume worth about 100 of the quote currency at
 * the amount precision. Undefined when the ticker has no price.
 */
export function orderExamples(fields: Readonly<Record<string, string>>, ticker: Record<string, unknown> | undefined, book: MarketBook): Readonly<Record<string, string>> | undefined {
  const market = (fields['market'] ?? '').trim().toLowerCase();
  const side = (fields['side'] ?? '').trim() === 'sell' ? 'sell' : 'buy';
  const price = positive(ticker?.[side === 'buy' ? 'buy' : 'sell']) ?? positive(ticker?.['last']);
  if (!market || !price) return undefined;
  const info = marketOf(book, market);
  const priceText = formatDecimal(price, shownDecimals(price, info?.pricePrecision)).replace(/,/g, '');
  // An example, not money: a float division is fine to size it.
  const amountDecimals = info?.amountPrecision ?? 2;
  const step = 10 ** -amountDecimals;
  const volume = Math.max(step, Math.floor(100 / Number(price) / step) * step);
  return { ...fields, market, side, price: priceText, volume: volume.toFixed(amountDecimals), ord_type: fields['ord_type'] || 'limit' };
}
