// Reconnect delays: exponential growth with a cap and jitter, so many clients dropped at once by the same
// server restart do not all come back in the same millisecond.

import type { BackoffOptions } from './session-api';

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.3 };

export function resolveBackoff(partial: Partial<BackoffOptions> | undefined): BackoffOptions {
  const merged = { ...DEFAULT_BACKOFF, ...partial };
  return {
    initialMs: Math.max(0, merged.initialMs),
    maxMs: Math.max(0, merged.maxMs),
    factor: Math.max(1, merged.factor),
    jitter: Math.min(1, Math.max(0, merged.jitter)),
  };
}

/** The un-jittered delay before attempt `attempt` (1-based): initial · factor^(attempt-1), capped at maxMs. */
export function baseDelay(attempt: number, options: BackoffOptions): number {
  const exponent = Math.max(0, attempt - 1);
  return Math.min(options.maxMs, options.initialMs * Math.pow(options.factor, exponent));
}

/**
 * The delay before reconnect attempt `attempt` (1-based). The jittered fraction is taken off the top, so the
 * result lies in [base·(1-jitter), base] and never exceeds maxMs. `random` returns [0, 1), injectable for tests.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = baseDelay(attempt, options);
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(base * (1 - options.jitter * r));
}
