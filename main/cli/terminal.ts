// Line input and output for the terminal client. Interactive (a TTY): readline with a "> " prompt that is
// redrawn under messages arriving while the user types. Piped: lines are queued, each shown as "> line" when
// it is taken, so a transcript reads like the interactive session.

import { clearLine, createInterface, cursorTo, type Interface } from 'node:readline';
import { printable } from './printable';

export interface TerminalOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
  readonly interactive: boolean;
}

export class Terminal {
  readonly interactive: boolean;
  private readonly output: TerminalOptions['output'];
  private readonly rl: Interface;
  private readonly queued: string[] = [];
  private waiter: ((line: string | undefined) => void) | undefined;
  private ended = false;
  /** True while the interactive prompt is on screen, so async output must redraw it. */
  private prompting = false;

  constructor(options: TerminalOptions) {
    this.interactive = options.interactive;
    this.output = options.output;
    this.rl = options.interactive
      ? createInterface({ input: options.input, output: options.output, terminal: true, prompt: '> ' })
      : createInterface({ input: options.input, terminal: false, crlfDelay: Infinity });
    this.rl.on('line', (line) => this.deliver(line));
    this.rl.on('close', () => {
      this.ended = true;
      this.flushWaiter(undefined);
    });
    // Ctrl+C at the prompt ends the session like "quit" (readline would otherwise just pause).
    this.rl.on('SIGINT', () => this.rl.close());
  }

  /** Prints one or more lines; in interactive mode keeps the prompt and the user's partial input intact. */
  say(text: string): void {
    if (this.interactive && this.prompting) {
      clearLine(this.output, 0);
      cursorTo(this.output, 0);
      this.output.write(`${text}\n`);
      this.rl.prompt(true);
      return;
    }
    this.output.write(`${text}\n`);
  }

  /** Shows `question` and resolves with the next line, or undefined at end of input. */
  async ask(question: string): Promise<string | undefined> {
    this.say(question);
    if (this.interactive && !this.ended) {
      this.prompting = true;
      this.rl.prompt();
    }
    const line = await this.nextLine();
    this.prompting = false;
    // The echo shows escape sequences as text and cuts a huge line, like every other message quoting input.
    if (line !== undefined && !this.interactive) this.output.write(`> ${printable(line)}\n`);
    return line;
  }

  /** Clears the screen when there is one to clear (a piped transcript keeps its history). */
  clearScreen(): void {
    if (this.output.isTTY) this.output.write('\x1b[2J\x1b[3J\x1b[H');
  }

  /** Stops reading input (idempotent). */
  close(): void {
    this.rl.close();
  }

  /** Resolves once everything written so far has been handed to the OS, so exiting loses nothing. */
  drain(): Promise<void> {
    return new Promise((resolve) => this.output.write('', () => resolve()));
  }

  private nextLine(): Promise<string | undefined> {
    const line = this.queued.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => (this.waiter = resolve));
  }

  private deliver(line: string): void {
    if (this.waiter) this.flushWaiter(line);
    else this.queued.push(line);
  }

  private flushWaiter(line: string | undefined): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(line);
  }
}
