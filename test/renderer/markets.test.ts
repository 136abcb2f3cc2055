import { describe, expect, it } from 'vitest';
import { marketBookOf, marketOf, unitsOf, withUnit } from '../../renderer/src/markets';
import { formatAligned, shownDecimals, significantDecimalsOf } from '../../renderer/src/numbers';

const MARKETS = [
  { id: 'vetusdt', name: 'VET/USDT', price_precision: 6, amount_precision: 2, ask_precision: 2, bid_precision: 6 },
  { id: 'btcusdt', name: 'BTC/USDT', price_precision: 2, amount_precision: 6 },
  { id: 'ocevet', display_name: 'OCE/VET', price_precision: '6', amount_precision: 2 },
  { id: 'broken', name: 'X/Y', price_precision: -1, amount_precision: 2 },
  'not a market',
];

describe('market book from a MarketsHandler reply', () => {
  const book = marketBookOf(MARKETS, 1000);

  it('keeps each market’s precisions and currencies, leaves out unusable ones', () => {
    expect(marketOf(book, 'VETUSDT')).toMatchObject({ base: 'VET', quote: 'USDT', pricePrecision: 6, amountPrecision: 2 });
    expect(marketOf(book, 'ocevet')).toMatchObject({ base: 'OCE', quote: 'VET', pricePrecision: 6 });
    expect(marketOf(book, 'broken')).toBeUndefined();
    expect(book.learnedAt).toBe(1000);
    expect(marketBookOf('nonsense', 5).learnedAt).toBeUndefined();
  });

  it('gives a currency the finest precision any market trades it at', () => {
    expect(book.currencies.get('usdt')).toBe(6); // quote of vetusdt (6) and btcusdt (2)
    expect(book.currencies.get('btc')).toBe(6);
    expect(book.currencies.get('vet')).toBe(6); // base at 2, quote of ocevet at 6
    expect(book.currencies.get('oce')).toBe(2);
  });

  it('names units: the currencies of one market, generic words for several or unknown ones', () => {
    expect(unitsOf(book, ['vetusdt', 'vetusdt'])).toEqual({ base: 'VET', quote: 'USDT' });
    expect(unitsOf(book, ['vetusdt', 'btcusdt'])).toEqual({ base: 'base', quote: 'USDT' });
    expect(unitsOf(book, ['vetusdt', 'ocevet'])).toEqual({ base: 'base', quote: 'quote' });
    expect(unitsOf(book, ['nowhere'])).toEqual({ base: 'base', quote: 'quote' });
    expect(withUnit('Price', 'USDT')).toBe('Price (USDT)');
    expect(withUnit('Price', undefined)).toBe('Price');
  });
});

describe('decimals shown: the market’s precision, never fewer than the exchange sent', () => {
  it('drops only trailing zeros beyond the precision', () => {
    expect(significantDecimalsOf('12312.09000000')).toBe(2);
    expect(significantDecimalsOf('100000.0')).toBe(0);
    expect(significantDecimalsOf('0.025107')).toBe(6);
    expect(shownDecimals('12312.09000000', 2)).toBe(2);
    expect(shownDecimals('100000.0', 6)).toBe(6);
    expect(shownDecimals('100000.00000', 6)).toBe(6);
    // More significant digits than the precision: all of them are shown.
    expect(shownDecimals('0.0251071234', 6)).toBe(10);
    // Unknown market: exactly as written.
    expect(shownDecimals('0.02479', undefined)).toBe(5);
    expect(shownDecimals('abc', undefined)).toBe(0);
  });

  it('pads a value with digit-wide blanks so decimal points line up across precisions', () => {
    expect(formatAligned('12312.09', 2, 6)).toBe('12,312.09\u2007\u2007\u2007\u2007');
    expect(formatAligned('5', 0, 2)).toBe('5\u2008\u2007\u2007');
    expect(formatAligned('0.025107', 6, 6)).toBe('0.025107');
    expect(formatAligned('0.0251071234', 10, 6)).toBe('0.0251071234');
  });

  it('is linear on a long string of digits', () => {
    const long = `1.${'0'.repeat(100_000)}`;
    expect(significantDecimalsOf(long)).toBe(0);
  });
});
