// The latest outcome of a choice: its summary line, the structured view for its reply kind, and the raw frames
// (exactly as sent and received; pretty-printed only on request).
import { useState } from 'react';
import type { RunOutcome } from '../../../shared/ipc/contract';
import { FramePair, sentFrameText } from '../components/RawFrame';
import { formatMoment, isRecord, timeTitle } from '../format';
import { AccountView } from './AccountView';
import { FeesView } from './FeesView';
import { IdsView } from './IdsView';
import { KlineView } from './KlineView';
import { LoginView } from './LoginView';
import { MarketsView } from './MarketsView';
import { OrderBookView } from './OrderBookView';
import { OrdersView } from './OrdersView';
import { OrderView } from './OrderView';
import { ServerError } from './ServerError';
import { TickersView } from './TickersView';
import { TimestampView } from './TimestampView';

/** The market a request asked about: from the frame sent, else from the screen's form. */
function marketOfRequest(outcome: RunOutcome, formMarket: string | undefined): string | undefined {
  const sent = outcome.sent;
  const args = isRecord(sent) && isRecord(sent['data']) && isRecord(sent['data']['args']) ? sent['data']['args'] : undefined;
  const market = args?.['market_id'] ?? args?.['market'];
  return typeof market === 'string' ? market : formMarket;
}

/** The structured view of a reply (tables, ladder, chart…); the message inspector uses it for imported sessions too. */
export function ReplyBody({ outcome, receivedAt, market }: { readonly outcome: RunOutcome; readonly receivedAt: number; readonly market?: string }) {
  const reply = outcome.reply;
  if (!reply) return null;
  if (reply.code !== 0) return <ServerError reply={reply} />;
  switch (reply.outcome) {
    case 'login':
      return <LoginView data={reply.data} />;
    case 'tickers':
      return <TickersView data={reply.data} />;
    case 'markets':
      return <MarketsView data={reply.data} />;
    case 'fees':
      return <FeesView data={reply.data} />;
    case 'account':
      return <AccountView data={reply.data} />;
    case 'order-ack':
      return <OrderView data={reply.data} ack />;
    case 'order-details':
    case 'history-order':
      return <OrderView data={reply.data} />;
    case 'cancelled':
      return <IdsView data={reply.data} what="cancelled" />;
    case 'mass-cancelled':
      return <IdsView data={reply.data} what="cancelled" />;
    case 'open-orders':
      return <OrdersView data={reply.data} history={false} />;
    case 'history-orders':
      return <OrdersView data={reply.data} history />;
    case 'timestamp':
      return <TimestampView data={reply.data} receivedAt={receivedAt} rttMs={outcome.rttMs} />;
    case 'order-book':
      return <OrderBookView data={reply.data} market={market} />;
    case 'kline':
      return <KlineView data={reply.data} market={market} />;
    default:
      return <ServerError reply={reply} />;
  }
}

/** A failed reply's summary stops at its code: the error box below explains it in words, without raw JSON. */
export function summaryText(outcome: RunOutcome, failed: boolean): string {
  if (!failed) return outcome.summary;
  const cut = /^(.*?code: -?\d+)/.exec(outcome.summary);
  return cut ? `${cut[1]}.` : outcome.summary;
}

function RawFrames({ outcome }: { readonly outcome: RunOutcome }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="raw">
      <div className="raw-bar">
        <button type="button" className="small" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? 'Hide raw frames' : 'Show raw frames'}
        </button>
      </div>
      {open ? (
        <FramePair
          sentText={sentFrameText(outcome.sentText, outcome.sent)}
          replyText={outcome.replyText}
          uuid={outcome.uuid}
          paired={outcome.reply?.uuid !== undefined && outcome.reply.uuid === outcome.uuid}
          rttMs={outcome.rttMs}
          replyParsed={outcome.reply}
        />
      ) : null}
    </div>
  );
}

export function ReplyView({ outcome, receivedAt, formMarket }: { readonly outcome: RunOutcome; readonly receivedAt: number; readonly formMarket?: string }) {
  const failed = outcome.reply !== undefined && outcome.reply.code !== 0;
  return (
    // Focus lands here after Send (tabIndex -1 makes the region focusable without a tab stop of its own).
    <section className="result" aria-label="Result" data-testid="result" tabIndex={-1} data-focus-target>
      <div className={`summary ${failed ? 'bad' : 'ok'}`} data-testid="summary" role="status">
        <span className="summary-text">{summaryText(outcome, failed)}</span>
        <span className="summary-meta mono muted" title={timeTitle(receivedAt)}>
          {formatMoment(receivedAt)}
          {outcome.rttMs !== undefined ? ` · ${outcome.rttMs.toFixed(0)} ms` : ''}
          {outcome.uuid ? ` · ${outcome.uuid.slice(0, 8)}` : ''}
        </span>
      </div>
      <ReplyBody outcome={outcome} receivedAt={receivedAt} market={marketOfRequest(outcome, formMarket)} />
      {outcome.reply !== undefined || outcome.sent !== undefined ? <RawFrames outcome={outcome} /> : null}
    </section>
  );
}
