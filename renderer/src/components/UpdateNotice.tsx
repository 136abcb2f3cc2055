// The self-updater in the status bar, quiet until there is something to say: the app's version (opens a small panel
// with "Check now" and the automatic-checks setting), then "Update X available" with its release notes, a progress
// bar while downloading, "Restart to update" — which says why it waits while an order's outcome is unknown or a
// request is in flight — and plain messages for no network, a bad signature or a checksum mismatch.
import { useState } from 'react';
import { formatDateTime } from '../format';
import { usePopover } from '../hooks/usePopover';
import type { UpdateStatus } from '../../../shared/ipc/contract';
import { useApi } from '../api';
import { useMainValue } from '../hooks/useMainValue';
import { useNow } from '../hooks/useNow';

/** How long "You have the latest version" stays after a check. */
const RESULT_VISIBLE_MS = 15_000;

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} B`;
}

export function UpdateNotice({ scope }: { readonly scope: string }) {
  const api = useApi();
  const [status, setStatus] = useMainValue(api.onUpdate, api.updateStatus);
  const { open, toggle, close } = usePopover(scope);
  const [busy, setBusy] = useState(false);
  const now = useNow(1000);

  if (!status) return null;
  const act = (call: () => Promise<{ ok: boolean; value?: UpdateStatus; error?: string }>) => async () => {
    setBusy(true);
    try {
      const r = await call();
      if (r.ok && r.value) setStatus(r.value);
    } finally {
      setBusy(false);
    }
  };
  const check = act(() => api.checkForUpdates());
  const download = act(() => api.downloadUpdate());
  const restart = act(() => api.restartToUpdate());
  const setAuto = (on: boolean) => void act(() => api.setAutoCheckForUpdates(on))();

  const recent = status.lastCheckedAt !== undefined && now - status.lastCheckedAt < RESULT_VISIBLE_MS;
  const p = status.progress;

  let summary: React.ReactNode;
  switch (status.phase) {
    case 'checking':
      summary = <span className="muted">Checking for updates…</span>;
      break;
    case 'available':
      summary = (
        <button type="button" className="linklike upd-available" aria-expanded={open} onClick={toggle} data-testid="upd-available">
          Update {status.version} available
        </button>
      );
      break;
    case 'downloading':
      summary = (
        <span className="upd-progress" data-testid="upd-progress">
          Downloading {status.version}{' '}
          <progress max={100} value={p?.percent ?? 0} aria-label={`Downloading ${status.version ?? 'the update'}`} />{' '}
          {Math.floor(p?.percent ?? 0)} %{p && p.total > 0 ? ` of ${formatBytes(p.total)}` : ''}
        </span>
      );
      break;
    case 'downloaded':
      summary = (
        <span className="upd-ready">
          {status.waitingFor ? (
            <span className="warn" data-testid="upd-waiting" title={status.waitingFor}>
              {status.waitingFor}
            </span>
          ) : (
            <span className="ok">{status.version} is ready</span>
          )}{' '}
          <button type="button" className="primary small" disabled={busy || status.waitingFor !== undefined} onClick={() => void restart()} data-testid="upd-restart">
            Restart to update
          </button>
        </span>
      );
      break;
    case 'installing':
      summary = <span className="muted">{status.message ?? 'Restarting to update…'}</span>;
      break;
    case 'error':
      // One line in the bar: the message is cut with an ellipsis there, whole on hover and in the panel.
      summary = (
        <span className="bad upd-error" data-testid="upd-error">
          <span className="upd-error-text" title={status.message}>
            {status.message}
          </span>{' '}
          <button type="button" className="small" disabled={busy} onClick={() => void (status.version ? download() : check())}>
            Try again
          </button>
        </span>
      );
      break;
    case 'up-to-date':
      summary = recent ? <span className="muted" data-testid="upd-result">{status.message}</span> : null;
      break;
    default:
      summary = null;
  }

  return (
    <span className="sb-item upd" data-testid="upd">
      {summary}{' '}
      <button type="button" className="linklike muted" title="Updates" aria-expanded={open} onClick={toggle} data-testid="upd-version">
        v{status.currentVersion}
      </button>
      {open ? (
        <div className="sb-popover upd-panel" role="dialog" aria-label="Updates">
          {status.version && ['available', 'downloading', 'downloaded', 'error'].includes(status.phase) ? (
            <>
              <div className="upd-title">
                Version {status.version}
                {status.releaseDate ? <span className="muted"> · {formatDateTime(Date.parse(status.releaseDate), false).slice(0, 10)}</span> : null}
                <span className="muted"> (you have {status.currentVersion})</span>
              </div>
              {status.releaseNotes ? (
                <div className="upd-notes" data-testid="upd-notes">
                  {status.releaseNotes}
                </div>
              ) : null}
              {status.phase === 'error' ? <div className="bad">{status.message}</div> : null}
              {status.phase === 'available' ? (
                <div className="upd-actions">
                  <button type="button" className="primary small" disabled={busy} onClick={() => void download()} data-testid="upd-download">
                    Download
                  </button>
                  <button type="button" className="small" onClick={close}>
                    Later
                  </button>
                </div>
              ) : null}
            </>
          ) : (
            <div className="upd-title">
              OceanEx WS Client {status.currentVersion}
              {status.phase === 'unavailable' || status.phase === 'error' ? <div className="muted">{status.message}</div> : null}
            </div>
          )}
          <div className="upd-actions">
            <button
              type="button"
              className="small"
              disabled={busy || ['unavailable', 'checking', 'downloading', 'downloaded', 'installing'].includes(status.phase)}
              onClick={() => void check()}
            >
              Check now
            </button>
            <label className="upd-auto">
              <input type="checkbox" checked={status.autoCheck} disabled={busy} onChange={(e) => setAuto(e.target.checked)} data-testid="upd-auto" /> Check for updates
              automatically
            </label>
          </div>
        </div>
      ) : null}
    </span>
  );
}
