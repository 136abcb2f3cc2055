// The application menu: the 17 choices in their groups with the catalogue's shortcuts; clicks navigate, and
// field-less, non-destructive choices also run.

import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { CHOICES, GROUP_LABELS } from '../../shared/oceanex/catalogue';
import { recorded } from './electron-stand-in';

vi.mock('electron', async () => {
  const standIn = await import('./electron-stand-in');
  return { ...standIn.electron, default: standIn.electron };
});

const { buildMenuTemplate, installMenu, runsFromMenu } = await import('../../main/electron/menu');

function recordActions() {
  const log: string[] = [];
  return {
    log,
    actions: {
      navigate: (target: number | string) => log.push(`navigate ${target}`),
      runChoice: (choice: number) => log.push(`run ${choice}`),
      importKey: () => log.push('import key'),
      revealLog: () => log.push('reveal log'),
      checkForUpdates: () => log.push('check for updates'),
    },
  };
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();

describe('application menu', () => {
  const { log, actions } = recordActions();
  const template = buildMenuTemplate(actions, { isMac: false, appName: 'OceanEx WS Client', devTools: false });
  const all = items(template);

  it('offers every choice once, in its catalogue group, with the catalogue shortcut', () => {
    for (const choice of CHOICES) {
      const matches = all.filter((i) => i.id === `choice-${choice.number}`);
      expect(matches, choice.label).toHaveLength(1);
      expect(matches[0]?.accelerator).toBe(choice.shortcut);
      expect(matches[0]?.label).toContain(`${choice.number}. ${choice.label}`);
      const group = template.find((g) => g.id === `group-${choice.group}`);
      expect(group?.label).toBe(GROUP_LABELS[choice.group]);
      expect((group?.submenu as MenuItemConstructorOptions[]).includes(matches[0]!)).toBe(true);
    }
    const accelerators = all.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('clicking a choice with fields navigates only; a field-less choice navigates and runs; mass cancel only navigates', () => {
    log.length = 0;
    click(all.find((i) => i.id === 'choice-6'));
    click(all.find((i) => i.id === 'choice-13'));
    click(all.find((i) => i.id === 'choice-8'));
    click(all.find((i) => i.id === 'choice-16'));
    expect(log).toEqual(['navigate 6', 'navigate 13', 'run 13', 'navigate 8', 'navigate 16', 'run 16']);
    expect(CHOICES.filter(runsFromMenu).map((c) => c.number)).toEqual([1, 3, 4, 5, 13, 16, 17]);
  });

  it('has Settings, Log, Import key…, Reveal log and Check for Updates…', () => {
    log.length = 0;
    for (const id of ['settings', 'log', 'import-key', 'reveal-log', 'check-for-updates']) click(all.find((i) => i.id === id));
    expect(log).toEqual(['navigate settings', 'navigate log', 'import key', 'reveal log', 'check for updates']);
    expect(all.find((i) => i.id === 'check-for-updates')?.label).toBe('Check for Updates…');
    expect(all.some((i) => i.role === 'editMenu')).toBe(true);
    expect(all.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('macOS gets the app menu; unpackaged builds get developer tools; installMenu sets it', () => {
    const mac = buildMenuTemplate(actions, { isMac: true, appName: 'OceanEx WS Client', devTools: true });
    expect(mac[0]).toMatchObject({ role: 'appMenu' });
    expect(items(mac).some((i) => i.role === 'toggleDevTools')).toBe(true);
    installMenu(actions, { isMac: false, appName: 'x', devTools: false });
    expect(recorded.menuTemplate).toHaveLength(template.length);
  });
});
