// Settings and key info as main knows them: fetched once, then kept current by event:settings / event:key.
import { useCallback, useEffect, useState } from 'react';
import type { KeyInfo, Settings } from '../../../shared/ipc/contract';
import { useApi } from '../api';
import { useMainValue } from './useMainValue';

export function useSettings(): [Settings | null, (s: Settings) => void] {
  const api = useApi();
  return useMainValue(api.onSettings, api.getSettings);
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
