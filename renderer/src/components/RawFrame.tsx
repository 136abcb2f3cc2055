// A frame exactly as it crossed the wire: the text byte for byte, pretty-printed only when the person asks, with Copy
// (which copies what is shown). Anything derived (outcome, pairing, round trip) belongs beside it, never inside it.
import { useState } from 'react';
import { copyText } from '../clipboard';

/** Indented JSON of the text, or undefined when the text is not JSON. */
function pretty(text: string): string | undefined {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return undefined;
  }
}

export function RawFrame({ text, label, testId }: { readonly text: string; readonly label: string; readonly testId?: string }) {
  const [indented, setIndented] = useState(false);
  const [copied, setCopied] = useState(false);
  const formatted = indented ? pretty(text) : undefined;
  const shown = formatted ?? text;
  return (
    <div className="raw-frame">
      <div className="raw-bar">
        <label className="raw-toggle">
          <input type="checkbox" checked={indented} onChange={(e) => setIndented(e.target.checked)} /> Pretty-print
        </label>
        <button
          type="button"
          className="small"
          aria-label={`Copy ${label.toLowerCase()}`}
          onClick={() =>
            void copyText(shown).then((ok) => {
              setCopied(ok);
              window.setTimeout(() => setCopied(false), 1500);
            })
          }
        >
          {copied ? 'Copied' : 'Copy'}
        </button>
        <span className="muted raw-note">{indented ? 'indented for reading, not the bytes on the wire' : 'exactly as on the wire'}</span>
      </div>
      {/* Focusable: the block scrolls, and keyboard users must be able to scroll it. */}
      <pre className="json raw-text" aria-label={label} tabIndex={0} data-testid={testId}>
        {shown}
      </pre>
    </div>
  );
}

/** A frame's text: exactly as on the wire when main passed it, else (older main) the sent object serialised as sent. */
export function sentFrameText(sentText: string | undefined, sent: unknown): string | undefined {
  return sentText ?? (sent !== undefined ? JSON.stringify(sent) : undefined);
}

/**
 * The frame sent and the reply frame side by side, each exactly as on the wire. What the app derived (pairing by
 * uuid, round trip) is said above them, never written into them.
 */
export function FramePair({ sentText, replyText, uuid, paired, rttMs, showDerived = true, replyParsed }: { readonly sentText?: string; readonly replyText?: string; readonly uuid?: string; readonly paired: boolean; readonly rttMs?: number; readonly showDerived?: boolean; readonly replyParsed?: unknown }) {
  return (
    <div className="frame-pair" data-testid="frame-pair">
      {showDerived ? (
        <p className="muted derived" data-testid="derived">
          Derived by the app: {uuid ? `uuid ${uuid}${paired ? ', reply paired by it' : ', no reply paired'}` : 'no uuid'}
          {rttMs !== undefined ? ` · round trip ${rttMs.toFixed(0)} ms` : ''}
        </p>
      ) : null}
      <div className="frame-pair-grid">
        <section aria-label="Frame sent">
          <h2 className="subhead">Frame sent</h2>
          {sentText !== undefined ? <RawFrame text={sentText} label="Frame sent" testId="raw-sent" /> : <p className="muted">Nothing was sent.</p>}
        </section>
        <section aria-label="Reply frame">
          <h2 className="subhead">Reply frame</h2>
          {replyText !== undefined ? (
            <RawFrame text={replyText} label="Reply frame" testId="raw-reply" />
          ) : replyParsed !== undefined ? (
            <>
              <p className="muted">The reply’s exact text did not reach this screen; this is the app’s reading of it, not the frame:</p>
              <RawFrame text={JSON.stringify(replyParsed)} label="The app’s reading of the reply" testId="raw-reply" />
            </>
          ) : (
            <p className="muted">No reply frame.</p>
          )}
        </section>
      </div>
    </div>
  );
}
