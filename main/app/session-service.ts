// The session of the active profile: starting and restarting it, running the 17 choices (confirmation in main),
// the status the status bar shows and the session's events forwarded to the renderer.
// Channels: session:run (through RequestTools, which records it), session:status, session:connect.
// Events: event:session, event:heartbeat, event:reply.

import type { RunOutcome, Result, SessionStatus } from '../../shared/ipc/contract';
import { choiceByNumber, type ChoiceSpec, type FieldValues, type RawFields } from '../../shared/oceanex/catalogue';
import { describeReply } from '../../shared/oceanex/messages';
import { isConnected } from '../../shared/oceanex/session-state';
import { NOT_AUTHENTICATED } from '../../shared/constants';
import { notSent, runChoice, type NotSent, type Refusal } from '../oceanex/run-choice';
import { Session } from '../oceanex/session';
import { SessionError, type RequestResult, type SessionApi, type SessionEvent } from '../oceanex/session-api';
import { originOf } from '../services/key-binding';
import { redactFrameText } from '../services/redact';
import type { SessionActivity } from '../services/updates/install-gate';
import type { AppContext } from './app-context';
import { CHANGED_WHILE_ASKING, DECLINED } from './confirmation';
import { UserFacingError, userMessage } from './errors';
import type { KeyService } from './key-service';
import { OrderQuestions } from './order-questions';
import { connectCause, hostPort } from './connect-errors';

/** How long a profile switch waits for the new connection before answering (the status events follow anyway). */
const CONNECT_WAIT_MS = 5_000;

/** What the status bar shows beyond the session's own state. */
interface Tracking {
  lastHeartbeatAt?: number;
  reconnectAt?: number;
  lastDisconnectReason?: string;
  connectError?: string;
  connectErrorAt?: number;
  reconnectAttempt?: number;
  autoReconnect: boolean;
}

/** A choice's result and, when nothing went out, why (typed: the request history keeps only what it should). */
export interface RunAttempt {
  readonly result: Result<RunOutcome>;
  /** Undefined when a frame was sent; disconnect and reconnect (16, 17) send none and say 'failed' only on error. */
  readonly notSent: NotSent | undefined;
}

export class SessionService {
  private session!: SessionApi;
  private unsubscribeSession: () => void = () => undefined;
  private tracking: Tracking = { autoReconnect: true };
  private readonly orderQuestions = new OrderQuestions();
  private readonly statusListeners = new Set<(status: SessionStatus) => void>();

  constructor(
    private readonly ctx: AppContext,
    private readonly keys: KeyService,
  ) {}

  /** The running session (the raw composer sends through it; a profile change replaces it). */
  get current(): SessionApi {
    return this.session;
  }

  status(): SessionStatus {
    const s = this.session;
    const t = this.tracking;
    return {
      state: s.state,
      loggedIn: s.loggedIn,
      endpoint: s.url,
      profileName: this.ctx.activeProfile().name,
      autoReconnect: t.autoReconnect,
      unknownOrders: s.unknownOrders,
      ...(t.lastHeartbeatAt !== undefined ? { lastHeartbeatAt: t.lastHeartbeatAt } : {}),
      ...(t.reconnectAt !== undefined ? { reconnectAt: t.reconnectAt } : {}),
      ...(t.lastDisconnectReason !== undefined ? { lastDisconnectReason: t.lastDisconnectReason } : {}),
      ...(t.connectError !== undefined ? { connectError: t.connectError, connectErrorAt: t.connectErrorAt } : {}),
      ...(t.reconnectAttempt !== undefined && t.reconnectAt !== undefined ? { reconnectAttempt: t.reconnectAttempt } : {}),
    };
  }

