// A time the server wrote, in the app's one date format; hovering shows the server's own text.
import { formatServerTime, str } from '../format';

export function ServerTime({ value }: { readonly value: unknown }) {
  return (
    <span className="mono" title={str(value)}>
      {formatServerTime(value)}
    </span>
  );
}
