// A collapsible raw JSON view with a copy button: every reply offers it.
import { useMemo, useState } from 'react';
import { copyText } from '../clipboard';

export function RawJson({ value, label = 'Raw JSON', initiallyOpen = false }: { readonly value: unknown; readonly label?: string; readonly initiallyOpen?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const [copied, setCopied] = useState(false);
  // Only while open: a 10 000-order reply is megabytes of text, and closed is how every reply first renders.
  const text = useMemo(() => (open ? (JSON.stringify(value, null, 2) ?? 'undefined') : ''), [open, value]);
  return (
    <div className="raw">
      <div className="raw-bar">
        <button type="button" className="small" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`}
        </button>
        {open ? (
          <button
            type="button"
            className="small"
            onClick={() =>
              void copyText(text).then((ok) => {
                setCopied(ok);
                window.setTimeout(() => setCopied(false), 1500);
              })
            }
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        ) : null}
      </div>
      {/* Focusable: the block scrolls, and keyboard users must be able to scroll it. */}
      {open ? (
        <pre className="json" aria-label={label} tabIndex={0}>
          {text}
        </pre>
      ) : null}
    </div>
  );
}
