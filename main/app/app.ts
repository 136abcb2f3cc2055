// The app in main: builds the shared stores (settings, keychain, key bindings, log, the built-in sandbox, the one
// confirmation gate) and composes the services the IPC handlers call, one per concern. Plain Node (no Electron
// import), so the tests and the browser e2e harness drive exactly the code the app runs.
//
// A new feature adds its own service file (taking the AppContext and the services it builds on) and one line
// below; its channels' handlers in main/ipc/handlers.ts call it.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_FILE_NAME, PRODUCT_NAME } from '../../shared/constants';
import { createDemoAccount, startSandbox, type Sandbox } from '../sandbox/index';
import { AppLog } from '../services/app-log';
import { KeyBindings } from '../services/key-binding';
import { KeyStore } from '../services/key-store';
import type { SecretStore } from '../services/secret-store';
import { SessionFiles } from '../services/session-files';
import { SettingsStore } from '../services/settings';
import { AppContext, type AppPaths, type BuiltInSandbox, type Emit } from './app-context';
import { ConfirmationGate, REFUSE_ALL, type ConfirmPort } from './confirmation';
import { userMessage } from './errors';
import { KeyService } from './key-service';
import { LogService } from './log-service';
import { ProfileService } from './profile-service';
import { RequestTools, type RequestToolsOptions } from './request-tools';
import { loadOrCreateSandboxAccount, type SandboxAccount } from './sandbox-account';
import { SANDBOX_STATE_FILE, startSandboxProcess } from './sandbox-process';
import type { SandboxLauncher } from '../sandbox/process/protocol';
import { SandboxSupervisor } from '../sandbox/process/supervisor';
import { SandboxService } from './sandbox-service';
import { ScenarioService } from './scenario-service';
import { SessionService } from './session-service';

export type { AppPaths, Emit } from './app-context';

export interface AppOptions extends RequestToolsOptions {
  readonly paths: AppPaths;
  readonly secrets: SecretStore;
  readonly emit: Emit;
  /** Default true: start the sandbox in-process on a free loopback port (127.0.0.1:0). */
  readonly builtInSandbox?: boolean;
  /** Built-in sandbox tuning (tests and the e2e harness: short heartbeats, a fixed market-maker seed). */
  readonly sandboxOptions?: { readonly pingIntervalSeconds?: number; readonly seed?: number };
  /**
   * Runs the built-in sandbox in its own process (Electron's utilityProcess in the app, a fork in tests), so
   * nothing that happens to it reaches main; its balances and orders are kept in userData. Without one it runs
   * in this process and starts afresh each time (tests that inspect the exchange directly).
   */
  readonly sandboxLauncher?: SandboxLauncher;
  /** Keychain service name; tests use a unique one per run so they never touch the user's entries. */
  readonly keychainService?: string;
  /**
   * The person's yes for orders, cancels, key and profile removal and moving a keyed profile to another endpoint:
   * a native dialog in the app, a scripted answer in tests. Without one every such question is answered no.
   */
  readonly confirm?: ConfirmPort;
  /** The app's version, named as the creator of exported HAR files. */
  readonly version?: string;
}

export class App {
  readonly keys: KeyService;
  readonly session: SessionService;
  readonly profiles: ProfileService;
  readonly requests: RequestTools;
  readonly logs: LogService;
  readonly scenarios: ScenarioService;
  /** Sessions and generated programs as files (export, import, save code). */
  readonly sessionFiles: SessionFiles;
  readonly sandbox: SandboxService;

  private constructor(
    private readonly ctx: AppContext,
    options: AppOptions,
  ) {
    this.logs = new LogService(ctx.log, ctx.emit);
    this.sandbox = new SandboxService(ctx);
    this.keys = new KeyService(ctx);
    this.session = new SessionService(ctx, this.keys);
    this.profiles = new ProfileService(ctx, this.keys, this.session);
    this.requests = new RequestTools(ctx, this.session, options.paths.userData, options);
    this.scenarios = ScenarioService.forApp(ctx, this.session);
    this.sessionFiles = new SessionFiles({ log: ctx.log, endpointUrl: () => this.session.status().endpoint, creator: { name: PRODUCT_NAME, version: options.version ?? 'unknown' } });
  }

  static async create(options: AppOptions): Promise<App> {
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
    const keyStore = new KeyStore({ dir: paths.userData, secrets: options.secrets, ...(options.keychainService ? { service: options.keychainService } : {}) });

    let sandbox: BuiltInSandbox | undefined;
    let demo: SandboxAccount | undefined;
    if (options.builtInSandbox ?? true) {
      demo = loadOrCreateSandboxAccount(paths.userData, createDemoAccount);
      sandbox = options.sandboxLauncher
        ? await startSandboxProcess(options.sandboxLauncher, { ...options.sandboxOptions, port: 0, accounts: [demo.config], snapshotFile: join(paths.userData, SANDBOX_STATE_FILE) }, log, emit)
        : await startSandbox({ ...options.sandboxOptions, port: 0, accounts: [demo.config] });
      log.info(`Built-in sandbox listening at ${sandbox.url}`);
    }

    const gate = new ConfirmationGate(options.confirm ?? REFUSE_ALL);
    const ctx = new AppContext(emit, settings, keyStore, new KeyBindings(paths.userData), log, sandbox, demo, gate);
    const app = new App(ctx, options);
    try {
      await app.keys.provisionSandboxKeys();
    } catch (error) {
      // A locked keychain must not stop the app from starting: say so and carry on without a sandbox key.
      const message = `The sandbox key could not be stored in the keychain: ${userMessage(error)}`;
      log.warn(message);
      emit('event:notice', { level: 'warn', message });
    }
    await app.keys.bindUnboundKeys();
    await app.session.start();
    return app;
  }

  /** The built-in sandbox when it runs in this process (tests and the e2e harness inspect it or inject faults). */
  get builtInSandbox(): Sandbox | undefined {
    const sandbox = this.ctx.sandbox;
    return sandbox && 'exchange' in sandbox ? (sandbox as Sandbox) : undefined;
  }

  /** The built-in sandbox's own process, when it runs in one. */
  get sandboxProcess(): SandboxSupervisor | undefined {
    return this.ctx.sandbox instanceof SandboxSupervisor ? this.ctx.sandbox : undefined;
  }

  /** Quit: closes the socket, stops the sandbox, flushes and closes the log. Safe to call twice. */
  async dispose(): Promise<void> {
    if (this.ctx.disposed) return;
    this.ctx.markDisposed();
    await this.profiles.settled();
    this.requests.close();
    await this.session.close();
    await this.ctx.sandbox?.close().catch(() => undefined);
    await this.logs.close();
  }
}
