// A scenario run in the terminal's words: one line per step as it finishes, the failing assertion with expected vs
// actual under it, a summary, and the latency table. Names and values come from files and peers: shown printable.

import type { OrderStepSummary } from '../../shared/scenario/model';
import { describeDuration, tally, type LatencyRow, type ScenarioResult, type StepResult } from '../../shared/scenario/result';
import { printable } from '../cli/printable';

const LABEL = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

/** Milliseconds as a person reads them: one decimal. */
export function ms(value: number): string {
  return value.toFixed(1);
}

export function stepLines(step: StepResult): string[] {
  const rtt = step.rttMs !== undefined ? `${ms(step.rttMs)} ms` : step.status === 'skipped' ? '' : `${ms(step.durationMs)} ms`;
  const head = `  ${LABEL[step.status]}  ${String(step.index + 1).padStart(3)}  ${printable(step.name, 80).padEnd(36)} ${rtt.padStart(10)}${step.summary ? `  ${printable(step.summary, 120)}` : ''}`;
  const lines = [head.trimEnd()];
  if (step.error !== undefined) lines.push(`        ${printable(step.error, 500)}`);
  for (const f of step.failures) {
    lines.push(`        ✗ ${printable(f.assertion, 300)}`, `            expected: ${printable(f.expected, 300)}`, `            actual:   ${printable(f.actual, 300)}`);
  }
  return lines;
}

export function summaryLine(result: ScenarioResult): string {
  const c = tally(result.steps);
  const stopped = result.stopped === 'on-failure' ? ' (stopped: a step with stop_on_failure failed)' : result.stopped === 'by-request' ? ' (stopped)' : '';
  return `  ${result.passed ? 'passed' : 'FAILED'}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped in ${describeDuration(result.durationMs)}${stopped}`;
}

export function latencyLines(rows: readonly LatencyRow[]): string[] {
  if (rows.length === 0) return ['Latency: no round trips were measured.'];
  const width = Math.max(14, ...rows.map((r) => r.key.length));
  const cell = (v: number | string): string => (typeof v === 'number' ? ms(v) : v).padStart(9);
  return [
    `Latency (round trip, ms)`,
    `  ${'handler/action'.padEnd(width)}${cell('n')}${cell('p50')}${cell('p95')}${cell('p99')}${cell('max')}`,
    ...rows.map((r) => `  ${printable(r.key, 80).padEnd(width)}${String(r.n).padStart(9)}${cell(r.p50)}${cell(r.p95)}${cell(r.p99)}${cell(r.max)}`),
  ];
}

export function orderStepLines(file: string, steps: readonly OrderStepSummary[]): string[] {
  const what = { 6: 'new order', 7: 'cancel orders', 8: 'mass cancel (every open order)' } as Record<number, string>;
  return steps.map((s) => {
    const fields = Object.entries(s.fields).map(([k, v]) => `${k}=${printable(v, 60)}`).join(' ');
    return `  ${file}: step ${s.step + 1} "${printable(s.name, 60)}": ${what[s.choice]} (choice ${s.choice}${s.via === 'raw frame' ? ', raw frame' : ''})${fields ? ` ${fields}` : ''}`;
  });
}
