// What main and the sandbox's own process say to each other (child_process.fork's channel in tests and the
// terminal client, Electron's utilityProcess port in the app). Plain JSON-able values only.

import type { SandboxAccountConfig } from '../auth';

/** The sandbox's options as they cross the process boundary (no functions: the log comes back as messages). */
export interface ChildSandboxOptions {
  readonly port: number;
  readonly snapshotFile?: string;
  readonly accounts: readonly SandboxAccountConfig[];
  readonly seed?: number;
  readonly historyHours?: number;
  readonly pingIntervalSeconds?: number;
  readonly marketMaker?: boolean;
}

export type ToSandbox = { readonly type: 'start'; readonly options: ChildSandboxOptions } | { readonly type: 'stop' };

export type FromSandbox =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'log'; readonly line: string }
  | { readonly type: 'failed'; readonly message: string };

/** A running sandbox process as main sees it, whichever way it was started. */
export interface SandboxProcess {
  readonly pid: number | undefined;
  send(message: ToSandbox): void;
  onMessage(listener: (message: FromSandbox) => void): void;
  /** Once, when the process has ended for any reason (`how`: exit code or signal, in words). */
  onExit(listener: (how: string) => void): void;
  /** Ends it at once (SIGKILL where there are signals). */
  kill(): void;
}

export type SandboxLauncher = () => SandboxProcess;

export function isFromSandbox(value: unknown): value is FromSandbox {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (m.type === 'ready' && typeof m.port === 'number') || (m.type === 'log' && typeof m.line === 'string') || (m.type === 'failed' && typeof m.message === 'string');
}
