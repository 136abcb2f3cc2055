// main's confirmation as Electron's native message box (through the stand-in `electron` dialog): attached to the
// window, Cancel first, default and the Esc answer, the "don't ask again" box only where main offers it, and
// only an explicit yes (button 1) counts.

import { describe, expect, it } from 'vitest';
import type { BrowserWindow, Dialog } from 'electron';
import type { ConfirmQuestion } from '../../main/app/confirmation';
import { confirmWithMessageBox, messageBoxOptions } from '../../main/electron/confirm-dialog';
import { electron, recorded, StandInBrowserWindow } from './electron-stand-in';

const dialog = electron.dialog as unknown as Pick<Dialog, 'showMessageBox'>;
const question: ConfirmQuestion = { title: 'New order', message: 'Place this buy order on Sandbox?', detail: 'Profile: Sandbox\nMarket: vetusdt', yesLabel: 'Place order' };

describe('native confirmation dialog', () => {
  it('builds a warning box whose default and cancel answer is Cancel', () => {
    expect(messageBoxOptions(question)).toEqual({
      type: 'warning',
      title: 'New order',
      message: 'Place this buy order on Sandbox?',
      detail: 'Profile: Sandbox\nMarket: vetusdt',
      buttons: ['Cancel', 'Place order'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
  });

  it('is attached to the window; Cancel, Esc or closing is a no; only the yes button is a yes', async () => {
    const win = new StandInBrowserWindow({}) as unknown as BrowserWindow;
    recorded.messageBoxResult = { response: 0, checkboxChecked: false };
    expect(await confirmWithMessageBox(dialog, win, question)).toBe(false);
    expect(recorded.messageBoxes.at(-1)?.parent).toBe(win);
    recorded.messageBoxResult = { response: 1, checkboxChecked: false };
    expect(await confirmWithMessageBox(dialog, win, question)).toBe(true);
    recorded.messageBoxResult = { response: 7, checkboxChecked: false };
    expect(await confirmWithMessageBox(dialog, win, question)).toBe(false);
  });

  it('offers "don\'t ask again" only when main does, and reports it only with a yes', async () => {
    const remembered: string[] = [];
    const offered: ConfirmQuestion = { ...question, dontAskAgain: { label: "Don't ask again for this profile until I quit", remember: () => remembered.push('yes') } };
    expect(messageBoxOptions(offered)).toMatchObject({ checkboxLabel: "Don't ask again for this profile until I quit", checkboxChecked: false });
    expect(messageBoxOptions(question)).not.toHaveProperty('checkboxLabel');

    recorded.messageBoxResult = { response: 0, checkboxChecked: true }; // ticked, then Cancel: nothing remembered
    expect(await confirmWithMessageBox(dialog, undefined, offered)).toBe(false);
    expect(remembered).toEqual([]);
    expect(recorded.messageBoxes.at(-1)?.parent).toBeUndefined();
    recorded.messageBoxResult = { response: 1, checkboxChecked: true };
    expect(await confirmWithMessageBox(dialog, undefined, offered)).toBe(true);
    expect(remembered).toEqual(['yes']);
    recorded.messageBoxResult = { response: 0, checkboxChecked: false };
  });
});
