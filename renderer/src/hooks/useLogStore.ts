// Feeds a LogStore: the newest history from main first (api.queryLog), then every event:log batch.
// Re-renders at most once per animation frame however fast batches arrive.
import { useEffect, useState } from 'react';
import type { LogEntry } from '../../../shared/ipc/contract';
import { useApi } from '../api';
import { LogStore } from '../log/logStore';

export const HISTORY_LIMIT = 10_000;

export function useLogStore(): LogStore {
  const api = useApi();
  const [store] = useState(() => new LogStore());
  useEffect(() => {
    // Live batches that arrive before the history answer wait, so entries stay in seq order.
    let waiting: LogEntry[][] | null = [];
    const off = api.onLog((batch) => (waiting ? waiting.push([...batch]) : store.add(batch)));
    void api.queryLog({ limit: HISTORY_LIMIT }).then((r) => {
      if (r.ok) store.add(r.value);
      for (const b of waiting ?? []) store.add(b);
      waiting = null;
    });
    return off;
  }, [api, store]);
  return store;
}

/** The store's version, sampled at most once per animation frame (a flood of batches costs one render a frame). */
export function useFrameVersion(store: LogStore): number {
  const [version, setVersion] = useState(store.version);
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0;
          setVersion(store.version);
        });
    };
    const off = store.subscribe(schedule);
    schedule(); // catches changes between the first render and this subscription
    return () => {
      cancelAnimationFrame(frame);
      off();
    };
  }, [store]);
  return version;
}
