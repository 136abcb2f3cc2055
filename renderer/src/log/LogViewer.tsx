// The log viewer: level filter, text search, follow/pause, clear view, reveal and export the log file.
import { memo, useCallback, useEffect, useState } from 'react';
import { LOG_LEVELS, type LogEntry, type LogLevel } from '../../../shared/ipc/contract';
import { useApi } from '../api';
import { formatMoment } from '../format';
import { useFrameVersion } from '../hooks/useLogStore';
import { formatDecimal, plural } from '../numbers';
import type { LogStore } from './logStore';
import { VirtualList } from './VirtualList';

// 24 px: the smallest pointer target WCAG 2.2 (2.5.8) accepts for rows that touch each other.
export const LOG_ROW_HEIGHT = 24;
/** A row is one line cut off at the list's edge; a reply can be megabytes, and laying out all of it per frame is waste. */
const ROW_TEXT_CHARS = 2000;

/**
 * A reply frame whose code is not 0 (a server error), from its text: the first "code" of the frame (the reply's own,
 * in `message`), found by one linear scan of the row's shown text. Undefined for anything else.
 */
export function failedReplyCode(entry: LogEntry): number | undefined {
  if (entry.direction !== 'in') return undefined;
  const m = /"code":\s*"?(-?\d{1,9})/.exec(entry.text.length > ROW_TEXT_CHARS ? entry.text.slice(0, ROW_TEXT_CHARS) : entry.text);
  const code = m ? Number(m[1]) : 0;
  return code !== 0 ? code : undefined;
}

// Memoised per entry: rows that merely move (new entries below, paused view) are not re-rendered.
// Requests (→), replies (←) and server-error replies (← in red, level "error") read differently.
const LogRow = memo(function LogRow({
  entry,
  selected,
  tabbable,
  onSelect,
}: {
  readonly entry: LogEntry;
  readonly selected: boolean;
  readonly tabbable: boolean;
  readonly onSelect: (e: LogEntry) => void;
}) {
  const failed = failedReplyCode(entry);
  const level = failed !== undefined ? 'error' : entry.level;
  return (
    <button type="button" data-seq={entry.seq} tabIndex={tabbable ? 0 : -1} aria-pressed={selected} className={`log-row lvl-${level}${selected ? ' selected' : ''}`} onClick={() => onSelect(entry)} title={entry.text.length > 200 ? undefined : entry.text}>
      <span className="log-time mono">{formatMoment(entry.time)}</span>
      <span className="log-level" title={failed !== undefined ? `A server error reply (code ${failed}), logged at ${entry.level}` : undefined}>
        {level}
      </span>
      <span className={`log-dir ${entry.direction ?? ''}`} aria-label={entry.direction === 'in' ? 'inbound' : entry.direction === 'out' ? 'outbound' : undefined}>
        {entry.direction === 'in' ? '←' : entry.direction === 'out' ? '→' : ''}
      </span>
      <span className="log-text mono">{entry.text.length > ROW_TEXT_CHARS ? `${entry.text.slice(0, ROW_TEXT_CHARS)}…` : entry.text}</span>
    </button>
  );
});

export function LogViewer({ store, active }: { readonly store: LogStore; readonly active: boolean }) {
  const api = useApi();
  const version = useFrameVersion(store);
  const [level, setLevel] = useState<LogLevel>(store.currentFilter.level);
  const [text, setText] = useState(store.currentFilter.text);
  const [follow, setFollow] = useState(true);
  const [selected, setSelected] = useState<LogEntry | null>(null);
  const [fileMessage, setFileMessage] = useState<string | null>(null);

  // Search as the person types, but filter 100k entries at most every 150 ms.
  useEffect(() => {
    const t = window.setTimeout(() => store.setFilter({ level, text }), 150);
    return () => window.clearTimeout(t);
  }, [store, level, text]);

  const onAtEndChange = useCallback((atEnd: boolean) => setFollow(atEnd), []);
  const count = store.shownCount;
  const renderRow = useCallback(
    (i: number, tabbable: boolean) => {
      const e = store.shownAt(i);
      return e ? <LogRow entry={e} selected={selected?.seq === e.seq} tabbable={tabbable} onSelect={setSelected} /> : null;
    },
    // `version` changes whenever the store does, so rows are re-read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, selected, version],
  );

  return (
    <div className="log-viewer">
      <div className="toolbar" role="toolbar" aria-label="Log tools">
        <label>
          Level{' '}
          <select aria-label="Minimum level" value={level} onChange={(e) => setLevel(e.target.value as LogLevel)}>
            {LOG_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}+
              </option>
            ))}
          </select>
        </label>
        <input type="search" className="filter" placeholder="Search log…" aria-label="Search log" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="button" aria-pressed={follow} onClick={() => setFollow((f) => !f)} data-testid="follow">
          {follow ? 'Pause' : 'Follow'}
        </button>
        <button type="button" onClick={() => store.clear()}>
          Clear view
        </button>
        <span className="muted count mono" data-testid="log-count" aria-live="off">
          {count === store.size ? plural(count, 'entry', 'entries') : `${formatDecimal(count, 0)} of ${formatDecimal(store.size, 0)}`}
        </span>
        <span className="sb-spacer" />
        <button type="button" onClick={() => void api.revealLog().then((r) => setFileMessage(r.ok ? `Log file: ${r.value}` : r.error))}>
          Reveal log file
        </button>
        <button type="button" onClick={() => void api.exportLog().then((r) => setFileMessage(r.ok ? (r.value ? `Exported to ${r.value}` : 'Export cancelled.') : r.error))}>
          Export…
        </button>
      </div>
      {fileMessage ? (
        <div className="muted file-message" role="status">
          {fileMessage}
        </div>
      ) : null}
      {active && count === 0 && store.size > 0 ? (
        <p className="muted empty-filter" role="status" data-testid="log-no-matches">
          No entries match the filter (level {level} or above{text.trim() ? `, containing “${text.trim()}”` : ''}); {plural(store.size, 'entry', 'entries')} in all.
        </p>
      ) : null}
      {active ? (
        <VirtualList count={count} rowHeight={LOG_ROW_HEIGHT} renderRow={renderRow} follow={follow} onAtEndChange={onAtEndChange} label="Log entries" testId="log-list" />
      ) : null}
      {selected ? (
        <div className="log-detail" aria-label="Selected entry">
          <div className="raw-bar">
            <span className="mono muted">
              #{selected.seq} {formatMoment(selected.time)} {selected.level} {selected.uuid ?? ''}
            </span>
            <button type="button" className="small" onClick={() => setSelected(null)}>
              Close
            </button>
          </div>
          <pre className="json" tabIndex={0} aria-label="Entry text">
            {selected.text}
          </pre>
        </div>
      ) : null}
    </div>
  );
}
