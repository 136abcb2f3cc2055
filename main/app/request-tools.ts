// The tools around requests: the request history (every choice run through session:run and every raw frame is
// recorded), the raw frame composer and watches. Every request still goes through SessionService.run or the
// session itself, so confirmation, validation and logging are the same as for a button.
// Channels: session:run, session:sendRaw, history:list, history:resend, history:export, watch:start, watch:stop,
// watch:list. Events: event:history, event:watch, event:watches.

import type { HistoryEntry, HistoryQuery, RawOutcome, Result, RunOutcome, SessionStatus, WatchInfo, WatchStart } from '../../shared/ipc/contract';
import { buildArgs, choiceByNumber, validateFields, type RawFields } from '../../shared/oceanex/catalogue';
import { describeReply, newUuid } from '../../shared/oceanex/messages';
import { checkRawFrame, withUuid } from '../../shared/oceanex/raw-frame';
import { isConnected } from '../../shared/oceanex/session-state';
import { sessionRefusal, type NotSent } from '../oceanex/run-choice';
import { createOpenOrderObserver, type Notifier } from '../services/order-watch';
import { redactFrameText } from '../services/redact';
import { RequestHistory } from '../services/request-history';
import { WatchService, type WatchClock } from '../services/watch-service';
import type { AppContext } from './app-context';
import { userMessage } from './errors';
import type { SessionService } from './session-service';

export interface RequestToolsOptions {
  /** OS notifications (open-orders watch); the app passes the Electron adapter, tests a recorder. */
  readonly notifier?: Notifier | undefined;
  /** Clock of the watch timers (tests pass a fake one). */
  readonly watchClock?: WatchClock | undefined;
}

