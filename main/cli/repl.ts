// The original client's command loop on the shared session: read a choice, ask for its arguments with the
// original prompt, read them as the original did (original-read.ts), send, and print each outcome twice: first
// ws_client.py's own line, word for word (original-words.ts), then our summary on the next lines (summaries.ts).
// A script written for the original must stay in step: a choice reads its argument line exactly when the original
// did (see `originalAuthenticated`), whatever the connection's state, and a failed connect keeps the menu.
// Piped input waits for each reply (or its timeout) before reading the next line, so scripts are deterministic;
// at a terminal the prompt returns at once and replies print as they arrive, like the original.

import { choiceByNumber, type ChoiceSpec, type FieldValues } from '../../shared/oceanex/catalogue';
import { classifyMessage, type Reply } from '../../shared/oceanex/messages';
import { isConnected } from '../../shared/oceanex/session-state';
import { runValues, type ChoiceHooks, type ChoiceSession, type Refusal } from '../oceanex/run-choice';
import { SessionError, type LoginSigner, type SessionApi, type SessionEvent, type UnknownOrder } from '../oceanex/session-api';
import { banner, CLEAR_WORDS, HELP_WORDS, PROMPT, QUIT_WORDS } from './banner';
import { originalCancelEcho, readPromptLine } from './original-read';
import { ORIGINAL, originalArgCountLine, originalReplyLine, originalUnknownMessage } from './original-words';
import { printable } from './printable';
import { describeOrder, notCancelled, summarizeReply } from './summaries';
import type { Terminal } from './terminal';

export const NO_CREDENTIALS =
  'No credentials to authenticate with: pass --uid and --api-key (or OCEANEX_UID / OCEANEX_API_KEY) ' +
  'with --key-file key.pem, or import the key for that uid in the desktop app.';
/** Longer input lines are refused unread: no choice or argument line is anywhere near this long. */
export const MAX_LINE_CHARS = 4096;
/** How long an interactive command waits for its reply before the prompt returns anyway. */
const INTERACTIVE_GRACE_MS = 400;

export interface ReplOptions {
  readonly session: SessionApi;
  readonly terminal: Terminal;
  /** Undefined when no credentials were given: choice 1 then explains what to pass. */
  readonly signer: LoginSigner | undefined;
}

export class Repl {
  private readonly session: SessionApi;
  private readonly terminal: Terminal;
  /** "Session up" was printed and "Session Down" not yet. */
  private up = false;
  /** The session was up at least once: a run that never connected exits 1. */
  private everUp = false;
  /**
   * ws_client.py's `authenticated` flag: set by any login reply, never cleared (its close callback set a misspelt
   * `authenticatd`). The original asked for a private choice's argument line exactly when it was set, so this
   * decides whether a line is read, not whether anything is sent.
   */
  private originalAuthenticated = false;
  /** An automatic reconnect is scheduled or under way (after an unexpected drop). */
  private reconnecting = false;
  private quitting = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** True while this loop calls the session, so the 'sent' event's uuid is known to be ours. */
  private issuing = false;
  /** Requests this loop sent whose reply is still to be printed (the session's own look-ups are not). */
  private readonly mine = new Set<string>();
  /** The values of the request being issued, so a cancel's reply can be set against the ids asked for. */
  private issuingValues: FieldValues | undefined;
  /** Order ids each cancel of ours asked for, by uuid, until its reply. */
  private readonly cancelIds = new Map<string, readonly number[]>();
  /** The session as runChoice sees it: what it sends through here is marked ours. */
  private readonly ownSends: ChoiceSession;
  /** No question before an order: the original asked none. */
  private readonly hooks: ChoiceHooks;

  constructor(options: ReplOptions) {
    this.session = options.session;
    this.terminal = options.terminal;
    const signer = options.signer;
    this.hooks = { signer: signer && (() => signer), confirm: undefined };
    const session = options.session;
    this.ownSends = {
      get state() {
        return session.state;
      },
      get loggedIn() {
        return session.loggedIn;
      },
      login: (signer) => this.issue(() => session.login(signer)),
      request: (choice, values) => this.issue(() => session.request(choice, values), values),
    };
    this.session.on((event) => this.onEvent(event));
  }

  private say(text: string): void {
    this.terminal.say(text);
  }

