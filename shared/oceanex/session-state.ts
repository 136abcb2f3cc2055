// What the app shows about a session: its state and the orders whose outcome is unknown. Shared by main
// (the session core) and the renderer (status bar), so pure types and pure functions only.

export type SessionState = 'idle' | 'connecting' | 'open' | 'authenticating' | 'authenticated' | 'closing' | 'closed';

/** An order create whose reply never arrived because the connection dropped. */
export interface UnknownOrder {
  readonly uuid: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly sentAt: number;
  /** 'unknown' until reconciled; then what open orders + history showed. */
  readonly status: 'unknown' | 'found-open' | 'found-history' | 'not-found';
  /** The matching order object once reconciled (found-open / found-history). */
  readonly order?: unknown;
}

/** A socket is open (logged in or not): requests can be sent. */
export function isConnected(state: SessionState): boolean {
  return state === 'open' || state === 'authenticating' || state === 'authenticated';
}
