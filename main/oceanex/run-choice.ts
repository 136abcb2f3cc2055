// "Run a choice": the one path from a choice and the text typed for it to a frame on the wire, shared by the app
// (AppController.run) and the terminal client (Repl). It checks, in this order, the fields, the login's key, the
// connection, the login a private choice needs and the person's yes for an order action, then sends — and returns
// what happened as data. Each front end puts the outcome into its own words; nothing here prints or formats.
// Choices 16 and 17 (disconnect, reconnect) are session controls, not messages: the front ends call the session.

import { validateFields, type ChoiceSpec, type FieldValues, type RawFields } from '../../shared/oceanex/catalogue';
import { isConnected } from '../../shared/oceanex/session-state';
import type { LoginSigner, RequestResult, SessionApi } from './session-api';

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

/** Why the choice cannot be sent now, fields aside (the terminal client asks this before its prompt); undefined when it can. */
export function refusalNow(session: ChoiceSession, choice: ChoiceSpec, hooks: ChoiceHooks): 'no-key' | 'not-connected' | 'not-authenticated' | undefined {
  if (choice.kind === 'login' && hooks.signer === undefined) return 'no-key';
  if (!isConnected(session.state)) return 'not-connected';
  if (choice.private && !session.loggedIn) return 'not-authenticated';
  return undefined;
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
