// Login success: the scopes the API key grants.
import { isRecord } from '../format';

export function LoginView({ data }: { readonly data: unknown }) {
  const scopes = isRecord(data) && isRecord(data['scopes']) ? Object.entries(data['scopes']) : [];
  return (
    <div className="ack" data-testid="login-view">
      {/* "Authenticated." is the summary line's; this view adds what the key may do. */}
      {scopes.length > 0 ? (
        <span>
          Scopes granted:{' '}
          {scopes.map(([k, v]) => (
            <span key={k} className={`chip ${v === true ? 'ok' : 'muted'}`}>
              {k}
            </span>
          ))}
        </span>
      ) : null}
    </div>
  );
}
