// Keyboard shortcuts from the catalogue's Electron accelerators ("CmdOrCtrl+Shift+4"), so the renderer and the
// application menu agree. CmdOrCtrl is Meta on macOS and Ctrl elsewhere. Keys are matched by physical code
// (Digit4, KeyL) because Shift changes `event.key` ("$" for Shift+4).
import { CHOICES } from '../../shared/oceanex/catalogue';

export type View = number | 'settings' | 'log' | 'composer' | 'history' | 'scenarios';

/** Screens that are not choices; the menu uses the same accelerators. */
export const EXTRA_SHORTCUTS: ReadonlyArray<{ readonly view: View; readonly accelerator: string }> = [
  { view: 'settings', accelerator: 'CmdOrCtrl+,' },
  { view: 'log', accelerator: 'CmdOrCtrl+L' },
];

export interface Accelerator {
  readonly mod: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly code: string;
}

const KEY_CODES: Readonly<Record<string, string>> = { ',': 'Comma', '.': 'Period', '/': 'Slash' };

export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}

export function parseAccelerator(accelerator: string): Accelerator {
  const parts = accelerator.split('+');
  const key = parts[parts.length - 1] ?? '';
  const mods = parts.slice(0, -1).map((m) => m.toLowerCase());
  const code = /^\d$/.test(key) ? `Digit${key}` : /^[A-Za-z]$/.test(key) ? `Key${key.toUpperCase()}` : (KEY_CODES[key] ?? key);
  return {
    mod: mods.some((m) => m === 'cmdorctrl' || m === 'commandorcontrol' || m === 'ctrl' || m === 'cmd'),
    shift: mods.includes('shift'),
    alt: mods.includes('alt'),
    code,
  };
}

export function matches(acc: Accelerator, e: KeyboardEvent, mac = isMac()): boolean {
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  return mod === acc.mod && e.shiftKey === acc.shift && e.altKey === acc.alt && e.code === acc.code;
}

/** "Ctrl+Shift+4" on Linux/Windows, "⌘⇧4" on macOS: what a person reads next to a menu entry. */
export function acceleratorLabel(accelerator: string, mac = isMac()): string {
  const acc = parseAccelerator(accelerator);
  const key = accelerator.split('+').pop() ?? '';
  if (mac) return `${acc.mod ? '⌘' : ''}${acc.alt ? '⌥' : ''}${acc.shift ? '⇧' : ''}${key}`;
  return [acc.mod ? 'Ctrl' : '', acc.alt ? 'Alt' : '', acc.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

export const ALL_SHORTCUTS: ReadonlyArray<{ readonly view: View; readonly accelerator: Accelerator }> = [
  ...CHOICES.map((c) => ({ view: c.number as View, accelerator: parseAccelerator(c.shortcut) })),
  ...EXTRA_SHORTCUTS.map((s) => ({ view: s.view, accelerator: parseAccelerator(s.accelerator) })),
];

export function viewForKey(e: KeyboardEvent): View | undefined {
  return ALL_SHORTCUTS.find((s) => matches(s.accelerator, e))?.view;
}
