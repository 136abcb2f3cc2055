// The message inspector: outbound and inbound frames paired by uuid with the round-trip time; frames without
// a partner (pings, welcome, unknown messages, requests still waiting) are shown on their own.
import { memo, useCallback, useState } from 'react';
import type { LogEntry } from '../../../shared/ipc/contract';
import { copyText } from '../clipboard';
import { formatMoment } from '../format';
import { useFrameVersion } from '../hooks/useLogStore';
import { plural } from '../numbers';
import { ReplyBody } from '../results/ReplyView';
import { CHOICES } from '../../../shared/oceanex/catalogue';
import { classifyFrame, describeReply } from '../../../shared/oceanex/messages';
import { frameCode, frameJson, frameLabel, type FramePair, type LogStore } from './logStore';
import { VirtualList } from './VirtualList';

const ROW = 24; // WCAG 2.2 minimum target size for adjacent rows

// Label and code parse the frame's JSON (a reply can be large): once per entry, not on every render.
const labels = new WeakMap<LogEntry, string>();
const codes = new WeakMap<LogEntry, number | undefined>();
function labelOf(entry: LogEntry): string {
  let label = labels.get(entry);
  if (label === undefined) labels.set(entry, (label = frameLabel(entry)));
  return label;
}
function codeOf(entry: LogEntry | undefined): number | undefined {
  if (!entry) return undefined;
  if (!codes.has(entry)) codes.set(entry, frameCode(entry));
  return codes.get(entry);
}

// Memoised on the frames themselves: a pair object gains its reply later (`in`), so it is passed separately.
const PairRow = memo(function PairRow({
  pair,
  out,
  inbound,
  selected,
  tabbable,
  onSelect,
}: {
  readonly pair: FramePair;
  readonly out: LogEntry | undefined;
  readonly inbound: LogEntry | undefined;
  readonly selected: boolean;
  readonly tabbable: boolean;
  readonly onSelect: (pair: FramePair) => void;
}) {
  const rtt = out && inbound ? inbound.time - out.time : undefined;
  const code = codeOf(inbound);
  const lone = !out || !inbound;
  const kind = out && inbound ? 'pair' : out ? 'out' : 'in';
  return (
    <button type="button" tabIndex={tabbable ? 0 : -1} aria-pressed={selected} className={`insp-row ${selected ? 'selected' : ''} ${lone ? 'lone' : ''}`} onClick={() => onSelect(pair)} data-kind={kind}>
      <span className="mono insp-time">{formatMoment((out ?? inbound)!.time)}</span>
      <span className="insp-dir">{kind === 'pair' ? '⇄' : kind === 'out' ? '→' : '←'}</span>
      <span className="insp-label">{labelOf((out ?? inbound)!)}</span>
      <span className={`mono insp-code ${code !== undefined && code !== 0 ? 'bad' : ''}`}>{code !== undefined ? `code ${code}` : ''}</span>
      <span className="mono num insp-rtt">{rtt !== undefined ? `${rtt} ms` : out && pair.uuid !== undefined ? 'no reply' : ''}</span>
      <span className="mono muted insp-uuid">{pair.uuid ?? (lone && inbound ? 'no uuid' : '')}</span>
    </button>
  );
});

/** A received frame the app can read as a reply, as the screens would show it (imported sessions). */
function StructuredReply({ entry }: { readonly entry: LogEntry }) {
  const inbound = classifyFrame(entry.text);
  if (inbound.kind !== 'reply') return null;
  const reply = inbound.reply;
  const choice = CHOICES.find((c) => c.handler === reply.handler && c.action === reply.action)?.number ?? 0;
  return (
    <div className="insp-structured" data-testid="inspector-structured">
      <h2 className="subhead">As the app shows it</h2>
      <ReplyBody outcome={{ choice, reply, summary: describeReply(reply), ...(reply.uuid ? { uuid: reply.uuid } : {}) }} receivedAt={entry.time} />
    </div>
  );
}

/** `recorded`: a session opened from a file — read from the top (no follow), replies also shown as the screens show them. */
export function Inspector({ store, active, recorded = false }: { readonly store: LogStore; readonly active: boolean; readonly recorded?: boolean }) {
  const version = useFrameVersion(store);
  const [follow, setFollow] = useState(!recorded);
  const [selected, setSelected] = useState<FramePair | null>(null);
  const [copied, setCopied] = useState(false);
  const onAtEndChange = useCallback((atEnd: boolean) => setFollow(atEnd), []);
  const renderRow = useCallback(
    (i: number, tabbable: boolean) => {
      const p = store.pairAt(i);
      return p ? <PairRow pair={p} out={p.out} inbound={p.in} selected={selected?.key === p.key} tabbable={tabbable} onSelect={setSelected} /> : null;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [store, selected, version],
  );
  const detail = selected
    ? {
        uuid: selected.uuid,
        rttMs: selected.out && selected.in ? selected.in.time - selected.out.time : undefined,
        sent: selected.out ? frameJson(selected.out.text) : undefined,
        received: selected.in ? frameJson(selected.in.text) : undefined,
      }
    : null;
  return (
    <div className="inspector">
      <div className="toolbar" role="toolbar" aria-label="Inspector tools">
        <span className="muted mono" data-testid="pair-count">
          {plural(store.pairCount, 'exchange')}
        </span>
        {recorded ? null : (
          <button type="button" aria-pressed={follow} onClick={() => setFollow((f) => !f)}>
            {follow ? 'Pause' : 'Follow'}
          </button>
        )}
      </div>
      <div className="insp-head" aria-hidden="true">
        <span className="insp-time">Time</span>
        <span className="insp-dir" />
        <span className="insp-label">Message</span>
        <span className="insp-code">Code</span>
        <span className="insp-rtt num">Round trip</span>
        <span className="insp-uuid">uuid</span>
      </div>
      {active ? (
        <VirtualList count={store.pairCount} rowHeight={ROW} renderRow={renderRow} follow={follow} onAtEndChange={onAtEndChange} label="Frames" testId="inspector-list" />
      ) : null}
      {detail ? (
        <div className="log-detail" aria-label="Selected exchange" data-testid="inspector-detail">
          <div className="raw-bar">
            <span className="mono muted">
              {detail.uuid ?? 'no uuid'}
              {detail.rttMs !== undefined ? ` · ${detail.rttMs} ms` : ''}
            </span>
            <button
              type="button"
              className="small"
              onClick={() =>
                void copyText(JSON.stringify(detail, null, 2)).then((ok) => {
                  setCopied(ok);
                  window.setTimeout(() => setCopied(false), 1500);
                })
              }
            >
              {copied ? 'Copied' : 'Copy as JSON'}
            </button>
            <button type="button" className="small" onClick={() => setSelected(null)}>
              Close
            </button>
          </div>
          {recorded && selected?.in ? <StructuredReply entry={selected.in} /> : null}
          <div className="insp-frames">
            <div>
              <h2 className="subhead">Sent</h2>
              <pre className="json" tabIndex={0} aria-label="Sent frame">{detail.sent !== undefined ? JSON.stringify(detail.sent, null, 2) : '—'}</pre>
            </div>
            <div>
              <h2 className="subhead">Received</h2>
              <pre className="json" tabIndex={0} aria-label="Received frame">{detail.received !== undefined ? JSON.stringify(detail.received, null, 2) : '—'}</pre>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}
