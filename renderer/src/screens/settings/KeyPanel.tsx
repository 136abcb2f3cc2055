// The profile's key: shown only by fingerprint; import through main's file dialog, verify, remove.
import { useState } from 'react';
import type { KeyInfo, Result } from '../../../../shared/ipc/contract';
import { useApi } from '../../api';
import { formatDateTime, timeTitle } from '../../format';
import type { Notice } from '../../hooks/useNotices';

export function KeyPanel({ info, onNotice }: { readonly info: KeyInfo | null; readonly onNotice: (n: Omit<Notice, 'id'>) => void }) {
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [verify, setVerify] = useState<{ ok: boolean; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = <T,>(name: string, p: Promise<Result<T>>, then?: (v: T) => void) => {
    setBusy(name);
    setError(null);
    setVerify(null);
    void p.then((r) => {
      setBusy(null);
      if (r.ok) then?.(r.value);
      else setError(r.error);
    });
  };
  return (
    <section className="panel" aria-labelledby="key-title" data-testid="key-panel">
      <h2 id="key-title">API key</h2>
      {info?.present ? (
        <dl className="kv">
          <dt>Fingerprint (SHA-256 of the public key)</dt>
          <dd className="mono fingerprint" data-testid="fingerprint">
            {info.fingerprint}
          </dd>
          {info.bits ? (
            <>
              <dt>Size</dt>
              <dd>{info.bits} bits</dd>
            </>
          ) : null}
          {info.importedAt ? (
            <>
              <dt>Imported</dt>
              <dd title={timeTitle(Date.parse(info.importedAt))}>{formatDateTime(Date.parse(info.importedAt))}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted" data-testid="no-key">
          No key imported for this profile. Import the RSA private key (key.pem) whose public key you registered with OceanEx. It is kept in the
          operating system&apos;s keychain and never shown again.
        </p>
      )}
      {info?.warning ? <p className="warn">{info.warning}</p> : null}
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy !== null} onClick={() => act('import', api.importKey())}>
          {busy === 'import' ? 'Importing…' : info?.present ? 'Replace key…' : 'Import key…'}
        </button>
        {info?.present ? (
          <>
            <button type="button" disabled={busy !== null} onClick={() => act('verify', api.verifyKey(), (v) => setVerify(v))}>
              {busy === 'verify' ? 'Verifying…' : 'Verify key'}
            </button>
            {/* Main asks the person in a native dialog (with the key's fingerprint) before anything is deleted. */}
            <button
              type="button"
              className="danger"
              disabled={busy !== null}
              onClick={() => act('remove', api.removeKey(), (v) => (v.present ? undefined : onNotice({ level: 'info', message: 'The key was removed from the keychain.' })))}
            >
              {busy === 'remove' ? 'Removing…' : 'Remove key'}
            </button>
          </>
        ) : null}
      </div>
      {verify ? (
        <p className={verify.ok ? 'ok' : 'bad'} role="status" data-testid="verify-result">
          {verify.message}
        </p>
      ) : null}
      {error ? (
        <div className="error-box" role="alert" data-testid="key-error">
          {error}
        </div>
      ) : null}
    </section>
  );
}
