// The status bar's view of running watches: how many, and a list to stop them from anywhere.
import { useApi } from '../api';
import { usePopover } from '../hooks/usePopover';
import { PopoverTable } from '../components/PopoverTable';
import { useWatches } from '../hooks/useWatches';
import { plural } from '../numbers';

const COLUMNS = ['Choice', 'Every', 'Runs', 'State', ''] as const;

export function WatchStatus({ scope }: { readonly scope: string }) {
  const api = useApi();
  const { watches } = useWatches();
  const { open, toggle } = usePopover(scope);
  if (watches.length === 0) return null;
  const paused = watches.filter((w) => w.state === 'paused').length;
  return (
    <span className="sb-item sb-orders">
      <button type="button" className={`linklike ${paused > 0 ? 'warn' : ''}`} aria-expanded={open} onClick={toggle} data-testid="sb-watches">
        ⟳ {plural(watches.length, 'watch', 'watches')}
        {paused > 0 ? ` (${paused} paused)` : ''}
      </button>
      {open ? (
        <PopoverTable label="Watches" columns={COLUMNS}>
          {watches.map((w) => (
            <tr key={w.id}>
              <td>{w.label}</td>
              <td className="num">{w.intervalMs / 1000} s</td>
              <td className="num">{w.runs}</td>
              <td className={w.state === 'paused' ? 'warn' : 'ok'}>{w.state}</td>
              <td>
                <button type="button" className="small" onClick={() => void api.stopWatch(w.id)}>
                  Stop
                </button>
              </td>
            </tr>
          ))}
        </PopoverTable>
      ) : null}
    </span>
  );
}
