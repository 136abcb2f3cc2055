// Settings and key info as main knows them: fetched once, then kept current by event:settings / event:key.
import { useCallback, useEffect, useState } from 'react';
import type { KeyInfo, Settings } from '../../../preload/contract';
import { useApi } from '../api';

export function useSettings(): [Settings | null, (s: Settings) => void] {
  const api = useApi();
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    const off = api.onSettings((s) => setSettings(s));
    void api.getSettings().then((r) => {
      if (live && r.ok) setSettings((s) => s ?? r.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return [settings, setSettings];
}

export function useKeyInfo(): [KeyInfo | null, (k: KeyInfo) => void, () => void] {
  const api = useApi();
  const [info, setInfo] = useState<KeyInfo | null>(null);
  const refresh = useCallback(() => {
    void api.keyInfo().then((r) => {
      if (r.ok) setInfo(r.value);
    });
  }, [api]);
  useEffect(() => {
    const off = api.onKey((k) => setInfo(k));
    refresh();
    return off;
  }, [api, refresh]);
  return [info, setInfo, refresh];
}
