// The built-in sandbox exchange: "Reset sandbox…" forgets its balances, orders and trades. Main asks the person in
// a native dialog first; this panel only shows what main answered.
import { useState } from 'react';
import { useApi } from '../../api';
import type { Notice } from '../../hooks/useNotices';

export function SandboxPanel({ onNotice }: { readonly onNotice: (n: Omit<Notice, 'id'>) => void }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reset = () => {
    setBusy(true);
    setError(null);
    void api.resetSandbox().then((r) => {
      setBusy(false);
      if (r.ok) onNotice({ level: 'info', message: r.value });
      else setError(r.error);
    });
  };
  return (
    <section className="panel" aria-labelledby="sandbox-title" data-testid="sandbox-panel">
      <h2 id="sandbox-title">Built-in sandbox</h2>
      <p className="muted">
        A small local exchange with a demo account, for trying every choice without real funds. It keeps its balances, orders and trades across
        restarts; a reset starts it over with the demo account&apos;s starting balances.
      </p>
      <div className="form-actions">
        <button type="button" className="danger" disabled={busy} onClick={reset}>
          {busy ? 'Resetting…' : 'Reset sandbox…'}
        </button>
      </div>
      {error ? (
        <div className="error-box" role="alert" data-testid="sandbox-error">
          {error}
        </div>
      ) : null}
    </section>
  );
}
