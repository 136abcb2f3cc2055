// How the terminal client reads a prompt line: as ws_client.py read it (spaces removed, split at commas, its count
// check, its int()/str conversions), with our checks as warnings for read-only choices and as refusals for orders.

import { describe, expect, it } from 'vitest';
import { choiceById } from '../../shared/oceanex/catalogue';
import { originalCancelEcho, originalPieces, pythonInt, readPromptLine } from '../../main/cli/original-read';

const read = (id: Parameters<typeof choiceById>[0], line: string) => readPromptLine(choiceById(id)!, line);

describe('reading a prompt line as ws_client.py did', () => {
  it('splits like line.replace(" ", "").split(","): every space goes, tabs stay, an empty line is one piece', () => {
    expect(originalPieces('vet usdt, 2 , 6')).toEqual(['vetusdt', '2', '6']);
    expect(originalPieces('')).toEqual(['']);
    expect(originalPieces(',,,')).toEqual(['', '', '', '']);
    expect(originalPieces('a\t,b')).toEqual(['a\t', 'b']);
  });

  it("converts like Python's int(): sign, leading zeros, underscores, surrounding whitespace; too large is said so", () => {
    expect(pythonInt('007')).toBe(7);
    expect(pythonInt('+5')).toBe(5);
    expect(pythonInt('-1')).toBe(-1);
    expect(pythonInt('1_000')).toBe(1000);
    expect(pythonInt('\t3\t')).toBe(3);
    for (const bad of ['', 'two', '1.5', '1__0', '_1', '1_', '0x10', '1e3']) expect(pythonInt(bad), bad).toBeUndefined();
    expect(pythonInt('99999999999999999999')).toBe('too-large');
    // Linear at the line-size cap, whatever the text.
    const started = performance.now();
    expect(pythonInt(`${'1_'.repeat(2047)}x`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('echoes choice 7 ids up to the first that int() refused, as the original printed them', () => {
    expect(originalCancelEcho('7830, 999998')).toEqual(['7830', '999998']);
    expect(originalCancelEcho('18, x, 19')).toEqual(['18', 'x']);
    expect(originalCancelEcho(',,,')).toEqual(['']);
    expect(originalCancelEcho('')).toEqual(['']);
  });

  it("refuses a wrong count with the original's numbers, for every prompt but choice 7's", () => {
    expect(read('kline', 'vetusdt, 30')).toEqual({
      kind: 'count',
      expected: 3,
      received: 2,
      message: 'Expected 3 values separated by commas, got 2: MARKET_ID,LIMIT,PERIOD (example: vetusdt, 30, 5)',
    });
    expect(read('kline', '')).toMatchObject({ kind: 'count', expected: 3, received: 1, message: expect.stringContaining('got 1 (an empty line)') });
    expect(read('orderDetails', '23, 24')).toMatchObject({ kind: 'count', expected: 1, received: 2, message: expect.stringMatching(/^Expected one value, without commas, got 2: OID/) });
    expect(read('newOrder', 'vetusdt, buy, 0.75, 1000')).toMatchObject({ kind: 'count', expected: 5, received: 4 });
  });

  it('sends what the original sent for read-only choices, with our objection as a warning', () => {
    expect(read('orderBook', 'vet usdt, 0, 6')).toEqual({ kind: 'values', values: { market: 'vetusdt', level: 0, precision: 6 }, warnings: ['Level (depth) must be at least 1'] });
    expect(read('kline', 'vetusdt,30,7')).toEqual({
      kind: 'values',
      values: { market: 'vetusdt', limit: 30, period: 7 },
      warnings: ['Period (minutes) must be one of: 1, 5, 15, 30, 60, 120, 240, 360, 720, 1440, 4320, 10080'],
    });
    expect(read('kline', 'vetusdt, +30, 05')).toEqual({ kind: 'values', values: { market: 'vetusdt', limit: 30, period: 5 }, warnings: [] });
    expect(read('historyOrders', '')).toEqual({ kind: 'values', values: { market: '' }, warnings: ['Market is required (example: vetusdt)'] });
    expect(read('openOrders', 'vetusdt, stop')).toEqual({ kind: 'values', values: { market: 'vetusdt', ord_type: 'stop' }, warnings: ['Order type must be one of: limit, market'] });
    // Order ids of 10 and 11 went out as the text typed: a number when it is one (the spec's form), else the text.
    expect(read('orderDetails', '23')).toEqual({ kind: 'values', values: { id: 23 }, warnings: [] });
    expect(read('historyOrder', 'abc')).toEqual({ kind: 'values', values: { id: 'abc' }, warnings: ['Order id: "abc" is not a whole number (example: 23)'] });
  });

  it("refuses where the original's int() failed (it sent nothing), naming the field", () => {
    expect(read('orderBook', 'vetusdt, two, 6')).toEqual({ kind: 'invalid', errors: ['Level (depth): "two" is not a whole number (example: 2)'] });
    expect(read('orderBook', 'vetusdt, , 6')).toEqual({ kind: 'invalid', errors: ['Level (depth) is required (example: 2)'] });
    expect(read('kline', 'vetusdt, 99999999999999999999, 5')).toEqual({ kind: 'invalid', errors: ['Limit (candles): 99999999999999999999 is too large (at most 9007199254740991)'] });
  });

  it('keeps the validation of orders and cancels, but takes a market order at price 0', () => {
    expect(read('newOrder', 'vetusdt, buy, , 10, market')).toEqual({ kind: 'invalid', errors: ['Price is required (example: 0.75)'] });
    expect(read('newOrder', 'vetusdt, buy, 1 5, 10, limit')).toMatchObject({ kind: 'invalid', errors: ['Price: "1 5" is not a plain decimal number (example: 0.75)'] });
    expect(read('newOrder', 'vetusdt, buy, 0, 10, market')).toEqual({ kind: 'values', values: { market: 'vetusdt', side: 'buy', price: 0, volume: 10, ord_type: 'market' }, warnings: [] });
    expect(read('newOrder', 'vetusdt, buy, 0, 10, limit')).toMatchObject({ kind: 'invalid' });
    expect(read('cancelOrders', ',,,')).toEqual({ kind: 'invalid', errors: ['Order ids: ",,," holds no order id (example: 18,19,23)'] });
    expect(read('cancelOrders', '')).toEqual({ kind: 'invalid', errors: ['Order ids is required (example: 18,19,23)'] });
    expect(read('cancelOrders', '7830, 999998')).toEqual({ kind: 'values', values: { ids: [7830, 999998] }, warnings: [] });
  });
});
