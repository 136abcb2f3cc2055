// The OceanEx websocket session: one socket, an explicit state machine, heartbeat answers and a watchdog for
// a silent server, request/reply correlation by uuid with timeouts, automatic reconnect with back-off and
// re-login, and reconciliation of order creates whose reply never came. Plain Node (`ws`), no Electron.
//
// Hot path (one inbound reply): Buffer → string, classifyFrame (one JSON.parse), one Map lookup, one
// logger.frame call, one 'reply' event, resolve. Nothing else is formatted per frame; the heartbeat watchdog
// costs one boolean store per frame (its timer reads the flag).

import WebSocket, { type RawData } from 'ws';
import { choiceById, type ChoiceSpec, type FieldValues } from './catalogue';
import { buildLogin, buildRequest, classifyFrame, describeReply, PONG_FRAME, unroutedReply, type Reply, type RequestFrame } from './messages';
import { backoffDelay, resolveBackoff } from './backoff';
import { asOrderCreateArgs, DEFAULT_RECONCILE_SKEW_MS, findMatchingOrder, orderId, ordersOf } from './reconcile';
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

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** How long a polite close may take before the socket is terminated. */
const CLOSE_GRACE_MS = 2_000;
/** Reconciled orders kept in `unknownOrders` for the UI; unresolved ones are always kept. */
const RECONCILED_KEPT = 20;
/** Page size for the open-orders and history listings used to reconcile (the catalogue's maximum). */
const RECONCILE_PAGE = 1000;
/** Order ids acknowledged in this session, remembered so reconciliation never claims them; bounded. */
const ACKED_IDS_KEPT = 1000;
const PONG_TEXT = JSON.stringify(PONG_FRAME);
/** Heartbeat interval assumed until (or unless) the welcome frame announces one (SessionOptions can change it). */
const DEFAULT_HEARTBEAT_SECONDS = 60;
/** The connection is dead after this many heartbeat intervals with nothing at all from the server… */
const HEARTBEAT_MISSES = 3;
/** …plus a grace of half an interval, at most this much (latency, a busy server). */
const MAX_HEARTBEAT_GRACE_MS = 5_000;

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
  heard: boolean;
  /** When the watchdog last found `heard` set (performance.now()): never later than the last arrival. */
  heardAt: number;
  heartbeatMs: number;
  watchdog: ReturnType<typeof setInterval> | undefined;
  /** Why we dropped it ourselves, for the log (e.g. the server went silent). */
  dropReason: string | undefined;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The welcome's interval in seconds if it is usable (a positive number of at most a day), else undefined. */
