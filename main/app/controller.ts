// The app controller: composes settings, keychain, log, the built-in sandbox and the session for the active
// profile, and offers every operation the IPC handlers expose. Plain Node (no Electron import), so the tests and
// the browser e2e harness drive exactly the code the app runs.

import { createPublicKey } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventChannel, EventMap } from '../../shared/ipc/channels';
import type { KeyInfo, HistoryEntry, HistoryQuery, KeyVerification, LogEntry, LogQuery, Profile, ProfileUpdate, RawOutcome, Result, RunOutcome, SessionStatus, Settings, WatchInfo, WatchStart } from '../../shared/ipc/contract';
import { buildArgs, choiceByNumber, validateFields, type ChoiceSpec, type FieldValues, type RawFields } from '../../shared/oceanex/catalogue';
import { isConnected } from '../../shared/oceanex/session-state';
import { describeReply, newUuid } from '../../shared/oceanex/messages';
import { checkRawFrame, withUuid } from '../../shared/oceanex/raw-frame';
import { runChoice, type Refusal } from '../oceanex/run-choice';
import { Session } from '../oceanex/session';
import { SessionError, type RequestResult, type SessionApi, type SessionEvent } from '../oceanex/session-api';
import { verifyLogin } from '../oceanex/signer';
import { createDemoAccount, startSandbox, type Sandbox } from '../sandbox/index';
import { AppLog } from '../services/app-log';
import { describeOrigin, KeyBindings, originOf, type KeyOrigin } from '../services/key-binding';
import { KeyStore } from '../services/key-store';
import { publicKeyFingerprint } from '../services/key-validation';
import { PRODUCTION_REST_BASE, verifyKey } from '../services/key-verify';
import { createOpenOrderObserver, type Notifier } from '../services/order-watch';
import { redactFrameText } from '../services/redact';
import type { SessionActivity } from '../services/updates/install-gate';
import { RequestHistory } from '../services/request-history';
import type { SecretStore } from '../services/secret-store';
import { endpointUrl, SettingsStore, validateCustomUrl } from '../services/settings';
import { WatchService, type WatchClock } from '../services/watch-service';
import { ConfirmationGate, REFUSE_ALL, type ConfirmPort } from './confirmation';
import { UserFacingError, userMessage } from './errors';
import { OrderQuestions } from './order-questions';
import { endpointChangeQuestion, removeKeyQuestion, removeProfileQuestion, type KeyFacts, type Where } from './questions';
import { restBaseFor } from './rest-base';
import { loadOrCreateSandboxAccount, type SandboxAccount } from './sandbox-account';
import { LOG_FILE_NAME, NOT_AUTHENTICATED } from '../../shared/constants';

export interface AppPaths {
  readonly userData: string;
  readonly logs: string;
}

export type Emit = <C extends EventChannel>(channel: C, payload: EventMap[C]) => void;

export interface ControllerOptions {
  readonly paths: AppPaths;
  readonly secrets: SecretStore;
  readonly emit: Emit;
  /** Default true: start the sandbox in-process on a free loopback port (127.0.0.1:0). */
  readonly builtInSandbox?: boolean;
  /** Built-in sandbox tuning (tests and the e2e harness: short heartbeats, a fixed market-maker seed). */
  readonly sandboxOptions?: { readonly pingIntervalSeconds?: number; readonly seed?: number };
  /** Keychain service name; tests use a unique one per run so they never touch the user's entries. */
  readonly keychainService?: string;
  /** OS notifications (open-orders watch); the app passes the Electron adapter, tests a recorder. */
  readonly notifier?: Notifier;
  /** Clock of the watch timers (tests pass a fake one). */
  readonly watchClock?: WatchClock;
  /**
   * The person's yes for orders, cancels, key and profile removal and moving a keyed profile to another endpoint:
   * a native dialog in the app, a scripted answer in tests. Without one every such question is answered no.
   */
  readonly confirm?: ConfirmPort;
}

/** Where a key import will go, fixed before the file dialog opens so the import cannot land elsewhere. */
export interface KeyImportTarget {
  readonly profileId: string;
  readonly origin: KeyOrigin;
  /** For the file dialog: "Import the key for profile "Main" — it will sign only for OceanEx Production (…)". */
  readonly description: string;
}

export const DECLINED = 'Not done: the confirmation was answered No (or closed).';
export const CHANGED_WHILE_ASKING = 'Not done: the profile or its endpoint changed while the question was open.';
/** How long a profile switch waits for the new connection before answering (the status events follow anyway). */
const CONNECT_WAIT_MS = 5_000;

/** What the status bar shows beyond the session's own state. */
interface Tracking {
  lastHeartbeatAt?: number;
  reconnectAt?: number;
  lastDisconnectReason?: string;
  autoReconnect: boolean;
}

