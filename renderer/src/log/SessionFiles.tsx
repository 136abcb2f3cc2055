// Sessions as files on the log screen: export the frames (all, or what the log filter shows) as HAR — which
// Chrome's DevTools and HAR viewers open — or NDJSON, and import such a file into a read-only inspector tab.
// Main owns the dialogs, the files and the redaction; the page only asks.
import { useMemo, useState } from 'react';
import type { ImportedSession } from '../../../shared/session-file/imported';
import { MAX_SESSION_FRAMES } from '../../../shared/session-file/limits';
import { useApi } from '../api';
import { formatDateTime } from '../format';
import { useFrameVersion } from '../hooks/useLogStore';
import '../styles/tools.css';
import { plural } from '../numbers';
import { Inspector } from './Inspector';
import { LogStore } from './logStore';

export function SessionFileTools({ store, onImported }: { readonly store: LogStore; readonly onImported: (session: ImportedSession) => void }) {
  const api = useApi();
  const [filtered, setFiltered] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useFrameVersion(store); // the filter lives in the store: re-render when it changes
  const filter = store.currentFilter;
  const filtering = filter.level !== 'debug' || filter.text.trim() !== '';
  const exportAs = async (format: 'har' | 'ndjson') => {
    setMessage(null);
    const only = filtered && filtering ? { ...(filter.level !== 'debug' ? { level: filter.level } : {}), ...(filter.text.trim() ? { text: filter.text.trim() } : {}) } : {};
    const r = await api.exportSession({ format, ...only });
    setMessage(!r.ok ? { ok: false, text: r.error } : r.value === null ? { ok: true, text: 'Export cancelled.' } : { ok: true, text: `Session exported to ${r.value}` });
  };
  const importFile = async () => {
    setMessage(null);
    const r = await api.importSession();
    if (!r.ok) setMessage({ ok: false, text: `Not opened: ${r.error}` });
    else if (r.value !== null) onImported(r.value);
  };
  return (
    <div className="session-files" role="group" aria-label="Session files">
      <button type="button" onClick={() => void exportAs('har')} data-testid="export-har">
        Export HAR…
      </button>
      <button type="button" onClick={() => void exportAs('ndjson')} data-testid="export-ndjson">
        Export NDJSON…
      </button>
      <label className="muted">
        <input type="checkbox" checked={filtered && filtering} disabled={!filtering} onChange={(e) => setFiltered(e.target.checked)} data-testid="export-filtered" /> Only what the log filter shows
      </label>
      <button type="button" onClick={() => void importFile()} data-testid="import-session">
        Import session…
      </button>
      {message ? (
        <span className={message.ok ? 'muted' : 'bad'} role="status" data-testid="session-file-message">
          {message.text}
        </span>
      ) : null}
    </div>
  );
}

/** An imported session in the inspector: read-only, paired by uuid with round trips, replies also shown structured. */
export function ImportedView({ session, active, onClose }: { readonly session: ImportedSession; readonly active: boolean; readonly onClose: () => void }) {
  const store = useMemo(() => {
    const s = new LogStore(MAX_SESSION_FRAMES, MAX_SESSION_FRAMES);
    s.add(session.entries);
    return s;
  }, [session]);
  const first = session.entries[0]?.time;
  const notes = [
    session.skipped > 0 ? `${plural(session.skipped, 'HTTP entry or binary frame', 'HTTP entries or binary frames')} skipped` : '',
    session.cut > 0 ? `${plural(session.cut, 'long frame')} cut` : '',
  ].filter((n) => n !== '');
  return (
    <div className="imported" data-testid="imported-session">
      <div className="imported-bar">
        <strong className="mono">{session.fileName}</strong>
        <span className="chip">read-only</span>
        <span className="muted">
          {session.format.toUpperCase()} · {plural(session.entries.length, 'frame')} · {session.connections.map((c) => c.url).join(', ')}
          {first !== undefined ? ` · from ${formatDateTime(first)}` : ''}
          {notes.length > 0 ? ` · ${notes.join(' · ')}` : ''}
        </span>
        <span className="sb-spacer" />
        <button type="button" className="small" onClick={onClose}>
          Close file
        </button>
      </div>
      <Inspector store={store} active={active} recorded />
    </div>
  );
}
