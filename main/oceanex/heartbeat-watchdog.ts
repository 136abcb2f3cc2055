// The heartbeat watchdog of one connection: notices a server that has gone silent (a half-open TCP connection
// sends nothing and never closes), and a coalescer that lets at most a few heartbeat events per second through
// to the app, however fast a server pings.
//
// Hot path: every arriving frame costs one boolean store (`heard = true`); the watchdog's timer reads the flag.

/** The connection is dead after this many heartbeat intervals with nothing at all from the server… */
export const HEARTBEAT_MISSES = 3;
/** …plus a grace of half an interval, at most this much (latency, a busy server). */
export const MAX_HEARTBEAT_GRACE_MS = 5_000;

export class HeartbeatWatchdog {
  /** Something arrived since the watchdog's last look (set per frame; the watchdog clears it). */
  heard = false;
  /** When the watchdog last found `heard` set (performance.now()): never later than the last arrival. */
  private heardAt = 0;
  private intervalMs = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  /** `onSilent` runs once, after the watchdog stopped itself, with how long the server has been silent. */
  constructor(private readonly onSilent: (silentMs: number, intervalMs: number) => void) {}

  /**
   * (Re)arms for a server that sends something at least every `seconds`. It looks every half interval (at most
   * every 5 s) whether anything arrived since its last look; after HEARTBEAT_MISSES intervals plus a grace of
   * silence it calls onSilent.
   */
  start(seconds: number): void {
    this.stop();
    this.intervalMs = seconds * 1000;
    this.heard = false;
    this.heardAt = performance.now();
    const lookEveryMs = Math.max(100, Math.min(MAX_HEARTBEAT_GRACE_MS, this.intervalMs / 2));
    this.timer = setInterval(() => this.look(), lookEveryMs);
    this.timer.unref(); // never what keeps a finished process alive
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private look(): void {
    const now = performance.now();
    if (this.heard) {
      this.heard = false;
      this.heardAt = now;
      return;
    }
    const silentMs = now - this.heardAt;
    const limitMs = HEARTBEAT_MISSES * this.intervalMs + Math.min(MAX_HEARTBEAT_GRACE_MS, this.intervalMs / 2);
    if (silentMs < limitMs) return;
    this.stop();
    this.onSilent(silentMs, this.intervalMs);
  }
}

/**
 * Passes on at most one value per `minGapMs`: the first at once, later ones coalesced into the newest, delivered
 * when the gap has passed. 20 000 pings a second become about four heartbeat events, never a backlog.
 */
export class Coalescer<T> {
  private lastAt = Number.NEGATIVE_INFINITY;
  private held: { value: T } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly minGapMs: number,
    private readonly deliver: (value: T) => void,
  ) {}

  push(value: T): void {
    const now = performance.now();
    if (this.timer === undefined && now - this.lastAt >= this.minGapMs) {
      this.lastAt = now;
      this.deliver(value);
      return;
    }
    this.held = { value };
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const held = this.held;
      this.held = undefined;
      if (held === undefined) return;
      this.lastAt = performance.now();
      this.deliver(held.value);
    }, Math.max(1, this.minGapMs - (now - this.lastAt)));
    this.timer.unref();
  }

  /** Drops a held value (the session closed). */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.held = undefined;
  }
}