export class RequestTools {
  private readonly history: RequestHistory;
  private readonly watches: WatchService;
  /** Profile whose watches run; a profile switch stops them (they were set up for the other account). */
  private watchProfileId = '';
  /** uuids of raw frames sent in this run of the app: a repeated one is replaced so replies pair unambiguously. */
  private readonly rawUuids = new Set<string>();
  private readonly openedHistories = new Set<string>();
  private lastState: SessionStatus['state'] | undefined;
  private lastLoggedIn = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly session: SessionService,
    userData: string,
    options: RequestToolsOptions = {},
  ) {
    this.history = new RequestHistory({
      dir: userData,
      onWriteError: (error) => ctx.log.warn(`The request history could not be saved (it will be retried): ${userMessage(error)}`),
    });
    this.watches = new WatchService(
      {
        run: (choice, fields) => session.run(choice, fields),
        // A private choice waits for the (re-)login that follows a reconnect instead of failing once.
        ready: (choice) => isConnected(session.current.state) && (!choiceByNumber(choice)?.private || session.current.loggedIn),
      },
      { tick: (tick) => ctx.emit('event:watch', tick), list: (list) => ctx.emit('event:watches', list) },
      options.watchClock,
    );
    const notifier = options.notifier;
    if (notifier) this.watches.observe(createOpenOrderObserver({ run: (choice, fields) => session.run(choice, fields) }, notifier));
    session.onStatus((status) => this.seeStatus(status));
  }

  /** session:run: runs a choice (confirmation and all, in SessionService.run) and records it in the request history. */
  async runRecorded(choiceNumber: number, fields: RawFields): Promise<Result<RunOutcome>> {
    const attempt = await this.session.attempt(choiceNumber, fields);
    this.recordChoice(choiceNumber, fields, attempt.result, attempt.notSent);
    return attempt.result;
  }

  /**
   * session:sendRaw. Main decides from the parsed frame alone: an order create/cancel/clear becomes choice 6/7/8
   * (so it gets that choice's confirmation), anything else read-only is sent as written; logins are refused.
   */
  async sendRaw(text: string): Promise<Result<RawOutcome>> {
    if (this.ctx.disposed) return { ok: false, error: 'The app is shutting down.' };
    const check = checkRawFrame(text);
    if (!check.ok) return { ok: false, error: check.error };
    const plan = check.plan;
    if (plan.kind === 'order') {
      const result = await this.session.run(plan.choice, plan.fields);
      const via = choiceByNumber(plan.choice)!;
      const value: Result<RawOutcome> = result.ok
        ? { ok: true, value: { ...result.value, via: plan.choice, note: `Sent as choice ${via.number} (${via.label}) with a fresh uuid, after main's confirmation.` } }
        : result;
      this.recordRaw(text, plan.choice, via.handler!, via.action!, value);
      return value;
    }
    const session = this.session.current;
    const { handler } = plan.frame.identifier;
    const { action } = plan.frame.data;
    // The same refusal as a choice's (run-choice): not connected, or a private request before login.
    const refusal = sessionRefusal(session, plan.private);
    if (refusal !== undefined) {
      const refused: Result<RawOutcome> = { ok: false, error: this.session.refusalWords(refusal, session) };
      if (keptInHistory(refusal)) this.recordRaw(JSON.stringify(plan.frame), plan.choice, handler, action, refused);
      return refused;
    }
    let uuid = plan.uuid;
    let note: string | undefined;
    if (uuid === undefined) {
      note = 'The frame had no usable uuid (letters, digits, - and _, at most 64), so main gave it a fresh one.';
      uuid = newUuid();
    } else if (this.rawUuids.has(uuid)) {
      note = `The uuid ${uuid} was already used, so a fresh one was sent (replies are paired by uuid).`;
      uuid = newUuid();
    }
    rememberBounded(this.rawUuids, uuid, 1_000);
    const frame = uuid === plan.uuid ? plan.frame : withUuid(plan.frame, uuid);
    let value: Result<RawOutcome>;
    try {
      const result = await session.sendFrame(frame, plan.choice);
      const sentText = redactFrameText(result.sentText); // derived on read: once, for both views
      value = {
        ok: true,
        value: {
          choice: plan.choice,
          uuid: result.uuid,
          sent: JSON.parse(sentText) as unknown,
          reply: result.reply,
          rttMs: result.rttMs,
          summary: describeReply(result.reply),
          sentText,
          replyText: result.replyText,
          ...(note ? { note } : {}),
        },
      };
    } catch (error) {
      value = { ok: false, error: this.session.explain(error, session) };
    }
    this.recordRaw(JSON.stringify(frame), plan.choice, handler, action, value, uuid);
    return value;
  }

  listHistory(query: HistoryQuery): HistoryEntry[] {
    return this.history.list(this.historyProfile(), query);
  }

  /** Sends a recorded request again under the same rules (choices through run, raw frames through sendRaw). */
  async resendHistory(id: string): Promise<Result<RawOutcome>> {
    const entry = this.history.get(this.historyProfile(), id);
    if (!entry) return { ok: false, error: 'That request is no longer in the history.' };
    if (entry.source === 'raw' && entry.frame !== undefined) return this.sendRaw(entry.frame);
    return this.runRecorded(entry.choice, entry.fields ?? {});
  }

  exportHistory(path: string): string {
    const count = this.history.exportTo(this.historyProfile(), path);
    this.ctx.log.info(`Request history exported (${count} requests) to ${path}`);
    return path;
  }

  startWatch(start: WatchStart): WatchInfo {
    this.ctx.assertOpen();
    this.watchProfileId = this.ctx.activeProfile().id;
    return this.watches.start(start);
  }

  stopWatch(id: string): WatchInfo[] {
    return this.watches.stop(id);
  }

  listWatches(): WatchInfo[] {
    return this.watches.list();
  }

  /** Quit: stops the watches and writes the history out. */
  close(): void {
    this.watches.stopAll();
    try {
      this.history.flush();
    } catch (error) {
      this.ctx.log.warn(`The request history could not be saved: ${userMessage(error)}`);
    }
  }

  /** The active profile's history, opened on first use (a notice if its file had to be kept aside). */
  private historyProfile(): string {
    const id = this.ctx.activeProfile().id;
    if (!this.openedHistories.has(id)) {
      this.openedHistories.add(id);
      const { notice } = this.history.open(id);
      if (notice) {
        this.ctx.log.warn(notice);
        this.ctx.emit('event:notice', { level: 'warn', message: notice });
      }
    }
    return id;
  }

  private recordChoice(choiceNumber: number, fields: RawFields, result: Result<RunOutcome>, notSent: NotSent | undefined): void {
    const choice = choiceByNumber(choiceNumber);
    // Disconnect/Reconnect send nothing; a form the validation refused was not sent either.
    if (!choice?.handler || !choice.action || !keptInHistory(notSent)) return;
    const validation = validateFields(choice, fields);
    const sentArgs = result.ok ? sentArgsOf(result.value.sent) : undefined;
    // The login's args are {}: its header (uid, nonce, signature) is never recorded.
    const args = sentArgs ?? (choice.kind === 'request' && validation.ok ? buildArgs(choice, validation.values) : {});
    const typed = Object.fromEntries(choice.fields.flatMap((f) => (typeof fields[f.name] === 'string' ? [[f.name, fields[f.name] as string]] : [])));
    const { sentFrame, ...outcome } = outcomeFields(result);
    // The login's frame is not kept either: its header is exactly what the history never holds.
    const frame = choice.kind === 'login' || sentFrame === undefined ? {} : { sentFrame };
    this.addHistory({ source: 'choice', choice: choice.number, handler: choice.handler, action: choice.action, args, fields: typed, ...outcome, ...frame });
  }

  private recordRaw(frameText: string, choice: number, handler: string, action: string, result: Result<RawOutcome>, uuid?: string): void {
    const parsed = JSON.parse(frameText) as { data?: { args?: unknown } };
    const args = result.ok ? (sentArgsOf(result.value.sent) ?? parsed.data?.args ?? {}) : (parsed.data?.args ?? {});
    this.addHistory({ source: 'raw', choice, handler, action, args, frame: frameText, ...(uuid ? { uuid } : {}), ...outcomeFields(result) });
  }

  private addHistory(entry: Parameters<RequestHistory['add']>[1]): void {
    try {
      this.ctx.emit('event:history', this.history.add(this.historyProfile(), entry));
    } catch (error) {
      this.ctx.log.warn(`The request could not be added to the history: ${userMessage(error)}`);
    }
  }

  private seeStatus(status: SessionStatus): void {
    if (this.watches.list().length > 0 && this.ctx.activeProfile().id !== this.watchProfileId) this.watches.stopAll();
    if (status.state !== this.lastState || status.loggedIn !== this.lastLoggedIn) this.watches.sessionChanged();
    this.lastState = status.state;
    this.lastLoggedIn = status.loggedIn;
  }
}

