// What the app knows about the exchange's markets: each market's price and amount precision and its base and quote
// currency, read from a MarketsHandler reply (choice 3), and each currency's precision derived from them (OceanEx
// has no currency list: a currency is shown at the finest precision any market trades it at). Pure: no DOM, no React.
import { isRecord } from '../../shared/oceanex/messages';

export interface MarketInfo {
  readonly id: string;
  /** "VET/USDT" */
  readonly name: string;
  /** Upper-case currency names, "VET" and "USDT" (from `name`); empty when the name says nothing. */
  readonly base: string;
  readonly quote: string;
  readonly pricePrecision: number;
  readonly amountPrecision: number;
}

export interface MarketBook {
  readonly markets: ReadonlyMap<string, MarketInfo>;
  /** Lower-case currency id → decimals a balance of it is shown at. */
  readonly currencies: ReadonlyMap<string, number>;
  /** When the precisions were learned (epoch ms); undefined while none are known. */
  readonly learnedAt?: number;
}

export const NO_MARKETS: MarketBook = { markets: new Map(), currencies: new Map() };

/** A precision the exchange sent: a small whole number (as a number or a numeric string), else undefined. */
function precisionOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 18 ? n : undefined;
}

function currencies(name: string): [string, string] {
  const parts = name.split('/');
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0].trim().toUpperCase(), parts[1].trim().toUpperCase()] : ['', ''];
}

/** The market book a MarketsHandler reply's `data` describes; markets without a usable precision are left out. */
export function marketBookOf(data: unknown, learnedAt: number): MarketBook {
  const markets = new Map<string, MarketInfo>();
  const currencyDecimals = new Map<string, number>();
  const widen = (currency: string, decimals: number) => {
    if (!currency) return;
    const key = currency.toLowerCase();
    currencyDecimals.set(key, Math.max(currencyDecimals.get(key) ?? 0, decimals));
  };
  for (const m of Array.isArray(data) ? data : []) {
    if (!isRecord(m) || typeof m['id'] !== 'string') continue;
    // bid/ask precision are OceanEx's finer split of the two; the price and amount precision govern what is shown.
    const pricePrecision = precisionOf(m['price_precision']) ?? precisionOf(m['bid_precision']);
    const amountPrecision = precisionOf(m['amount_precision']) ?? precisionOf(m['ask_precision']);
    if (pricePrecision === undefined || amountPrecision === undefined) continue;
    const name = typeof m['name'] === 'string' ? m['name'] : typeof m['display_name'] === 'string' ? m['display_name'] : m['id'];
    const [base, quote] = currencies(name);
    markets.set(m['id'].toLowerCase(), { id: m['id'], name, base, quote, pricePrecision, amountPrecision });
    widen(base, amountPrecision);
    widen(quote, pricePrecision);
  }
  return { markets, currencies: currencyDecimals, learnedAt: markets.size > 0 ? learnedAt : undefined };
}

export function marketOf(book: MarketBook, market: unknown): MarketInfo | undefined {
  return typeof market === 'string' ? book.markets.get(market.toLowerCase()) : undefined;
}

/** Column header units for rows of `marketIds`: the currencies when they are one market, else the generic words. */
export function unitsOf(book: MarketBook, marketIds: Iterable<unknown>): { readonly base: string; readonly quote: string } {
  let only: MarketInfo | undefined;
  const ids = new Set<string>();
  const quotes = new Set<string>();
  for (const id of marketIds) {
    const m = marketOf(book, id);
    if (!m) return { base: 'base', quote: 'quote' };
    only = m;
    ids.add(m.id);
    quotes.add(m.quote);
  }
  if (ids.size === 1 && only?.base && only.quote) return { base: only.base, quote: only.quote };
  return { base: 'base', quote: quotes.size === 1 && only?.quote ? only.quote : 'quote' };
}

/** "Price (USDT)": a header with its unit. */
export function withUnit(label: string, unit: string | undefined): string {
  return unit ? `${label} (${unit})` : label;
}
