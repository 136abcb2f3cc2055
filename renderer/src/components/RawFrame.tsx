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
