// The OceanEx websocket session: one socket, an explicit state machine, heartbeat answers, request/reply
// correlation by uuid with timeouts, automatic reconnect with back-off and re-login. Plain Node (`ws`), no
// Electron. The heartbeat watchdog (./heartbeat-watchdog.ts) and the orders of unknown outcome
// (./unknown-orders.ts) live in their own files.
//
// Against a hostile server: frames over maxPayloadBytes drop the connection (ws never buffers them), binary
// frames and replies nested deeper than MAX_JSON_DEPTH are refused with a plain message, heartbeat events are
// coalesced, pongs are skipped while the server is not reading, a connect (handshake included) has an absolute
// deadline, and the back-off only starts over after a connection has been healthy for a while.
//
// Hot path (one inbound reply): Buffer → string, classifyFrame (one JSON.parse), one Map lookup, one
// logger.frame call, one 'reply' event, resolve. Nothing else is formatted per frame; the heartbeat watchdog
// costs one boolean store per frame (its timer reads the flag); replies under 2000 characters skip the depth scan.

import WebSocket, { type RawData } from 'ws';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../shared/constants';
import type { ChoiceSpec, FieldValues } from '../../shared/oceanex/catalogue';
import { buildLogin, buildRequest, classifyFrame, describeReply, PONG_FRAME, unroutedReply, type Reply, type RequestFrame } from '../../shared/oceanex/messages';
import { backoffDelay, resolveBackoff } from './backoff';
import { DEFAULT_MAX_PAYLOAD_BYTES, describeBytes, jsonDeeperThan, MAX_JSON_DEPTH } from './frame-limits';
import { Coalescer, HeartbeatWatchdog } from './heartbeat-watchdog';
import { UnknownOrderTracker } from './unknown-orders';
import {
  SessionError,
  type BackoffOptions,
  type LoginSigner,
  type RequestResult,
  type SessionApi,
  type SessionErrorCode,
  type SessionEvent,
  type SessionLogger,
  type SessionOptions,
  type SessionState,
  type UnknownOrder,
} from './session-api';

export { SessionError } from './session-api';

/** How long a polite close may take before the socket is terminated. */
const CLOSE_GRACE_MS = 2_000;
const PONG_TEXT = JSON.stringify(PONG_FRAME);
/** Heartbeat interval assumed until (or unless) the welcome frame announces one (SessionOptions can change it). */
const DEFAULT_HEARTBEAT_SECONDS = 60;
/** At most one heartbeat event per this many ms reaches listeners (the app forwards each one over IPC). */
const DEFAULT_HEARTBEAT_EVENT_GAP_MS = 250;
/** The back-off starts over only after a connection was healthy (logged in or answered) this long… */
const DEFAULT_HEALTHY_AFTER_MS = 30_000;
/** …or simply stayed open this long (an idle public connection sends no requests to be answered). */
const LONG_LIVED_MS = 5 * 60_000;
/** Pongs are skipped while this much is still unsent: a server that pings but never reads cannot grow our buffer. */
const MAX_UNSENT_FOR_PONG_BYTES = 1024 * 1024;
/** What a refused frame looks like in 'malformed' events and warnings. */
const SHOWN_FRAME_HEAD = 500;

const SILENT_LOGGER: SessionLogger = {
  frame() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};

type PendingKind = 'login' | 'relogin' | 'order-create' | 'other';

interface Pending {
  readonly choice: number;
  readonly kind: PendingKind;
  readonly frame: RequestFrame;
  /** Wall clock (options.now) at send: nonce-compatible, compared with the exchange's created_on. */
  readonly sentAt: number;
  /** Monotonic clock at send, for round-trip times. */
  readonly sentMono: number;
  /** Monotonic time after which it times out (sentMono + requestTimeoutMs). */
  readonly deadline: number;
  readonly resolve: (result: RequestResult) => void;
  readonly reject: (error: SessionError) => void;
}