function validHeartbeat(seconds: number | undefined): number | undefined {
  return seconds !== undefined && Number.isFinite(seconds) && seconds > 0 && seconds <= 86_400 ? seconds : undefined;
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
  private readonly reconcileSkewMs = DEFAULT_RECONCILE_SKEW_MS;
  /** Assumed until a welcome frame announces the server's interval. */
  private readonly defaultHeartbeatSeconds: number;

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

  private unknown: UnknownOrder[] = [];
  private readonly ackedOrderIds = new Set<number>();
  private reconciling = false;
  private reconcileAgain = false;

  constructor(options: SessionOptions) {
    this.url = options.url;
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.autoReconnect = options.autoReconnect ?? true;
    this.backoff = resolveBackoff(options.backoff);
    this.logger = options.logger ?? SILENT_LOGGER;
    this.now = options.now ?? Date.now;
    this.defaultHeartbeatSeconds = validHeartbeat(options.heartbeatSeconds) ?? DEFAULT_HEARTBEAT_SECONDS;
  }

  get state(): SessionState {
    return this.currentState;
  }

  get loggedIn(): boolean {
    return this.currentState === 'authenticated';
  }

  get unknownOrders(): readonly UnknownOrder[] {
    return this.unknown;
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
    await this.connectNow();
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
        ws = new WebSocket(this.url, { perMessageDeflate: false, handshakeTimeout: this.requestTimeoutMs });
      } catch (e) {
        this.setState('closed');
        reject(new SessionError('not-connected', `Cannot connect to ${this.url}: ${errorText(e)}`));
        return;
      }
      const conn: Connection = { ws, opened: false, intentional: false, heard: false, heardAt: 0, heartbeatMs: 0, watchdog: undefined, dropReason: undefined };
      this.conn = conn;
      let lastError: string | undefined;
      ws.on('open', () => {
        if (this.conn !== conn) return;
        conn.opened = true;
        this.reconnectAttempt = 0;
        this.watchHeartbeat(conn, this.defaultHeartbeatSeconds);
        this.logger.info(`Connected to ${this.url}`);
        this.setState('open');
        resolve();
      });
      ws.on('message', (data: RawData) => {
        if (this.conn !== conn) return;
        conn.heard = true;
        this.onFrame(conn, rawText(data));
      });
      // Protocol-level pings and pongs are signs of life too.
      const alive = (): void => {
        conn.heard = true;
      };
      ws.on('ping', alive);
      ws.on('pong', alive);
      ws.on('error', (err: Error) => {
        lastError = err.message;
        if (this.conn === conn) this.logger.warn(`Socket error: ${err.message}`);
      });
      ws.on('close', (code: number, reason: Buffer) => {
        if (!conn.opened) reject(new SessionError('not-connected', `Could not connect to ${this.url}: ${lastError ?? `closed (${code})`}`));
        this.onClose(conn, code, reason.toString('utf8'));
      });
    });
  }

  private onClose(conn: Connection, code: number, reason: string): void {
    this.stopWatchdog(conn);
    if (this.conn !== conn) return;
    this.conn = undefined;
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
    this.stopWatchdog(conn);
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

  /**
   * (Re)arms the heartbeat watchdog of `conn` for a server that sends something at least every `seconds`.
   * It looks every half interval (at most every 5 s) whether anything arrived since its last look; after
   * HEARTBEAT_MISSES intervals plus a grace of silence it drops the connection like any unexpected drop.
   */
  private watchHeartbeat(conn: Connection, seconds: number): void {
    this.stopWatchdog(conn);
    conn.heartbeatMs = seconds * 1000;
    conn.heard = false;
    conn.heardAt = performance.now();
    const lookEveryMs = Math.max(100, Math.min(MAX_HEARTBEAT_GRACE_MS, conn.heartbeatMs / 2));
    conn.watchdog = setInterval(() => this.checkHeartbeat(conn), lookEveryMs);
    conn.watchdog.unref(); // never what keeps a finished process alive
  }

  private stopWatchdog(conn: Connection): void {
    if (conn.watchdog !== undefined) clearInterval(conn.watchdog);
    conn.watchdog = undefined;
  }

  private checkHeartbeat(conn: Connection): void {
    const now = performance.now();
    if (conn.heard) {
      conn.heard = false;
      conn.heardAt = now;
      return;
    }
    const silentMs = now - conn.heardAt;
    const limitMs = HEARTBEAT_MISSES * conn.heartbeatMs + Math.min(MAX_HEARTBEAT_GRACE_MS, conn.heartbeatMs / 2);
    if (silentMs < limitMs) return;
    this.stopWatchdog(conn);
    if (this.conn !== conn || conn.intentional) return;
    const seconds = Math.round(silentMs / 1000);
    conn.dropReason = `no heartbeat from the server for ${seconds} s`;
    this.logger.warn(`No heartbeat from the server for ${seconds} s (announced every ${conn.heartbeatMs / 1000} s): dropping the connection`);
    // No close handshake with a dead peer: terminate, and the 'close' event treats it as an unexpected drop.
    conn.ws.terminate();
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
      this.recordUnknownOrder(uuid, p);
      p.reject(new SessionError('outcome-unknown', `No reply to the new order within ${seconds} s: its outcome is unknown; checking open orders and history`, uuid));
      void this.reconcileUnknownOrders();
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
        this.recordUnknownOrder(uuid, p);
        p.reject(new SessionError('outcome-unknown', `${message}: the new order's outcome is unknown; it will be checked against open orders and history after reconnecting`, uuid));
      } else {
        p.reject(new SessionError(code, message, uuid));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Inbound frames

  private onFrame(conn: Connection, text: string): void {
    const inbound = classifyFrame(text);
    switch (inbound.kind) {
      case 'reply':
        this.logger.frame('in', text, inbound.reply.uuid);
        this.onReply(inbound.reply, inbound.raw);
        return;
      case 'ping':
        this.logger.frame('in', text, undefined);
        this.sendPong(conn);
        this.emit({ type: 'heartbeat', at: this.now(), serverTime: inbound.message });
        return;
      case 'welcome':
        this.logger.frame('in', text, undefined);
        this.logger.info(`Welcome: heartbeat every ${inbound.heartbeatSeconds ?? '?'} s`);
        this.watchHeartbeat(conn, validHeartbeat(inbound.heartbeatSeconds) ?? this.defaultHeartbeatSeconds);
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
    this.logger.frame('out', PONG_TEXT, undefined);
    conn.ws.send(PONG_TEXT);
  }

  private onReply(reply: Reply, raw: unknown): void {
    const uuid = reply.uuid;
    const p = uuid === undefined ? undefined : this.pending.get(uuid);
    if (uuid === undefined || p === undefined) {
      if (uuid === undefined || !this.settleFromLateReply(uuid, reply)) this.emit({ type: 'unknown', raw });
      return;
    }
    this.pending.delete(uuid);
    if (this.pending.size === 0) this.clearDeadline();
    const rttMs = performance.now() - p.sentMono;
    if (p.kind === 'login' || p.kind === 'relogin') this.onLoginReply(reply, p.kind);
    else if (p.kind === 'order-create' && reply.code === 0) this.rememberAcked(reply.data);
    if (this.listeners.size > 0) this.emit({ type: 'reply', uuid, choice: p.choice, reply, rttMs });
    p.resolve({ uuid, frame: p.frame, reply, rttMs });
  }

  private onLoginReply(reply: Reply, kind: 'login' | 'relogin'): void {
    if (reply.code === 0 && reply.outcome === 'login') {
      this.reloginWanted = true;
      this.logger.info(`Logged in as ${this.signer?.uid ?? '?'}`);
      this.setState('authenticated');
      void this.reconcileUnknownOrders();
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
  // Orders whose outcome is unknown

  private recordUnknownOrder(uuid: string, p: Pending): void {
    const order: UnknownOrder = { uuid, args: p.frame.data.args, sentAt: p.sentAt, status: 'unknown' };
    this.unknown = [...this.unknown, order];
    this.logger.warn(`Order ${uuid} outcome unknown`);
    this.emit({ type: 'order-outcome-unknown', order });
  }

  private rememberAcked(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const id = orderId(data as Record<string, unknown>);
    if (id === undefined) return;
    if (this.ackedOrderIds.size >= ACKED_IDS_KEPT) {
      const oldest = this.ackedOrderIds.values().next();
      if (oldest.done !== true) this.ackedOrderIds.delete(oldest.value);
    }
    this.ackedOrderIds.add(id);
  }

  /** A reply that arrives after its order create timed out settles the unknown order directly. */
  private settleFromLateReply(uuid: string, reply: Reply): boolean {
    const order = this.unknown.find((o) => o.uuid === uuid && o.status === 'unknown');
    if (order === undefined || reply.handler !== 'OrderHandler' || reply.action !== 'create') return false;
    if (reply.code !== 0) {
      this.settleUnknownOrder(order, 'not-found', undefined);
      return true;
    }
    this.rememberAcked(reply.data);
    const state = typeof reply.data === 'object' && reply.data !== null ? (reply.data as Record<string, unknown>)['state'] : undefined;
    this.settleUnknownOrder(order, state === 'wait' ? 'found-open' : 'found-history', reply.data);
    return true;
  }

  private settleUnknownOrder(order: UnknownOrder, status: UnknownOrder['status'], found: unknown): void {
    const settled: UnknownOrder = found === undefined ? { ...order, status } : { ...order, status, order: found };
    const replaced = this.unknown.map((o) => (o === order ? settled : o));
    const reconciled = replaced.filter((o) => o.status !== 'unknown');
    const drop = new Set(reconciled.slice(0, Math.max(0, reconciled.length - RECONCILED_KEPT)));
    this.unknown = replaced.filter((o) => !drop.has(o));
    this.logger.info(`Order ${order.uuid} reconciled: ${status}`);
    this.emit({ type: 'order-reconciled', order: settled });
  }

  /** Looks every unresolved order up in open orders (per market and ord_type), then in history. */
  private async reconcileUnknownOrders(): Promise<void> {
    if (this.reconciling) {
      this.reconcileAgain = true;
      return;
    }
    this.reconciling = true;
    try {
      do {
        this.reconcileAgain = false;
        const todo = this.unknown.filter((o) => o.status === 'unknown');
        if (todo.length === 0 || !this.loggedIn) return;
        try {
          await this.reconcileBatch(todo);
        } catch (e) {
          this.emitError(`Could not check ${todo.length} order(s) of unknown outcome: ${errorText(e)}; will retry after the next login`);
          return;
        }
      } while (this.reconcileAgain);
    } finally {
      this.reconciling = false;
    }
  }

  private async reconcileBatch(todo: readonly UnknownOrder[]): Promise<void> {
    const openChoice = choiceById('openOrders');
    const historyChoice = choiceById('historyOrders');
    if (openChoice === undefined || historyChoice === undefined) throw new Error('catalogue lacks openOrders/historyOrders');
    const claimed = new Set<number>(this.ackedOrderIds);
    for (const o of this.unknown) {
      const id = o.status !== 'unknown' && typeof o.order === 'object' && o.order !== null ? orderId(o.order as Record<string, unknown>) : undefined;
      if (id !== undefined) claimed.add(id);
    }
    const byMarket = new Map<string, UnknownOrder[]>();
    for (const o of todo) {
      const args = asOrderCreateArgs(o.args);
      if (args === undefined) {
        this.settleUnknownOrder(o, 'not-found', undefined);
        continue;
      }
      byMarket.set(args.market, [...(byMarket.get(args.market) ?? []), o]);
    }
    for (const [market, orders] of byMarket) {
      const ordTypes = [...new Set(orders.map((o) => asOrderCreateArgs(o.args)?.ord_type ?? 'limit'))];
      const open: Record<string, unknown>[] = [];
      for (const ordType of ordTypes) {
        const result = await this.request(openChoice, { market, ord_type: ordType, order_by: 'desc', per: RECONCILE_PAGE });
        if (result.reply.code !== 0) throw new Error(`open orders of ${market}: ${describeReply(result.reply)}`);
        open.push(...ordersOf(result.reply.data));
      }
      const left: UnknownOrder[] = [];
      for (const o of orders) {
        const found = findMatchingOrder(asOrderCreateArgs(o.args)!, o.sentAt, open, this.reconcileSkewMs, claimed);
        if (found === undefined) {
          left.push(o);
          continue;
        }
        const id = orderId(found);
        if (id !== undefined) claimed.add(id);
        this.settleUnknownOrder(o, 'found-open', found);
      }
      if (left.length === 0) continue;
      const result = await this.request(historyChoice, { market, order_by: 'desc', per: RECONCILE_PAGE });
      if (result.reply.code !== 0) throw new Error(`order history of ${market}: ${describeReply(result.reply)}`);
      const history = ordersOf(result.reply.data);
      for (const o of left) {
        const found = findMatchingOrder(asOrderCreateArgs(o.args)!, o.sentAt, history, this.reconcileSkewMs, claimed);
        const id = found === undefined ? undefined : orderId(found);
        if (id !== undefined) claimed.add(id);
        this.settleUnknownOrder(o, found === undefined ? 'not-found' : 'found-history', found);
      }
    }
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
