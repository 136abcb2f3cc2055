// The profile's key: shown only by fingerprint; import through main's file dialog, verify, remove.
import { useState } from 'react';
import type { KeyInfo, Result } from '../../../../shared/ipc/contract';
import { useApi } from '../../api';
import { formatMoment, timeTitle } from '../../format';
import type { Notice } from '../../hooks/useNotices';

/** `endpoint` is the profile's endpoint in words, named when the key does not sign for it. */
export function KeyPanel({ info, endpoint, onNotice }: { readonly info: KeyInfo | null; readonly endpoint?: string; readonly onNotice: (n: Omit<Notice, 'id'>) => void }) {
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
              <dd title={timeTitle(Date.parse(info.importedAt))}>{formatMoment(Date.parse(info.importedAt))}</dd>
            </>
          ) : null}
          {info.boundTo ? (
            <>
              <dt>Signs for</dt>
              <dd data-testid="key-bound" className={info.boundHere ? 'ok' : 'bad'}>
                {info.boundTo}
                {info.boundHere ? ' — this profile’s endpoint' : ' — not this profile’s endpoint'}
              </dd>
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
      {info?.present && info.boundHere === false ? (
        <div className="error-box" role="alert" data-testid="key-elsewhere">
          <strong>This key does not sign for this profile’s endpoint{endpoint ? ` (${endpoint})` : ''}.</strong> It was imported for {info.boundTo}, and the app
          signs only there, so Authenticate (1) will be refused here. Import your key for this endpoint (Replace key…), or switch the profile back.
        </div>
      ) : null}
      {info?.present && info.demo ? (
        <p className="hint" role="note" data-testid="key-demo">
          This is the built-in sandbox’s demo key, given to every sandbox profile automatically. It is no secret and signs only for the built-in
          sandbox{info.boundHere ? '' : ', not for this endpoint'}.
        </p>
      ) : null}
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
