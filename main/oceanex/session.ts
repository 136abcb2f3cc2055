// The OceanEx websocket session: one socket, an explicit state machine, heartbeat answers, request/reply
// correlation by uuid with timeouts, automatic reconnect with back-off and re-login. Plain Node (`ws`), no
// Electron. Around the state machine, in their own files: the requests awaiting replies and their timeouts
// (./pending-requests.ts), reconnect scheduling (./reconnect-scheduler.ts), the connection record and frame helpers
// (./connection.ts), the options' defaults (./session-options.ts), the heartbeat watchdog (./heartbeat-watchdog.ts)
// and the orders of unknown outcome (./unknown-orders.ts).
//
// Against a hostile server: frames over maxPayloadBytes drop the connection (ws never buffers them), binary
// frames and replies nested deeper than MAX_JSON_DEPTH are refused with a plain message, heartbeat events are
// coalesced, pongs are skipped while the server is not reading, a connect (handshake included) has an absolute
// deadline, and the back-off only starts over after a connection has been healthy for a while.
//
// Hot path (one inbound reply): Buffer → string, classifyFrame (one JSON.parse), one Map lookup (the pending
// table is a Map itself, no wrapper call), one logger.frame call, one 'reply' event, resolve. Nothing else is formatted per frame; the heartbeat watchdog
// costs one boolean store per frame (its timer reads the flag); replies under 2000 characters skip the depth scan.

// Imported rather than the global: Node's global performance is a getter, paid on every reply.
import { performance } from 'node:perf_hooks';
import type { RawData } from 'ws';
import type { ChoiceSpec, FieldValues } from '../../shared/oceanex/catalogue';
import { buildRequest, classifyFrame, describeReply, unroutedReply, type Reply, type RequestFrame } from '../../shared/oceanex/messages';
import { byteLength, closeGracefully, createConnection, errorText, frameBytes, loginFrame, sendPong, wasHealthy, type Connection } from './connection';
import { resolveSessionOptions, validHeartbeat, type ResolvedSessionOptions } from './session-options';
import { describeBytes, frameHead, jsonDeeperThan, MAX_JSON_DEPTH } from './frame-limits';
import { Coalescer } from './heartbeat-watchdog';
import { PendingRequests, type PendingKind } from './pending-requests';
import { SentRequestResult } from './request-result';
import { ReconnectScheduler } from './reconnect-scheduler';
import { UnknownOrderTracker } from './unknown-orders';
import {
  SessionError,
  type LoginSigner,
  type RequestResult,
  type SessionApi,
  type SessionEvent,
  type SessionLogger,
  type SessionOptions,
  type SessionState,
  type UnknownOrder,
} from './session-api';

export { SessionError } from './session-api';


export class Session implements SessionApi {
  readonly url: string;
  private readonly opts: ResolvedSessionOptions;
  private readonly logger: SessionLogger;
  private readonly now: () => number;
  private readonly heartbeats: Coalescer<{ at: number; serverTime: unknown }>;

  private currentState: SessionState = 'idle';
  private conn: Connection | undefined;
  /** In send order, so also in deadline order (every request has the same timeout): one timer serves all. */
  private readonly pending: PendingRequests;
  private readonly listeners = new Set<(event: SessionEvent) => void>();

  private signer: LoginSigner | undefined;
  /** Nonces must grow with every login (OceanEx and the sandbox refuse a repeated one), even within one ms. */
  private lastNonce = 0;
  /** Logged in on purpose at some point: log in again after every reconnect. */
  private reloginWanted = false;
  /** Set by disconnect(), a `disconnect` frame with reconnect:false and dispose(); cleared by connect/reconnect. */
  private autoReconnectBlocked = false;
  private readonly reconnects: ReconnectScheduler;
  private connecting: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private disposed = false;

  private readonly unknown: UnknownOrderTracker;

