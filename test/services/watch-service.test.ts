// WatchService timing with a fake clock: every N seconds from the start of the last run, never two requests of a
// watch in flight, paused while disconnected (private choices: until logged in) and resumed at once after, nothing after stop. The host is scripted
// (each run waits until the test answers it) so in-flight overlap is observable.

import { describe, expect, it } from 'vitest';
import type { Result, RunOutcome, WatchInfo, WatchTick } from '../../shared/ipc/contract';
import { WatchService, type WatchClock } from '../../main/services/watch-service';

class FakeClock implements WatchClock {
  private t = 1_000_000;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((x) => x.id !== handle);
  };
  get pending(): number {
    return this.timers.length;
  }
  /** Moves time forward, firing due timers in order (with the promise jobs they start settling in between). */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.t = next.at;
      next.fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

function scriptedHost() {
  const calls: Array<{ at: number; answer: (r: Result<RunOutcome>) => void }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const host = {
    connected: true,
    loggedIn: false,
    run: (choice: number) =>
      new Promise<Result<RunOutcome>>((resolve) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        calls.push({
          at: clock.now(),
          answer: (r) => {
            inFlight -= 1;
            resolve(r);
          },
        });
        void choice;
      }),
  };
  const clock = new FakeClock();
  const ticks: WatchTick[] = [];
  const lists: WatchInfo[][] = [];
  const service = new WatchService(
    { run: (c) => host.run(c), ready: (c) => host.connected && (c !== 5 || host.loggedIn) },
    { tick: (t) => ticks.push(t), list: (l) => lists.push([...l]) },
    clock,
  );
  const ok = (): Result<RunOutcome> => ({ ok: true, value: { choice: 13, summary: 'received timestamp: 1' } });
  return { host, clock, service, calls, ticks, lists, ok, maxInFlight: () => maxInFlight };
}

describe('WatchService with a fake clock', () => {
  it('runs at once, then every interval from the start of the last run', async () => {
    const w = scriptedHost();
    w.service.start({ choice: 13, fields: {}, intervalMs: 5_000, keepRunning: false });
    expect(w.calls).toHaveLength(1);
    await w.clock.advance(200);
    w.calls[0]!.answer(w.ok()); // the reply took 200 ms
    await settle();
    await w.clock.advance(4_799);
    expect(w.calls).toHaveLength(1);
    await w.clock.advance(1);
    expect(w.calls).toHaveLength(2);
    expect(w.calls[1]!.at - w.calls[0]!.at).toBe(5_000);
    expect(w.ticks).toHaveLength(1);
    expect(w.ticks[0]).toMatchObject({ choice: 13, at: w.calls[0]!.at, outcome: { summary: 'received timestamp: 1' } });
  });

  it('never has two requests of a watch in flight: a slow reply delays the next run', async () => {
    const w = scriptedHost();
    w.service.start({ choice: 14, fields: { market: 'vetusdt' }, intervalMs: 1_000, keepRunning: false });
    await w.clock.advance(10_000);
    expect(w.calls).toHaveLength(1);
    expect(w.clock.pending).toBe(0);
    w.calls[0]!.answer({ ok: false, error: 'No reply within 10 s.' });
    await settle();
    await w.clock.advance(0); // overdue: runs right away
    expect(w.calls).toHaveLength(2);
    expect(w.maxInFlight()).toBe(1);
    expect(w.ticks[0]).toMatchObject({ error: 'No reply within 10 s.' });
  });

  it('pauses while disconnected and resumes as soon as the connection is back', async () => {
    const w = scriptedHost();
    const info = w.service.start({ choice: 13, fields: {}, intervalMs: 2_000, keepRunning: true });
    w.calls[0]!.answer(w.ok());
    await settle();
    w.host.connected = false;
    w.service.sessionChanged();
    expect(w.service.list()[0]!.state).toBe('paused');
    await w.clock.advance(60_000);
    expect(w.calls).toHaveLength(1);
    w.host.connected = true;
    w.service.sessionChanged();
    expect(w.calls).toHaveLength(2);
    expect(w.service.list()[0]).toMatchObject({ id: info.id, state: 'running', runs: 1 });
  });

  it('a private choice waits for the login (e.g. the re-login after a reconnect) instead of failing', async () => {
    const w = scriptedHost();
    w.service.start({ choice: 5, fields: {}, intervalMs: 1_000, keepRunning: false });
    expect(w.calls).toHaveLength(0);
    expect(w.service.list()[0]!.state).toBe('paused');
    await w.clock.advance(10_000);
    expect(w.calls).toHaveLength(0);
    w.host.loggedIn = true;
    w.service.sessionChanged();
    expect(w.calls).toHaveLength(1);
    expect(w.service.list()[0]!.state).toBe('running');
  });

  it('a tick that finds the connection gone pauses instead of sending', async () => {
    const w = scriptedHost();
    w.service.start({ choice: 13, fields: {}, intervalMs: 1_000, keepRunning: false });
    w.calls[0]!.answer(w.ok());
    await settle();
    w.host.connected = false; // no event yet: the timer finds out
    await w.clock.advance(5_000);
    expect(w.calls).toHaveLength(1);
    expect(w.service.list()[0]!.state).toBe('paused');
  });

  it('stops: no further run, and a reply still in flight publishes nothing', async () => {
    const w = scriptedHost();
    const info = w.service.start({ choice: 2, fields: {}, intervalMs: 1_000, keepRunning: false });
    expect(w.service.stop(info.id)).toEqual([]);
    w.calls[0]!.answer(w.ok());
    await w.clock.advance(10_000);
    expect(w.calls).toHaveLength(1);
    expect(w.ticks).toHaveLength(0);
    expect(w.lists.at(-1)).toEqual([]);
  });

  it('refuses order-changing choices, intervals under a second, and too many watches', () => {
    const w = scriptedHost();
    for (const choice of [1, 6, 7, 8, 16, 17, 99]) {
      expect(() => w.service.start({ choice, fields: {}, intervalMs: 5_000, keepRunning: false })).toThrow(/read-only/);
    }
    expect(() => w.service.start({ choice: 13, fields: {}, intervalMs: 999, keepRunning: false })).toThrow(/interval/);
    for (let i = 0; i < 8; i += 1) w.service.start({ choice: 13, fields: {}, intervalMs: 5_000, keepRunning: false });
    expect(() => w.service.start({ choice: 13, fields: {}, intervalMs: 5_000, keepRunning: false })).toThrow(/At most 8/);
  });
});
