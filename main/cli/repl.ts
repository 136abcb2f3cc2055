// The original client's command loop on the shared session: read a choice, ask for its arguments with the
// original prompt, validate with the catalogue, send, and print outcomes in the original's words.
// Piped input waits for each reply (or its timeout) before reading the next line, so scripts are deterministic;
// at a terminal the prompt returns at once and replies print as they arrive, like the original.

import { choiceByNumber, parsePromptLine, validateFields, type ChoiceSpec } from '../oceanex/catalogue';
import { describeReply, type Reply } from '../oceanex/messages';
import { SessionError, type LoginSigner, type SessionApi, type SessionEvent } from '../oceanex/session-api';
import { banner, CLEAR_WORDS, HELP_WORDS, PROMPT, QUIT_WORDS } from './banner';
import type { Terminal } from './terminal';

export const NOT_AUTHENTICATED = 'Not Authenticated. Please Authenticate first';
export const NO_CREDENTIALS =
  'No credentials to authenticate with: pass --uid and --api-key (or OCEANEX_UID / OCEANEX_API_KEY) ' +
  'with --key-file key.pem, or import the key for that uid in the desktop app.';
const STARS = '*************************************';
/** How long an interactive command waits for its reply before the prompt returns anyway. */
const INTERACTIVE_GRACE_MS = 400;

/** Outcomes the original framed with a line of stars: orders changed or something unexpected. */
const FRAMED: ReadonlySet<Reply['outcome']> = new Set(['order-ack', 'order-rejected', 'cancelled', 'cancel-rejected', 'mass-cancelled']);

export interface ReplOptions {
  readonly session: SessionApi;
  readonly terminal: Terminal;
  /** Undefined when no credentials were given: choice 1 then explains what to pass. */
  readonly signer: LoginSigner | undefined;
}

