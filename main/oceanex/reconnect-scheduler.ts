// When to try again after a drop: one timer at a time, the attempt number and its back-off delay, and the
// countdown the session announces ('reconnect-scheduled'). The session says whether reconnecting is allowed at all
// and when a connection was healthy enough for the back-off to start over.

import { backoffDelay } from './backoff';
import type { BackoffOptions, SessionEvent, SessionLogger } from './session-api';

export interface ReconnectDeps {
  readonly backoff: BackoffOptions;
  readonly logger: SessionLogger;
  /** Wall clock, for the announced time of the next attempt. */
  readonly now: () => number;
  /** False while reconnecting is off (disposed, disconnected on purpose, told not to by the server). */
  readonly allowed: () => boolean;
  readonly connect: () => Promise<void>;
  readonly emit: (event: SessionEvent) => void;
}

export class ReconnectScheduler {
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly deps: ReconnectDeps) {}

  /** Schedules the next attempt (unless one is scheduled or reconnecting is not allowed); a failed one schedules the next. */
  schedule(): void {
    const { deps } = this;
    if (!deps.allowed() || this.timer !== undefined) return;
    this.attempt += 1;
    const attempt = this.attempt;
    const delayMs = backoffDelay(attempt, deps.backoff);
    deps.logger.info(`Reconnecting in ${delayMs} ms (attempt ${attempt})`);
    deps.emit({ type: 'reconnect-scheduled', attempt, delayMs, at: deps.now() + delayMs });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      deps.connect().catch((e: unknown) => {
        deps.logger.warn(`Reconnect attempt ${attempt} failed: ${e instanceof Error ? e.message : String(e)}`);
        this.schedule();
      });
    }, delayMs);
  }

  /** No attempt pending, and the next drop starts the back-off from the beginning. */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.attempt = 0;
  }

  /** A healthy connection earned a fresh back-off. */
  startOver(): void {
    this.attempt = 0;
  }
}
