// Round trip per step as bars (green passed, red failed), drawn in SVG: no chart library needed for one series.
import type { StepOutline } from '../../../shared/scenario/outline';
import type { StepResult } from '../../../shared/scenario/result';
import { plural } from '../numbers';

const HEIGHT = 140;
const TOP = 12;
const BOTTOM = 22;
const LEFT = 44;
const CHART_WIDTH = 560;

interface Props {
  readonly steps: readonly StepOutline[];
  readonly results: ReadonlyMap<number, StepResult>;
}

/** A round number at or above `max`, so the axis reads 5, 10, 20, 50… ms. */
function niceCeiling(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * power >= max) return m * power;
  return 10 * power;
}

export function RttChart({ steps, results }: Props) {
  const measured = steps.map((s) => results.get(s.index)).filter((r): r is StepResult => r?.rttMs !== undefined);
  if (measured.length === 0) return <p className="muted">Round trips appear here as steps are answered.</p>;
  const top = niceCeiling(Math.max(...measured.map((r) => r.rttMs!)));
  // Drawn at a fixed width and scaled to the panel (viewBox): bars stay side by side at any window size.
  const slot = Math.max(6, Math.min(28, (CHART_WIDTH - LEFT - 8) / steps.length));
  const width = LEFT + slot * steps.length + 8;
  const plot = HEIGHT - TOP - BOTTOM;
  const y = (ms: number) => TOP + plot - (ms / top) * plot;
  const slowest = measured.reduce((a, b) => (b.rttMs! > a.rttMs! ? b : a));
  const label = `Round trip per step: ${measured.length} of ${plural(steps.length, 'step')} answered, slowest step ${slowest.index + 1} "${slowest.name}" at ${slowest.rttMs!.toFixed(1)} ms`;
  return (
    <figure className="rtt-chart">
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} style={{ width: '100%', maxWidth: width, height: 'auto' }} role="img" aria-label={label} data-testid="rtt-chart">
        <title>{label}</title>
        {[0, top / 2, top].map((t) => (
          <g key={t}>
            <line x1={LEFT - 4} x2={width} y1={y(t)} y2={y(t)} className="rtt-grid" />
            <text x={LEFT - 6} y={y(t) + 4} textAnchor="end" className="rtt-axis">
              {t === 0 || t >= 10 ? t.toFixed(0) : t.toFixed(1)}
            </text>
          </g>
        ))}
        {steps.map((s, i) => {
          const r = results.get(s.index);
          const x = LEFT + i * slot + 1;
          if (r?.rttMs === undefined) return null;
          return (
            <rect key={s.index} x={x} y={y(r.rttMs)} width={Math.max(2, slot - 3)} height={Math.max(1, y(0) - y(r.rttMs))} className={r.status === 'failed' ? 'rtt-bar failed' : 'rtt-bar'}>
              <title>{`Step ${s.index + 1} ${s.name}: ${r.rttMs.toFixed(1)} ms (${r.status})`}</title>
            </rect>
          );
        })}
        {steps.map((s, i) =>
          steps.length <= 40 || i % Math.ceil(steps.length / 40) === 0 ? (
            <text key={s.index} x={LEFT + i * slot + slot / 2} y={HEIGHT - 6} textAnchor="middle" className="rtt-axis">
              {s.index + 1}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="muted">Round trip (ms) per step; red: the step failed</figcaption>
    </figure>
  );
}
