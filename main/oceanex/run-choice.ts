// "Run a choice": the one path from a choice and the text typed for it to a frame on the wire, shared by the app
// (SessionService.run) and the terminal client (Repl). It checks, in this order, the fields, the login's key, the
// connection, the login a private choice needs and the person's yes for an order action, then sends — and returns
// what happened as data. Each front end puts the outcome into its own words; nothing here prints or formats.
// Choices 16 and 17 (disconnect, reconnect) are session controls, not messages: the front ends call the session.

import { validateFields, type ChoiceSpec, type FieldValues, type RawFields } from '../../shared/oceanex/catalogue';
import { isConnected } from '../../shared/oceanex/session-state';
import { SessionError, type LoginSigner, type RequestResult, type SessionApi } from './session-api';

/** The part of the session a choice needs. */
export type ChoiceSession = Pick<SessionApi, 'state' | 'loggedIn' | 'login' | 'request'>;

export interface ChoiceHooks {
  /** Choice 1's signer; undefined when there are no credentials. It may throw to refuse (the app's key binding). */
  readonly signer: (() => LoginSigner | Promise<LoginSigner>) | undefined;
  /**
   * Asked before an order action (choices 6, 7, 8) is sent; only `true` sends, and a throw sends nothing either.
   * Undefined sends without asking — the terminal client, like the original ws_client.py.
   */
  readonly confirm: ((choice: ChoiceSpec, values: FieldValues) => Promise<boolean>) | undefined;
}

/** Why nothing was sent. */
export type Refusal =
  | { readonly kind: 'refused'; readonly reason: 'not-connected' | 'not-authenticated' | 'no-key' | 'declined' }
  | { readonly kind: 'refused'; readonly reason: 'invalid'; readonly errors: Readonly<Record<string, string>> };

export type ChoiceOutcome =
  | Refusal
  /** Sent and answered; the reply's code may still be an error from the server. */
  | { readonly kind: 'sent'; readonly result: RequestResult }
  /** The session or a hook failed: usually a SessionError (timeout, connection lost, outcome unknown…). */
  | { readonly kind: 'failed'; readonly error: unknown };

/** Why nothing went out: a refusal before sending, or a failure before the frame was written ('failed'). */
export type NotSent = Refusal['reason'] | 'failed';

/** Why the session cannot take a request now: not connected, or a private request before login (choices and raw frames alike). */
export function sessionRefusal(session: Pick<ChoiceSession, 'state' | 'loggedIn'>, needsLogin: boolean): 'not-connected' | 'not-authenticated' | undefined {
  if (!isConnected(session.state)) return 'not-connected';
  if (needsLogin && !session.loggedIn) return 'not-authenticated';
  return undefined;
}

/** Why the choice cannot be sent now, fields aside; undefined when it can. */
export function refusalNow(session: ChoiceSession, choice: ChoiceSpec, hooks: ChoiceHooks): 'no-key' | 'not-connected' | 'not-authenticated' | undefined {
  if (choice.kind === 'login' && hooks.signer === undefined) return 'no-key';
  return sessionRefusal(session, choice.private);
}

/**
 * Undefined when the frame went out (answered, or failed after sending: a SessionError that names the request's
 * uuid — timeout, connection lost, outcome unknown); otherwise why not. A session that refused a request itself
 * (its state changed after refusalNow looked) counts as that refusal.
 */
export function notSent(outcome: ChoiceOutcome): NotSent | undefined {
  switch (outcome.kind) {
    case 'sent':
      return undefined;
    case 'refused':
      return outcome.reason;
    case 'failed': {
      const error = outcome.error;
      if (!(error instanceof SessionError)) return 'failed';
      if (error.uuid !== undefined) return undefined;
      return error.code === 'not-connected' || error.code === 'not-authenticated' ? error.code : 'failed';
    }
  }
}

/** Runs choice 1 (login) or a server request (2–15) with the raw text typed for its fields. */
export async function runChoice(session: ChoiceSession, choice: ChoiceSpec, raw: RawFields, hooks: ChoiceHooks): Promise<ChoiceOutcome> {
  const checked = validateFields(choice, raw);
  if (!checked.ok) return { kind: 'refused', reason: 'invalid', errors: checked.errors };
  return runValues(session, choice, checked.values, hooks);
}

/**
 * Runs a choice with values already checked by the caller: runChoice after validation, and the terminal client
 * sending a read-only choice's values as ws_client.py read them (the exchange decides on those).
 */
export async function runValues(session: ChoiceSession, choice: ChoiceSpec, values: FieldValues, hooks: ChoiceHooks): Promise<ChoiceOutcome> {
  const refusal = refusalNow(session, choice, hooks);
  if (refusal !== undefined) return { kind: 'refused', reason: refusal };
  try {
    if (choice.kind === 'login') return { kind: 'sent', result: await session.login(await hooks.signer!()) };
    if (choice.destructive && hooks.confirm !== undefined && (await hooks.confirm(choice, values)) !== true) {
      return { kind: 'refused', reason: 'declined' };
    }
    return { kind: 'sent', result: await session.request(choice, values) };
  } catch (error) {
    return { kind: 'failed', error };
  }
}
