// One socket's life as the session sees it, and the small pure helpers around it (frame bytes to text, the
// welcome's heartbeat, whether a connection was healthy long enough to reset the back-off).

import { Buffer } from 'node:buffer';
import WebSocket, { type RawData } from 'ws';
import { buildLogin, PONG_FRAME, type RequestFrame } from '../../shared/oceanex/messages';
import { describeBytes } from './frame-limits';
import { HeartbeatWatchdog } from './heartbeat-watchdog';
import { SessionError, type LoginSigner, type SessionLogger } from './session-api';

/** How long a polite close may take before the socket is terminated. */
const CLOSE_GRACE_MS = 2_000;
const PONG_TEXT = JSON.stringify(PONG_FRAME);
/** Pongs are skipped while this much is still unsent: a server that pings but never reads cannot grow our buffer. */
const MAX_UNSENT_FOR_PONG_BYTES = 1024 * 1024;

/** …or simply stayed open this long (an idle public connection sends no requests to be answered). */
const LONG_LIVED_MS = 5 * 60_000;

export const SILENT_LOGGER: SessionLogger = {
  frame() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};

/** One socket's life; handlers of a replaced socket recognise themselves as stale. */
export interface Connection {
  readonly ws: WebSocket;
  opened: boolean;
  /** We closed it on purpose (disconnect/reconnect/dispose): no automatic reconnect. */
  intentional: boolean;
  /** Something arrived since the watchdog's last look (set per frame; the watchdog clears it). */
  readonly watchdog: HeartbeatWatchdog;
  /** Why we dropped it ourselves, or why ws did (an oversized frame), for the log. */
  dropReason: string | undefined;
  /** performance.now() when it opened, and when it first proved healthy (a login or an answered request). */
  openedAt: number;
  healthyAt: number | undefined;
  /** Pongs were skipped because the server is not reading (warned once per connection). */
  pongsSkipped: boolean;
}

/** A new socket to `url`, not yet open; `onSilent` is the watchdog's verdict that the server went quiet. */
export function createConnection(
  url: string,
  limits: { readonly connectTimeoutMs: number; readonly maxPayloadBytes: number },
  onSilent: (silentMs: number, intervalMs: number) => void,
): Connection {
  const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: limits.connectTimeoutMs, maxPayload: limits.maxPayloadBytes });
  return { ws, opened: false, intentional: false, watchdog: new HeartbeatWatchdog(onSilent), dropReason: undefined, openedAt: 0, healthyAt: undefined, pongsSkipped: false };
}

/** The login frame for `nonce`, signed; a signer that fails says so in its own words (there is no signature to leak yet). */
export function loginFrame(signer: LoginSigner, nonce: number): RequestFrame {
  let signature: string;
  try {
    signature = signer.sign(nonce);
  } catch (e) {
    throw new SessionError('invalid', `Could not sign the login: ${errorText(e)}`);
  }
  return buildLogin({ uid: signer.uid, api_key: signer.apiKey, nonce, signature });
}

/** Answers a server ping, unless the server is not reading what we send (warned once per connection). */
export function sendPong(conn: Connection, logger: SessionLogger): void {
  if (conn.ws.readyState !== WebSocket.OPEN) return;
  if (conn.ws.bufferedAmount > MAX_UNSENT_FOR_PONG_BYTES) {
    if (!conn.pongsSkipped) logger.warn(`The server is not reading (${describeBytes(conn.ws.bufferedAmount)} unsent): skipping pongs until it does`);
    conn.pongsSkipped = true;
    return;
  }
  conn.pongsSkipped = false;
  logger.frame('out', PONG_TEXT, undefined);
  conn.ws.send(PONG_TEXT);
}

/** Starts a polite close; resolves once the socket is closed (terminated after a grace period). */
export function closeGracefully(conn: Connection): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    const force = setTimeout(() => conn.ws.terminate(), CLOSE_GRACE_MS);
    conn.ws.once('close', () => {
      clearTimeout(force);
      resolve();
    });
  });
  conn.ws.close(1000, 'client disconnect');
  return closed;
}

/**
 * A connection that logged in or answered and then stayed up for healthyAfterMs (or stayed up for minutes)
 * earns a fresh back-off. One that opens and drops does not, so a server that accepts and drops sees the
 * delays grow to the cap instead of a storm of "attempt 1" connections and signed logins.
 */
export function wasHealthy(conn: Connection, healthyAfterMs: number): boolean {
  const now = performance.now();
  if (now - conn.openedAt >= LONG_LIVED_MS) return true;
  return conn.healthyAt !== undefined && now - conn.healthyAt >= healthyAfterMs;
}

export function byteLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
}

/** A text frame's bytes as one buffer: ws's own (almost always), or its fragments joined. */
export function frameBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