  /** Called with every status the renderer is sent (watches pause and stop with it). */
  onStatus(listener: (status: SessionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Connects the active profile's session if it is not connected (the status bar's "Connect"). */
  async connect(): Promise<SessionStatus> {
    this.ctx.assertOpen();
    const s = this.session;
    if (!isConnected(s.state)) {
      this.tracking.autoReconnect = true;
      await s.connect();
    }
    return this.status();
  }

  /** Runs one of the 17 choices. Main validates the fields again: the renderer is never trusted. */
  async run(choiceNumber: number, fields: RawFields): Promise<Result<RunOutcome>> {
    return (await this.attempt(choiceNumber, fields)).result;
  }

  /** run, saying also whether anything was sent. */
  async attempt(choiceNumber: number, fields: RawFields): Promise<RunAttempt> {
    const choice = choiceByNumber(choiceNumber);
    if (!choice) return { result: { ok: false, error: `There is no choice ${choiceNumber}; the choices are 1 to 17.` }, notSent: 'failed' };
    if (this.ctx.disposed) return { result: { ok: false, error: 'The app is shutting down.' }, notSent: 'failed' };
    const session = this.session;
    if (choice.kind === 'login' || choice.kind === 'request') {
      const outcome = await runChoice(session, choice, fields, {
        signer: () => this.signerForActiveProfile(session),
        // Orders, cancels and mass cancel: main asks the person, whoever called (renderer, menu, raw composer).
        confirm: (action, values) => this.confirmOrderAction(action, values, session),
      });
      const why = notSent(outcome);
      switch (outcome.kind) {
        case 'sent':
          return { result: { ok: true, value: runOutcome(choice.number, outcome.result) }, notSent: why };
        case 'failed':
          return { result: { ok: false, error: this.explain(outcome.error, session) }, notSent: why };
        case 'refused':
          if (outcome.reason === 'invalid') return { result: { ok: false, error: Object.values(outcome.errors).join(' '), fieldErrors: outcome.errors }, notSent: why };
          return { result: { ok: false, error: this.refusalWords(outcome.reason, session) }, notSent: why };
      }
    }
    try {
      if (choice.kind === 'disconnect') {
        await session.disconnect();
        this.tracking.autoReconnect = false;
        this.tracking.reconnectAt = undefined;
        this.tracking.lastDisconnectReason = 'Disconnected on request (choice 16).';
        this.emitStatus();
        return { result: { ok: true, value: { choice: choice.number, summary: 'Disconnected.' } }, notSent: undefined };
      }
      this.tracking.autoReconnect = true;
      await session.reconnect();
      return { result: { ok: true, value: { choice: choice.number, summary: session.loggedIn ? 'Reconnected and authenticated again.' : 'Reconnected.' } }, notSent: undefined };
    } catch (error) {
      return { result: { ok: false, error: this.explain(error, session) }, notSent: 'failed' };
    }
  }

  /** What a restart for an update must wait for: unreconciled order creates and requests awaiting a reply. */
  activity(): SessionActivity {
    if (this.ctx.disposed) return { unknownOrders: 0, inFlight: 0 };
    return { unknownOrders: this.session.unknownOrders.filter((o) => o.status === 'unknown').length, inFlight: this.session.inFlight };
  }

  /** Why run sent nothing, in the app's words. */
  refusalWords(reason: Exclude<Refusal['reason'], 'invalid'>, session: SessionApi): string {
    switch (reason) {
      case 'not-connected':
        return this.notConnectedWords(session);
      case 'not-authenticated':
        return NOT_AUTHENTICATED;
      case 'declined':
        return DECLINED;
      case 'no-key': // the app always has a signer: it explains a missing key itself when asked for one
        return 'No key to sign the login with.';
    }
  }

  /** Not connected: why (the last attempt's cause, with host:port), what the app is doing, what the person can do. */
  private notConnectedWords(session: SessionApi): string {
    const t = this.tracking;
    if (t.connectError === undefined) return `Not connected to ${session.url}. Use Reconnect (17) to connect again.`;
    const retrying = t.reconnectAt !== undefined && t.reconnectAttempt !== undefined ? ` The app tries again by itself (attempt ${t.reconnectAttempt} is scheduled).` : '';
    return `Could not connect to ${t.connectError}.${retrying} Retry now with Reconnect (17), or check the endpoint in Settings.`;
  }

  explain(error: unknown, session: SessionApi): string {
    if (!(error instanceof SessionError)) return userMessage(error);
    switch (error.code) {
      case 'not-connected':
      case 'not-authenticated':
        return this.refusalWords(error.code, session);
      case 'timeout':
        return `No reply within ${Math.round(this.ctx.activeProfile().requestTimeoutMs / 100) / 10} s. The server may still have processed the request.`;
      case 'connection-lost':
        return 'The connection was lost before the reply arrived.';
      case 'outcome-unknown':
        return 'The connection was lost before the order was acknowledged, so its outcome is unknown. It will be looked up in open orders and history after reconnecting.';
      case 'closed':
        return 'The session was closed (the profile changed or the app is quitting).';
      case 'invalid':
        return userMessage(error);
    }
  }

  /** Opens a session for the active profile (at start and after a profile or endpoint change). */
  async start(): Promise<void> {
    const { ctx } = this;
    const profile = ctx.activeProfile();
    this.tracking = { autoReconnect: true };
    // retryFirstConnect: a failed first connect keeps retrying with the back-off (the status bar counts down).
    const session = new Session({ url: ctx.sessionUrl(profile), requestTimeoutMs: profile.requestTimeoutMs, logger: ctx.log, retryFirstConnect: true });
    this.session = session;
    this.unsubscribeSession = session.on((event) => this.onSessionEvent(session, event));
    this.emitStatus();
    ctx.log.info(`Connecting profile "${profile.name}" to ${session.url}`);
    await waitAtMost(CONNECT_WAIT_MS, session.connect()).catch((error: unknown) => {
      ctx.log.warn(`Could not connect to ${session.url}: ${userMessage(error)}`);
    });
  }

  async restart(): Promise<void> {
    await this.close();
    await this.start();
  }

  /** Closes the socket for good (quit, or before a restart). */
  async close(): Promise<void> {
    this.unsubscribeSession();
    await this.session.dispose().catch(() => undefined);
  }

  emitStatus(): void {
    const status = this.status();
    this.ctx.emit('event:session', status);
    for (const listener of this.statusListeners) listener(status);
  }

  private onSessionEvent(session: SessionApi, event: SessionEvent): void {
    if (session !== this.session) return;
    const t = this.tracking;
    switch (event.type) {
      case 'state':
        if (isConnected(event.state)) {
          t.reconnectAt = undefined;
          t.reconnectAttempt = undefined;
          t.connectError = undefined;
          t.connectErrorAt = undefined;
        }
        this.emitStatus();
        break;
      case 'connect-failed':
        t.connectError = `${hostPort(session.url)}: ${connectCause(event.message)}`;
        t.connectErrorAt = event.at;
        this.emitStatus();
        break;
      case 'heartbeat':
        t.lastHeartbeatAt = event.at;
        this.ctx.emit('event:heartbeat', { at: event.at });
        break;
      case 'reply':
        this.ctx.emit('event:reply', { choice: event.choice, uuid: event.uuid, reply: event.reply, rttMs: event.rttMs, replyText: event.text });
        break;
      case 'disconnect-frame':
        t.lastDisconnectReason = `The server closed the connection: ${event.reason}`;
        if (!event.reconnect) t.autoReconnect = false;
        this.emitStatus();
        break;
      case 'reconnect-scheduled':
        t.reconnectAt = event.at;
        t.reconnectAttempt = event.attempt;
        this.emitStatus();
        break;
      case 'order-outcome-unknown':
      case 'order-reconciled':
        this.emitStatus();
        break;
      default:
        break;
    }
  }

  /** A signer only for the session of the active profile, on the endpoint its key is bound to. */
  signerForActiveProfile(session: SessionApi) {
    const profile = this.ctx.activeProfile();
    return this.keys.signerFor(profile, () => {
      if (session !== this.session || session.url !== this.ctx.sessionUrl(profile)) throw new UserFacingError(CHANGED_WHILE_ASKING);
    });
  }

  /** Asks before an order, cancel or mass cancel: true only for the person's yes, given for this very session. */
  private async confirmOrderAction(choice: ChoiceSpec, values: FieldValues, session: SessionApi): Promise<boolean> {
    const { ctx } = this;
    const profile = ctx.activeProfile();
    const where = ctx.where(profile);
    const yes = await ctx.gate.ask(() => this.orderQuestions.build(choice, values, where, session), profile.id, true);
    if (!yes) return false;
    const now = ctx.activeProfile();
    if (session !== this.session || now.id !== profile.id || originOf(now.endpoint) !== originOf(profile.endpoint)) throw new UserFacingError(CHANGED_WHILE_ASKING);
    return true;
  }
}

/** What the renderer is told of a request and its reply (secrets redacted): a choice's run and a raw frame alike. */
export function runOutcome(choice: number, result: RequestResult): RunOutcome {
  const sentText = redactFrameText(result.sentText); // derived on read: redacted once, for both views
  return {
    choice,
    uuid: result.uuid,
    sent: JSON.parse(sentText) as unknown,
    reply: result.reply,
    rttMs: result.rttMs,
    summary: describeReply(result.reply),
    sentText,
    replyText: result.replyText,
  };
}

/** Resolves when `promise` settles or after `ms`, whichever comes first; rejections pass through. */
function waitAtMost(ms: number, promise: Promise<unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
