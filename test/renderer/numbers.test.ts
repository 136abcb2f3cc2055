// The one number formatter: exact decimal text, one precision per column, grouping, chart price format.
import { describe, expect, it } from 'vitest';
import { addDecimals, chartPriceFormat, columnDecimals, decimalsOf, formatDecimal, formatPercent, marketDecimals, plural } from '../../renderer/src/numbers';
import { candlePrecision } from '../../renderer/src/results/KlineView';

describe('numbers', () => {
  it('counts the decimals a value is written with', () => {
    expect(decimalsOf('0.02516')).toBe(5);
    expect(decimalsOf('100000.0')).toBe(1);
    expect(decimalsOf(3)).toBe(0);
    expect(decimalsOf('1e-7')).toBe(7);
    expect(decimalsOf('1.25E-3')).toBe(5);
    expect(decimalsOf('2.5e3')).toBe(0);
    expect(decimalsOf(' 7.10 ')).toBe(2);
    expect(decimalsOf('abc')).toBeNaN();
    expect(decimalsOf(undefined)).toBeNaN();
  });

  it('gives a column the most decimals any of its values carries, capped at 8', () => {
    expect(columnDecimals(['0.02516', '0.0252', '1'])).toBe(5);
    expect(columnDecimals(['0.000000001'])).toBe(8);
    expect(columnDecimals(['x', undefined], 2)).toBe(2);
  });

  it('gives a market\'s column its precision, widened to any significant digit a value carries', () => {
    expect(marketDecimals(['0.0123', '0.012'], 6)).toBe(6);
    expect(marketDecimals(['0.01234567'], 6)).toBe(8); // nothing rounded away
    expect(marketDecimals(['12.50000000'], 2)).toBe(2); // trailing zeros are not digits the market lacks
    expect(marketDecimals(['0.0123'], undefined)).toBe(4); // no market known: what the values carry
    expect(marketDecimals(['0.000000000001'], 6, 8)).toBe(8);
  });

  it('draws candles at the market\'s price precision: candle prices are JSON numbers, without trailing zeros', () => {
    const candles = [[1700000000, 0.0123, 0.0125, 0.012, 0.0124, 100]];
    expect(candlePrecision(candles)).toBe(4); // only what the numbers show
    expect(candlePrecision(candles, 6)).toBe(6); // vetusdt: 0.012300
    expect(candlePrecision([[1700000000, 1.123456789, 1, 1, 1, 0]], 6)).toBe(8); // the chart's limit
    expect(candlePrecision([], undefined)).toBe(2);
  });

  it('formats grouped at a fixed precision, from the exact text', () => {
    expect(formatDecimal('15903.94', 4)).toBe('15,903.9400');
    expect(formatDecimal('100000.0', 2)).toBe('100,000.00');
    expect(formatDecimal('0.025', 6)).toBe('0.025000');
    // More digits than a double holds: the text's digits, not the float's.
    expect(formatDecimal('12345678901234.12345678', 8)).toBe('12,345,678,901,234.12345678');
    expect(formatDecimal('0.125', 2)).toBe('0.13');
    expect(formatDecimal(-1234.5, 1)).toBe('-1,234.5');
    expect(formatDecimal('', 2)).toBe('');
    expect(formatDecimal('n/a', 2)).toBe('');
    expect(formatDecimal(NaN, 2)).toBe('');
  });

  it('writes a signed percentage with a unit, and counts in words', () => {
    expect(formatPercent('1.2834')).toBe('+1.28 %');
    expect(formatPercent(-0.06)).toBe('\u22120.06 %');
    expect(formatPercent('0.001')).toBe('0.00 %');
    expect(formatPercent('x')).toBe('');
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(1200, 'row')).toBe('1,200 rows');
  });

  it('adds decimal texts exactly', () => {
    expect(addDecimals('0.1', '0.2')).toBe('0.3');
    expect(addDecimals('100000.0', '0')).toBe('100000.0');
    expect(addDecimals('-1.5', '0.25')).toBe('-1.25');
    expect(addDecimals('1', 'x')).toBe('');
  });

  it("builds lightweight-charts' priceFormat from a precision", () => {
    expect(chartPriceFormat(5)).toEqual({ type: 'price', precision: 5, minMove: 0.00001 });
    expect(chartPriceFormat(0)).toEqual({ type: 'price', precision: 0, minMove: 1 });
    expect(chartPriceFormat(12).precision).toBe(8);
  });
});
