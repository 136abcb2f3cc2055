// Notices from main (event:notice) kept until the person dismisses them.
import { useCallback, useEffect, useState } from 'react';
import type { EventMap } from '../../../shared/ipc/channels';
import { useApi } from '../api';

export interface Notice {
  readonly id: number;
  readonly level: EventMap['event:notice']['level'];
  readonly message: string;
}

let nextNoticeId = 1;

export function useNotices(): { notices: readonly Notice[]; dismiss: (id: number) => void; add: (n: Omit<Notice, 'id'>) => void } {
  const api = useApi();
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const add = useCallback((n: Omit<Notice, 'id'>) => {
    // The same message twice in a row (e.g. repeated drops) is one banner.
    setNotices((list) => (list.some((x) => x.message === n.message) ? list : [...list, { ...n, id: nextNoticeId++ }]));
  }, []);
  useEffect(() => api.onNotice((n) => add(n)), [api, add]);
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  return { notices, dismiss, add };
}
