// Shared by the session tests: a recording logger, a real RSA signer and event waiting.

import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Session } from '../../main/oceanex/session';
import type { LoginSigner, SessionEvent, SessionLogger, SessionState } from '../../main/oceanex/session-api';
import { signLogin } from '../../main/oceanex/signer';

export interface LoggedFrame {
  readonly direction: 'in' | 'out';
  readonly text: string;
  readonly uuid: string | undefined;
}

export interface RecordingLogger extends SessionLogger {
  readonly frames: LoggedFrame[];
  /** Every non-frame message, prefixed with its level. */
  readonly lines: string[];
}

export function recordingLogger(): RecordingLogger {
  const frames: LoggedFrame[] = [];
  const lines: string[] = [];
  return {
    frames,
    lines,
    frame: (direction, text, uuid) => frames.push({ direction, text, uuid }),
    debug: (m) => lines.push(`debug ${m}`),
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

export function rsaKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** A signer that also remembers every signature it produced, so tests can look for leaks. */
export function keySigner(privateKey: KeyObject | string, uid = 'ID4E5TEST01', apiKey = 'KIDB7TEST01'): LoginSigner & { readonly signatures: string[] } {
  const signatures: string[] = [];
  return {
    uid,
    apiKey,
    signatures,
    sign(nonce: number) {
      const s = signLogin(privateKey, nonce);
      signatures.push(s);
      return s;
    },
  };
}

/** Records every event of a session. */
export function eventLog(session: Session): SessionEvent[] {
  const events: SessionEvent[] = [];
  session.on((e) => events.push(e));
  return events;
}

/** Resolves with the first event (from now on) matching `predicate`; rejects after `timeoutMs`. */
export function nextEvent<T extends SessionEvent['type']>(
  session: Session,
  type: T,
  predicate: (e: Extract<SessionEvent, { type: T }>) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<Extract<SessionEvent, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no '${type}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = session.on((e) => {
      if (e.type !== type) return;
      const typed = e as Extract<SessionEvent, { type: T }>;
      if (!predicate(typed)) return;
      clearTimeout(timer);
      off();
      resolve(typed);
    });
  });
}

export function waitForState(session: Session, state: SessionState, timeoutMs = 5_000): Promise<void> {
  if (session.state === state) return Promise.resolve();
  return nextEvent(session, 'state', (e) => e.state === state, timeoutMs).then(() => undefined);
}

export function statesOf(events: readonly SessionEvent[]): SessionState[] {
  return events.flatMap((e) => (e.type === 'state' ? [e.state] : []));
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