  constructor(options: SessionOptions) {
    this.url = options.url;
    const opts = resolveSessionOptions(options);
    this.opts = opts;
    this.logger = opts.logger;
    this.now = opts.now;
    this.reconnects = new ReconnectScheduler({
      backoff: opts.backoff,
      logger: this.logger,
      now: this.now,
      allowed: () => !this.disposed && !this.autoReconnectBlocked && opts.autoReconnect,
      connect: () => this.connectNow(),
      emit: (event) => this.emit(event),
    });
    this.heartbeats = new Coalescer(opts.heartbeatEventGapMs, ({ at, serverTime }) =>
      this.emit({ type: 'heartbeat', at, serverTime }),
    );
    this.unknown = new UnknownOrderTracker({
      logger: this.logger,
      loggedIn: () => this.loggedIn,
      request: (choice, values) => this.request(choice, values),
      emit: (event) => this.emit(event),
      emitError: (message) => this.emitError(message),
    });
    this.pending = new PendingRequests({
      requestTimeoutMs: this.opts.requestTimeoutMs,
      logger: this.logger,
      unknown: this.unknown,
      emit: (event) => this.emit(event),
      loginTimedOut: () => {
        if (this.currentState === 'authenticating' && !this.pending.hasLogin()) this.setState('open');
      },
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
    this.reconnects.cancel();
    if (this.liveConnection() !== undefined) return;
    try {
      await this.connectNow();
    } catch (e) {
      // The app keeps trying (with the same back-off, showing the countdown); the terminal client asks its user.
      if (this.opts.retryFirstConnect) this.reconnects.schedule();
      throw e;
    }
  }

  async disconnect(): Promise<void> {
    if (this.disposed) return;
    this.autoReconnectBlocked = true;
    this.reconnects.cancel();
    await this.closeSocket();
  }

  async reconnect(): Promise<void> {
    if (this.disposed) throw new SessionError('closed', 'The session has been closed');
    this.autoReconnectBlocked = false;
    this.reconnects.cancel();
    await this.closeSocket();
    await this.connect(); // and, failing, keeps trying like a first connect
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.autoReconnectBlocked = true;
    this.reconnects.cancel();
    await this.closeSocket();
    this.pending.failAll('closed', 'The session was closed');
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
    const clear = (failure?: unknown): void => {
      if (this.connecting === attempt) this.connecting = undefined;
      if (failure !== undefined) this.emit({ type: 'connect-failed', message: errorText(failure), at: this.now() });
    };
    attempt.then(clear, clear);
    return attempt;
  }

  private openSocket(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.setState('connecting');
      let conn: Connection;
      try {
        conn = createConnection(this.url, this.opts, (silentMs, intervalMs) => this.onSilent(conn, silentMs, intervalMs));
      } catch (e) {
        this.setState('closed');
        reject(new SessionError('not-connected', `Cannot connect to ${this.url}: ${errorText(e)}`));
        return;
      }
      const ws = conn.ws;
      this.conn = conn;
      let lastError: string | undefined;
      // ws's handshakeTimeout counts idle time only: a server dribbling its handshake would hold us forever.
      const deadline = setTimeout(() => {
        lastError = `no complete handshake within ${this.opts.connectTimeoutMs / 1000} s`;
        ws.terminate();
      }, this.opts.connectTimeoutMs);
      deadline.unref();
      ws.on('open', () => {
        clearTimeout(deadline);
        if (this.conn !== conn) return;
        conn.opened = true;
        conn.openedAt = performance.now();
        conn.watchdog.start(this.opts.defaultHeartbeatSeconds);
        this.logger.info(`Connected to ${this.url}`);
        this.setState('open');
        resolve();
      });
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (this.conn !== conn) return;
        conn.watchdog.heard = true;
        if (isBinary) {
          this.onBinaryFrame(byteLength(data));
        } else {
          const bytes = frameBytes(data);
          this.onFrame(conn, bytes.toString('utf8'), bytes);
        }
      });
      // Protocol-level pings and pongs are signs of life too.
      const alive = (): void => {
        conn.watchdog.heard = true;
      };
      ws.on('ping', alive);
      ws.on('pong', alive);
      ws.on('error', (err: Error & { code?: string }) => {
        if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
          conn.dropReason = `the server sent a frame larger than the ${describeBytes(this.opts.maxPayloadBytes)} limit`;
          if (this.conn === conn) this.emitError(`The server sent a frame larger than the ${describeBytes(this.opts.maxPayloadBytes)} limit (maxPayloadBytes): dropping the connection`);
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
    if (conn.opened && wasHealthy(conn, this.opts.healthyAfterMs)) this.reconnects.startOver();
    if (conn.opened) {
      const why = conn.dropReason ?? (reason ? `${code} ${reason}` : String(code));
      if (conn.intentional) this.logger.info(`Disconnected (${why})`);
      else this.logger.warn(`Connection lost (${why})`);
    }
    this.pending.failAll(this.disposed ? 'closed' : 'connection-lost', conn.intentional ? 'Disconnected before the reply arrived' : 'Connection lost before the reply arrived');
    this.setState('closed');
    if (conn.opened && !conn.intentional) this.reconnects.schedule();
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
    const closed = closeGracefully(conn);
    this.closing = closed;
    void closed.then(() => {
      if (this.closing === closed) this.closing = undefined;
    });
    return closed;
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
    let frame: RequestFrame;
    try {
      frame = loginFrame(signer, nonce);
    } catch (e) {
      return Promise.reject(e);
    }
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
      this.pending.add(uuid, { choice, kind, text, sentAt, sentMono: performance.now(), resolve, reject });
      this.logger.frame('out', text, uuid);
      conn.ws.send(text);
      if (this.listeners.size > 0) this.emit({ type: 'sent', uuid, choice, at: sentAt });
    });
  }

