// Which screen is shown: changed by the sidebar, keyboard shortcuts and the application menu (event:navigate).
import { useEffect, useState } from 'react';
import { useApi } from '../api';
import { viewForKey, type View } from '../shortcuts';

export function useNavigation(initial: View): [View, (v: View) => void] {
  const api = useApi();
  const [view, setView] = useState<View>(initial);
  useEffect(() => api.onNavigate((target) => setView(target)), [api]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = viewForKey(e);
      if (target === undefined) return;
      e.preventDefault();
      setView(target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return [view, setView];
}
