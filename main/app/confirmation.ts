// The person's yes for everything irreversible, asked by main on a surface the renderer cannot draw, answer or
// skip (a native dialog in the app, a scripted answer in tests). The renderer is treated as untrusted: any script
// in it can call every verb with valid arguments, so only this question stands between it and the account.

/** Offered on order questions: "Don't ask again for this profile until I quit". */
export interface DontAskAgainOffer {
  readonly label: string;
  /** Called by the dialog only when the box was ticked and the answer was yes. The memory stays in main. */
  remember(): void;
}

export interface ConfirmQuestion {
  /** Window title, e.g. "New order". */
  readonly title: string;
  /** The question itself, e.g. "Place this order on Production?". */
  readonly message: string;
  /** One fact per line: profile, endpoint, and what exactly will happen. */
  readonly detail: string;
  /** The yes button, e.g. "Place order". The other button is always "Cancel", the default. */
  readonly yesLabel: string;
  readonly dontAskAgain?: DontAskAgainOffer;
}

export interface ConfirmPort {
  /** Resolves true only when the person explicitly said yes; anything else (Cancel, Esc, closing) is false. */
  confirm(question: ConfirmQuestion): Promise<boolean>;
}

/** Used when no person is attached (an app created without a confirm port): every question is answered no. */
export const REFUSE_ALL: ConfirmPort = { confirm: async () => false };

export const DONT_ASK_AGAIN_LABEL = "Don't ask again for this profile until I quit";

/**
 * Asks one question at a time (a script firing many orders gets them one after the other, never a pile of
 * stacked dialogs) and remembers, per profile and in memory only, a "don't ask again" the person ticked.
 */
export class ConfirmationGate {
  private readonly skip = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly port: ConfirmPort) {}

  /**
   * True when the person said yes (or ticked "don't ask again" earlier for this profile, when `skippable`).
   * The question is built only when it is really asked (the mass-cancel question first queries the exchange).
   */
  ask(question: () => Promise<ConfirmQuestion>, profileId: string, skippable: boolean): Promise<boolean> {
    const task = async (): Promise<boolean> => {
      if (skippable && this.skip.has(profileId)) return true;
      const offer: DontAskAgainOffer | undefined = skippable ? { label: DONT_ASK_AGAIN_LABEL, remember: () => this.skip.add(profileId) } : undefined;
      try {
        const asked = await question();
        return (await this.port.confirm(offer ? { ...asked, dontAskAgain: offer } : asked)) === true;
      } catch {
        return false; // a question that could not be built or shown is not a yes
      }
    };
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A profile whose endpoint or key changed, or that was removed, is asked again. */
  forget(profileId: string): void {
    this.skip.delete(profileId);
  }
}

/** The words of a "no": every service that asked says what was not done after them. */
export const DECLINED = 'Not done: the confirmation was answered No (or closed).';
export const CHANGED_WHILE_ASKING = 'Not done: the profile or its endpoint changed while the question was open.';
