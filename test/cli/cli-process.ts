// Runs the terminal client as a child process with piped stdin/stdout, the way a script or a person would.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDemoAccount, startSandbox, type Sandbox, type SandboxOptions } from '../../main/sandbox/index';

export const REPO_ROOT = resolve(__dirname, '../..');
const ENTRY = 'main/cli/index.ts';
/** Guards against a hung child only; never an assertion about speed. */
const WAIT_LIMIT_MS = 15_000;

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export class CliProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<CliResult>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly watchers = new Set<() => void>();

  constructor(args: readonly string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], DBUS_SESSION_BUS_ADDRESS: process.env['DBUS_SESSION_BUS_ADDRESS'], ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      for (const watcher of this.watchers) watcher();
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((done) => {
      this.child.on('close', (code) => {
        for (const watcher of this.watchers) watcher();
        done({ code, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  /** Writes lines to stdin (each followed by a newline). */
  send(...lines: string[]): void {
    this.write(lines.map((l) => `${l}\n`).join(''));
  }

  write(text: string): void {
    this.child.stdin.write(text);
  }

  /** Ends stdin (EOF) and waits for the exit. */
  end(): Promise<CliResult> {
    this.child.stdin.end();
    return this.exited;
  }

  /** Resolves with the first match of `pattern` in stdout after character `from`. */
  waitFor(pattern: RegExp, from = 0): Promise<RegExpExecArray> {
    return new Promise((done, fail) => {
      const check = (): void => {
        const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(this.stdout.slice(from));
        if (match) {
          finish();
          done(match);
        } else if (this.child.exitCode !== null || this.child.signalCode !== null) {
          finish();
          fail(new Error(`exited before ${pattern} appeared.\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        fail(new Error(`${pattern} did not appear.\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`));
      }, WAIT_LIMIT_MS);
      const finish = (): void => {
        clearTimeout(timer);
        this.watchers.delete(check);
      };
      this.watchers.add(check);
      check();
    });
  }

  /** Sends `lines`, then waits for the prompt that follows their outcome; returns only the new output. */
  async step(...lines: string[]): Promise<string> {
    const from = this.stdout.length;
    const prompts = lines.length;
    this.send(...lines);
    let at = from;
    for (let i = 0; i < prompts; i++) {
      const match = await this.waitFor(/(?:^|\n)> [^\n]*\n/, at);
      at += match.index + match[0].length;
    }
    await this.waitFor(/Prompt \("stop"/, at);
    return this.stdout.slice(from);
  }

  kill(): void {
    this.child.kill('SIGKILL');
  }
}

/** Runs the client with all of `stdin` at once and waits for it to exit. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<CliResult> {
  const cli = new CliProcess(args, env);
  cli.write(stdin);
  return cli.end();
}

/** The transcript cut at each echoed input line: what was typed and everything printed until the next input. */
export function transcript(stdout: string): { input: string; output: string }[] {
  const parts = stdout.split(/^> (.*)$/m);
  const steps: { input: string; output: string }[] = [];
  for (let i = 1; i < parts.length; i += 2) steps.push({ input: parts[i] ?? '', output: parts[i + 1] ?? '' });
  return steps;
}

/** Every outbound request frame in ws_client.log, in order (pongs excluded): "handler/action" and its args. */
export function outboundFrames(log: string): { route: string; args: unknown }[] {
  const found: { route: string; args: unknown }[] = [];
  for (const line of log.split('\n')) {
    const frame = / >> (\{.*\})$/.exec(line)?.[1];
    if (frame === undefined) continue;
    const parsed = JSON.parse(frame) as { identifier?: { handler?: string }; data?: { action?: string; args?: unknown } };
    if (parsed.identifier?.handler !== undefined) found.push({ route: `${parsed.identifier.handler}/${parsed.data?.action ?? '?'}`, args: parsed.data?.args });
  }
  return found;
}

/** handler/action of every outbound request frame in the log, in order (pongs excluded). */
export function outboundHandlers(log: string): string[] {
  return outboundFrames(log).map((frame) => frame.route);
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** A sandbox with one demo account, and that account's key.pem (0600) in a throwaway folder: what a terminal-client test runs against. */
export interface SandboxWithKeyFile {
  readonly sandbox: Sandbox;
  readonly dir: string;
  readonly keyFile: string;
  readonly privateKeyPem: string;
  readonly uid: string;
  readonly apiKey: string;
  close(): Promise<void>;
}

export async function startSandboxWithKeyFile(options: Omit<SandboxOptions, 'port' | 'accounts'>, dirPrefix: string): Promise<SandboxWithKeyFile> {
  const account = createDemoAccount();
  const sandbox = await startSandbox({ ...options, port: 0, accounts: [account.config] });
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  const keyFile = join(dir, 'key.pem');
  writeFileSync(keyFile, account.privateKeyPem, { mode: 0o600 });
  return {
    sandbox,
    dir,
    keyFile,
    privateKeyPem: account.privateKeyPem,
    uid: account.config.uid,
    apiKey: account.config.api_key,
    close: async () => {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
