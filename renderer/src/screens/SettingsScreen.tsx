// Settings: profiles (add, remove, select), the active profile's endpoint, uid, API key id, timeout and log level,
// and its key (import through main's file dialog, remove, verify) shown only by fingerprint.
import { useState } from 'react';
import { LOG_LEVELS, type Endpoint, type KeyInfo, type LogLevel, type Profile, type Result, type Settings } from '../../../preload/contract';
import { useApi } from '../api';
import type { Notice } from '../hooks/useNotices';
import { useKeyInfo, useSettings } from '../hooks/useSettings';

type Draft = {
  name: string;
  endpointKind: Endpoint['kind'];
  url: string;
  uid: string;
  apiKeyId: string;
  requestTimeoutMs: string;
  logLevel: LogLevel;
};

function draftOf(p: Profile): Draft {
  return {
    name: p.name,
    endpointKind: p.endpoint.kind,
    url: p.endpoint.kind === 'custom' ? p.endpoint.url : '',
    uid: p.uid,
    apiKeyId: p.apiKeyId,
    requestTimeoutMs: String(p.requestTimeoutMs),
    logLevel: p.logLevel,
  };
}

function localErrors(d: Draft): Record<string, string> {
  const e: Record<string, string> = {};
  if (!d.name.trim()) e['name'] = 'A profile needs a name';
  if (d.endpointKind === 'custom' && !/^wss?:\/\/\S+$/.test(d.url.trim())) e['url'] = 'A websocket URL such as wss://example.com/ws/v1';
  const t = Number(d.requestTimeoutMs);
  if (!/^\d+$/.test(d.requestTimeoutMs.trim()) || t < 1000 || t > 600000) e['requestTimeoutMs'] = 'Between 1000 and 600000 ms';
  return e;
}

function ProfileForm({ profile, onSaved }: { readonly profile: Profile; readonly onSaved: (r: Result<Settings>) => void }) {
  const api = useApi();
  const [draft, setDraft] = useState<Draft>(() => draftOf(profile));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setSaved(false);
  };
  const save = () => {
    const e = localErrors(draft);
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const endpoint: Endpoint = draft.endpointKind === 'custom' ? { kind: 'custom', url: draft.url.trim() } : { kind: draft.endpointKind };
    setSaving(true);
    void api
      .updateProfile({
        id: profile.id,
        name: draft.name.trim(),
        endpoint,
        uid: draft.uid.trim(),
        apiKeyId: draft.apiKeyId.trim(),
        requestTimeoutMs: Number(draft.requestTimeoutMs),
        logLevel: draft.logLevel,
      })
      .then((r) => {
        setSaving(false);
        if (!r.ok && r.fieldErrors) setErrors({ ...r.fieldErrors });
        setSaved(r.ok);
        onSaved(r);
      });
  };
  const err = (k: string) =>
    errors[k] ? (
      <span className="field-error" role="alert" id={`s-${k}-err`}>
        {errors[k]}
      </span>
    ) : null;
  return (
    <form
      className="settings-form"
      aria-label="Profile settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="field">
        <label htmlFor="s-name">Profile name</label>
        <input id="s-name" value={draft.name} onChange={(e) => set('name', e.target.value)} aria-invalid={errors['name'] ? true : undefined} />
        {err('name')}
      </div>
      <fieldset className="field endpoint">
        <legend>Endpoint</legend>
        {(['sandbox', 'production', 'custom'] as const).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name="endpoint" value={k} checked={draft.endpointKind === k} onChange={() => set('endpointKind', k)} />
            {k === 'sandbox' ? 'Built-in sandbox' : k === 'production' ? 'Production (wss://ws.oceanex.pro/ws/v1)' : 'Custom URL'}
          </label>
        ))}
        {draft.endpointKind === 'custom' ? (
          <input aria-label="Custom endpoint URL" placeholder="wss://example.com/ws/v1" value={draft.url} onChange={(e) => set('url', e.target.value)} aria-invalid={errors['url'] ? true : undefined} />
        ) : null}
        {err('url')}
        {err('endpoint')}
      </fieldset>
      <div className="field">
        <label htmlFor="s-uid">User id (uid)</label>
        <input id="s-uid" className="mono" placeholder="ID4E5XXXXXX" value={draft.uid} onChange={(e) => set('uid', e.target.value)} spellCheck={false} />
        {err('uid')}
      </div>
      <div className="field">
        <label htmlFor="s-apikey">API key id</label>
        <input id="s-apikey" className="mono" placeholder="KIDB7XXXXXX" value={draft.apiKeyId} onChange={(e) => set('apiKeyId', e.target.value)} spellCheck={false} />
        {err('apiKeyId')}
      </div>
      <div className="field">
        <label htmlFor="s-timeout">Request timeout (ms)</label>
        <input id="s-timeout" inputMode="numeric" value={draft.requestTimeoutMs} onChange={(e) => set('requestTimeoutMs', e.target.value)} aria-invalid={errors['requestTimeoutMs'] ? true : undefined} />
        {err('requestTimeoutMs')}
      </div>
      <div className="field">
        <label htmlFor="s-loglevel">Log level</label>
        <select id="s-loglevel" value={draft.logLevel} onChange={(e) => set('logLevel', e.target.value as LogLevel)}>
          {LOG_LEVELS.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save profile'}
        </button>
        {saved ? (
          <span className="ok" role="status">
            Saved.
          </span>
        ) : null}
      </div>
    </form>
  );
}