/**
 * The history keeps what was sent and the attempts the connection or the person stopped (they say why nothing
 * happened); a form the validation refused, or a private request before login, is not a request and is not kept.
 */
function keptInHistory(notSent: NotSent | undefined): boolean {
  return notSent !== 'invalid' && notSent !== 'not-authenticated';
}

/** The args of a sent (redacted) frame, if it has the request envelope. */
function sentArgsOf(sent: unknown): unknown {
  const data = typeof sent === 'object' && sent !== null ? (sent as { data?: unknown }).data : undefined;
  return typeof data === 'object' && data !== null ? (data as { args?: unknown }).args : undefined;
}

/** What the history keeps of an outcome: reply code, round trip and summary, or the refusal. */
function outcomeFields(result: Result<RunOutcome>): { uuid?: string; code?: number; rttMs?: number; summary?: string; error?: string; sentFrame?: string; replyFrame?: string } {
  if (!result.ok) return { error: result.error };
  const v = result.value;
  return {
    ...(v.uuid ? { uuid: v.uuid } : {}),
    ...(v.reply ? { code: v.reply.code } : {}),
    ...(v.rttMs !== undefined ? { rttMs: Math.round(v.rttMs * 10) / 10 } : {}),
    summary: v.summary,
    // The frames exactly as on the wire (the history redacts and bounds them again when it stores them).
    ...(v.sentText !== undefined ? { sentFrame: v.sentText } : {}),
    ...(v.replyText !== undefined ? { replyFrame: v.replyText } : {}),
  };
}

function rememberBounded(set: Set<string>, value: string, max: number): void {
  set.add(value);
  if (set.size > max) set.delete(set.values().next().value as string);
}
