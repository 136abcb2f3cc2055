// Settings: profiles (add, remove, select), the active profile's form and its key. Each part is its own component
// under settings/; this screen loads the settings and hands them out.
import { useState } from 'react';
import type { Result, Settings } from '../../../shared/ipc/contract';
import { useApi } from '../api';
import type { Notice } from '../hooks/useNotices';
import { useKeyInfo, useSettings } from '../hooks/useSettings';
import { KeyPanel } from './settings/KeyPanel';
import { ProfileForm } from './settings/ProfileForm';
import { ProfilesPanel } from './settings/ProfilesPanel';
import { SandboxPanel } from './settings/SandboxPanel';

export function SettingsScreen({ onNotice }: { readonly onNotice: (n: Omit<Notice, 'id'>) => void }) {
  const api = useApi();
  const [settings, setSettings] = useSettings();
  const [keyInfo, setKeyInfo] = useKeyInfo();
  const [error, setError] = useState<string | null>(null);
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
      <ProfilesPanel settings={settings} active={active} apply={apply} />
      {active ? (
        <section className="panel" aria-labelledby="profile-title">
          <h2 id="profile-title">Profile “{active.name}”</h2>
          {/* Re-created when main's copy of the profile changes, so the form never shows stale values. */}
          <ProfileForm key={JSON.stringify(active)} profile={active} onSaved={apply} />
        </section>
      ) : null}
      <KeyPanel info={keyInfo} onNotice={onNotice} />
      <SandboxPanel onNotice={onNotice} />
    </div>
  );
}
