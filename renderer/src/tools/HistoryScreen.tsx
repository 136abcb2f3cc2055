// The request history of the active profile: every choice and raw frame sent, with time, args, outcome code and
// round trip; filter, search, re-send (main applies the same rules as the first time) and export as JSON lines.
import { useEffect, useState } from 'react';
import { choiceByNumber } from '../../../shared/oceanex/catalogue';
import type { HistoryEntry, HistoryQuery } from '../../../shared/ipc/contract';
import { useApi } from '../api';
import { formatDateTime } from '../format';
import { CodePanel } from './CopyAsCode';
import '../styles/tools.css';

const SHOWN = 500;
const COLUMNS = ['Time', 'Source', 'Request', 'Args', 'Outcome', 'Round trip', ''] as const;

export function HistoryScreen() {
  const api = useApi();
  const [entries, setEntries] = useState<readonly HistoryEntry[]>([]);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<'' | 'ok' | 'failed'>('');
  const [source, setSource] = useState<'' | 'choice' | 'raw'>('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [coded, setCoded] = useState<HistoryEntry | null>(null);

  useEffect(() => {
    let live = true;
    const query: HistoryQuery = { limit: SHOWN, ...(text ? { text } : {}), ...(outcome ? { outcome } : {}), ...(source ? { source } : {}) };
    const load = () =>
      void api.history(query).then((r) => {
        if (live && r.ok) setEntries(r.value);
      });
    load();
    const off = api.onHistory(load);
    return () => {
      live = false;
      off();
    };
  }, [api, text, outcome, source]);

  const resend = async (entry: HistoryEntry) => {
    setBusy(entry.id);
    const r = await api.resend(entry.id);
    setBusy(null);
    setMessage(r.ok ? { ok: r.value.reply?.code === 0, text: `Re-sent ${entry.handler}/${entry.action}: ${r.value.summary}` } : { ok: false, text: `Not re-sent: ${r.error}` });
  };
  const exportAll = async () => {
    const r = await api.exportHistory();
    if (!r.ok) setMessage({ ok: false, text: r.error });
    else if (r.value) setMessage({ ok: true, text: `Exported to ${r.value}` });
  };

  return (
    <div className="screen" data-screen="history">
      <header className="screen-header">
        <h1>Request history</h1>
        <span className="muted">This profile's requests, newest first (the last 5 000 are kept)</span>
      </header>
      <div className="table-tools">
        <input className="filter" type="search" placeholder="Search handler, action, args, outcome…" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search the history" />
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)} aria-label="Outcome">
          <option value="">All outcomes</option>
          <option value="ok">Succeeded (code 0)</option>
          <option value="failed">Failed or refused</option>
        </select>
        <select value={source} onChange={(e) => setSource(e.target.value as typeof source)} aria-label="Source">
          <option value="">Choices and raw frames</option>
          <option value="choice">Choices</option>
          <option value="raw">Raw frames</option>
        </select>
        <span className="count">{entries.length} shown</span>
        <button type="button" onClick={() => void exportAll()} data-testid="history-export">
          Export JSON lines…
        </button>
      </div>
      {message ? (
        <div className={message.ok ? 'hint' : 'error-box'} role="status" data-testid="history-message">
          {message.text}
        </div>
      ) : null}
      {coded ? <CodePanel source={{ kind: 'frame', text: frameOf(coded) }} onClose={() => setCoded(null)} /> : null}
      <div className="table-scroll">
        <table className="grid compact history" data-testid="history-table">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c} className={c === 'Round trip' ? 'num' : undefined}>
                  {c === '' ? <span className="visually-hidden">Actions</span> : c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="history-row">
                <td className="mono">{formatDateTime(e.at)}</td>
                <td>{e.source === 'raw' ? 'raw' : 'choice'}</td>
                <td>
                  {e.choice > 0 ? <span className="choice-number">{e.choice}</span> : null} {e.choice > 0 ? choiceByNumber(e.choice)?.label : ''}{' '}
                  <span className="mono muted">
                    {e.handler}/{e.action}
                  </span>
                </td>
                <td className="mono args" title={JSON.stringify(e.args)}>
                  {JSON.stringify(e.args)}
                </td>
                <td className={e.error !== undefined || (e.code ?? 0) !== 0 ? 'bad' : 'ok'}>{e.error !== undefined ? e.error : `code ${e.code ?? '?'}`}</td>
                <td className="num">{e.rttMs !== undefined ? `${e.rttMs.toFixed(0)} ms` : '—'}</td>
                <td>
                  <button type="button" className="small" disabled={busy !== null} onClick={() => void resend(e)} data-testid="history-resend">
                    {busy === e.id ? 'Sending…' : 'Re-send'}
                  </button>{' '}
                  <button type="button" className="small" aria-pressed={coded?.id === e.id} onClick={() => setCoded(coded?.id === e.id ? null : e)} data-testid="history-code">
                    Code
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.length === 0 ? <p className="muted">No requests yet{text || outcome || source ? ' match the filter' : ''}.</p> : null}
      </div>
    </div>
  );
}

/** The request a history entry sent, as a frame for the code generator (its args as recorded; never a header). */
function frameOf(entry: HistoryEntry): string {
  return JSON.stringify({ identifier: { handler: entry.handler }, command: 'message', data: { action: entry.action, args: entry.args ?? {} } });
}
