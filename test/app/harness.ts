// A real App (main/app/app.ts) for tests: real files in a temp userData, the real keychain under a unique service name,
// the built-in sandbox on a loopback port, and every emitted event recorded.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type AppPaths, type AppOptions } from '../../main/app/app';
import type { SecretStore } from '../../main/services/secret-store';
import type { EventChannel, EventMap } from '../../shared/ipc/channels';
import { requireKeychain, uniqueService } from '../services/keychain-env';
import { ScriptedConfirm } from './scripted-confirm';

export interface RecordedEvent<C extends EventChannel = EventChannel> {
  readonly channel: C;
  readonly payload: EventMap[C];
}

export interface TestApp {
  readonly controller: App;
  readonly paths: AppPaths;
  readonly events: RecordedEvent[];
  readonly secrets: SecretStore;
  readonly service: string;
  /** The person at main's confirmation dialog: answers no unless the test says otherwise. */
  readonly confirm: ScriptedConfirm;
  /** Events of one channel, in order. */
  of<C extends EventChannel>(channel: C): EventMap[C][];
  /** Resolves with the first recorded event of `channel` matching `test`, from index `after` of `events` on (default 0). */
  waitFor<C extends EventChannel>(channel: C, test: (payload: EventMap[C]) => boolean, options?: { after?: number; timeoutMs?: number }): Promise<EventMap[C]>;
  /** Disposes the controller (same userData stays for a restart). */
  stop(): Promise<void>;
  /** A new controller on the same userData and keychain service: an app restart. */
  restart(): Promise<TestApp>;
  /** Disposes, removes keychain entries and the temp folder. */
  cleanup(): Promise<void>;
}

export function tempPaths(prefix = 'oceanex-app-'): AppPaths {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return { userData: join(root, 'userData'), logs: join(root, 'logs') };
}

export interface TestAppOptions {
  readonly paths?: AppPaths;
  readonly service?: string;
  readonly builtInSandbox?: boolean;
  readonly sandboxOptions?: { readonly pingIntervalSeconds?: number; readonly seed?: number };
  readonly notifier?: AppOptions['notifier'];
  readonly watchClock?: AppOptions['watchClock'];
  readonly confirm?: ScriptedConfirm;
  /** Runs the built-in sandbox in its own process (as the app does), kept in userData. */
  readonly sandboxLauncher?: AppOptions['sandboxLauncher'];
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const secrets = await requireKeychain();
  const paths = options.paths ?? tempPaths();
  const service = options.service ?? uniqueService();
  const events: RecordedEvent[] = [];
  const waiters = new Set<() => void>();
  const confirm = options.confirm ?? new ScriptedConfirm();
  const controller = await App.create({
    confirm,
    paths,
    secrets,
    keychainService: service,
    builtInSandbox: options.builtInSandbox ?? true,
    sandboxOptions: { seed: 7, ...options.sandboxOptions },
    ...(options.notifier ? { notifier: options.notifier } : {}),
    ...(options.watchClock ? { watchClock: options.watchClock } : {}),
    ...(options.sandboxLauncher ? { sandboxLauncher: options.sandboxLauncher } : {}),
    emit: (channel, payload) => {
      events.push({ channel, payload } as RecordedEvent);
      for (const wake of [...waiters]) wake();
    },
  });
  let stopped = false;
  const app: TestApp = {
    controller,
    paths,
    events,
    secrets,
    service,
    confirm,
    of: <C extends EventChannel>(channel: C) => events.filter((e) => e.channel === channel).map((e) => e.payload as EventMap[C]),
    waitFor: <C extends EventChannel>(channel: C, test: (payload: EventMap[C]) => boolean, { after = 0, timeoutMs = 10_000 } = {}) =>
      new Promise<EventMap[C]>((resolve, reject) => {
        const check = (): boolean => {
          const found = events.slice(after).find((e) => e.channel === channel && test(e.payload as EventMap[C]));
          if (!found) return false;
          waiters.delete(wake);
          clearTimeout(timer);
          resolve(found.payload as EventMap[C]);
          return true;
        };
        const wake = () => void check();
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`no matching ${channel} event within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(wake);
        check();
      }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await controller.dispose();
    },
    restart: async () => {
      await app.stop();
      return startTestApp({ ...options, paths, service, confirm });
    },
    cleanup: async () => {
      const ids = controller.profiles.getSettings().profiles.map((p) => p.id);
      await app.stop();
      for (const id of ids) await secrets.delete(service, id).catch(() => false);
      rmSync(join(paths.userData, '..'), { recursive: true, force: true });
    },
  };
  return app;
}