export class AppController {
  private session!: SessionApi;
  private unsubscribeSession: () => void = () => undefined;
  private tracking: Tracking = { autoReconnect: true };
  private lifecycle: Promise<unknown> = Promise.resolve();
  private disposed = false;
  private readonly unsubscribeLog: () => void;
  private readonly gate: ConfirmationGate;
  private readonly demoFingerprint: string | undefined;
  private readonly orderQuestions = new OrderQuestions();

  private constructor(
    private readonly emit: Emit,
    private readonly settings: SettingsStore,
    private readonly keys: KeyStore,
    private readonly bindings: KeyBindings,
    private readonly log: AppLog,
    private readonly sandbox: Sandbox | undefined,
    private readonly demo: SandboxAccount | undefined,
    confirm: ConfirmPort,
  ) {
    this.unsubscribeLog = log.onBatch((batch: readonly LogEntry[]) => emit('event:log', batch));
    this.gate = new ConfirmationGate(confirm);
    this.demoFingerprint = demo ? publicKeyFingerprint(createPublicKey(demo.config.public_key_pem)) : undefined;
  }

  static async create(options: ControllerOptions): Promise<AppController> {
    const { paths, emit } = options;
    mkdirSync(paths.userData, { recursive: true });
    mkdirSync(paths.logs, { recursive: true });

    const settings = new SettingsStore({ dir: paths.userData });
    const loaded = await settings.load();
    const log = new AppLog({ file: join(paths.logs, LOG_FILE_NAME), level: settings.activeProfile().logLevel });
    if (loaded.notice) {
      log.warn(loaded.notice);
      emit('event:notice', { level: 'warn', message: loaded.notice });
    }
    const keys = new KeyStore({ dir: paths.userData, secrets: options.secrets, ...(options.keychainService ? { service: options.keychainService } : {}) });

    let sandbox: Sandbox | undefined;
    let demo: SandboxAccount | undefined;
    if (options.builtInSandbox ?? true) {
      demo = loadOrCreateSandboxAccount(paths.userData, createDemoAccount);
      sandbox = await startSandbox({ ...options.sandboxOptions, port: 0, accounts: [demo.config] });
      log.info(`Built-in sandbox listening at ${sandbox.url}`);
    }

    const bindings = new KeyBindings(paths.userData);
    const controller = new AppController(emit, settings, keys, bindings, log, sandbox, demo, options.confirm ?? REFUSE_ALL);
    controller.setUpRequestTools(paths.userData, options);
    try {
      await controller.provisionSandboxKeys();
    } catch (error) {
      // A locked keychain must not stop the app from starting: say so and carry on without a sandbox key.
      const message = `The sandbox key could not be stored in the keychain: ${userMessage(error)}`;
      log.warn(message);
      emit('event:notice', { level: 'warn', message });
    }
    await controller.bindUnboundKeys();
    await controller.startSession();
    return controller;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Session

  status(): SessionStatus {
    const s = this.session;
    const t = this.tracking;
    return {
      state: s.state,
      loggedIn: s.loggedIn,
      endpoint: s.url,
      profileName: this.settings.activeProfile().name,
      autoReconnect: t.autoReconnect,
      unknownOrders: s.unknownOrders,
      ...(t.lastHeartbeatAt !== undefined ? { lastHeartbeatAt: t.lastHeartbeatAt } : {}),
      ...(t.reconnectAt !== undefined ? { reconnectAt: t.reconnectAt } : {}),
      ...(t.lastDisconnectReason !== undefined ? { lastDisconnectReason: t.lastDisconnectReason } : {}),
    };
  }

  /** Connects the active profile's session if it is not connected (the status bar's "Connect"). */
  async connect(): Promise<SessionStatus> {
    this.assertOpen();
    const s = this.session;
    if (!isConnected(s.state)) {
      this.tracking.autoReconnect = true;
      await s.connect();
    }
    return this.status();
  }

  /** Runs one of the 17 choices. Main validates the fields again: the renderer is never trusted. */
  async run(choiceNumber: number, fields: RawFields): Promise<Result<RunOutcome>> {
    const choice = choiceByNumber(choiceNumber);
    if (!choice) return { ok: false, error: `There is no choice ${choiceNumber}; the choices are 1 to 17.` };
    if (this.disposed) return { ok: false, error: 'The app is shutting down.' };
    const session = this.session;
    if (choice.kind === 'login' || choice.kind === 'request') {
      const outcome = await runChoice(session, choice, fields, {
        signer: () => this.signerForActiveProfile(session),
        // Orders, cancels and mass cancel: main asks the person, whoever called (renderer, menu, raw composer).
        confirm: (action, values) => this.confirmOrderAction(action, values, session),
      });
      switch (outcome.kind) {
        case 'sent':
          return { ok: true, value: this.outcome(choice, outcome.result) };
        case 'failed':
          return { ok: false, error: this.explain(outcome.error, session) };
        case 'refused':
          if (outcome.reason === 'invalid') return { ok: false, error: Object.values(outcome.errors).join(' '), fieldErrors: outcome.errors };
          return { ok: false, error: this.refusalWords(outcome.reason, session) };
      }
    }
    try {
      if (choice.kind === 'disconnect') {
        await session.disconnect();
        this.tracking.autoReconnect = false;
        this.tracking.reconnectAt = undefined;
        this.tracking.lastDisconnectReason = 'Disconnected on request (choice 16).';
        this.emitStatus();
        return { ok: true, value: { choice: choice.number, summary: 'Disconnected.' } };
      }
      this.tracking.autoReconnect = true;
      await session.reconnect();
      return { ok: true, value: { choice: choice.number, summary: session.loggedIn ? 'Reconnected and authenticated again.' : 'Reconnected.' } };
    } catch (error) {
      return { ok: false, error: this.explain(error, session) };
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Key

  keyInfo(): Promise<KeyInfo> {
    return this.keys.info(this.settings.activeProfile().id);
  }

  /** The active profile and its endpoint, fixed before the file dialog opens (shown in it, checked after it). */
  keyImportTarget(): KeyImportTarget {
    const profile = this.settings.activeProfile();
    const origin = originOf(profile.endpoint);
    return {
      profileId: profile.id,
      origin,
      description: `Import the key for profile "${profile.name}". It will sign only for ${describeOrigin(origin)} (${this.displayUrl(profile)}).`,
    };
  }

  /** Imports a key file for the active profile and binds the key to the profile's endpoint. */
  async importKeyFile(path: string, target: KeyImportTarget = this.keyImportTarget()): Promise<KeyInfo> {
    this.assertOpen();
    const profile = this.settings.activeProfile();
    if (profile.id !== target.profileId || originOf(profile.endpoint) !== target.origin) {
      throw new UserFacingError('Nothing was imported: the profile or its endpoint changed while the file dialog was open.');
    }
    const info = await this.keys.importFile(profile.id, path);
    this.bindings.set(profile.id, target.origin);
    this.gate.forget(profile.id);
    this.log.info(`Key imported for profile "${profile.name}" (fingerprint ${info.fingerprint ?? '?'}), bound to ${describeOrigin(target.origin)}`);
    this.emit('event:key', info);
    return info;
  }

  /** Deletes the active profile's key after the person confirmed (the question names its fingerprint). */
  async removeKey(): Promise<KeyInfo> {
    this.assertOpen();
    const profile = this.settings.activeProfile();
    const current = await this.keys.info(profile.id);
    if (!current.present) return current;
    const yes = await this.gate.ask(async () => removeKeyQuestion(this.where(profile), this.keyFacts(profile.id, current)), profile.id, false);
    if (!yes) throw new UserFacingError(`${DECLINED} The key was kept.`);
    await this.requireSameKey(profile.id, current);
    const info = await this.keys.remove(profile.id);
    this.bindings.remove(profile.id);
    this.gate.forget(profile.id);
    this.log.info(`Key removed for profile "${profile.name}"`);
    if (this.settings.activeProfile().id === profile.id) this.emit('event:key', info);
    return info;
  }

  /** Signs a harmless REST call (the account) with the stored key and says in plain words whether it was accepted. */
  async verifyKey(): Promise<KeyVerification> {
    this.assertOpen();
    const profile = this.settings.activeProfile();
    requireCredentials(profile);
    await this.requireKeyBoundTo(profile);
    const restBase = restBaseFor(profile.endpoint, PRODUCTION_REST_BASE, this.sandbox?.restBase);
    const privateKey = await this.keys.loadPrivateKey(profile.id);
    const verification = await verifyKey({ restBase, uid: profile.uid, apiKeyId: profile.apiKeyId, privateKey });
    this.log.info(`Key verification against ${restBase}: ${verification.message}`);
    return verification;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Settings

  getSettings(): Settings {
    return this.settings.get();
  }

  /** Moving a profile that holds a key to another endpoint needs the person's yes; only then is the key re-bound. */
  updateProfile(update: ProfileUpdate): Promise<Settings> {
    return this.changeSettings(async () => {
      const profile = this.settings.get().profiles.find((p) => p.id === update.id);
      const nextOrigin = profile && update.endpoint ? proposedOrigin(update.endpoint) : undefined;
      if (!profile || nextOrigin === undefined || nextOrigin.origin === originOf(profile.endpoint)) return this.settings.updateProfile(update);

      const key = await this.keys.info(profile.id);
      const keyMoves = key.present && nextOrigin.origin !== this.bindings.get(profile.id) && !this.isDemoKey(key);
      if (keyMoves) {
        const next = { endpoint: nextOrigin.endpoint, url: this.displayUrl({ ...profile, endpoint: nextOrigin.endpoint }) };
        const yes = await this.gate.ask(async () => endpointChangeQuestion(this.where(profile), next, this.keyFacts(profile.id, key)), profile.id, false);
        if (!yes) throw new UserFacingError(`${DECLINED} The settings were not changed.`);
        await this.requireSameKey(profile.id, key);
      }
      const settings = this.settings.updateProfile(update);
      // A demo key stays bound to the sandbox: it is no use elsewhere and signs nowhere else.
      if (keyMoves) this.bindings.set(profile.id, nextOrigin.origin);
      this.gate.forget(profile.id);
      return settings;
    });
  }

  addProfile(name: string): Promise<Settings> {
    return this.changeSettings(() => this.settings.addProfile(name));
  }

  /** Removes the profile and its key (keychain entry and encrypted file): no secret outlives its profile. */
  removeProfile(id: string): Promise<Settings> {
    return this.changeSettings(async () => {
      const profile = this.settings.get().profiles.find((p) => p.id === id);
      if (profile && this.settings.get().profiles.length > 1) {
        const key = await this.keys.info(profile.id);
        const facts = key.present ? this.keyFacts(profile.id, key) : undefined;
        if (!(await this.gate.ask(async () => removeProfileQuestion(this.where(profile), facts), profile.id, false))) {
          throw new UserFacingError(`${DECLINED} The profile was kept.`);
        }
      }
      const settings = this.settings.removeProfile(id);
      await this.keys.remove(id);
      this.bindings.remove(id);
      this.gate.forget(id);
      return settings;
    });
  }

  selectProfile(id: string): Promise<Settings> {
    return this.changeSettings(() => this.settings.selectProfile(id));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Log

  queryLog(query: LogQuery): LogEntry[] {
    return [...this.log.query(query)];
  }

  get logFile(): string {
    return this.log.file;
  }

  async exportLog(path: string): Promise<string> {
    await this.log.exportTo(path);
    return path;
  }

  /** The built-in sandbox (tests and the e2e harness inspect it or inject faults); undefined when not started. */
  // -------------------------------------------------------------------------------------------------------------
  // Updates (the updater itself is main/services/updates; these are the parts of it the controller owns)

  /** Whether the app checks the release feed on its own (absent from older settings files: on). */
  autoCheckForUpdates(): boolean {
    return this.settings.get().autoCheckForUpdates !== false;
  }

  setAutoCheckForUpdates(on: boolean): Promise<Settings> {
    return this.changeSettings(() => this.settings.setAutoCheckForUpdates(on));
  }

  /** The app's log (ws_client.log): the updater writes there too. */
  get appLog(): AppLog {
    return this.log;
  }

  /** What a restart for an update must wait for: unreconciled order creates and requests awaiting a reply. */
  sessionActivity(): SessionActivity {
    if (this.disposed) return { unknownOrders: 0, inFlight: 0 };
    return { unknownOrders: this.session.unknownOrders.filter((o) => o.status === 'unknown').length, inFlight: this.session.inFlight };
  }

  get builtInSandbox(): Sandbox | undefined {
    return this.sandbox;
  }

  /** Quit: closes the socket, stops the sandbox, flushes and closes the log. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await this.lifecycle.catch(() => undefined);
    this.closeRequestTools();
    this.unsubscribeSession();
    await this.session.dispose().catch(() => undefined);
    await this.sandbox?.close().catch(() => undefined);
    this.log.info('App closed');
    this.unsubscribeLog();
    await this.log.flush();
    await this.log.close();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Raw frame composer, request history and watches (all requests still go through run or the session)

  private history!: RequestHistory;
  private watches!: WatchService;
  /** Profile whose watches run; a profile switch stops them (they were set up for the other account). */
  private watchProfileId = '';
  /** uuids of raw frames sent in this run of the app: a repeated one is replaced so replies pair unambiguously. */
  private readonly rawUuids = new Set<string>();
  private readonly openedHistories = new Set<string>();
  private lastToolsState: SessionStatus['state'] | undefined;
  private lastToolsLoggedIn = false;

  private setUpRequestTools(userData: string, options: ControllerOptions): void {
    this.history = new RequestHistory({
      dir: userData,
      onWriteError: (error) => this.log.warn(`The request history could not be saved (it will be retried): ${userMessage(error)}`),
    });
    this.watches = new WatchService(
      {
        run: (choice, fields) => this.run(choice, fields),
        // A private choice waits for the (re-)login that follows a reconnect instead of failing once.
        ready: (choice) => isConnected(this.session.state) && (!choiceByNumber(choice)?.private || this.session.loggedIn),
      },
      { tick: (tick) => this.emit('event:watch', tick), list: (list) => this.emit('event:watches', list) },
      options.watchClock,
    );
    const notifier = options.notifier;
    if (notifier) this.watches.observe(createOpenOrderObserver({ run: (choice, fields) => this.run(choice, fields) }, notifier));
  }

  /** session:run: runs a choice (confirmation and all, in run) and records it in the request history. */
  async runRecorded(choiceNumber: number, fields: RawFields): Promise<Result<RunOutcome>> {
    const result = await this.run(choiceNumber, fields);
    this.recordChoice(choiceNumber, fields, result);
    return result;
  }

  /**
   * session:sendRaw. Main decides from the parsed frame alone: an order create/cancel/clear becomes choice 6/7/8
   * (so it gets that choice's confirmation), anything else read-only is sent as written; logins are refused.
   */
  async sendRaw(text: string): Promise<Result<RawOutcome>> {
    if (this.disposed) return { ok: false, error: 'The app is shutting down.' };
    const check = checkRawFrame(text);
    if (!check.ok) return { ok: false, error: check.error };
    const plan = check.plan;
    if (plan.kind === 'order') {
      const result = await this.run(plan.choice, plan.fields);
      const via = choiceByNumber(plan.choice)!;
      const value: Result<RawOutcome> = result.ok
        ? { ok: true, value: { ...result.value, via: plan.choice, note: `Sent as choice ${via.number} (${via.label}) with a fresh uuid, after main's confirmation.` } }
        : result;
      this.recordRaw(text, plan.choice, via.handler!, via.action!, value);
      return value;
    }
    const session = this.session;
    const { handler } = plan.frame.identifier;
    const { action } = plan.frame.data;
    if (plan.private && !session.loggedIn) return { ok: false, error: NOT_AUTHENTICATED };
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
      value = {
        ok: true,
        value: {
          choice: plan.choice,
          uuid: result.uuid,
          sent: JSON.parse(redactFrameText(JSON.stringify(result.frame))) as unknown,
          reply: result.reply,
          rttMs: result.rttMs,
          summary: describeReply(result.reply),
          ...(note ? { note } : {}),
        },
      };
    } catch (error) {
      value = { ok: false, error: this.explain(error, session) };
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
    this.log.info(`Request history exported (${count} requests) to ${path}`);
    return path;
  }

  startWatch(start: WatchStart): WatchInfo {
    this.assertOpen();
    this.watchProfileId = this.settings.activeProfile().id;
    return this.watches.start(start);
  }

  stopWatch(id: string): WatchInfo[] {
    return this.watches.stop(id);
  }

  listWatches(): WatchInfo[] {
    return this.watches.list();
  }

  /** The active profile's history, opened on first use (a notice if its file had to be kept aside). */
  private historyProfile(): string {
    const id = this.settings.activeProfile().id;
    if (!this.openedHistories.has(id)) {
      this.openedHistories.add(id);
      const { notice } = this.history.open(id);
      if (notice) {
        this.log.warn(notice);
        this.emit('event:notice', { level: 'warn', message: notice });
      }
    }
    return id;
  }

  private recordChoice(choiceNumber: number, fields: RawFields, result: Result<RunOutcome>): void {
    const choice = choiceByNumber(choiceNumber);
    // Disconnect/Reconnect send nothing; a form the validation refused was not sent either.
    if (!choice?.handler || !choice.action || (!result.ok && (result.fieldErrors || result.error === NOT_AUTHENTICATED))) return;
    const validation = validateFields(choice, fields);
    const sentArgs = result.ok ? sentArgsOf(result.value.sent) : undefined;
    // The login's args are {}: its header (uid, nonce, signature) is never recorded.
    const args = sentArgs ?? (choice.kind === 'request' && validation.ok ? buildArgs(choice, validation.values) : {});
    const typed = Object.fromEntries(choice.fields.flatMap((f) => (typeof fields[f.name] === 'string' ? [[f.name, fields[f.name] as string]] : [])));
    this.addHistory({ source: 'choice', choice: choice.number, handler: choice.handler, action: choice.action, args, fields: typed, ...outcomeFields(result) });
  }

  private recordRaw(frameText: string, choice: number, handler: string, action: string, result: Result<RawOutcome>, uuid?: string): void {
    const parsed = JSON.parse(frameText) as { data?: { args?: unknown } };
    const args = result.ok ? (sentArgsOf(result.value.sent) ?? parsed.data?.args ?? {}) : (parsed.data?.args ?? {});
    this.addHistory({ source: 'raw', choice, handler, action, args, frame: frameText, ...(uuid ? { uuid } : {}), ...outcomeFields(result) });
  }

  private addHistory(entry: Parameters<RequestHistory['add']>[1]): void {
    try {
      this.emit('event:history', this.history.add(this.historyProfile(), entry));
    } catch (error) {
      this.log.warn(`The request could not be added to the history: ${userMessage(error)}`);
    }
  }

  private toolsSeeStatus(status: SessionStatus): void {
    if (!this.watches) return;
    if (this.watches.list().length > 0 && this.settings.activeProfile().id !== this.watchProfileId) this.watches.stopAll();
    if (status.state !== this.lastToolsState || status.loggedIn !== this.lastToolsLoggedIn) this.watches.sessionChanged();
    this.lastToolsState = status.state;
    this.lastToolsLoggedIn = status.loggedIn;
  }

  private closeRequestTools(): void {
    this.watches.stopAll();
    try {
      this.history.flush();
    } catch (error) {
      this.log.warn(`The request history could not be saved: ${userMessage(error)}`);
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Internals

  private assertOpen(): void {
    if (this.disposed) throw new UserFacingError('The app is shutting down.');
  }

  /** Settings changes run one at a time; afterwards the session, log level and key follow the active profile. */
  private changeSettings(change: () => Settings | Promise<Settings>): Promise<Settings> {
    const task = async (): Promise<Settings> => {
      this.assertOpen();
      const before = this.settings.activeProfile();
      const settings = await change();
      const after = this.settings.activeProfile();
      this.emit('event:settings', settings);
      if (after.logLevel !== before.logLevel) this.log.setLevel(after.logLevel);
      if (after.endpoint.kind === 'sandbox') await this.provisionSandboxKey(after).catch((e: unknown) => this.log.warn(userMessage(e)));
      const current = this.settings.activeProfile();
      if (
        current.id !== before.id ||
        JSON.stringify(current.endpoint) !== JSON.stringify(before.endpoint) ||
        current.requestTimeoutMs !== before.requestTimeoutMs
      ) {
        await this.restartSession();
      } else if (current.name !== before.name) {
        this.emitStatus();
      }
      if (current.id !== before.id) this.emit('event:key', await this.keys.info(current.id));
      return this.settings.get();
    };
    const run = this.lifecycle.then(task, task);
    this.lifecycle = run.catch(() => undefined);
    return run;
  }

  private sessionUrl(profile: Profile): string {
    return endpointUrl(profile.endpoint, this.sandbox?.url);
  }

  private async startSession(): Promise<void> {
    const profile = this.settings.activeProfile();
    this.tracking = { autoReconnect: true };
    // retryFirstConnect: a failed first connect keeps retrying with the back-off (the status bar counts down).
    const session = new Session({ url: this.sessionUrl(profile), requestTimeoutMs: profile.requestTimeoutMs, logger: this.log, retryFirstConnect: true });
    this.session = session;
    this.unsubscribeSession = session.on((event) => this.onSessionEvent(session, event));
    this.emitStatus();
    this.log.info(`Connecting profile "${profile.name}" to ${session.url}`);
    await waitAtMost(CONNECT_WAIT_MS, session.connect()).catch((error: unknown) => {
      this.log.warn(`Could not connect to ${session.url}: ${userMessage(error)}`);
    });
  }

  private async restartSession(): Promise<void> {
    this.unsubscribeSession();
    await this.session.dispose().catch(() => undefined);
    await this.startSession();
  }

  private onSessionEvent(session: SessionApi, event: SessionEvent): void {
    if (session !== this.session) return;
    const t = this.tracking;
    switch (event.type) {
      case 'state':
        if (isConnected(event.state)) t.reconnectAt = undefined;
        this.emitStatus();
        break;
      case 'heartbeat':
        t.lastHeartbeatAt = event.at;
        this.emit('event:heartbeat', { at: event.at });
        break;
      case 'reply':
        this.emit('event:reply', { choice: event.choice, uuid: event.uuid, reply: event.reply, rttMs: event.rttMs });
        break;
      case 'disconnect-frame':
        t.lastDisconnectReason = `The server closed the connection: ${event.reason}`;
        if (!event.reconnect) t.autoReconnect = false;
        this.emitStatus();
        break;
      case 'reconnect-scheduled':
        t.reconnectAt = event.at;
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

  private emitStatus(): void {
    const status = this.status();
    this.emit('event:session', status);
    this.toolsSeeStatus(status);
  }

  /** A signer only for the session of the active profile, on the endpoint its key is bound to. */
  private async signerForActiveProfile(session: SessionApi) {
    const profile = this.settings.activeProfile();
    requireCredentials(profile);
    await this.requireKeyBoundTo(profile);
    if (session !== this.session || session.url !== this.sessionUrl(profile)) throw new UserFacingError(CHANGED_WHILE_ASKING);
    return this.keys.signer(profile.id, profile.uid, profile.apiKeyId);
  }

  /**
   * The key signs (login signature, REST user_jwt) only for the origin it was imported for. A key with no
   * recorded origin is refused too: bindUnboundKeys gave every key present at start-up one, and every import since.
   */
  private async requireKeyBoundTo(profile: Profile): Promise<void> {
    const bound = this.bindings.get(profile.id);
    const here = originOf(profile.endpoint);
    if (bound === here) return;
    // No key at all: the key store's own "import your key.pem first" says it better.
    if (bound === undefined && !(await this.keys.info(profile.id)).present) return;
    throw new UserFacingError(
      bound === undefined
        ? `The key of profile "${profile.name}" has no recorded endpoint, so it signs nothing. Import it again (Settings → Import key…).`
        : `The key of profile "${profile.name}" was imported for ${describeOrigin(bound)}; it does not sign for ${describeOrigin(here)}. Import your key for this endpoint in Settings if you mean to use it here.`,
    );
  }

  /**
   * Keys imported before keys were bound to an endpoint have no binding yet: each is bound to its profile's
   * endpoint as it is at this first start. Endpoint changes of a keyed profile have always needed the settings
   * screen, and from now on they need the person's yes in a native dialog, so that endpoint is the one in use.
   */
  private async bindUnboundKeys(): Promise<void> {
    for (const profile of this.settings.get().profiles) {
      if (this.bindings.get(profile.id) !== undefined) continue;
      if (!(await this.keys.info(profile.id)).present) continue;
      this.bindings.set(profile.id, originOf(profile.endpoint));
      this.log.info(`The key of profile "${profile.name}" is now bound to ${describeOrigin(originOf(profile.endpoint))}, its endpoint`);
    }
  }

  /** The key the person was asked about is still the one there (no import slipped in while the question was open). */
  private async requireSameKey(profileId: string, asked: KeyInfo): Promise<void> {
    const now = await this.keys.info(profileId);
    if (now.present !== asked.present || now.fingerprint !== asked.fingerprint) {
      throw new UserFacingError('Not done: the key changed while the question was open. Nothing was changed.');
    }
  }

  private isDemoKey(key: KeyInfo): boolean {
    return this.demoFingerprint !== undefined && key.fingerprint === this.demoFingerprint;
  }

  /** The URL a profile connects to, for questions (the sandbox's while it runs). */
  private displayUrl(profile: Profile): string {
    return profile.endpoint.kind === 'sandbox' && !this.sandbox ? 'the built-in sandbox (not running)' : this.sessionUrl(profile);
  }

  private where(profile: Profile): Where {
    return { profileName: profile.name, endpoint: profile.endpoint, url: this.displayUrl(profile) };
  }

  private keyFacts(profileId: string, key: KeyInfo): KeyFacts {
    const bound = this.bindings.get(profileId);
    return { fingerprint: key.fingerprint ?? 'unknown (the stored key file is damaged)', boundTo: bound ? describeOrigin(bound) : 'no endpoint yet' };
  }

  /** Asks before an order, cancel or mass cancel: true only for the person's yes, given for this very session. */
  private async confirmOrderAction(choice: ChoiceSpec, values: FieldValues, session: SessionApi): Promise<boolean> {
    const profile = this.settings.activeProfile();
    const where = this.where(profile);
    const yes = await this.gate.ask(() => this.orderQuestions.build(choice, values, where, session), profile.id, true);
    if (!yes) return false;
    const now = this.settings.activeProfile();
    if (session !== this.session || now.id !== profile.id || originOf(now.endpoint) !== originOf(profile.endpoint)) throw new UserFacingError(CHANGED_WHILE_ASKING);
    return true;
  }

  private outcome(choice: ChoiceSpec, result: RequestResult): RunOutcome {
    return {
      choice: choice.number,
      uuid: result.uuid,
      sent: JSON.parse(redactFrameText(JSON.stringify(result.frame))) as unknown,
      reply: result.reply,
      rttMs: result.rttMs,
      summary: describeReply(result.reply),
    };
  }

  /** Why run sent nothing, in the app's words. */
  private refusalWords(reason: Exclude<Refusal['reason'], 'invalid'>, session: SessionApi): string {
    switch (reason) {
      case 'not-connected':
        return `Not connected to ${session.url}. Use Reconnect (17) to connect again.`;
      case 'not-authenticated':
        return NOT_AUTHENTICATED;
      case 'declined':
        return DECLINED;
      case 'no-key': // the app always has a signer: it explains a missing key itself when asked for one
        return 'No key to sign the login with.';
    }
  }

  private explain(error: unknown, session: SessionApi): string {
    if (!(error instanceof SessionError)) return userMessage(error);
    switch (error.code) {
      case 'not-connected':
      case 'not-authenticated':
        return this.refusalWords(error.code, session);
      case 'timeout':
        return `No reply within ${Math.round(this.settings.activeProfile().requestTimeoutMs / 100) / 10} s. The server may still have processed the request.`;
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

  /** First run and every start: each sandbox profile gets the demo account's uid, API key id and key. */
  private async provisionSandboxKeys(): Promise<void> {
    for (const profile of this.settings.get().profiles) {
      if (profile.endpoint.kind === 'sandbox') await this.provisionSandboxKey(profile);
    }
  }

  private async provisionSandboxKey(profile: Profile): Promise<void> {
    const demo = this.demo;
    if (!demo) return;
    // A sandbox profile the user pointed at another account is left alone.
    if (profile.uid !== '' && profile.uid !== demo.config.uid) return;
    if (profile.uid === '' || profile.apiKeyId !== demo.config.api_key) {
      await this.settings.updateProfile({ id: profile.id, uid: demo.config.uid, apiKeyId: demo.config.api_key });
      this.emit('event:settings', this.settings.get());
    }
    if (await this.storedKeyMatchesDemo(profile.id)) {
      // The demo key signs for the built-in sandbox (it may have been imported by file for another endpoint).
      if (this.bindings.get(profile.id) !== 'sandbox') this.bindings.set(profile.id, 'sandbox');
      return;
    }
    const info = await this.keys.importPem(profile.id, demo.privateKeyPem);
    this.bindings.set(profile.id, 'sandbox');
    this.log.info(`Sandbox demo key provisioned for profile "${profile.name}" (fingerprint ${info.fingerprint ?? '?'})`);
    if (profile.id === this.settings.activeProfile().id) this.emit('event:key', info);
  }

  private async storedKeyMatchesDemo(profileId: string): Promise<boolean> {
    const demo = this.demo;
    if (!demo) return false;
    if (!(await this.keys.info(profileId)).present) return false;
    try {
      const signer = await this.keys.signer(profileId, demo.config.uid, demo.config.api_key);
      const nonce = Date.now();
      return verifyLogin(demo.config.public_key_pem, nonce, signer.sign(nonce));
    } catch {
      return false;
    }
  }
}

/** The origin a requested endpoint would have; undefined when it is not valid (settings then says why). */
function proposedOrigin(endpoint: Profile['endpoint']): { endpoint: Profile['endpoint']; origin: KeyOrigin } | undefined {
  if (endpoint.kind !== 'custom') return endpoint.kind === 'sandbox' || endpoint.kind === 'production' ? { endpoint: { kind: endpoint.kind }, origin: endpoint.kind } : undefined;
  const url = typeof endpoint.url === 'string' ? endpoint.url.trim() : '';
  if (validateCustomUrl(url) !== undefined) return undefined;
  const next = { kind: 'custom' as const, url };
  return { endpoint: next, origin: originOf(next) };
}

function requireCredentials(profile: Profile): void {
  if (profile.uid.trim() === '' || profile.apiKeyId.trim() === '') {
    throw new UserFacingError(`Enter the uid and API key id of profile "${profile.name}" in Settings first.`);
  }
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

/** The args of a sent (redacted) frame, if it has the request envelope. */
function sentArgsOf(sent: unknown): unknown {
  const data = typeof sent === 'object' && sent !== null ? (sent as { data?: unknown }).data : undefined;
  return typeof data === 'object' && data !== null ? (data as { args?: unknown }).args : undefined;
}

/** What the history keeps of an outcome: reply code, round trip and summary, or the refusal. */
function outcomeFields(result: Result<RunOutcome>): { uuid?: string; code?: number; rttMs?: number; summary?: string; error?: string } {
  if (!result.ok) return { error: result.error };
  const v = result.value;
  return {
    ...(v.uuid ? { uuid: v.uuid } : {}),
    ...(v.reply ? { code: v.reply.code } : {}),
    ...(v.rttMs !== undefined ? { rttMs: Math.round(v.rttMs * 10) / 10 } : {}),
    summary: v.summary,
  };
}

function rememberBounded(set: Set<string>, value: string, max: number): void {
  set.add(value);
  if (set.size > max) set.delete(set.values().next().value as string);
}
