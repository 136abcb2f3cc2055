// One request of the history, opened from its row: the frame as sent, the reply frame as received, and the timing.
// A native <dialog> (modal): Esc closes it, focus returns to the row's Details button.
import { useEffect, useRef } from 'react';
import { choiceByNumber } from '../../../shared/oceanex/catalogue';
import type { HistoryEntry } from '../../../shared/ipc/contract';
import { RawFrame } from '../components/RawFrame';
import { formatMoment, timeTitle } from '../format';
import { formatDecimal } from '../numbers';

function outcomeText(e: HistoryEntry): string {
  if (e.error !== undefined) return `Not completed: ${e.error}`;
  return `code ${e.code ?? '?'}${e.summary ? ` — ${e.summary}` : ''}`;
}

export function HistoryDetail({ entry, onClose, onResend, busy }: { readonly entry: HistoryEntry; readonly onClose: () => void; readonly onResend: () => void; readonly busy: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const choice = entry.choice > 0 ? choiceByNumber(entry.choice) : undefined;
  const failed = entry.error !== undefined || (entry.code ?? 0) !== 0;
  const repliedAt = entry.rttMs !== undefined ? entry.at + entry.rttMs : undefined;
  const sent = entry.sentFrame ?? entry.frame;
  return (
    <dialog ref={dialog} className="history-detail" aria-labelledby="history-detail-title" onClose={onClose} data-testid="history-detail">
      <header className="history-detail-head">
        <h2 id="history-detail-title">
          {choice ? `${choice.number} ${choice.label}` : 'Raw frame'} <span className="mono muted">{entry.handler}/{entry.action}</span>
        </h2>
        <button type="button" className="small" onClick={() => dialog.current?.close()} aria-label="Close the request’s details">
          Close
        </button>
      </header>
      <dl className="kv kv-grid">
        <div className="kv-pair">
          <dt>Sent</dt>
          <dd className="mono" title={timeTitle(entry.at)}>{formatMoment(entry.at)}</dd>
        </div>
        <div className="kv-pair">
          <dt>Reply</dt>
          <dd className="mono" title={repliedAt !== undefined ? timeTitle(repliedAt) : undefined}>{repliedAt !== undefined ? formatMoment(repliedAt) : '—'}</dd>
        </div>
        <div className="kv-pair">
          <dt>Round trip</dt>
          <dd className="mono">{entry.rttMs !== undefined ? `${formatDecimal(entry.rttMs, 0)} ms` : '—'}</dd>
        </div>
        <div className="kv-pair">
          <dt>uuid</dt>
          <dd className="mono">{entry.uuid ?? '—'}</dd>
        </div>
        <div className="kv-pair kv-wide">
          <dt>Outcome</dt>
          <dd className={failed ? 'bad' : 'ok'} data-testid="history-detail-outcome">{outcomeText(entry)}</dd>
        </div>
      </dl>
      <div className="history-detail-frames">
        <section aria-label="Frame sent">
          <h3>Frame sent</h3>
          {sent !== undefined ? (
            <RawFrame text={sent} label="Frame sent" testId="history-sent" />
          ) : (
            <>
              <p className="muted">
                {entry.handler === 'AuthHandler' ? 'A login’s frame is never kept (its header names the key and carries the signature); the args sent were:' : 'The exact frame text was not kept for this entry (it predates that); the args sent were:'}
              </p>
              <RawFrame text={JSON.stringify(entry.args)} label="Args sent" testId="history-sent" />
            </>
          )}
        </section>
        <section aria-label="Reply frame">
          <h3>Reply frame</h3>
          {entry.replyFrame !== undefined ? (
            <RawFrame text={entry.replyFrame} label="Reply frame" testId="history-reply" />
          ) : (
            <p className="muted" data-testid="history-reply">
              {entry.replyFrameLength !== undefined
                ? `The reply was ${formatDecimal(entry.replyFrameLength, 0)} characters long, too long to keep in the history; the log (ws_client.log) has it.`
                : entry.error !== undefined
                  ? 'No reply: the request was not completed.'
                  : 'The reply frame text was not kept for this entry.'}
            </p>
          )}
        </section>
      </div>
      <div className="history-detail-actions">
        <button type="button" onClick={onResend} disabled={busy}>
          {busy ? 'Sending…' : 'Re-send'}
        </button>
      </div>
    </dialog>
  );
}
