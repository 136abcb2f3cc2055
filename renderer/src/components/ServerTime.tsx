// A time the server wrote, in the app's one date format (local; the zone is named in the status bar); hovering
// shows the server's own text.
import { formatServerTime, str } from '../format';

export function ServerTime({ value }: { readonly value: unknown }) {
  return (
    <span className="mono" title={`${str(value)} (as the exchange sent it)`}>
      {formatServerTime(value)}
    </span>
  );
}