export class Repl {
  private readonly session: SessionApi;
  private readonly terminal: Terminal;
  private readonly signer: LoginSigner | undefined;
  /** "Session up" was printed and "Session Down" not yet. */
  private up = false;
  private quitting = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: ReplOptions) {
    this.session = options.session;
    this.terminal = options.terminal;
    this.signer = options.signer;
    this.session.on((event) => this.onEvent(event));
  }

  /** Runs until quit or end of input; resolves with the process exit code. */
  async run(): Promise<number> {
    const say = (text: string): void => this.terminal.say(text);
    say(banner());
    try {
      await this.session.connect();
    } catch (error) {
      say(`Could not connect to ${this.session.url}: ${(error as Error).message}`);
      await this.shutdown();
      return 1;
    }
    for (;;) {
      const line = await this.terminal.ask(PROMPT);
      if (line === undefined) break;
      const command = line.trim();
      const word = command.toLowerCase();
      if (command === '') continue;
      if (QUIT_WORDS.includes(word)) break;
      if (HELP_WORDS.includes(word)) {
        say(banner());
        continue;
      }
      if (CLEAR_WORDS.includes(word)) {
        this.terminal.clearScreen();
        say(banner());
        continue;
      }
      const choice = /^\d{1,2}$/.test(command) ? choiceByNumber(Number(command)) : undefined;
      if (choice === undefined) {
        say(`can not recognize choice "${command}"`);
        say(banner());
        continue;
      }
      const finished = await this.runChoice(choice);
      if (finished === 'eof') break;
    }
    await this.shutdown();
    return 0;
  }

  /** Starts one choice; piped input waits for its outcome. Returns 'eof' when input ended at its prompt. */
  private async runChoice(choice: ChoiceSpec): Promise<'eof' | undefined> {
    let task: Promise<unknown>;
    switch (choice.kind) {
      case 'login':
        if (this.signer === undefined) {
          this.terminal.say(NO_CREDENTIALS);
          return undefined;
        }
        task = this.session.login(this.signer);
        break;
      case 'disconnect':
        this.terminal.say('disconnecting...');
        task = this.session.disconnect();
        break;
      case 'reconnect':
        task = this.session.reconnect();
        break;
      case 'request': {
        if (choice.private && !this.session.loggedIn) {
          this.terminal.say(NOT_AUTHENTICATED);
          return undefined;
        }
        let raw = {};
        if (choice.promptFields.length > 0) {
          const line = await this.terminal.ask(choice.prompt ?? choice.promptFields.join(','));
          if (line === undefined) return 'eof';
          const parsed = parsePromptLine(choice, line);
          if (parsed.raw === undefined) {
            this.terminal.say(`ERROR: ${parsed.error ?? 'could not read the values'}. Nothing was sent.`);
            return undefined;
          }
          raw = parsed.raw;
        }
        const checked = validateFields(choice, raw);
        if (!checked.ok) {
          for (const message of Object.values(checked.errors)) this.terminal.say(`ERROR: ${message}`);
          this.terminal.say('Nothing was sent.');
          return undefined;
        }
        task = this.session.request(choice, checked.values);
        break;
      }
    }
    const settled = task.then(
      () => undefined,
      (error: unknown) => this.reportFailure(error),
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

  private reportFailure(error: unknown): void {
    if (this.quitting) return;
    if (!(error instanceof SessionError)) {
      this.terminal.say(`ERROR: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    switch (error.code) {
      case 'not-authenticated':
        this.terminal.say(NOT_AUTHENTICATED);
        return;
      case 'not-connected':
        this.terminal.say(`${error.message}. Type 17 to reconnect.`);
        return;
      case 'outcome-unknown':
        this.terminal.say([STARS, `WARNING: ${error.message} (request ${error.uuid ?? '?'})`, STARS].join('\n'));
        return;
      default:
        this.terminal.say(`ERROR: ${error.message}`);
    }
  }

  private onEvent(event: SessionEvent): void {
    const say = (text: string): void => this.terminal.say(text);
    switch (event.type) {
      case 'state':
        if (event.state === 'open' && event.previous === 'connecting' && !this.up) {
          this.up = true;
          say('Session up');
        } else if (event.state === 'closed' && this.up && !this.quitting) {
          this.up = false;
          say('Disconnected');
          say('Session Down');
        }
        return;
      case 'reply':
        this.printReply(event.reply);
        return;
      case 'unknown':
        say([STARS, `Unknown message \n${JSON.stringify(event.raw, null, 2)}`, STARS].join('\n'));
        return;
      case 'malformed':
        say(`received a message that is not JSON (${event.error}): ${event.text}`);
        return;
      case 'disconnect-frame':
        say(`Server closed the session: ${event.reason}${event.reconnect ? '' : ' (it asks not to reconnect; type 17 to reconnect)'}`);
        return;
      case 'reconnect-scheduled':
        if (!this.quitting) say(`Connection lost; reconnecting in ${(event.delayMs / 1000).toFixed(1)} s (attempt ${event.attempt})`);
        return;

      case 'order-reconciled':
        say(`Order request ${event.order.uuid} checked after reconnecting: ${reconciledWords(event.order.status)}.`);
        return;
      case 'error':
        if (!this.quitting) say(`ERROR: ${event.message}`);
        return;
      case 'welcome':
      case 'heartbeat':
      case 'sent':
      case 'timeout': // reported once, by the request's rejection
      case 'order-outcome-unknown': // likewise
        return;
    }
  }

  private printReply(reply: Reply): void {
    const text = describeReply(reply);
    this.terminal.say(FRAMED.has(reply.outcome) ? [STARS, text, STARS].join('\n') : text);
  }

  /** Disconnects, prints "Session Down" and stops reading input. */
  private async shutdown(): Promise<void> {
    this.quitting = true;
    const connected = this.session.state !== 'closed' && this.session.state !== 'idle';
    if (connected) this.terminal.say('disconnecting...');
    try {
      await this.session.disconnect();
    } catch {
      // Already closed or never opened: nothing left to close.
    }
    await Promise.allSettled([...this.inFlight]);
    if (this.up) {
      this.up = false;
      this.terminal.say('Disconnected');
    }
    this.terminal.say('Session Down');
    await this.session.dispose();
    this.terminal.close();
  }
}

function reconciledWords(status: string): string {
  switch (status) {
    case 'found-open':
      return 'it was placed and is open';
    case 'found-history':
      return 'it was placed and is already filled or cancelled';
    case 'not-found':
      return 'it was not placed';
    default:
      return 'still unknown';
  }
}
