// What a run produced: per step pass/fail with its round trip and failures, and the latency table. Plain data (the
// app sends it over IPC and exports it as JSON), shared by the runner, the terminal client, JUnit and the screen.

import type { AssertionFailure } from './assert';

export type StepStatus = 'passed' | 'failed' | 'skipped';

export interface StepResult {
  readonly index: number;
  readonly name: string;
  readonly status: StepStatus;
  /** Wall time of the step, from its start to its last assertion. */
  readonly durationMs: number;
  /** Round trip of the request (send → reply), when one was answered. */
  readonly rttMs?: number;
  readonly handler?: string;
  readonly action?: string;
  readonly uuid?: string;
  /** The reply's summary line (the original client's words), when a reply came. */
  readonly summary?: string;
  /** Why the step failed before or instead of its assertions (not sent, timeout, connection lost…). */
  readonly error?: string;
  readonly failures: readonly AssertionFailure[];
  /** How many checks ran. */
  readonly checked: number;
  /** The frame sent (signature redacted) and the reply frame as received, for the JSON export and the screen. */
  readonly sent?: unknown;
  readonly reply?: unknown;
}

export interface LatencyRow {
  /** "handler/action", e.g. "OrderHandler/create". */
  readonly key: string;
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface ScenarioResult {
  readonly name: string;
  readonly file?: string;
  /** Epoch ms. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly endpoint: string;
  readonly steps: readonly StepResult[];
  readonly passed: boolean;
  /** The run was stopped (the person pressed Stop, or a step with stop_on_failure failed). */
  readonly stopped: 'by-request' | 'on-failure' | undefined;
  readonly latency: readonly LatencyRow[];
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The latency table: one row per handler/action, in order of first use. */
export function latencyTable(steps: readonly StepResult[]): LatencyRow[] {
  const byKey = new Map<string, number[]>();
  for (const step of steps) {
    if (step.rttMs === undefined || step.handler === undefined || step.action === undefined) continue;
    const key = `${step.handler}/${step.action}`;
    const list = byKey.get(key) ?? [];
    list.push(step.rttMs);
    byKey.set(key, list);
  }
  return [...byKey].map(([key, values]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { key, n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1]! };
  });
}

/** Counts for a one-line summary. */
export function tally(steps: readonly StepResult[]): { passed: number; failed: number; skipped: number } {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const s of steps) {
    if (s.status === 'passed') passed++;
    else if (s.status === 'failed') failed++;
    else skipped++;
  }
  return { passed, failed, skipped };
}

/** A run's length as a person reads it: "45 ms" under a second, "2.31 s" above. */
export function describeDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
