// The application menu: the 17 choices in their catalogue groups with the catalogue's shortcuts, plus Settings,
// Log, Import key… and Reveal log. Choices with fields open their screen; field-less ones also run at once
// (except destructive ones such as Mass Cancel All, which only open their screen so the UI can ask first).

import { Menu, type MenuItemConstructorOptions } from 'electron';
import { CHOICES, GROUP_LABELS, type ChoiceGroup, type ChoiceSpec } from '../../shared/oceanex/catalogue';
import type { EventMap } from '../../shared/ipc/channels';

export interface MenuActions {
  navigate(target: EventMap['event:navigate']): void;
  runChoice(choice: number): void;
  importKey(): void;
  revealLog(): void;
  checkForUpdates(): void;
}

export interface MenuOptions {
  readonly isMac: boolean;
  readonly appName: string;
  /** Developer tools only in unpackaged builds. */
  readonly devTools: boolean;
}

/** Field-less, non-destructive choices run straight from the menu. */
export function runsFromMenu(choice: ChoiceSpec): boolean {
  return choice.fields.length === 0 && !choice.destructive;
}

function choiceItem(choice: ChoiceSpec, actions: MenuActions): MenuItemConstructorOptions {
  return {
    id: `choice-${choice.number}`,
    label: `${choice.number}. ${choice.label}${choice.fields.length > 0 || choice.destructive ? '…' : ''}`,
    accelerator: choice.shortcut,
    click: () => {
      actions.navigate(choice.number);
      if (runsFromMenu(choice)) actions.runChoice(choice.number);
    },
  };
}

function groupMenu(group: ChoiceGroup, actions: MenuActions): MenuItemConstructorOptions {
  return {
    id: `group-${group}`,
    label: GROUP_LABELS[group],
    submenu: CHOICES.filter((c) => c.group === group).map((c) => choiceItem(c, actions)),
  };
}

export function buildMenuTemplate(actions: MenuActions, options: MenuOptions): MenuItemConstructorOptions[] {
  const fileMenu: MenuItemConstructorOptions = {
    id: 'file',
    label: 'File',
    submenu: [
      { id: 'import-key', label: 'Import key…', accelerator: 'CmdOrCtrl+O', click: () => actions.importKey() },
      { type: 'separator' },
      { id: 'settings', label: 'Settings', accelerator: 'CmdOrCtrl+,', click: () => actions.navigate('settings') },
      { id: 'log', label: 'Log', accelerator: 'CmdOrCtrl+L', click: () => actions.navigate('log') },
      { id: 'reveal-log', label: 'Reveal log file', click: () => actions.revealLog() },
      { type: 'separator' },
      { id: 'check-for-updates', label: 'Check for Updates…', click: () => actions.checkForUpdates() },
      ...(options.isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
    ],
  };
  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.devTools ? [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }] : []),
    ],
  };
  return [
    ...(options.isMac ? [{ label: options.appName, role: 'appMenu' as const }] : []),
    fileMenu,
    { role: 'editMenu' }, // copy and paste in form fields
    groupMenu('session', actions),
    groupMenu('market', actions),
    groupMenu('account', actions),
    viewMenu,
    { role: 'windowMenu' },
  ];
}

export function installMenu(actions: MenuActions, options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, options)));
}
