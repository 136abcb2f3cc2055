// A reply with a non-zero code: the server's code and message, as the person needs to act on it.
import type { Reply } from '../../../shared/oceanex/messages';
import { isRecord } from '../format';

/** The message a server put next to the code: `message`, or `data.message`; what else `data` holds. */
function explain(reply: Reply): { message?: string; detail?: string } {
  const data = reply.data;
  if (isRecord(data) && typeof data['message'] === 'string') {
    const { message, ...rest } = data;
    return { message: reply.message ?? (message as string), detail: Object.keys(rest).length > 0 ? JSON.stringify(rest) : undefined };
  }
  const detail = data === undefined || data === null ? undefined : typeof data === 'string' ? data : JSON.stringify(data);
  return { message: reply.message, detail };
}

export function ServerError({ reply }: { readonly reply: Reply }) {
  const { message, detail } = explain(reply);
  return (
    <div className="error-box" role="alert" data-testid="server-error">
      <strong>
        Server error <span className="mono">code {reply.code}</span>
      </strong>
      {message ? <span className="error-message"> — {message}</span> : null}
      {detail ? <div className="mono error-detail">{detail}</div> : null}
      <div className="muted">
        {reply.handler}/{reply.action}
      </div>
    </div>
  );
}
