// Plays the person at main's confirmation dialog: answers as the test says and records every question asked.

import type { ConfirmPort, ConfirmQuestion } from '../../main/app/confirmation';

export type ScriptedAnswer = 'no' | 'yes' | 'yes, and do not ask again';

export class ScriptedConfirm implements ConfirmPort {
  /** Default no: a test that wants something irreversible to happen says so. */
  answer: ScriptedAnswer = 'no';
  readonly questions: ConfirmQuestion[] = [];

  async confirm(question: ConfirmQuestion): Promise<boolean> {
    this.questions.push(question);
    if (this.answer === 'yes, and do not ask again') question.dontAskAgain?.remember();
    return this.answer !== 'no';
  }

  /** The last question's whole text (title, message and detail), for assertions. */
  lastText(): string {
    const q = this.questions.at(-1);
    return q ? `${q.title}\n${q.message}\n${q.detail}\n[${q.yesLabel}]` : '';
  }
}
