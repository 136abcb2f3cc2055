// The session's public surface: what main's IPC handlers, the terminal client and the tests program against.
// Implemented by ./session.ts. Pure types, no runtime code.

import type { ChoiceSpec, FieldValues } from '../../shared/oceanex/catalogue';
import type { Reply, RequestFrame } from '../../shared/oceanex/messages';
import type { SessionState, UnknownOrder } from '../../shared/oceanex/session-state';

export type { SessionState, UnknownOrder };

/** Signs logins without exposing the key: main builds it from the keychain, the CLI from a key file. */
export interface LoginSigner {
  readonly uid: string;
  readonly apiKey: string;
  /** base64 RSASSA-PKCS1-v1_5/SHA-256 signature of "GET|/ws/v1|{nonce}|". */
  sign(nonce: number): string;
}

export interface BackoffOptions {
  readonly initialMs: number; // first retry delay (default 500)
  readonly maxMs: number; // cap (default 30000)
  readonly factor: number; // growth per attempt (default 2)
  readonly jitter: number; // 0..1, fraction of the delay randomised (default 0.3)
}

/** Receives every frame and notable event; main wires it to electron-log, the CLI to its own log file. */
export interface SessionLogger {
  /**
   * Every frame on the wire. `text` is the exact wire text; the logger redacts secrets before writing. A received
   * frame also comes with `bytes`, the UTF-8 it was decoded from (ws validated it), so a logger can copy them
   * instead of encoding the text again; they are only valid during the call.
   */
  frame(direction: 'in' | 'out', text: string, uuid: string | undefined, bytes?: Uint8Array): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface SessionOptions {
  readonly url: string;
  /** Per-request timeout (default 10000). */
  readonly requestTimeoutMs?: number;
  /** Reconnect automatically after unexpected drops (default true). */
  readonly autoReconnect?: boolean;
  readonly backoff?: Partial<BackoffOptions>;
  readonly logger?: SessionLogger;
  /** Clock, injectable for tests (default Date.now). */
  readonly now?: () => number;
  /**
   * Heartbeat interval in seconds assumed until (or unless) the welcome frame announces one (default 60).
   * After 3 intervals plus a grace with nothing at all from the server, the connection counts as dropped.
   */
  readonly heartbeatSeconds?: number;
  /** Largest frame accepted, in bytes (default 16 MB); a larger one drops the connection with a clear error. */
  readonly maxPayloadBytes?: number;
  /** Absolute limit for opening the socket, handshake included (default requestTimeoutMs). */
  readonly connectTimeoutMs?: number;
  /**
   * When connect() fails, keep retrying with the reconnect back-off ('reconnect-scheduled' events give the
   * countdown). The app sets it; the terminal client leaves it off and lets its user retry (choice 17).
   */
  readonly retryFirstConnect?: boolean;
  /** The back-off starts over after a connection has been healthy (logged in / answered) this long (default 30 s). */
  readonly healthyAfterMs?: number;
  /** At most one 'heartbeat' event per this many ms (default 250); pings are still each answered. */
  readonly heartbeatEventGapMs?: number;
}

export interface RequestResult {
  readonly uuid: string;
  readonly frame: RequestFrame;
  readonly reply: Reply;
  readonly rttMs: number;
  /** The frame text exactly as written to the socket (a login's carries its signature: redact before showing). */
  readonly sentText: string;
  /** The reply frame text exactly as received. */
  readonly replyText: string;
}

export type SessionErrorCode =
  | 'not-connected' // no open socket
  | 'not-authenticated' // private choice before login (nothing was sent)
  | 'timeout' // no reply within the request timeout
  | 'connection-lost' // socket closed while waiting; for order creates see 'outcome-unknown'
  | 'outcome-unknown' // an order create whose fate is unknown; reconciled after reconnect
  | 'invalid' // bad choice or fields (nothing was sent)
  | 'closed'; // session disposed

export class SessionError extends Error {
  constructor(
    readonly code: SessionErrorCode,
    message: string,
    readonly uuid?: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

export type SessionEvent =
  | { readonly type: 'state'; readonly state: SessionState; readonly previous: SessionState }
  | { readonly type: 'welcome'; readonly heartbeatSeconds: number | undefined }
  | { readonly type: 'heartbeat'; readonly at: number; readonly serverTime: unknown }
  | { readonly type: 'sent'; readonly uuid: string; readonly choice: number; readonly at: number }
  | { readonly type: 'reply'; readonly uuid: string; readonly choice: number; readonly reply: Reply; readonly rttMs: number; readonly text: string }
  | { readonly type: 'timeout'; readonly uuid: string; readonly choice: number }
  | { readonly type: 'unknown'; readonly raw: unknown }
  | { readonly type: 'malformed'; readonly text: string; readonly error: string }
  | { readonly type: 'disconnect-frame'; readonly reason: string; readonly reconnect: boolean }
  | { readonly type: 'reconnect-scheduled'; readonly attempt: number; readonly delayMs: number; readonly at: number }
  /** A connection attempt failed before the socket opened; `message` is the cause ("connect ECONNREFUSED 127.0.0.1:1"). */
  | { readonly type: 'connect-failed'; readonly message: string; readonly at: number }
  | { readonly type: 'order-outcome-unknown'; readonly order: UnknownOrder }
  | { readonly type: 'order-reconciled'; readonly order: UnknownOrder }
  | { readonly type: 'error'; readonly message: string };

export interface SessionApi {
  readonly state: SessionState;
  readonly loggedIn: boolean;
  readonly url: string;
  /** Unresolved and recently reconciled order creates. */
  readonly unknownOrders: readonly UnknownOrder[];
  /** Requests sent and still waiting for their reply (the updater's restart waits for them). */
  readonly inFlight: number;
  /** Subscribe to events; returns the unsubscribe function. */
  on(listener: (event: SessionEvent) => void): () => void;
  /** Opens the socket; resolves once open (welcome may follow). Rejects with SessionError('not-connected'). */
  connect(): Promise<void>;
  /** Choice 16: closes the socket on purpose; no automatic reconnect until connect/reconnect. */
  disconnect(): Promise<void>;
  /** Choice 17: closes if open, connects again, logs in again if it had been logged in. */
  reconnect(): Promise<void>;
  /** Choice 1: signs and sends the login; remembers the signer to log in again after reconnects. */
  login(signer: LoginSigner): Promise<RequestResult>;
  /** Choices 2–15 with validated values. Resolves with any reply (code may be non-zero); rejects with SessionError. */
  request(choice: ChoiceSpec, values: FieldValues): Promise<RequestResult>;
  /** A read-only frame composed by hand (raw composer), sent as written; `choice` is 0 when no choice matches. */
  sendFrame(frame: RequestFrame, choice: number): Promise<RequestResult>;
  /** Closes everything for good (app quit). */
  dispose(): Promise<void>;
}
