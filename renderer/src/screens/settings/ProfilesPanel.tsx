// Choosing, adding and removing profiles.
import { useState } from 'react';
import type { Profile, Result, Settings } from '../../../../shared/ipc/contract';
import { useApi } from '../../api';

interface Props {
  readonly settings: Settings;
  readonly active: Profile | undefined;
  readonly apply: (r: Result<Settings>) => void;
}

export function ProfilesPanel({ settings, active, apply }: Props) {
  const api = useApi();
  const [newName, setNewName] = useState('');
  return (
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
          // Main asks the person in a native dialog (naming the profile and its key) before removing anything.
          <button type="button" className="danger" onClick={() => void api.removeProfile(active.id).then(apply)}>
            Remove profile
          </button>
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
  );
}
