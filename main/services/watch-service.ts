// Watch mode: re-runs a read-only choice every N seconds. OceanEx has no subscriptions (one reply per request), so
// watching means asking again, politely: at most one request of a watch in flight (the next is scheduled only
// after the previous finished), never faster than once a second, paused while disconnected (for a private choice:
// while not logged in) and resumed as soon as that changes.
// Lives in main so a watch survives screen changes and the open-orders watch can raise OS notifications.
// Plain Node with an injectable clock: the tests drive it with a fake one.

import type { Result, RunOutcome, WatchInfo, WatchStart, WatchTick } from '../../shared/ipc/contract';
import { choiceByNumber } from '../../shared/oceanex/catalogue';
import { MAX_WATCH_INTERVAL_MS, MIN_WATCH_INTERVAL_MS } from '../../shared/ipc/schemas';

/** Choices that only read: the only ones a watch may repeat. */
export const WATCHABLE_CHOICES: ReadonlySet<number> = new Set([2, 3, 4, 5, 9, 10, 11, 12, 13, 14, 15]);
/** More than this many watches at once is more load than a person can read. */
export const MAX_WATCHES = 8;

export interface WatchClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: WatchClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface WatchHost {
  /** Runs a choice exactly like the person's own request (SessionService.run). */
  run(choice: number, fields: Readonly<Record<string, string | undefined>>): Promise<Result<RunOutcome>>;
  /** Whether this choice can be sent now: the socket is open, and for a private choice the session is logged in. */
  ready(choice: number): boolean;
}

/** Sees every tick after it was published (the open-orders watcher's notifications hook in here). */
export type TickObserver = (tick: WatchTick, watch: WatchInfo) => Promise<void> | void;

interface Watch {
  info: WatchInfo;
  timer: unknown;
  inFlight: boolean;
  stopped: boolean;
}

export class WatchService {
  private readonly watches = new Map<string, Watch>();
  private nextId = 1;
  private readonly observers: TickObserver[] = [];

  constructor(
    private readonly host: WatchHost,
    private readonly publish: { tick(tick: WatchTick): void; list(watches: readonly WatchInfo[]): void },
    private readonly clock: WatchClock = systemClock,
  ) {}

  observe(observer: TickObserver): void {
    this.observers.push(observer);
  }

  list(): WatchInfo[] {
    return [...this.watches.values()].map((w) => w.info);
  }

  start(start: WatchStart): WatchInfo {
    const choice = choiceByNumber(start.choice);
    if (!choice || !WATCHABLE_CHOICES.has(start.choice)) {
      throw new Error(`Only read-only choices can be watched (2–5, 9–15); choice ${start.choice} cannot.`);
    }
    if (!Number.isInteger(start.intervalMs) || start.intervalMs < MIN_WATCH_INTERVAL_MS || start.intervalMs > MAX_WATCH_INTERVAL_MS) {
      throw new Error(`The watch interval must be a whole number of ms from ${MIN_WATCH_INTERVAL_MS} to ${MAX_WATCH_INTERVAL_MS}.`);
    }
    if (this.watches.size >= MAX_WATCHES) throw new Error(`At most ${MAX_WATCHES} watches can run at once; stop one first.`);
    const id = `w${this.nextId++}`;
    const watch: Watch = {
      info: { ...start, fields: { ...start.fields }, id, label: `${choice.number} ${choice.label}`, state: 'running', runs: 0, startedAt: this.clock.now() },
      timer: undefined,
      inFlight: false,
      stopped: false,
    };
    this.watches.set(id, watch);
    this.tick(watch);
    this.changed();
    return watch.info;
  }

  stop(id: string): WatchInfo[] {
    const watch = this.watches.get(id);
    if (watch) {
      watch.stopped = true;
      this.clearTimer(watch);
      this.watches.delete(id);
      this.changed();
    }
    return this.list();
  }

  stopAll(): void {
    for (const id of [...this.watches.keys()]) this.stop(id);
  }

  /** The session's state changed: paused watches that can run now run at once, the others pause. */
  sessionChanged(): void {
    let changed = false;
    for (const watch of this.watches.values()) {
      const ready = this.host.ready(watch.info.choice);
      if (ready && watch.info.state === 'paused' && !watch.inFlight) {
        this.tick(watch);
        changed = true;
      } else if (!ready && watch.info.state === 'running' && !watch.inFlight) {
        this.clearTimer(watch);
        watch.info = { ...watch.info, state: 'paused' };
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  private tick(watch: Watch): void {
    watch.timer = undefined;
    if (watch.stopped || watch.inFlight) return;
    if (!this.host.ready(watch.info.choice)) {
      if (watch.info.state !== 'paused') {
        watch.info = { ...watch.info, state: 'paused' };
        this.changed();
      }
      return;
    }
    if (watch.info.state !== 'running') {
      watch.info = { ...watch.info, state: 'running' };
      this.changed();
    }
    watch.inFlight = true;
    const startedAt = this.clock.now();
    void this.runOnce(watch, startedAt).finally(() => {
      watch.inFlight = false;
      if (watch.stopped) return;
      // Every N seconds from the start of the last run; a slow reply never makes two overlap.
      const delay = Math.max(0, startedAt + watch.info.intervalMs - this.clock.now());
      watch.timer = this.clock.setTimeout(() => this.tick(watch), delay);
    });
  }

  private async runOnce(watch: Watch, at: number): Promise<void> {
    let result: Result<RunOutcome>;
    try {
      result = await this.host.run(watch.info.choice, watch.info.fields);
    } catch (error) {
      result = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (watch.stopped) return;
    watch.info = { ...watch.info, runs: watch.info.runs + 1, lastAt: at };
    const tick: WatchTick = result.ok
      ? { id: watch.info.id, choice: watch.info.choice, at, outcome: result.value }
      : { id: watch.info.id, choice: watch.info.choice, at, error: result.error };
    this.publish.tick(tick);
    this.changed();
    for (const observer of this.observers) {
      try {
        await observer(tick, watch.info);
      } catch {
        // An observer's failure (e.g. a notification that could not be shown) never stops the watch.
      }
    }
  }

  private clearTimer(watch: Watch): void {
    if (watch.timer !== undefined) this.clock.clearTimeout(watch.timer);
    watch.timer = undefined;
  }

  private changed(): void {
    this.publish.list(this.list());
  }
}
