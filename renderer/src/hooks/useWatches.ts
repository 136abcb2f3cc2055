// The watches main runs (event:watches) and the latest re-run of each (event:watch). Watches live in main, so a
// screen that mounts later still sees them; ticks from before it mounted are simply not shown.
import { useEffect, useState } from 'react';
import type { WatchInfo, WatchTick } from '../../../shared/ipc/contract';
import { useApi } from '../api';

export function useWatches(): { readonly watches: readonly WatchInfo[]; readonly ticks: ReadonlyMap<string, WatchTick> } {
  const api = useApi();
  const [watches, setWatches] = useState<readonly WatchInfo[]>([]);
  const [ticks, setTicks] = useState<ReadonlyMap<string, WatchTick>>(new Map());
  useEffect(() => {
    let live = true;
    const offList = api.onWatches((list) => setWatches(list));
    const offTick = api.onWatchTick((tick) => setTicks((m) => new Map(m).set(tick.id, tick)));
    void api.watches().then((r) => {
      if (live && r.ok) setWatches(r.value);
    });
    return () => {
      live = false;
      offList();
      offTick();
    };
  }, [api]);
  return { watches, ticks };
}
