import { describe, expect, it } from 'vitest';
import { ceilTo, div, floorTo, formatAmount, mul, parseAmount, amount } from '../../main/sandbox/money';

describe('money', () => {
  it('parses decimal strings and JSON numbers exactly', () => {
    expect(parseAmount('0.75')).toBe(750_000_000_000_000_000n);
    expect(parseAmount(1000)).toBe(1000n * 10n ** 18n);
    expect(parseAmount(0.1)).toBe(10n ** 17n);
    expect(parseAmount(1e-7)).toBe(10n ** 11n);
    expect(parseAmount('1.5e3')).toBe(1500n * 10n ** 18n);
    expect(parseAmount('-2.5')).toBe(-25n * 10n ** 17n);
    expect(parseAmount('.5')).toBe(5n * 10n ** 17n);
    expect(parseAmount('1.000000000000000000000')).toBe(10n ** 18n);
  });

  it('rejects what is not a finite decimal within 18 places', () => {
    for (const bad of ['', 'abc', '1.2.3', '1,5', 'NaN', NaN, Infinity, '0.0000000000000000001', null, {}, [], true]) {
      expect(parseAmount(bad)).toBeUndefined();
    }
  });

  it('formats with trailing zeros trimmed and at least one decimal', () => {
    expect(formatAmount(amount('1000'))).toBe('1000.0');
    expect(formatAmount(amount('0.750'))).toBe('0.75');
    expect(formatAmount(amount('-0.001'))).toBe('-0.001');
    expect(formatAmount(0n)).toBe('0.0');
  });

  it('multiplies, divides and rounds without floating point error', () => {
    expect(formatAmount(mul(amount('0.1'), amount('0.2')))).toBe('0.02');
    expect(formatAmount(mul(amount('0.000001'), amount('1000.25')))).toBe('0.00100025');
    expect(formatAmount(div(amount('1'), amount('3')))).toBe('0.333333333333333333');
    expect(formatAmount(floorTo(amount('1.239'), 2))).toBe('1.23');
    expect(formatAmount(ceilTo(amount('1.231'), 2))).toBe('1.24');
    expect(formatAmount(ceilTo(amount('1.23'), 2))).toBe('1.23');
    expect(formatAmount(floorTo(amount('-1.231'), 2))).toBe('-1.24');
  });
});
