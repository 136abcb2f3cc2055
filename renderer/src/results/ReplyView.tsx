// The latest outcome of a choice: its summary line, the structured view for its reply kind, and raw JSON.
import type { RunOutcome } from '../../../preload/contract';
import { RawJson } from '../components/RawJson';
import { formatTime } from '../format';
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

function Body({ outcome, receivedAt }: { readonly outcome: RunOutcome; readonly receivedAt: number }) {
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

export function ReplyView({ outcome, receivedAt }: { readonly outcome: RunOutcome; readonly receivedAt: number }) {
  const failed = outcome.reply !== undefined && outcome.reply.code !== 0;
  return (
    <section className="result" aria-label="Result" data-testid="result">
      <div className={`summary ${failed ? 'bad' : 'ok'}`} data-testid="summary">
        <span className="summary-text">{outcome.summary}</span>
        <span className="summary-meta mono muted">
          {formatTime(receivedAt)}
          {outcome.rttMs !== undefined ? ` · ${outcome.rttMs.toFixed(0)} ms` : ''}
          {outcome.uuid ? ` · ${outcome.uuid.slice(0, 8)}` : ''}
        </span>
      </div>
      <Body outcome={outcome} receivedAt={receivedAt} />
      {outcome.reply !== undefined || outcome.sent !== undefined ? <RawJson value={{ sent: outcome.sent, reply: outcome.reply }} /> : null}
    </section>
  );
}
