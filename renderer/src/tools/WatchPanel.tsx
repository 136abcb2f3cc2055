// Watch mode on a read-only choice's screen: re-run every N seconds in main, the latest reply with changed cells
// highlighted, paused while disconnected. Leaving the screen stops the watch unless "keep running" is ticked.
// One result on the screen: the screen's own reply until the watch has one, then the watch's, in the same place.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ChoiceSpec } from '../../../shared/oceanex/catalogue';
import { useApi } from '../api';
import { useRunnerContext } from '../hooks/runnerContext';
import { useFlashChanges } from '../hooks/useFlashChanges';
import { fieldsOf } from '../hooks/useRunner';
import { useWatches } from '../hooks/useWatches';
import { ReplyView } from '../results/ReplyView';
import { plural } from '../numbers';
import '../styles/tools.css';

/** Choices that only read (main refuses the others too). */
export const WATCHABLE: ReadonlySet<number> = new Set([2, 3, 4, 5, 9, 10, 11, 12, 13, 14, 15]);

export function WatchPanel({ choice, screenResult }: { readonly choice: ChoiceSpec; readonly screenResult: ReactNode }) {
  const api = useApi();
  const { runner } = useRunnerContext();
  const { watches, ticks } = useWatches();
  const [seconds, setSeconds] = useState('5');
  const [keepRunning, setKeepRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const watch = watches.find((w) => w.choice === choice.number);
  const tick = watch ? ticks.get(watch.id) : undefined;
  const resultRef = useRef<HTMLDivElement>(null);
  const changed = useFlashChanges(resultRef, tick?.at);

  // Closing the screen stops its watches, unless the person asked to keep them running.
  const latest = useRef(watches);
  useEffect(() => {
    latest.current = watches;
  }, [watches]);
  useEffect(
    () => () => {
      for (const w of latest.current) if (w.choice === choice.number && !w.keepRunning) void api.stopWatch(w.id);
    },
    [api, choice.number],
  );

  if (!WATCHABLE.has(choice.number)) return <>{screenResult}</>;
  const start = async () => {
    const s = Number(seconds);
    if (!Number.isFinite(s) || s < 1 || s > 3600) {
      setError('The interval is a number of seconds from 1 to 3600.');
      return;
    }
    setError(null);
    const r = await api.startWatch({ choice: choice.number, fields: fieldsOf(runner.states, choice), intervalMs: Math.round(s * 1000), keepRunning });
    if (!r.ok) setError(r.error);
  };
  return (
    <>
      <div ref={resultRef} data-testid="watch-result">
        {watch && tick?.outcome ? <ReplyView outcome={tick.outcome} receivedAt={tick.at} /> : screenResult}
      </div>
    <section className="watch" aria-label="Watch" data-testid="watch">
      <div className="watch-bar">
        {watch ? (
          <>
            <span className={`chip ${watch.state === 'paused' ? 'warn' : 'ok'}`} data-testid="watch-state">
              {watch.state === 'paused'
                ? `Paused: waiting for the connection${choice.private ? ' and login' : ''}`
                : `Watching every ${watch.intervalMs / 1000} s`}
            </span>
            <span className="muted" data-testid="watch-runs">
              {plural(watch.runs, 'run')}
              {changed.cells > 0 ? ` · ${plural(changed.cells, 'cell')} changed` : ''}
              {changed.rowsAdded > 0 ? ` · ${plural(changed.rowsAdded, 'new row')}` : ''}
            </span>
            {watch.keepRunning ? <span className="muted">keeps running after you leave</span> : null}
            <button type="button" onClick={() => void api.stopWatch(watch.id)} data-testid="watch-stop">
              Stop watching
            </button>
          </>
        ) : (
          <>
            <label>
              Re-run every{' '}
              <input className="watch-seconds" type="number" min={1} max={3600} step={1} value={seconds} onChange={(e) => setSeconds(e.target.value)} aria-label="Watch interval in seconds" />{' '}
              s
            </label>
            <label>
              <input type="checkbox" checked={keepRunning} onChange={(e) => setKeepRunning(e.target.checked)} /> keep running when I leave this screen
            </label>
            <button type="button" onClick={() => void start()} data-testid="watch-start">
              Watch
            </button>
          </>
        )}
      </div>
      {error ? (
        <div className="error-box" role="alert">
          {error}
        </div>
      ) : null}
      {watch && tick?.error ? (
        <div className="error-box" role="alert" data-testid="watch-error">
          <strong>Last run not completed.</strong> {tick.error}
        </div>
      ) : null}
    </section>
    </>
  );
}
