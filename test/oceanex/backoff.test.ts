// Reconnect back-off: exponential growth, cap, and jitter that stays within its bounds.
import { describe, expect, it } from 'vitest';
import { backoffDelay, baseDelay, DEFAULT_BACKOFF, resolveBackoff } from '../../main/oceanex/backoff';

describe('backoff', () => {
  const options = resolveBackoff({ initialMs: 100, maxMs: 5_000, factor: 2, jitter: 0.3 });

  it('grows exponentially from initialMs and stops at maxMs', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => baseDelay(a, options))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('takes the jittered fraction off the top: random 0 gives the base, random→1 gives base·(1-jitter)', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(400);
    expect(backoffDelay(3, options, () => 0.5)).toBe(340);
    expect(backoffDelay(3, options, () => 0.999999)).toBe(280);
    expect(backoffDelay(10, options, () => 0)).toBe(5_000);
    expect(backoffDelay(10, options, () => 0.999999)).toBe(3_500);
  });

  it('stays within [base·(1-jitter), base] for any random value, and never exceeds maxMs', () => {
    let seed = 42;
    const lcg = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let attempt = 1; attempt <= 20; attempt++) {
      const base = baseDelay(attempt, options);
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(attempt, options, lcg);
        expect(d).toBeGreaterThanOrEqual(Math.floor(base * 0.7));
        expect(d).toBeLessThanOrEqual(base);
        expect(d).toBeLessThanOrEqual(options.maxMs);
      }
    }
  });

  it('is spread out by jitter (not one value for everyone)', () => {
    const values = new Set([0, 0.25, 0.5, 0.75].map((r) => backoffDelay(4, options, () => r)));
    expect(values.size).toBe(4);
  });

  it('fills defaults and clamps nonsense', () => {
    expect(resolveBackoff(undefined)).toEqual(DEFAULT_BACKOFF);
    expect(resolveBackoff({ jitter: 7, factor: 0.5, initialMs: -1 })).toEqual({ initialMs: 0, maxMs: 30_000, factor: 1, jitter: 1 });
  });
});