  /** Runs until quit or end of input; resolves with the process exit code. */
  async run(): Promise<number> {
    this.say(banner());
    // A failed first connect keeps the menu, as the original's did: choice 17 tries again.
    await this.session.connect().catch((error: unknown) => this.connectFailed(error));
    for (;;) {
      const line = await this.readLine(PROMPT);
      if (line === undefined) break;
      if (line === null) continue;
      const command = line.trim();
      const word = command.toLowerCase();
      if (QUIT_WORDS.includes(word)) break;
      if (HELP_WORDS.includes(word)) {
        this.say(banner());
        continue;
      }
      if (CLEAR_WORDS.includes(word)) {
        this.terminal.clearScreen();
        this.say(banner());
        continue;
      }
      const choice = /^\d{1,2}$/.test(command) ? choiceByNumber(Number(command)) : undefined;
      if (choice === undefined) {
        this.say(ORIGINAL.unrecognised);
        const what = command === '' ? 'An empty line' : `"${printable(command, 40)}"`;
        this.say(`${what} is not a choice: type a number from 1 to 17, h for this list, q to quit.`);
        this.say(banner());
        continue;
      }
      const finished = await this.runChoice(choice);
      if (finished === 'eof') break;
    }
    await this.shutdown();
    return this.everUp ? 0 : 1;
  }

  /** A connect the person asked for (the first one, or 17) failed: the original's close lines, then why. */
  private connectFailed(error: unknown): void {
    if (this.quitting) return;
    const message = printable(error instanceof Error ? error.message : String(error), 500);
    this.say(ORIGINAL.disconnected);
    this.say(ORIGINAL.sessionDown);
    this.say(`${message.startsWith('Could not connect') ? message : `Could not connect to ${this.session.url}: ${message}`}. Type 17 to try again.`);
  }

  /** The next line; null when it was too long to read (and said so); undefined at end of input. */
  private async readLine(question: string): Promise<string | null | undefined> {
    const line = await this.terminal.ask(question);
    if (line === undefined || line.length <= MAX_LINE_CHARS) return line;
    this.say(`ERROR: that line is ${line.length} characters long; at most ${MAX_LINE_CHARS} are read. Nothing was sent.`);
    return null;
  }

  private get connected(): boolean {
    return isConnected(this.session.state);
  }

  private notConnected(what: string): void {
    this.say(ORIGINAL.notConnected);
    this.say(this.reconnecting ? `Not connected: ${what} was not sent; the client is reconnecting by itself.` : `Not connected: ${what} was not sent. Type 17 to reconnect.`);
  }

  /** Starts one choice; piped input waits for its outcome. Returns 'eof' when input ended at its prompt. */
  private async runChoice(choice: ChoiceSpec): Promise<'eof' | undefined> {
    let task: Promise<unknown>;
    switch (choice.kind) {
      case 'disconnect':
        this.say(ORIGINAL.disconnecting);
        if (!this.connected && this.session.state !== 'connecting') {
          const wasReconnecting = this.reconnecting;
          this.reconnecting = false;
          if (wasReconnecting) await this.session.disconnect(); // stops the automatic reconnect
          this.say(wasReconnecting ? 'Stopped reconnecting; type 17 to reconnect.' : 'Already disconnected; type 17 to reconnect.');
          return undefined;
        }
        this.reconnecting = false;
        task = this.session.disconnect();
        break;
      case 'reconnect':
        this.reconnecting = false;
        task = this.session.reconnect();
        break;
      default: {
        // Refused before its prompt where the original refused: no key, or a private choice before any login reply.
        if (choice.kind === 'login' && this.hooks.signer === undefined) {
          this.sayRefusal({ kind: 'refused', reason: 'no-key' }, choice);
          return undefined;
        }
        if (choice.private && !this.originalAuthenticated) {
          this.sayRefusal({ kind: 'refused', reason: 'not-authenticated' }, choice);
          return undefined;
        }
        const values = await this.readFields(choice);
        if (values === 'eof') return 'eof';
        if (values === undefined) return undefined;
        task = runValues(this.ownSends, choice, values, this.hooks).then((outcome) => {
          if (outcome.kind === 'refused') this.sayRefusal(outcome, choice);
          else if (outcome.kind === 'failed') throw outcome.error;
        });
      }
    }
    const settled = task.then(
      () => undefined,
      (error: unknown) => this.reportFailure(error, choice),
    );
    if (!this.terminal.interactive) {
      await settled;
      return undefined;
    }
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
    // At a terminal the prompt never blocks, but a quick reply still prints before it, not under it.
    let grace: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([settled, new Promise<void>((done) => (grace = setTimeout(done, INTERACTIVE_GRACE_MS)))]);
    clearTimeout(grace);
    return undefined;
  }