function KeyPanel({ info, onNotice }: { readonly info: KeyInfo | null; readonly onNotice: (n: Omit<Notice, 'id'>) => void }) {
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [verify, setVerify] = useState<{ ok: boolean; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
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
              <dd>{new Date(info.importedAt).toLocaleString()}</dd>
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
            {confirmRemove ? (
              <>
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    setConfirmRemove(false);
                    act('remove', api.removeKey(), () => onNotice({ level: 'info', message: 'The key was removed from the keychain.' }));
                  }}
                >
                  Really remove the key
                </button>
                <button type="button" onClick={() => setConfirmRemove(false)}>
                  Keep it
                </button>
              </>
            ) : (
              <button type="button" className="danger" disabled={busy !== null} onClick={() => setConfirmRemove(true)}>
                Remove key
              </button>
            )}
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

export function SettingsScreen({ onNotice }: { readonly onNotice: (n: Omit<Notice, 'id'>) => void }) {
  const api = useApi();
  const [settings, setSettings] = useSettings();
  const [keyInfo, setKeyInfo] = useKeyInfo();
  const [newName, setNewName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  if (!settings) return <div className="screen">Loading settings…</div>;
  const active = settings.profiles.find((p) => p.id === settings.activeProfileId) ?? settings.profiles[0];
  const apply = (r: Result<Settings>) => {
    if (r.ok) {
      setSettings(r.value);
      setError(null);
      void api.keyInfo().then((k) => k.ok && setKeyInfo(k.value));
    } else setError(r.error);
  };
  return (
    <div className="screen" data-screen="settings">
      <header className="screen-header">
        <h1>Settings</h1>
      </header>
      {error ? (
        <div className="error-box" role="alert">
          {error}
        </div>
      ) : null}
      <section className="panel" aria-labelledby="profiles-title">
        <h2 id="profiles-title">Profiles</h2>
        <div className="form-actions">
          <label htmlFor="s-profile">Active profile</label>
          <select id="s-profile" value={active?.id ?? ''} onChange={(e) => void api.selectProfile(e.target.value).then(apply)}>
            {settings.profiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {settings.profiles.length > 1 && active ? (
            confirmRemove ? (
              <>
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    setConfirmRemove(false);
                    void api.removeProfile(active.id).then(apply);
                  }}
                >
                  Really remove “{active.name}”
                </button>
                <button type="button" onClick={() => setConfirmRemove(false)}>
                  Keep it
                </button>
              </>
            ) : (
              <button type="button" className="danger" onClick={() => setConfirmRemove(true)}>
                Remove profile
              </button>
            )
          ) : null}
        </div>
        <form
          className="form-actions"
          aria-label="Add profile"
          onSubmit={(e) => {
            e.preventDefault();
            if (!newName.trim()) return;
            void api.addProfile(newName.trim()).then((r) => {
              apply(r);
              if (r.ok) setNewName('');
            });
          }}
        >
          <input aria-label="New profile name" placeholder="New profile name" value={newName} onChange={(e) => setNewName(e.target.value)} />
          <button type="submit" disabled={!newName.trim()}>
            Add profile
          </button>
        </form>
      </section>
      {active ? (
        <section className="panel" aria-labelledby="profile-title">
          <h2 id="profile-title">Profile “{active.name}”</h2>
          {/* Re-created when main's copy of the profile changes, so the form never shows stale values. */}
          <ProfileForm key={JSON.stringify(active)} profile={active} onSaved={apply} />
        </section>
      ) : null}
      <KeyPanel info={keyInfo} onNotice={onNotice} />
    </div>
  );
}
