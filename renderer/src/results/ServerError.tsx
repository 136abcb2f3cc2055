// A reply with a non-zero code: the server's code and message, as the person needs to act on it.
import type { Reply } from '../../../main/oceanex/messages';

export function ServerError({ reply }: { readonly reply: Reply }) {
  const detail = reply.data === undefined || reply.data === null ? '' : typeof reply.data === 'string' ? reply.data : JSON.stringify(reply.data);
  return (
    <div className="error-box" role="alert" data-testid="server-error">
      <strong>
        Server error <span className="mono">code {reply.code}</span>
      </strong>
      {reply.message ? <span> — {reply.message}</span> : null}
      {detail ? <div className="mono error-detail">{detail}</div> : null}
      <div className="muted">
        {reply.handler}/{reply.action}
      </div>
    </div>
  );
}
