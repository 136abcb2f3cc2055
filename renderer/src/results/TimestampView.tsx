// Server time in the app's one time format (the exchange's Unix seconds on hover and in the raw frame), this
// computer's clock at that moment, and the skew between them.
import { formatDateTime, formatMoment } from '../format';

export function TimestampView({ data, receivedAt, rttMs }: { readonly data: unknown; readonly receivedAt: number; readonly rttMs: number | undefined }) {
  const seconds = typeof data === 'number' ? data : Number(data);
  if (!Number.isFinite(seconds)) return <div className="muted">Unexpected timestamp: {String(data)}</div>;
  // The server stamped the reply about half a round trip before it arrived.
  const localAtStamp = receivedAt - (rttMs ?? 0) / 2;
  const skewMs = seconds * 1000 - localAtStamp;
  const skew = Math.abs(skewMs) < 1000 ? 'within 1 s' : `${skewMs > 0 ? 'server ahead by' : 'server behind by'} ${(Math.abs(skewMs) / 1000).toFixed(1)} s`;
  return (
    <dl className="kv" data-testid="timestamp-view">
      <dt>Server time</dt>
      <dd className="mono" title={`${seconds} (Unix seconds, as the exchange sent it) · ${new Date(seconds * 1000).toISOString()}`} data-testid="server-time" data-epoch={seconds}>
        {formatDateTime(seconds * 1000, false)}
      </dd>
      <dt>This computer then</dt>
      <dd className="mono">{formatMoment(localAtStamp)}</dd>
      <dt>Clock skew</dt>
      <dd className={Math.abs(skewMs) > 5000 ? 'bad' : ''} data-testid="skew">
        {skew}
      </dd>
    </dl>
  );
}
