// The active profile's endpoint, uid, API key id, timeout and log level, checked locally and again by main.
// A field's error goes as soon as its text is valid; unsaved edits are kept when the person leaves Settings.
import { useState } from 'react';
import { LOG_LEVELS, type Endpoint, type LogLevel, type Profile, type Result, type Settings } from '../../../../shared/ipc/contract';
import { useApi } from '../../api';
import { draftOf, forgetDraft, isDirty, keepDraft, keptDraft, type Draft } from './drafts';

function localErrors(d: Draft): Record<string, string> {
  const e: Record<string, string> = {};
  if (!d.name.trim()) e['name'] = 'A profile needs a name';
  if (d.endpointKind === 'custom' && !/^wss?:\/\/\S+$/.test(d.url.trim())) e['url'] = 'A websocket URL such as wss://example.com/ws/v1';
  const t = Number(d.requestTimeoutMs);
  if (!/^\d+$/.test(d.requestTimeoutMs.trim()) || t < 1000 || t > 600000) e['requestTimeoutMs'] = 'Between 1000 and 600000 ms';
  return e;
}

export function ProfileForm({ profile, onSaved }: { readonly profile: Profile; readonly onSaved: (r: Result<Settings>) => void }) {
  const api = useApi();
  const [restored] = useState(() => keptDraft(profile) !== undefined);
  const [draft, setDraft] = useState<Draft>(() => keptDraft(profile) ?? draftOf(profile));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    const next = { ...draft, [k]: v };
    setDraft(next);
    keepDraft(profile, next);
    setSaved(false);
    // The edited field's message is stale once its text is valid (main's messages go with any edit of their field).
    const fieldKey = k === 'endpointKind' ? 'url' : k;
    if (errors[fieldKey] !== undefined && localErrors(next)[fieldKey] === undefined) {
      setErrors(({ [fieldKey]: _gone, ...rest }) => rest);
    }
  };
  const discard = () => {
    forgetDraft(profile.id);
    setDraft(draftOf(profile));
    setErrors({});
  };
  const dirty = isDirty(profile, draft);
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
        if (r.ok) forgetDraft(profile.id);
        setSaved(r.ok);
        onSaved(r);
      });
  };
  // Each input names its error (aria-describedby), so a screen reader reads why the field is invalid.
  const invalid = (k: string) => (errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': `s-${k}-err` } : {});
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
        <input id="s-name" value={draft.name} onChange={(e) => set('name', e.target.value)} {...invalid('name')} />
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
          <input aria-label="Custom endpoint URL" placeholder="e.g. wss://example.com/ws/v1" value={draft.url} onChange={(e) => set('url', e.target.value)} {...invalid('url')} />
        ) : null}
        {err('url')}
        {err('endpoint')}
      </fieldset>
      <div className="field">
        <label htmlFor="s-uid">User id (uid)</label>
        <input id="s-uid" className="mono" placeholder="e.g. ID4E5XXXXXX" value={draft.uid} onChange={(e) => set('uid', e.target.value)} spellCheck={false} {...invalid('uid')} />
        {err('uid')}
      </div>
      <div className="field">
        <label htmlFor="s-apikey">API key id</label>
        <input id="s-apikey" className="mono" placeholder="e.g. KIDB7XXXXXX" value={draft.apiKeyId} onChange={(e) => set('apiKeyId', e.target.value)} spellCheck={false} {...invalid('apiKeyId')} />
        {err('apiKeyId')}
      </div>
      <div className="field">
        <label htmlFor="s-timeout">Request timeout (ms)</label>
        <input id="s-timeout" inputMode="numeric" value={draft.requestTimeoutMs} onChange={(e) => set('requestTimeoutMs', e.target.value)} {...invalid('requestTimeoutMs')} />
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
        ) : dirty ? (
          <span className="warn" role="status" data-testid="unsaved">
            {restored ? 'Unsaved changes kept from before.' : 'Unsaved changes (kept if you leave Settings).'}{' '}
            <button type="button" className="small" onClick={discard}>
              Discard changes
            </button>
          </span>
        ) : null}
      </div>
    </form>
  );
}
