// The latest outcome of a choice: its summary line, the structured view for its reply kind, and raw JSON.
import type { RunOutcome } from '../../../shared/ipc/contract';
import { RawJson } from '../components/RawJson';
import { formatClock, timeTitle } from '../format';
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

/** The structured view of a reply (tables, ladder, chart…); the message inspector uses it for imported sessions too. */
export function ReplyBody({ outcome, receivedAt }: { readonly outcome: RunOutcome; readonly receivedAt: number }) {
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
      return <OrderBookView data={reply.data} />;
    case 'kline':
      return <KlineView data={reply.data} />;
    default:
      return <ServerError reply={reply} />;
  }
}

/** A failed reply's summary stops at its code: the error box below explains it in words, without raw JSON. */
function summaryText(outcome: RunOutcome, failed: boolean): string {
  if (!failed) return outcome.summary;
  const cut = /^(.*?code: -?\d+)/.exec(outcome.summary);
  return cut ? `${cut[1]}.` : outcome.summary;
}

export function ReplyView({ outcome, receivedAt }: { readonly outcome: RunOutcome; readonly receivedAt: number }) {
  const failed = outcome.reply !== undefined && outcome.reply.code !== 0;
  return (
    // Focus lands here after Send (tabIndex -1 makes the region focusable without a tab stop of its own).
    <section className="result" aria-label="Result" data-testid="result" tabIndex={-1} data-focus-target>
      <div className={`summary ${failed ? 'bad' : 'ok'}`} data-testid="summary" role="status">
        <span className="summary-text">{summaryText(outcome, failed)}</span>
        <span className="summary-meta mono muted" title={timeTitle(receivedAt)}>
          {formatClock(receivedAt)}
          {outcome.rttMs !== undefined ? ` · ${outcome.rttMs.toFixed(0)} ms` : ''}
          {outcome.uuid ? ` · ${outcome.uuid.slice(0, 8)}` : ''}
        </span>
      </div>
      <ReplyBody outcome={outcome} receivedAt={receivedAt} />
      {outcome.reply !== undefined || outcome.sent !== undefined ? <RawJson value={{ sent: outcome.sent, reply: outcome.reply }} /> : null}
    </section>
  );
}
