// Main's side of the sandbox's own process: starts it, notices when it dies (a crash, a kill, a bug), says so,
// and starts it again with back-off on the same port, so sessions to it reconnect by themselves. Its balances and
// orders come back from the snapshot file (see ../snapshot.ts). "Reset sandbox" removes that file and restarts.

import { rmSync } from 'node:fs';
import { backoffDelay, resolveBackoff } from '../../oceanex/backoff';
import type { BackoffOptions } from '../../oceanex/session-api';
import type { ChildSandboxOptions, FromSandbox, SandboxLauncher, SandboxProcess } from './protocol';

export type SandboxPhase =
  | { readonly phase: 'starting' }
  | { readonly phase: 'running'; readonly url: string; readonly pid: number | undefined }
  | { readonly phase: 'restarting'; readonly reason: string; readonly attempt: number; readonly inMs: number }
  | { readonly phase: 'stopped' };

export interface SupervisorOptions {
  readonly launch: SandboxLauncher;
  readonly options: ChildSandboxOptions;
  readonly log: (line: string) => void;
  readonly onPhase?: (phase: SandboxPhase) => void;
  readonly backoff?: Partial<BackoffOptions>;
  /** Running this long without dying makes the next restart start at the shortest delay again. */
  readonly healthyAfterMs?: number;
  /** How long a start may take before it counts as failed (the history replay takes about a second). */
  readonly startTimeoutMs?: number;
}

const DEFAULT_BACKOFF: Partial<BackoffOptions> = { initialMs: 250, maxMs: 15_000, factor: 2, jitter: 0.2 };

export class SandboxSupervisor {
  private child: SandboxProcess | undefined;
  private boundPort: number;
  private attempt = 0;
  private runningSince = 0;
  private closing = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private startTimer: NodeJS.Timeout | undefined;
  private current: SandboxPhase = { phase: 'stopped' };
  private readyWaiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: SupervisorOptions) {
    this.boundPort = options.options.port;
    this.backoff = resolveBackoff({ ...DEFAULT_BACKOFF, ...options.backoff });
  }

  get phase(): SandboxPhase {
    return this.current;
  }

  /** ws://127.0.0.1:PORT/ws/v1 — the same across restarts once the first start has chosen the port. */
  get url(): string {
    return `ws://127.0.0.1:${this.boundPort}/ws/v1`;
  }

  /** The loopback port it serves on (0 before the first start chose one). */
  get port(): number {
    return this.boundPort;
  }

  get restBase(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  /** Where its balances and orders are kept (undefined: nowhere, it starts afresh). */
  get stateFile(): string | undefined {
    return this.options.options.snapshotFile;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the process; resolves when it serves, rejects when the first try fails (it keeps retrying). */
  start(): Promise<void> {
    this.closing = false;
    const ready = this.whenReady();
    if (this.child === undefined && this.restartTimer === undefined) this.launch();
    return ready;
  }

  /** Resolves the next time the sandbox serves (now, when it does). */
  whenReady(): Promise<void> {
    if (this.current.phase === 'running') return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /** Ends the process and starts a fresh one (its state comes back from the snapshot). */
  async restart(): Promise<void> {
    await this.stopChild();
    this.attempt = 0;
    await this.start();
  }

  /** Forgets every balance, order and trade: the process is stopped, the snapshot removed, a fresh one started. */
  async reset(): Promise<void> {
    await this.stopChild();
    if (this.options.options.snapshotFile !== undefined) rmSync(this.options.options.snapshotFile, { force: true });
    this.options.log('sandbox reset: balances, orders and trades start afresh');
    this.attempt = 0;
    await this.start();
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.stopChild();
    this.setPhase({ phase: 'stopped' });
    for (const waiter of this.readyWaiters.splice(0)) waiter.reject(new Error('The sandbox was stopped.'));
  }

  private launch(): void {
    this.restartTimer = undefined;
    this.setPhase({ phase: 'starting' });
    let child: SandboxProcess;
    try {
      child = this.options.launch();
    } catch (error) {
      this.onDeath(undefined, `it could not be started (${(error as Error).message})`);
      return;
    }
    this.child = child;
    child.onMessage((message) => this.onMessage(child, message));
    child.onExit((how) => this.onDeath(child, how));
    child.send({ type: 'start', options: { ...this.options.options, port: this.boundPort } });
    this.startTimer = setTimeout(() => {
      this.options.log(`sandbox process ${child.pid ?? '?'} did not start within ${this.startTimeoutMs} ms: ending it`);
      child.kill();
    }, this.startTimeoutMs);
  }

  private get startTimeoutMs(): number {
    return this.options.startTimeoutMs ?? 30_000;
  }

  private onMessage(child: SandboxProcess, message: FromSandbox): void {
    if (child !== this.child) return;
    if (message.type === 'log') this.options.log(`sandbox: ${message.line}`);
    else if (message.type === 'failed') this.options.log(`sandbox process could not start: ${message.message}`);
    else {
      clearTimeout(this.startTimer);
      this.boundPort = message.port;
      this.runningSince = Date.now();
      this.options.log(`sandbox process ${child.pid ?? '?'} serving at ${this.url}`);
      this.setPhase({ phase: 'running', url: this.url, pid: child.pid });
      for (const waiter of this.readyWaiters.splice(0)) waiter.resolve();
    }
  }

  private onDeath(child: SandboxProcess | undefined, how: string): void {
    if (child !== undefined && child !== this.child) return; // a process we already replaced
    clearTimeout(this.startTimer);
    this.child = undefined;
    if (this.closing) return;
    const wasRunning = this.current.phase === 'running';
    if (wasRunning && Date.now() - this.runningSince >= (this.options.healthyAfterMs ?? 30_000)) this.attempt = 0;
    this.attempt += 1;
    const inMs = backoffDelay(this.attempt, this.backoff);
    const reason = `the sandbox process ended (${how})`;
    this.options.log(`${reason}; starting it again in ${inMs} ms (attempt ${this.attempt})`);
    if (!wasRunning) {
      // The first start (or a restart) failed: whoever waits hears why; later tries go on in the background.
      for (const waiter of this.readyWaiters.splice(0)) waiter.reject(new Error(`The built-in sandbox could not start: ${reason}.`));
    }
    this.setPhase({ phase: 'restarting', reason, attempt: this.attempt, inMs });
    this.restartTimer = setTimeout(() => this.launch(), inMs);
  }

  private async stopChild(): Promise<void> {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    clearTimeout(this.startTimer);
    const child = this.child;
    if (child === undefined) return;
    this.child = undefined; // its exit is no crash
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, 3_000);
      child.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      child.send({ type: 'stop' });
    });
  }

  private setPhase(phase: SandboxPhase): void {
    this.current = phase;
    this.options.onPhase?.(phase);
  }
}
