// A status-bar pop-over's open state: Esc closes it, and it never survives a change of screen or profile — it is
// open only for the `scope` (screen + profile) it was opened in, so a change closes it without an effect.
import { useEffect, useState } from 'react';

export interface Popover {
  readonly open: boolean;
  toggle(): void;
  close(): void;
}

export function usePopover(scope: string): Popover {
  const [openIn, setOpenIn] = useState<string | null>(null);
  const open = openIn === scope;
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpenIn(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return { open, toggle: () => setOpenIn(open ? null : scope), close: () => setOpenIn(null) };
}
