// The run's steps (status, round trip, failing checks with expected vs actual) and its latency table.
import type { StepOutline } from '../../../shared/scenario/outline';
import type { LatencyRow, StepResult } from '../../../shared/scenario/result';

const STATUS_WORDS = { passed: 'Passed', failed: 'Failed', skipped: 'Skipped' } as const;

interface StepsProps {
  readonly steps: readonly StepOutline[];
  readonly results: ReadonlyMap<number, StepResult>;
  readonly current: number | undefined;
}

export function StepTable({ steps, results, current }: StepsProps) {
  return (
    <table className="grid compact scenario-steps" data-testid="scenario-steps">
      <caption className="visually-hidden">Steps and their results</caption>
      <thead>
        <tr>
          <th scope="col" className="num">#</th>
          <th scope="col">Step</th>
          <th scope="col">Sends</th>
          <th scope="col">Result</th>
          <th scope="col" className="num" title="Round trip: from sending the request to its reply">
            RTT (ms)
          </th>
        </tr>
      </thead>
      <tbody>
        {steps.map((s) => {
          const r = results.get(s.index);
          const state = r?.status ?? (current === s.index ? 'running' : 'waiting');
          return (
            <StepRow key={s.index} step={s} result={r} state={state} />
          );
        })}
      </tbody>
    </table>
  );
}

function StepRow({ step, result, state }: { readonly step: StepOutline; readonly result: StepResult | undefined; readonly state: string }) {
  const words = state === 'running' ? 'Running…' : state === 'waiting' ? '' : STATUS_WORDS[state as keyof typeof STATUS_WORDS];
  const problems = result && result.status === 'failed' ? [...(result.error ? [result.error] : []), ...result.failures.map((f) => `${f.assertion} — expected ${f.expected}, actual ${f.actual}`)] : [];
  return (
    <tr className={`step-${state}`} data-step={step.index} data-status={state}>
      <td className="num">{step.index + 1}</td>
      <td>
        {step.name}
        {step.order ? <span className="chip warn order-chip">order</span> : null}
        {problems.length > 0 ? (
          <ul className="step-problems">
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        ) : null}
      </td>
      <td className="mono">{step.what}</td>
      <td>
        <span className={`step-status ${state}`}>
          {state === 'passed' ? '✓ ' : state === 'failed' ? '✗ ' : ''}
          {words}
        </span>
        {result?.summary ? <div className="muted step-summary">{result.summary}</div> : null}
      </td>
      <td className="num mono">{result?.rttMs !== undefined ? result.rttMs.toFixed(1) : ''}</td>
    </tr>
  );
}

export function LatencyTable({ rows }: { readonly rows: readonly LatencyRow[] }) {
  if (rows.length === 0) return null;
  return (
    <table className="grid compact latency" data-testid="latency-table">
      <caption>Latency per handler/action (round trip, ms)</caption>
      <thead>
        <tr>
          <th scope="col">Handler/action</th>
          <th scope="col" className="num">n</th>
          <th scope="col" className="num">p50</th>
          <th scope="col" className="num">p95</th>
          <th scope="col" className="num">p99</th>
          <th scope="col" className="num">max</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td className="mono">{r.key}</td>
            <td className="num mono">{r.n}</td>
            {[r.p50, r.p95, r.p99, r.max].map((v, i) => (
              <td key={i} className="num mono">
                {v.toFixed(1)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