/** One socket's life; handlers of a replaced socket recognise themselves as stale. */
interface Connection {
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

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The welcome's interval in seconds if it is usable (a positive number of at most a day), else undefined. */
function validHeartbeat(seconds: number | undefined): number | undefined {
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 && seconds <= 86_400 ? seconds : undefined;
}

function byteLength(data: RawData): number {
  return Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export class Session implements SessionApi {
  readonly url: string;
  private readonly requestTimeoutMs: number;
  private readonly autoReconnect: boolean;
  private readonly backoff: BackoffOptions;
  private readonly logger: SessionLogger;
  private readonly now: () => number;
  /** Assumed until a welcome frame announces the server's interval. */
  private readonly defaultHeartbeatSeconds: number;
  private readonly maxPayloadBytes: number;
  private readonly connectTimeoutMs: number;
  private readonly retryFirstConnect: boolean;
  private readonly healthyAfterMs: number;
  private readonly heartbeats: Coalescer<{ at: number; serverTime: unknown }>;

  private currentState: SessionState = 'idle';
  private conn: Connection | undefined;
  /** In send order, so also in deadline order (every request has the same timeout): one timer serves all. */
  private readonly pending = new Map<string, Pending>();
  private deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<(event: SessionEvent) => void>();

  private signer: LoginSigner | undefined;
  /** Nonces must grow with every login (OceanEx and the sandbox refuse a repeated one), even within one ms. */
  private lastNonce = 0;
  /** Logged in on purpose at some point: log in again after every reconnect. */
  private reloginWanted = false;
  /** Set by disconnect(), a `disconnect` frame with reconnect:false and dispose(); cleared by connect/reconnect. */
  private autoReconnectBlocked = false;
  private reconnectAttempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private connecting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private disposed = false;

  private readonly unknown: UnknownOrderTracker;

  constructor(options: SessionOptions) {
    this.url = options.url;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.autoReconnect = options.autoReconnect ?? true;
    this.backoff = resolveBackoff(options.backoff);
    this.logger = options.logger ?? SILENT_LOGGER;
    this.now = options.now ?? Date.now;
    this.defaultHeartbeatSeconds = validHeartbeat(options.heartbeatSeconds) ?? DEFAULT_HEARTBEAT_SECONDS;
    this.maxPayloadBytes = positiveOr(options.maxPayloadBytes, DEFAULT_MAX_PAYLOAD_BYTES);
    this.connectTimeoutMs = positiveOr(options.connectTimeoutMs, this.requestTimeoutMs);
    this.retryFirstConnect = options.retryFirstConnect ?? false;
    this.healthyAfterMs = Math.max(0, options.healthyAfterMs ?? DEFAULT_HEALTHY_AFTER_MS);
    this.heartbeats = new Coalescer(Math.max(0, options.heartbeatEventGapMs ?? DEFAULT_HEARTBEAT_EVENT_GAP_MS), ({ at, serverTime }) =>
      this.emit({ type: 'heartbeat', at, serverTime }),
    );
    this.unknown = new UnknownOrderTracker({
      logger: this.logger,
      loggedIn: () => this.loggedIn,
      request: (choice, values) => this.request(choice, values),
      emit: (event) => this.emit(event),
      emitError: (message) => this.emitError(message),
    });
  }

  get state(): SessionState {
    return this.currentState;
  }

  get loggedIn(): boolean {
    return this.currentState === 'authenticated';
  }

  get unknownOrders(): readonly UnknownOrder[] {
    return this.unknown.orders;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  on(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Connection lifecycle

  async connect(): Promise<void> {
    if (this.disposed) throw new SessionError('closed', 'The session has been closed');
    this.autoReconnectBlocked = false;
    this.cancelReconnect();
    if (this.liveConnection() !== undefined) return;
    try {
      await this.connectNow();
    } catch (e) {
      // The app keeps trying (with the same back-off, showing the countdown); the terminal client asks its user.
      if (this.retryFirstConnect) this.scheduleReconnect();
      throw e;
    }
  }

  async disconnect(): Promise<void> {
    if (this.disposed) return;
    this.autoReconnectBlocked = true;
    this.cancelReconnect();
    await this.closeSocket();
  }

  async reconnect(): Promise<void> {
    if (this.disposed) throw new SessionError('closed', 'The session has been closed');
    this.autoReconnectBlocked = false;
    this.cancelReconnect();
    await this.closeSocket();
    await this.connectNow();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.autoReconnectBlocked = true;
    this.cancelReconnect();
    await this.closeSocket();
    this.failPending('closed', 'The session was closed');
    this.heartbeats.cancel();
    this.listeners.clear();
  }

  /** Opens a socket, then logs in again if the session had been logged in. Shared by concurrent callers. */
  private connectNow(): Promise<void> {
    if (this.connecting !== undefined) return this.connecting;
    const attempt = (async () => {
      if (this.closing !== undefined) await this.closing;
      await this.openSocket();
      if (this.reloginWanted && this.signer !== undefined) await this.relogin(this.signer);
    })();
    this.connecting = attempt;
    const clear = (): void => {
      if (this.connecting === attempt) this.connecting = undefined;
    };
    attempt.then(clear, clear);
    return attempt;
  }

  private openSocket(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.setState('connecting');
      let ws: WebSocket;
      try {
        ws = new WebSocket(this.url, { perMessageDeflate: false, handshakeTimeout: this.connectTimeoutMs, maxPayload: this.maxPayloadBytes });
      } catch (e) {
        this.setState('closed');
        reject(new SessionError('not-connected', `Cannot connect to ${this.url}: ${errorText(e)}`));
        return;
      }
      const conn: Connection = {
        ws,
        opened: false,
        intentional: false,
        watchdog: new HeartbeatWatchdog((silentMs, intervalMs) => this.onSilent(conn, silentMs, intervalMs)),
        dropReason: undefined,
        openedAt: 0,
        healthyAt: undefined,
        pongsSkipped: false,
      };
      this.conn = conn;
      let lastError: string | undefined;
      // ws's handshakeTimeout counts idle time only: a server dribbling its handshake would hold us forever.
      const deadline = setTimeout(() => {
        lastError = `no complete handshake within ${this.connectTimeoutMs / 1000} s`;
        ws.terminate();
      }, this.connectTimeoutMs);
      deadline.unref();
      ws.on('open', () => {
        clearTimeout(deadline);
        if (this.conn !== conn) return;
        conn.opened = true;
        conn.openedAt = performance.now();
        conn.watchdog.start(this.defaultHeartbeatSeconds);
        this.logger.info(`Connected to ${this.url}`);
        this.setState('open');
        resolve();
      });
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (this.conn !== conn) return;
        conn.watchdog.heard = true;
        if (isBinary) this.onBinaryFrame(byteLength(data));
        else this.onFrame(conn, rawText(data));
      });
      // Protocol-level pings and pongs are signs of life too.
      const alive = (): void => {
        conn.watchdog.heard = true;
      };
      ws.on('ping', alive);
      ws.on('pong', alive);
      ws.on('error', (err: Error & { code?: string }) => {
        if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
          conn.dropReason = `the server sent a frame larger than the ${describeBytes(this.maxPayloadBytes)} limit`;
          if (this.conn === conn) this.emitError(`The server sent a frame larger than the ${describeBytes(this.maxPayloadBytes)} limit (maxPayloadBytes): dropping the connection`);
          return;
        }
        if (lastError === undefined || !lastError.startsWith('no complete handshake')) lastError = err.message;
        if (this.conn === conn) this.logger.warn(`Socket error: ${err.message}`);
      });
      ws.on('close', (code: number, reason: Buffer) => {
        clearTimeout(deadline);
        if (!conn.opened) reject(new SessionError('not-connected', `Could not connect to ${this.url}: ${lastError ?? `closed (${code})`}`));
        this.onClose(conn, code, reason.toString('utf8'));
      });
    });
  }

  private onClose(conn: Connection, code: number, reason: string): void {
    conn.watchdog.stop();
    if (this.conn !== conn) return;
    this.conn = undefined;
    if (conn.opened && this.wasHealthy(conn)) this.reconnectAttempt = 0;
    if (conn.opened) {
      const why = conn.dropReason ?? (reason ? `${code} ${reason}` : String(code));
      if (conn.intentional) this.logger.info(`Disconnected (${why})`);
      else this.logger.warn(`Connection lost (${why})`);
    }
    this.failPending(this.disposed ? 'closed' : 'connection-lost', conn.intentional ? 'Disconnected before the reply arrived' : 'Connection lost before the reply arrived');
    this.setState('closed');
    if (conn.opened && !conn.intentional) this.scheduleReconnect();
  }

  /** Closes the current socket on purpose; resolves once it is closed. */
  private closeSocket(): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    const conn = this.conn;
    if (conn === undefined) return Promise.resolve();
    conn.intentional = true;
    conn.watchdog.stop();
    this.connecting = undefined;
    this.setState('closing');
    const closed = new Promise<void>((resolve) => {
      const force = setTimeout(() => conn.ws.terminate(), CLOSE_GRACE_MS);
      conn.ws.once('close', () => {
        clearTimeout(force);
        resolve();
      });
    });
    conn.ws.close(1000, 'client disconnect');
    this.closing = closed;
    void closed.then(() => {
      if (this.closing === closed) this.closing = undefined;
    });
    return closed;
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.autoReconnectBlocked || !this.autoReconnect || this.reconnectTimer !== undefined) return;
    this.reconnectAttempt += 1;
    const attempt = this.reconnectAttempt;
    const delayMs = backoffDelay(attempt, this.backoff);
    this.logger.info(`Reconnecting in ${delayMs} ms (attempt ${attempt})`);
    this.emit({ type: 'reconnect-scheduled', attempt, delayMs, at: this.now() + delayMs });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connectNow().catch((e: unknown) => {
        this.logger.warn(`Reconnect attempt ${attempt} failed: ${errorText(e)}`);
        this.scheduleReconnect();
      });
    }, delayMs);
  }

  /** The watchdog found the server silent: drop the connection like any unexpected drop. */
  private onSilent(conn: Connection, silentMs: number, intervalMs: number): void {
    if (this.conn !== conn || conn.intentional) return;
    const seconds = Math.round(silentMs / 1000);
    conn.dropReason = `no heartbeat from the server for ${seconds} s`;
    this.logger.warn(`No heartbeat from the server for ${seconds} s (announced every ${intervalMs / 1000} s): dropping the connection`);
    // No close handshake with a dead peer: terminate, and the 'close' event treats it as an unexpected drop.
    conn.ws.terminate();
  }

  /**
   * A connection that logged in or answered and then stayed up for healthyAfterMs (or stayed up for minutes)
   * earns a fresh back-off. One that opens and drops does not, so a server that accepts and drops sees the
   * delays grow to the cap instead of a storm of "attempt 1" connections and signed logins.
   */
  private wasHealthy(conn: Connection): boolean {
    const now = performance.now();
    if (now - conn.openedAt >= LONG_LIVED_MS) return true;
    return conn.healthyAt !== undefined && now - conn.healthyAt >= this.healthyAfterMs;
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== undefined) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.reconnectAttempt = 0;
  }

  private liveConnection(): Connection | undefined {
    const conn = this.conn;
    return conn !== undefined && conn.opened && !conn.intentional ? conn : undefined;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Requests

  login(signer: LoginSigner): Promise<RequestResult> {
    if (this.disposed) return Promise.reject(new SessionError('closed', 'The session has been closed'));
    if (this.liveConnection() === undefined) return Promise.reject(new SessionError('not-connected', 'Not connected: connect before authenticating'));
    this.signer = signer;
    return this.sendLogin(signer, 'login');
  }

  request(choice: ChoiceSpec, values: FieldValues): Promise<RequestResult> {
    if (this.disposed) return Promise.reject(new SessionError('closed', 'The session has been closed'));
    if (choice.kind !== 'request') {
      return Promise.reject(new SessionError('invalid', `Choice ${choice.number} (${choice.label}) is not a server request`));
    }
    if (this.liveConnection() === undefined) return Promise.reject(new SessionError('not-connected', `Not connected: cannot send "${choice.label}"`));
    if (choice.private && !this.loggedIn) {
      return Promise.reject(new SessionError('not-authenticated', `"${choice.label}" needs a logged-in connection: authenticate first (choice 1)`));
    }
    let frame: RequestFrame;
    try {
      frame = buildRequest(choice, values);
    } catch (e) {
      return Promise.reject(new SessionError('invalid', errorText(e)));
    }
    return this.send(frame, choice.number, choice.id === 'newOrder' ? 'order-create' : 'other');
  }

  /** A read-only frame from the raw composer, sent exactly as written and paired with its reply by uuid. */
  sendFrame(frame: RequestFrame, choice: number): Promise<RequestResult> {
    if (this.disposed) return Promise.reject(new SessionError('closed', 'The session has been closed'));
    if (this.liveConnection() === undefined) return Promise.reject(new SessionError('not-connected', 'Not connected: cannot send the frame'));
    if (this.pending.has(frame.data.uuid)) {
      return Promise.reject(new SessionError('invalid', `A request with uuid ${frame.data.uuid} is still waiting for its reply`));
    }
    return this.send(frame, choice, 'other');
  }

  private sendLogin(signer: LoginSigner, kind: 'login' | 'relogin'): Promise<RequestResult> {
    const nonce = Math.max(Math.floor(this.now()), this.lastNonce + 1);
    this.lastNonce = nonce;
    let signature: string;
    try {
      signature = signer.sign(nonce);
    } catch (e) {
      // The signer's own error text; it never contains a signature (there is none yet).
      return Promise.reject(new SessionError('invalid', `Could not sign the login: ${errorText(e)}`));
    }
    const frame = buildLogin({ uid: signer.uid, api_key: signer.apiKey, nonce, signature });
    this.setState('authenticating');
    return this.send(frame, 1, kind);
  }

  /** Logs in again after a reconnect; a failure is reported as an 'error' event and leaves the session open. */
  private async relogin(signer: LoginSigner): Promise<void> {
    try {
      const result = await this.sendLogin(signer, 'relogin');
      if (result.reply.code !== 0) this.emitError(`Automatic re-login failed: ${describeReply(result.reply)}`);
    } catch (e) {
      this.emitError(`Automatic re-login failed: ${errorText(e)}`);
    }
  }

  private send(frame: RequestFrame, choice: number, kind: PendingKind): Promise<RequestResult> {
    const conn = this.liveConnection();
    if (conn === undefined) return Promise.reject(new SessionError('not-connected', 'Not connected'));
    const uuid = frame.data.uuid;
    const text = JSON.stringify(frame);
    return new Promise<RequestResult>((resolve, reject) => {
      const sentAt = this.now();
      const sentMono = performance.now();
      const deadline = sentMono + this.requestTimeoutMs;
      this.pending.set(uuid, { choice, kind, frame, sentAt, sentMono, deadline, resolve, reject });
      if (this.deadlineTimer === undefined) this.armDeadline(deadline);
      this.logger.frame('out', text, uuid);
      conn.ws.send(text);
      if (this.listeners.size > 0) this.emit({ type: 'sent', uuid, choice, at: sentAt });
    });
  }

  private armDeadline(deadline: number): void {
    this.deadlineTimer = setTimeout(() => this.onDeadline(), Math.max(1, Math.ceil(deadline - performance.now())));
  }

  private clearDeadline(): void {
    if (this.deadlineTimer !== undefined) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
  }

  /** Times out every request past its deadline (the oldest come first), then waits for the next oldest. */
  private onDeadline(): void {
    this.deadlineTimer = undefined;
    const now = performance.now();
    for (const [uuid, p] of this.pending) {
      if (p.deadline > now) {
        if (this.deadlineTimer === undefined) this.armDeadline(p.deadline);
        return;
      }
      this.pending.delete(uuid);
      this.onTimeout(uuid, p);
    }
  }

  private onTimeout(uuid: string, p: Pending): void {
    this.emit({ type: 'timeout', uuid, choice: p.choice });
    const seconds = this.requestTimeoutMs / 1000;
    if (p.kind === 'login' || p.kind === 'relogin') {
      if (this.currentState === 'authenticating' && !this.hasPendingLogin()) this.setState('open');
    }
    if (p.kind === 'order-create') {
      // The exchange may or may not have taken it: never resend, find out from its listings.
      this.unknown.record(uuid, p.frame.data.args, p.sentAt);
      p.reject(new SessionError('outcome-unknown', `No reply to the new order within ${seconds} s: its outcome is unknown; checking open orders and history`, uuid));
      void this.unknown.reconcile();
      return;
    }
    this.logger.warn(`Request ${uuid} timed out after ${seconds} s`);
    p.reject(new SessionError('timeout', `No reply within ${seconds} s`, uuid));
  }

  private hasPendingLogin(): boolean {
    for (const p of this.pending.values()) if (p.kind === 'login' || p.kind === 'relogin') return true;
    return false;
  }

  /** Rejects every pending request; order creates become outcome-unknown (reconciled after the next login). */
  private failPending(code: SessionErrorCode, message: string): void {
    if (this.pending.size === 0) return;
    const all = [...this.pending];
    this.pending.clear();
    this.clearDeadline();
    for (const [uuid, p] of all) {
      if (p.kind === 'order-create') {
        this.unknown.record(uuid, p.frame.data.args, p.sentAt);
        p.reject(new SessionError('outcome-unknown', `${message}: the new order's outcome is unknown; it will be checked against open orders and history after reconnecting`, uuid));
      } else {
        p.reject(new SessionError(code, message, uuid));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Inbound frames

  private onFrame(conn: Connection, text: string): void {
    if (jsonDeeperThan(text)) {
      this.logger.frame('in', text, undefined);
      this.refuseFrame(text, `nested deeper than ${MAX_JSON_DEPTH} levels`, `A frame nested deeper than ${MAX_JSON_DEPTH} levels was refused`);
      return;
    }
    const inbound = classifyFrame(text);
    switch (inbound.kind) {
      case 'reply':
        this.logger.frame('in', text, inbound.reply.uuid);
        this.onReply(inbound.reply, inbound.raw);
        return;
      case 'ping':
        this.logger.frame('in', text, undefined);
        this.sendPong(conn);
        if (this.listeners.size > 0) this.heartbeats.push({ at: this.now(), serverTime: inbound.message });
        return;
      case 'welcome':
        this.logger.frame('in', text, undefined);
        this.logger.info(`Welcome: heartbeat every ${inbound.heartbeatSeconds ?? '?'} s`);
        conn.watchdog.start(validHeartbeat(inbound.heartbeatSeconds) ?? this.defaultHeartbeatSeconds);
        this.emit({ type: 'welcome', heartbeatSeconds: inbound.heartbeatSeconds });
        return;
      case 'disconnect':
        this.logger.frame('in', text, undefined);
        this.onDisconnectFrame(conn, inbound.reason, inbound.reconnect);
        return;
      case 'unknown': {
        // A reply to a handler/action the choices never use still answers the raw frame that asked (same uuid).
        const reply = unroutedReply(inbound.raw);
        if (reply?.uuid !== undefined && this.pending.has(reply.uuid)) {
          this.logger.frame('in', text, reply.uuid);
          this.onReply(reply, inbound.raw);
          return;
        }
        this.logger.frame('in', text, undefined);
        this.emit({ type: 'unknown', raw: inbound.raw });
        return;
      }
      case 'malformed':
        this.logger.frame('in', text, undefined);
        this.logger.warn(`Malformed frame ignored (${inbound.error})`);
        this.emit({ type: 'malformed', text: inbound.text, error: inbound.error });
        return;
    }
  }

  private sendPong(conn: Connection): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    if (conn.ws.bufferedAmount > MAX_UNSENT_FOR_PONG_BYTES) {
      if (!conn.pongsSkipped) this.logger.warn(`The server is not reading (${describeBytes(conn.ws.bufferedAmount)} unsent): skipping pongs until it does`);
      conn.pongsSkipped = true;
      return;
    }
    conn.pongsSkipped = false;
    this.logger.frame('out', PONG_TEXT, undefined);
    conn.ws.send(PONG_TEXT);
  }

  /** OceanEx sends text (JSON) frames only; binary ones are never decoded. */
  private onBinaryFrame(bytes: number): void {
    this.refuseFrame(`[binary frame, ${describeBytes(bytes)}]`, 'binary frame refused', `A binary frame (${describeBytes(bytes)}) was refused: OceanEx sends text frames only`);
  }

  private refuseFrame(text: string, error: string, warning: string): void {
    this.logger.warn(warning);
    const shown = text.length > SHOWN_FRAME_HEAD ? `${text.slice(0, SHOWN_FRAME_HEAD)}…` : text;
    this.emit({ type: 'malformed', text: shown, error });
  }

  private onReply(reply: Reply, raw: unknown): void {
    const uuid = reply.uuid;
    const p = uuid === undefined ? undefined : this.pending.get(uuid);
    if (uuid === undefined || p === undefined) {
      if (uuid === undefined || !this.unknown.settleFromLateReply(uuid, reply)) this.emit({ type: 'unknown', raw });
      return;
    }
    this.pending.delete(uuid);
    if (this.pending.size === 0) this.clearDeadline();
    const now = performance.now();
    const conn = this.conn;
    if (conn !== undefined && conn.healthyAt === undefined && (p.kind === 'other' || reply.code === 0)) conn.healthyAt = now;
    const rttMs = now - p.sentMono;
    if (p.kind === 'login' || p.kind === 'relogin') this.onLoginReply(reply, p.kind);
    else if (p.kind === 'order-create' && reply.code === 0) this.unknown.rememberAcked(reply.data);
    if (this.listeners.size > 0) this.emit({ type: 'reply', uuid, choice: p.choice, reply, rttMs });
    p.resolve({ uuid, frame: p.frame, reply, rttMs });
  }

  private onLoginReply(reply: Reply, kind: 'login' | 'relogin'): void {
    if (reply.code === 0 && reply.outcome === 'login') {
      this.reloginWanted = true;
      this.logger.info(`Logged in as ${this.signer?.uid ?? '?'}`);
      this.setState('authenticated');
      void this.unknown.reconcile();
      return;
    }
    // An explicit login that fails means "not logged in" from now on; a failed re-login keeps trying next time.
    if (kind === 'login') this.reloginWanted = false;
    this.logger.warn(`Login failed: code ${reply.code}`);
    if (this.currentState === 'authenticating' || this.currentState === 'authenticated') this.setState('open');
  }

  private onDisconnectFrame(conn: Connection, reason: string, reconnect: boolean): void {
    this.logger.warn(`Server disconnect: ${reason} (${reconnect ? 'may reconnect' : 'must not reconnect'})`);
    if (!reconnect) {
      this.autoReconnectBlocked = true;
      this.cancelReconnect();
    }
    this.emit({ type: 'disconnect-frame', reason, reconnect });
    // The server closes the socket; closing our end too (not "intentional") lets reconnect:true proceed as a drop.
    conn.ws.close(1000, 'server disconnect');
  }

  // ---------------------------------------------------------------------------------------------------------
  // Events

  private setState(next: SessionState): void {
    const previous = this.currentState;
    if (previous === next) return;
    this.currentState = next;
    this.logger.debug(`State ${previous} → ${next}`);
    this.emit({ type: 'state', state: next, previous });
  }

  private emitError(message: string): void {
    this.logger.error(message);
    this.emit({ type: 'error', message });
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        this.logger.error(`Session listener failed: ${errorText(e)}`);
      }
    }
  }
}
