// The request history of the active profile: every choice and raw frame sent, with time, args, outcome code and
// round trip; filter, search, re-send (main applies the same rules as the first time) and export as JSON lines.
// Details and Re-send stay in reach at every width (a sticky last column); long args and outcomes are cut with an
// ellipsis, whole on hover and in the request's detail view (the frames sent and received, and the timing).
import { useEffect, useRef, useState } from 'react';
import { choiceByNumber } from '../../../shared/oceanex/catalogue';
import type { HistoryEntry, HistoryQuery } from '../../../shared/ipc/contract';
import { useApi } from '../api';
import { formatMoment, timeTitle, utcOffset } from '../format';
import { CodePanel } from './CopyAsCode';
import '../styles/tools.css';
import { HistoryDetail } from './HistoryDetail';

const SHOWN = 500;

function outcomeCell(e: HistoryEntry): string {
  return e.error !== undefined ? e.error : `code ${e.code ?? '?'}`;
}

export function HistoryScreen() {
  const api = useApi();
  const [entries, setEntries] = useState<readonly HistoryEntry[]>([]);
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<'' | 'ok' | 'failed'>('');
  const [source, setSource] = useState<'' | 'choice' | 'raw'>('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [opened, setOpened] = useState<HistoryEntry | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
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
              <th className="history-time">
                Time<span className="date-part"> ({utcOffset(entries[0]?.at ?? 0)})</span>
              </th>
              <th className="history-request">Request</th>
              <th className="history-args">Args</th>
              <th className="history-outcome">Outcome</th>
              <th className="num history-rtt">Round trip</th>
              <th className="actions-col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="history-row">
                <td className="mono cut" title={`${formatMoment(e.at)} · ${timeTitle(e.at)}`}>
                  <span className="date-part">{formatMoment(e.at).slice(0, 11)}</span>
                  {formatMoment(e.at).slice(11)}
                </td>
                <td className="cut" title={`${e.source === 'raw' ? 'raw frame' : 'choice'} ${e.handler}/${e.action}`}>
                  {e.choice > 0 ? <span className="choice-number">{e.choice}</span> : null} {e.choice > 0 ? choiceByNumber(e.choice)?.label : ''}{' '}
                  {e.source === 'raw' ? <span className="chip">raw</span> : null}{' '}
                  <span className="mono muted request-wire">
                    {e.handler}/{e.action}
                  </span>
                </td>
                <td className="mono cut" title={JSON.stringify(e.args)}>
                  {JSON.stringify(e.args)}
                </td>
                <td className={`cut ${e.error !== undefined || (e.code ?? 0) !== 0 ? 'bad' : 'ok'}`} title={outcomeCell(e)}>
                  {outcomeCell(e)}
                </td>
                <td className="num">{e.rttMs !== undefined ? `${e.rttMs.toFixed(0)} ms` : '—'}</td>
                <td className="actions-col">
                  <span className="row-actions">
                    <button
                      type="button"
                      className="small"
                      aria-label={`Details of ${e.handler}/${e.action} at ${formatMoment(e.at)}`}
                      onClick={(event) => {
                        opener.current = event.currentTarget;
                        setOpened(e);
                      }}
                      data-testid="history-details"
                    >
                      Details
                    </button>
                    <button type="button" className="small" disabled={busy !== null} onClick={() => void resend(e)} data-testid="history-resend">
                      {busy === e.id ? 'Sending…' : 'Re-send'}
                    </button>
                    <button type="button" className="small" aria-pressed={coded?.id === e.id} onClick={() => setCoded(coded?.id === e.id ? null : e)} data-testid="history-code">
                      Code
                    </button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {entries.length === 0 ? <p className="muted">{text || outcome || source ? 'No requests match the filter.' : 'No requests yet.'}</p> : null}
      </div>
      {opened ? (
        <HistoryDetail
          entry={opened}
          busy={busy !== null}
          onResend={() => void resend(opened)}
          onClose={() => {
            setOpened(null);
            opener.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}

/** The request a history entry sent, as a frame for the code generator (its args as recorded; never a header). */
function frameOf(entry: HistoryEntry): string {
  return JSON.stringify({ identifier: { handler: entry.handler }, command: 'message', data: { action: entry.action, args: entry.args ?? {} } });
}
