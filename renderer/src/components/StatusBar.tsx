// Bottom bar: endpoint, connection and login state, last heartbeat, reconnect countdown, outcome-unknown orders.
import { useState } from 'react';
import type { SessionStatus } from '../../../shared/ipc/contract';
import { useNow } from '../hooks/useNow';
import { formatAgo, formatClock } from '../format';
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

export function StatusBar({ status }: { readonly status: SessionStatus | null }) {
  const now = useNow(1000);
  const [showOrders, setShowOrders] = useState(false);
  if (!status) return <footer className="statusbar" role="status">Loading session…</footer>;
  const connected = status.state === 'open' || status.state === 'authenticated' || status.state === 'authenticating';
  const unresolved = status.unknownOrders.filter((o) => o.status === 'unknown');
  const countdown = status.reconnectAt !== undefined ? Math.max(0, Math.ceil((status.reconnectAt - now) / 1000)) : undefined;
  return (
    <footer className="statusbar" aria-label="Session status">
      <span className="sb-item" title="Profile and endpoint">
        <span className="sb-label">{status.profileName}</span> <span className="mono" data-testid="sb-endpoint">{status.endpoint}</span>
      </span>
      <span className={`sb-item sb-state ${connected ? 'ok' : status.state === 'connecting' ? 'warn' : 'bad'}`} role="status" data-testid="sb-state">
        <span className="dot" aria-hidden="true" />
        {STATE_LABEL[status.state]}
      </span>
      <span className={`sb-item ${status.loggedIn ? 'ok' : ''}`} data-testid="sb-login">
        {status.loggedIn ? 'Logged in' : 'Not logged in'}
      </span>
      <span className="sb-item" data-testid="sb-heartbeat">
        Heartbeat: {status.lastHeartbeatAt !== undefined ? formatAgo(now - status.lastHeartbeatAt) : '—'}
      </span>
      {countdown !== undefined ? (
        <span className="sb-item warn" data-testid="sb-reconnect">
          Reconnecting in {countdown} s
        </span>
      ) : !status.autoReconnect && status.lastDisconnectReason ? (
        <span className="sb-item bad" data-testid="sb-reason">
          {disconnectReason(status.lastDisconnectReason)}
        </span>
      ) : null}
      <span className="sb-spacer" />
      <WatchStatus />
      {status.unknownOrders.length > 0 ? (
        <span className="sb-item sb-orders">
          <button type="button" className={`linklike ${unresolved.length > 0 ? 'bad' : ''}`} aria-expanded={showOrders} onClick={() => setShowOrders((v) => !v)} data-testid="sb-unknown">
            {unresolved.length > 0 ? `⚠ ${unresolved.length} order(s) with unknown outcome` : `${status.unknownOrders.length} order(s) reconciled`}
          </button>
          {showOrders ? (
            <PopoverTable label="Orders with unknown outcome" columns={ORDER_COLUMNS}>
              {status.unknownOrders.map((o) => (
                <tr key={o.uuid}>
                  <td className="mono">{formatClock(o.sentAt)}</td>
                  <td className="mono args">{JSON.stringify(o.args).replace(/,"/g, ', "')}</td>
                  <td className={o.status === 'unknown' ? 'bad' : ''}>{ORDER_LOOKUP[o.status]}</td>
                </tr>
              ))}
            </PopoverTable>
          ) : null}
        </span>
      ) : null}
      <UpdateNotice />
    </footer>
  );
}
