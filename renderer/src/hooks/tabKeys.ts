// The WAI-ARIA tabs pattern's keyboard: the tab list is one tab stop; arrows, Home and End move between the tabs
// and select. Tabs carry ids `${prefix}${name}`; the handler sits on the tab list and focuses the one it selected.
import type { KeyboardEvent } from 'react';

export function tabKeyHandler<T extends string>(
  order: readonly T[],
  current: T,
  select: (tab: T) => void,
  prefix: string,
): (e: KeyboardEvent<HTMLElement>) => void {
  return (e) => {
    const at = order.indexOf(current);
    const next =
      e.key === 'ArrowRight' ? (at + 1) % order.length : e.key === 'ArrowLeft' ? (at + order.length - 1) % order.length : e.key === 'Home' ? 0 : e.key === 'End' ? order.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    select(order[next]!);
    e.currentTarget.querySelector<HTMLElement>(`#${prefix}${order[next]!}`)?.focus();
  };
}