  /** The values read from the choice's prompt line; undefined when the line was refused (and said why). */
  private async readFields(choice: ChoiceSpec): Promise<FieldValues | 'eof' | undefined> {
    if (choice.promptFields.length === 0) return {};
    const line = await this.readLine(choice.prompt ?? choice.promptFields.join(','));
    if (line === undefined) return 'eof';
    if (line === null) return undefined;
    // Choice 7 printed each id as it read it (and stopped at the first that was not a number).
    if (choice.id === 'cancelOrders') for (const id of originalCancelEcho(line)) this.say(printable(id));
    const read = readPromptLine(choice, line);
    switch (read.kind) {
      case 'count':
        this.say(originalArgCountLine(read.expected, read.received));
        this.say(`ERROR: ${printable(read.message)}. Nothing was sent.`);
        return undefined;
      case 'invalid':
        for (const error of read.errors) this.say(`ERROR: ${printable(error)}`);
        this.say('Nothing was sent.');
        return undefined;
      case 'values':
        // What the original sent goes out as it did; the exchange decides, and says so in its reply.
        for (const warning of read.warnings) this.say(`warning: ${printable(warning)}; sent as ws_client.py sent it, for the exchange to decide.`);
        return read.values;
    }
  }

  /** The original's line for a refusal, then ours; nothing was sent. */
  private sayRefusal(refusal: Refusal, choice: ChoiceSpec): void {
    switch (refusal.reason) {
      case 'no-key':
        this.say(ORIGINAL.noCredentials);
        this.say(NO_CREDENTIALS);
        return;
      case 'not-connected':
        this.notConnected(choice.kind === 'login' ? 'the login' : `"${choice.label}"`);
        return;
      case 'not-authenticated':
        this.say(`\n${ORIGINAL.notAuthenticated}`);
        this.say(`"${choice.label}" needs a login: type ${this.connected ? '1 to authenticate' : '17 to reconnect, then 1 to authenticate'}. Nothing was sent.`);
        return;
      case 'invalid':
        for (const message of Object.values(refusal.errors)) this.say(`ERROR: ${printable(message)}`);
        this.say('Nothing was sent.');
        return;
      case 'declined': // the terminal client asks nothing, as the original did
        this.say('Not sent: declined.');
        return;
    }
  }

  /** Calls the session with `issuing` set, so the request's 'sent' event marks its uuid as ours. */
  private issue<T>(send: () => Promise<T>, values?: FieldValues): Promise<T> {
    this.issuing = true;
    this.issuingValues = values;
    try {
      return send();
    } finally {
      this.issuing = false;
      this.issuingValues = undefined;
    }
  }

  private reportFailure(error: unknown, choice: ChoiceSpec): void {
    if (this.quitting) return;
    if (!(error instanceof SessionError)) {
      this.say(`ERROR: ${printable(error instanceof Error ? error.message : String(error))}`);
      return;
    }
    switch (error.code) {
      case 'not-authenticated':
        this.say(`\n${ORIGINAL.notAuthenticated}`);
        this.say(`${printable(error.message)}. Nothing was sent.`);
        return;
      case 'not-connected':
        if (choice.kind === 'reconnect') this.connectFailed(error);
        else this.notConnected(choice.kind === 'login' ? 'the login' : `"${choice.label}"`);
        return;
      case 'outcome-unknown':
        this.say([ORIGINAL.stars, `WARNING: ${printable(error.message)} (request ${error.uuid ?? '?'})`, ORIGINAL.stars].join('\n'));
        return;
      default:
        this.say(`ERROR: ${printable(error.message)}`);
    }
  }

