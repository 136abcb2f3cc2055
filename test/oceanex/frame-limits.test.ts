import { describe, expect, it } from 'vitest';
import { describeBytes, jsonDeeperThan } from '../../main/oceanex/frame-limits';
import { Coalescer } from '../../main/oceanex/heartbeat-watchdog';
import { delay } from './session-helpers';

describe('frame limits', () => {
  it('measures nesting depth, ignoring brackets inside strings (escaped quotes included)', () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(jsonDeeperThan(deep(10), 10)).toBe(false);
    expect(jsonDeeperThan(deep(11), 10)).toBe(true);
    expect(jsonDeeperThan(`{"a":"${'['.repeat(50)}","b":"\\"[[[[[[[[[[[["}`, 10)).toBe(false);
    expect(jsonDeeperThan(`[{"a":[{"b":[1]}]}]`, 4)).toBe(true);
    expect(jsonDeeperThan(deep(100_000))).toBe(true);
    expect(jsonDeeperThan('{"short":1}')).toBe(false);
  });

  it('describes sizes in plain words', () => {
    expect(describeBytes(16 * 1024 * 1024)).toBe('16 MB');
    expect(describeBytes(1536)).toBe('1.5 kB');
    expect(describeBytes(27)).toBe('27 bytes');
  });
});

describe('Coalescer', () => {
  it('passes the first value at once and the newest of a burst after the gap, nothing in between', async () => {
    const seen: number[] = [];
    const c = new Coalescer<number>(100, (v) => seen.push(v));
    for (let i = 1; i <= 1000; i += 1) c.push(i);
    expect(seen).toEqual([1]);
    await delay(150);
    expect(seen).toEqual([1, 1000]);
    c.push(1001);
    c.cancel();
    await delay(150);
    expect(seen).toEqual([1, 1000]);
  });
});
