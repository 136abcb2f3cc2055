// Live session status: the initial `status()` answer, then every event:session and event:heartbeat.
import { useEffect, useState } from 'react';
import type { SessionStatus } from '../../../shared/ipc/contract';
import { useApi } from '../api';

export function useSessionStatus(): SessionStatus | null {
  const api = useApi();
  const [status, setStatus] = useState<SessionStatus | null>(null);
  useEffect(() => {
    let live = true;
    const offSession = api.onSession((s) => setStatus(s));
    const offBeat = api.onHeartbeat(({ at }) => setStatus((s) => (s ? { ...s, lastHeartbeatAt: at } : s)));
    void api.status().then((r) => {
      // An event may have arrived first; it is newer than this answer.
      if (live && r.ok) setStatus((s) => s ?? r.value);
    });
    return () => {
      live = false;
      offSession();
      offBeat();
    };
  }, [api]);
  return status;
}
