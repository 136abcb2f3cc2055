// A failed connection, on the screen where requests would fail: what happened and where (host:port and the cause,
// from main), what the app is doing about it (attempt N, next try in S s, counting down), and what the person can do
// (Retry now, Edit endpoint). Gone as soon as the session is connected again.
import { useState } from 'react';
import type { SessionStatus } from '../../../shared/ipc/contract';
import { isConnected } from '../../../shared/oceanex/session-state';
import { useApi } from '../api';
import { formatMoment } from '../format';
import { useNow } from '../hooks/useNow';

/** "attempt 3 · next try in 4 s": the app's own retrying, or undefined when it is not retrying. */
export function retryWords(status: SessionStatus, now: number): string | undefined {
  if (status.reconnectAt === undefined) return undefined;
  const seconds = Math.max(0, Math.ceil((status.reconnectAt - now) / 1000));
  const attempt = status.reconnectAttempt !== undefined ? `attempt ${status.reconnectAttempt}, ` : '';
  return seconds > 0 ? `${attempt}next try in ${seconds} s` : `${attempt}trying now…`;
}

export function ConnectionProblem({ status, onEditEndpoint }: { readonly status: SessionStatus | null; readonly onEditEndpoint: () => void }) {
  const api = useApi();
  const now = useNow(1000);
  const [retrying, setRetrying] = useState(false);
  if (!status || isConnected(status.state) || status.connectError === undefined) return null;
  const retry = retryWords(status, now);
  return (
    <div className="notices">
    <div className="notice notice-error connection-problem" role="alert" data-testid="connection-problem">
      <span className="notice-text">
        <strong>Cannot connect to {status.connectError}.</strong>{' '}
        {status.connectErrorAt !== undefined ? <span className="muted">Last attempt {formatMoment(status.connectErrorAt).slice(11)}. </span> : null}
        {retry ? <span data-testid="connection-retry">The app keeps trying: {retry}.</span> : <span>The app is not retrying by itself.</span>}
      </span>
      <span className="row-actions">
        <button
          type="button"
          className="small"
          disabled={retrying}
          onClick={() => {
            setRetrying(true);
            void api.connect().finally(() => setRetrying(false));
          }}
        >
          {retrying ? 'Connecting…' : 'Retry now'}
        </button>
        <button type="button" className="small" onClick={onEditEndpoint}>
          Edit endpoint
        </button>
      </span>
    </div>
    </div>
  );
}
