// A value main owns (settings, the updater's status…): fetched once, then kept current by its event. The
// subscription comes first, so an event that arrives before the fetch's answer wins over that older answer.
import { useEffect, useState } from 'react';
import type { Result } from '../../../shared/ipc/contract';

export function useMainValue<T>(subscribe: (listener: (value: T) => void) => () => void, fetch: () => Promise<Result<T>>): [T | null, (value: T) => void] {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    const off = subscribe((v) => setValue(v));
    void fetch().then((r) => {
      if (live && r.ok) setValue((current) => current ?? r.value);
    });
    return () => {
      live = false;
      off();
    };
  }, [subscribe, fetch]);
  return [value, setValue];
}