  // ---------------------------------------------------------------------------------------------------------
  // Inbound frames

  /** `bytes` are the UTF-8 `text` was decoded from: the log copies them. */
  private onFrame(conn: Connection, text: string, bytes: Uint8Array): void {
    if (jsonDeeperThan(text)) {
      this.logger.frame('in', text, undefined, bytes);
      this.refuseFrame(text, `nested deeper than ${MAX_JSON_DEPTH} levels`, `A frame nested deeper than ${MAX_JSON_DEPTH} levels was refused`);
      return;
    }
    const inbound = classifyFrame(text);
    switch (inbound.kind) {
      case 'reply':
        this.logger.frame('in', text, inbound.reply.uuid, bytes);
        this.onReply(inbound.reply, inbound.raw, text);
        return;
      case 'ping':
        this.logger.frame('in', text, undefined, bytes);
        sendPong(conn, this.logger);
        if (this.listeners.size > 0) this.heartbeats.push({ at: this.now(), serverTime: inbound.message });
        return;
      case 'welcome':
        this.logger.frame('in', text, undefined, bytes);
        this.logger.info(`Welcome: heartbeat every ${inbound.heartbeatSeconds ?? '?'} s`);
        conn.watchdog.start(validHeartbeat(inbound.heartbeatSeconds) ?? this.opts.defaultHeartbeatSeconds);
        this.emit({ type: 'welcome', heartbeatSeconds: inbound.heartbeatSeconds });
        return;
      case 'disconnect':
        this.logger.frame('in', text, undefined, bytes);
        this.onDisconnectFrame(conn, inbound.reason, inbound.reconnect);
        return;
      case 'unknown': {
        // A reply to a handler/action the choices never use still answers the raw frame that asked (same uuid).
        const reply = unroutedReply(inbound.raw);
        if (reply?.uuid !== undefined && this.pending.has(reply.uuid)) {
          this.logger.frame('in', text, reply.uuid, bytes);
          this.onReply(reply, inbound.raw, text);
          return;
        }
        this.logger.frame('in', text, undefined, bytes);
        this.emit({ type: 'unknown', raw: inbound.raw });
        return;
      }
      case 'malformed':
        this.logger.frame('in', text, undefined, bytes);
        this.logger.warn(`Malformed frame ignored (${inbound.error})`);
        this.emit({ type: 'malformed', text: inbound.text, error: inbound.error });
        return;
    }
  }

  /** OceanEx sends text (JSON) frames only; binary ones are never decoded. */
  private onBinaryFrame(bytes: number): void {
    this.refuseFrame(`[binary frame, ${describeBytes(bytes)}]`, 'binary frame refused', `A binary frame (${describeBytes(bytes)}) was refused: OceanEx sends text frames only`);
  }

  private refuseFrame(text: string, error: string, warning: string): void {
    this.logger.warn(warning);
    this.emit({ type: 'malformed', text: frameHead(text), error });
  }

  private onReply(reply: Reply, raw: unknown, text: string): void {
    const uuid = reply.uuid;
    const p = uuid === undefined ? undefined : this.pending.get(uuid);
    if (uuid === undefined || p === undefined) {
      if (uuid === undefined || !this.unknown.settleFromLateReply(uuid, reply)) this.emit({ type: 'unknown', raw });
      return;
    }
    this.pending.delete(uuid);
    if (this.pending.size === 0) this.pending.disarm();
    const now = performance.now();
    const conn = this.conn;
    if (conn !== undefined && conn.healthyAt === undefined && (p.kind === 'other' || reply.code === 0)) conn.healthyAt = now;
    const rttMs = now - p.sentMono;
    if (p.kind === 'login' || p.kind === 'relogin') this.onLoginReply(reply, p.kind);
    else if (p.kind === 'order-create' && reply.code === 0) this.unknown.rememberAcked(reply.data);
    if (this.listeners.size > 0) this.emit({ type: 'reply', uuid, choice: p.choice, reply, rttMs, text });
    p.resolve(new SentRequestResult(uuid, p.text, reply, rttMs, text));
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
      this.reconnects.cancel();
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