  private onEvent(event: SessionEvent): void {
    switch (event.type) {
      case 'state':
        if (event.state === 'open' && event.previous === 'connecting' && !this.up) {
          this.up = true;
          this.everUp = true;
          this.reconnecting = false;
          this.say(ORIGINAL.sessionUp);
        } else if (event.state === 'closed' && this.up && !this.quitting) {
          this.up = false;
          this.say(ORIGINAL.disconnected);
          this.say(ORIGINAL.sessionDown);
        }
        if (event.state === 'closed') this.cancelIds.clear(); // their requests failed with the connection
        return;
      case 'sent': {
        if (!this.issuing) return;
        this.mine.add(event.uuid);
        const ids = this.issuingValues?.['ids'];
        if (Array.isArray(ids)) this.cancelIds.set(event.uuid, ids as number[]);
        return;
      }
      case 'reply': {
        // Ours, or the automatic re-login after a reconnect; never the session's own order look-ups.
        const asked = this.cancelIds.get(event.uuid);
        this.cancelIds.delete(event.uuid);
        const received = (): unknown => JSON.parse(event.text) as unknown; // the frame exactly as it came (it parsed once)
        if (this.mine.delete(event.uuid) || event.choice === 1) this.printReply(event.reply, received, asked && notCancelled(asked, event.reply));
        return;
      }
      case 'timeout': // reported once, by the request's rejection
        this.mine.delete(event.uuid);
        this.cancelIds.delete(event.uuid);
        return;
      case 'unknown':
        this.printUnknown(event.raw);
        return;
      case 'malformed':
        this.say(`received a message that is not JSON (${printable(event.error)}): ${printable(event.text)}`);
        return;
      case 'disconnect-frame':
        if (!event.reconnect) this.reconnecting = false;
        this.say(`Server closed the session: ${printable(event.reason)}${event.reconnect ? '' : ' (it asks not to reconnect; type 17 to reconnect)'}`);
        return;
      case 'reconnect-scheduled':
        this.reconnecting = true;
        if (!this.quitting) this.say(`Connection lost; reconnecting in ${(event.delayMs / 1000).toFixed(1)} s (attempt ${event.attempt})`);
        return;
      case 'order-reconciled':
        this.say(reconciledLine(event.order));
        return;
      case 'error':
        if (!this.quitting) this.say(`ERROR: ${printable(event.message)}`);
        return;
      case 'welcome':
      case 'heartbeat':
      case 'order-outcome-unknown': // reported by the request's rejection
        return;
    }
  }

  /** `received` gives the frame as it came, for the replies the original printed whole. */
  private printReply(reply: Reply, received: () => unknown, note?: string): void {
    // Any login reply set the original's flag, a failed one too (see originalAuthenticated).
    if (reply.handler === 'AuthHandler') this.originalAuthenticated = true;
    const original = originalReplyLine(reply);
    if (original === 'unknown') this.say(originalUnknownMessage(received()));
    // Ids and codes come from the server: no escape sequence of theirs reaches the terminal.
    else if (original !== undefined) this.say(original.split('\n').map((line) => printable(line, 10_000)).join('\n'));
    this.say([...summarizeReply(reply), ...(note === undefined ? [] : [note])].map((line) => printable(line, 1000)).join('\n'));
  }

  /** A message no request waits for: a reply whose request already timed out, or something else entirely. */
  private printUnknown(raw: unknown): void {
    const inbound = classifyMessage(raw);
    if (inbound.kind === 'reply') {
      this.printReply(inbound.reply, () => raw, `(a late reply: its request ${inbound.reply.uuid ?? ''} had already timed out)`);
      return;
    }
    this.say(originalUnknownMessage(raw));
  }

  /** Disconnects and stops reading input; "Session Down" only if the session was up and not yet reported down. */
  private async shutdown(): Promise<void> {
    this.quitting = true;
    this.say(ORIGINAL.disconnecting);
    try {
      await this.session.disconnect();
    } catch {
      // Already closed or never opened: nothing left to close.
    }
    await Promise.allSettled([...this.inFlight]);
    if (this.up) {
      this.up = false;
      this.say(ORIGINAL.disconnected);
      this.say(ORIGINAL.sessionDown);
    }
    await this.session.dispose();
    this.say(ORIGINAL.end);
    this.terminal.close();
  }
}

/** "Order request <uuid> (buy 100 vetusdt at 0.002): placed as order 42, open." — after a drop or a timeout. */
function reconciledLine(order: UnknownOrder): string {
  const args = order.args;
  const what = `${String(args['side'] ?? '?')} ${String(args['volume'] ?? '?')} ${String(args['market'] ?? '?')}${args['price'] === undefined ? '' : ` at ${String(args['price'])}`}`;
  const head = `Order request ${order.uuid} (${what}), whose outcome was unknown, is now checked:`;
  switch (order.status) {
    case 'found-open':
      return `${head} it was placed — ${describeOrder(order.order)}.`;
    case 'found-history':
      return `${head} it was placed and is already filled or cancelled — ${describeOrder(order.order)}.`;
    case 'not-found':
      return `${head} it was not placed (not among open orders or history).`;
    default:
      return `${head} still unknown.`;
  }
}
