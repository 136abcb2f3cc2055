// Matching an order create of unknown outcome against the exchange's listings.
import { describe, expect, it } from 'vitest';
import { asOrderCreateArgs, findMatchingOrder, orderSide, ordersOf } from '../../main/oceanex/reconcile';

const sentAt = 1_700_000_100_000; // ms
const args = { market: 'vetusdt', side: 'buy', price: 0.75, volume: 1000, ord_type: 'limit' };
const order = (id: number, over: Record<string, unknown> = {}) => ({
  id, market: 'vetusdt', side: 'bid', ord_type: 'limit', price: '0.75', volume: '1000.0', remaining_volume: '10.0', state: 'wait', created_on: 1_700_000_100, ...over,
});

describe('reconcile', () => {
  it('maps buy/sell to bid/ask and reads listings', () => {
    expect(orderSide('buy')).toBe('bid');
    expect(orderSide('sell')).toBe('ask');
    expect(ordersOf({ resources: [order(1), 'junk'], resources_count: 2 })).toHaveLength(1);
    expect(ordersOf('nonsense')).toEqual([]);
    expect(asOrderCreateArgs({ market: 'vetusdt', side: 'buy', price: '0.75', volume: 1, ord_type: 'limit' })).toBeUndefined();
  });

  it('matches market, side, price, original volume and ord_type, created no earlier than sentAt - skew', () => {
    const candidates = [
      order(1, { market: 'ethusdt' }),
      order(2, { side: 'ask' }),
      order(3, { price: '0.76' }),
      order(4, { volume: '999.0' }),
      order(5, { ord_type: 'market' }),
      order(6, { created_on: 1_700_000_100 - 31 }),
      order(7, { created_on: 1_700_000_101 }),
    ];
    expect(findMatchingOrder(args, sentAt, candidates, 30_000, new Set())?.['id']).toBe(7);
    expect(findMatchingOrder(args, sentAt, candidates.slice(0, 6), 30_000, new Set())).toBeUndefined();
    // With more skew tolerated, the older one qualifies and, being earlier, wins.
    expect(findMatchingOrder(args, sentAt, candidates, 60_000, new Set())?.['id']).toBe(6);
  });

  it('skips orders already claimed and falls back to created_at', () => {
    const a = order(8);
    const b = order(9, { created_on: undefined, created_at: '2023-11-14T22:15:01Z' });
    expect(findMatchingOrder(args, sentAt, [a, b], 30_000, new Set([8]))?.['id']).toBe(9);
    expect(findMatchingOrder(args, sentAt, [a, b], 30_000, new Set([8, 9]))).toBeUndefined();
  });

  it('ignores the price of market orders (the exchange sets it)', () => {
    const marketArgs = { ...args, ord_type: 'market' };
    expect(findMatchingOrder(marketArgs, sentAt, [order(10, { ord_type: 'market', price: '0.0' })], 30_000, new Set())?.['id']).toBe(10);
  });
});
