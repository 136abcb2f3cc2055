// Which screen is shown: changed by the sidebar, keyboard shortcuts and the application menu (event:navigate).
// A shortcut or the menu also moves keyboard focus to the new screen's first control (or its heading), as the
// person's hands are on the keyboard; a click in the sidebar leaves focus where the pointer put it.
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api';
import { viewForKey, type View } from '../shortcuts';

/** The first control of the screen shown, or its heading (made focusable for this). */
export function focusScreen(): void {
  const screen = document.querySelector<HTMLElement>('#content [data-screen]:not([hidden])');
  if (!screen) return;
  const control = screen.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])');
  const heading = screen.querySelector<HTMLElement>('h1');
  if (control) control.focus();
  else if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

/** Focuses `selector` as soon as it is in the page (a screen that loads its data first), giving up after ~1 s. */
export function focusWhenShown(selector: string, frames = 60): void {
  const el = document.querySelector<HTMLElement>(selector);
  if (el) el.focus();
  else if (frames > 0) window.requestAnimationFrame(() => focusWhenShown(selector, frames - 1));
}

export function useNavigation(initial: View): [View, (v: View) => void] {
  const api = useApi();
  const [state, setState] = useState<{ view: View; focus: number }>({ view: initial, focus: 0 });
  const byKeyboard = useCallback((target: View) => setState((s) => ({ view: target, focus: s.focus + 1 })), []);
  useEffect(() => api.onNavigate(byKeyboard), [api, byKeyboard]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = viewForKey(e);
      if (target === undefined) return;
      e.preventDefault();
      byKeyboard(target);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [byKeyboard]);
  // After the new screen is in the DOM.
  useEffect(() => {
    if (state.focus > 0) focusScreen();
  }, [state.focus]);
  const navigate = useCallback((view: View) => setState((s) => ({ view, focus: s.focus })), []);
  return [state.view, navigate];
}
