// Bottom bar: endpoint, connection and login state, last heartbeat, reconnect countdown, outcome-unknown orders.
import type { SessionStatus } from '../../../shared/ipc/contract';
import { isConnected } from '../../../shared/oceanex/session-state';
import { useApi } from '../api';
import { useNow } from '../hooks/useNow';
import { usePopover } from '../hooks/usePopover';
import { formatAgo, formatMoment, timeTitle, utcOffset } from '../format';
import { WatchStatus } from '../tools/WatchStatus';
import { disconnectReason, ORDER_LOOKUP } from '../words';
import { PopoverTable } from './PopoverTable';
import { UpdateNotice } from './UpdateNotice';

const ORDER_COLUMNS = ['Sent', 'Args', 'Status'] as const;

const STATE_LABEL: Readonly<Record<SessionStatus['state'], string>> = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  open: 'Connected',
  authenticating: 'Logging in…',
  authenticated: 'Connected',
  closing: 'Closing…',
  closed: 'Disconnected',
};

/** `scope` names the screen and profile shown: a pop-over opened in one closes when it changes. */
export function StatusBar({ status, scope }: { readonly status: SessionStatus | null; readonly scope: string }) {
  const now = useNow(1000);
  const orders = usePopover(scope);
  const api = useApi();
  if (!status) return <footer className="statusbar" role="status">Loading session…</footer>;
  const connected = isConnected(status.state);
  const unresolved = status.unknownOrders.filter((o) => o.status === 'unknown');
  const countdown = status.reconnectAt !== undefined ? Math.max(0, Math.ceil((status.reconnectAt - now) / 1000)) : undefined;
  return (
    <footer className="statusbar" aria-label="Session status">
      {/* Low-priority items shrink or give way first (sb-p3, then sb-p2), so the bar stays one line at any width. */}
      <span className="sb-item sb-where" title={`Profile ${status.profileName}: ${status.endpoint}`}>
        <span className="sb-label">{status.profileName}</span> <span className="mono" data-testid="sb-endpoint">{status.endpoint}</span>
      </span>
      <span className={`sb-item sb-state ${connected ? 'ok' : status.state === 'connecting' ? 'warn' : 'bad'}`} role="status" data-testid="sb-state">
        <span className="dot" aria-hidden="true" />
        {STATE_LABEL[status.state]}
      </span>
      <span className={`sb-item ${status.loggedIn ? 'ok' : ''}`} data-testid="sb-login">
        {status.loggedIn ? 'Logged in' : 'Not logged in'}
      </span>
      {/* Only a live connection has a heartbeat: after a disconnect the bar says when the last one came, not "just now". */}
      <span className="sb-item sb-p2" data-testid="sb-heartbeat" title={status.lastHeartbeatAt !== undefined ? `Last heartbeat ${timeTitle(status.lastHeartbeatAt)}` : undefined}>
        Heartbeat: {status.lastHeartbeatAt === undefined ? '—' : connected ? formatAgo(now - status.lastHeartbeatAt) : `none since ${formatMoment(status.lastHeartbeatAt).slice(11, 19)}`}
      </span>
      {!connected && status.connectError !== undefined ? (
        <span className="sb-item sb-cause bad" data-testid="sb-cause" title={`Cannot connect to ${status.connectError}`}>
          {status.connectError}
        </span>
      ) : null}
      {countdown !== undefined ? (
        <span className="sb-item warn" data-testid="sb-reconnect">
          {status.reconnectAttempt !== undefined ? `Attempt ${status.reconnectAttempt}: ` : ''}
          {countdown > 0 ? `next try in ${countdown} s` : 'trying now…'}{' '}
          <button type="button" className="linklike" onClick={() => void api.connect()}>
            Retry now
          </button>
        </span>
      ) : !status.autoReconnect && status.lastDisconnectReason ? (
        <span className="sb-item bad" data-testid="sb-reason">
          {disconnectReason(status.lastDisconnectReason)}
        </span>
      ) : null}
      <span className="sb-spacer" />
      <span className="sb-item sb-p3 muted" title="Every time the app shows is in this computer's zone" data-testid="sb-zone">
        Times {utcOffset(now)}
      </span>
      <WatchStatus scope={scope} />
      {status.unknownOrders.length > 0 ? (
        <span className="sb-item sb-orders">
          <button type="button" className={`linklike ${unresolved.length > 0 ? 'bad' : ''}`} aria-expanded={orders.open} onClick={orders.toggle} data-testid="sb-unknown">
            {unresolved.length > 0 ? `⚠ ${unresolved.length} order(s) with unknown outcome` : `${status.unknownOrders.length} order(s) reconciled`}
          </button>
          {orders.open ? (
            <PopoverTable label="Orders with unknown outcome" columns={ORDER_COLUMNS}>
              {status.unknownOrders.map((o) => (
                <tr key={o.uuid}>
                  <td className="mono">{formatMoment(o.sentAt)}</td>
                  <td className="mono args">{JSON.stringify(o.args).replace(/,"/g, ', "')}</td>
                  <td className={o.status === 'unknown' ? 'bad' : ''}>{ORDER_LOOKUP[o.status]}</td>
                </tr>
              ))}
            </PopoverTable>
          ) : null}
        </span>
      ) : null}
      <UpdateNotice scope={scope} />
    </footer>
  );
}
