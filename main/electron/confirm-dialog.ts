// main's confirmation as a native message box attached to the window: the renderer can neither draw nor answer
// it. Cancel is the default and the Esc/close answer; the "don't ask again" box is offered only where main allows.

import type { BrowserWindow, Dialog, MessageBoxOptions } from 'electron';
import type { ConfirmQuestion } from '../app/confirmation';

const CANCEL = 0;
const YES = 1;

export function messageBoxOptions(question: ConfirmQuestion): MessageBoxOptions {
  return {
    type: 'warning',
    title: question.title,
    message: question.message,
    detail: question.detail,
    buttons: ['Cancel', question.yesLabel],
    defaultId: CANCEL,
    cancelId: CANCEL,
    noLink: true,
    ...(question.dontAskAgain ? { checkboxLabel: question.dontAskAgain.label, checkboxChecked: false } : {}),
  };
}

export async function confirmWithMessageBox(dialog: Pick<Dialog, 'showMessageBox'>, win: BrowserWindow | undefined, question: ConfirmQuestion): Promise<boolean> {
  const options = messageBoxOptions(question);
  const answer = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  const yes = answer.response === YES;
  if (yes && answer.checkboxChecked && question.dontAskAgain) question.dontAskAgain.remember();
  return yes;
}
