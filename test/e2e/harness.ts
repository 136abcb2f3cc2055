// Runs the built renderer in real Chromium against the real app: AppController (built-in sandbox, real keychain,
// real log file) behind the real IPC handlers, reached from the page through the real preload createApi over a
// transport made of page.exposeFunction (invoke) and page.evaluate (events).
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import type { EventChannel, EventMap, InvokeChannel } from '../../preload/contract';
import { AppController } from '../../main/app/controller';
import { createHandlers, type DialogPort, type Handlers } from '../../main/ipc/handlers';
import { requireKeychain } from '../services/keychain-env';
import { ensureRendererBuilt, preloadApiIife, RENDERER_OUT, ROOT } from './build';
import { serveDirectory, type StaticServer } from './static-server';

export const SCREENSHOT_DIR = join(ROOT, 'test-output/screenshots');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What the test decides the main-process dialogs answer. */
export interface ScriptedDialogs extends DialogPort {
  keyFile: string | null;
  exportPath: string | null;
  readonly revealed: string[];
}

export interface Harness {
  readonly page: Page;
  readonly controller: AppController;
  readonly handlers: Handlers;
  readonly dialogs: ScriptedDialogs;
  readonly dir: string;
  /** Console errors and CSP violations the page reported. */
  readonly pageProblems: string[];
  /** Sends an event to the page the way main does (e.g. the menu's event:navigate); resolves once delivered. */
  emit<C extends EventChannel>(channel: C, payload: EventMap[C]): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchChromium(profileDir: string, colorScheme: 'light' | 'dark' = 'light'): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1320, height: 820 },
    colorScheme,
  });
}

/** The page's transport: invoke through the exposed function, events through a dispatcher main calls. */
export function transportScript(apiIife: string): string {
  return `${apiIife}
;(() => {
  const listeners = new Map();
  window.__oceanexDispatch = (channel, payload) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) listener(payload);
  };
  const transport = {
    invoke: (channel, ...args) => window.__oceanexInvoke(channel, args),
    subscribe(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return () => listeners.get(channel).delete(listener);
    },
  };
  window.oceanex = OceanexPreload.createApi(transport);
})();`;
}

export async function startHarness(options: { colorScheme?: 'light' | 'dark'; name?: string } = {}): Promise<Harness> {
  // The app keeps keys in the OS keychain: without a Secret Service, fail now with instructions.
  const secrets = await requireKeychain();
  await ensureRendererBuilt();
  const apiIife = await preloadApiIife();
  const dir = mkdtempSync(join(tmpdir(), `oceanex-e2e-${options.name ?? 'run'}-`));

  // Events are forwarded in order; those emitted before the page exists are dropped (the page asks for state).
  let page: Page | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  const emit = <C extends EventChannel>(channel: C, payload: EventMap[C]): Promise<unknown> => {
    const target = page;
    if (!target) return chain;
    chain = chain.then(() =>
      target
        .evaluate(([c, p]) => (window as unknown as { __oceanexDispatch?: (c: string, p: unknown) => void }).__oceanexDispatch?.(c, p), [channel, payload] as const)
        .catch(() => undefined),
    );
    return chain;
  };

  const controller = await AppController.create({
    paths: { userData: join(dir, 'userData'), logs: join(dir, 'logs') },
    secrets,
    emit,
    builtInSandbox: true,
    // Pings every 2 s so the status bar's heartbeat is exercised; a fixed market-maker seed for stable books.
    sandboxOptions: { pingIntervalSeconds: 2, seed: 7 },
    keychainService: `OceanEx WS Client e2e ${process.pid} ${Date.now()}`,
  });
  const dialogs: ScriptedDialogs = {
    keyFile: null,
    exportPath: null,
    revealed: [],
    pickKeyFile: async () => dialogs.keyFile,
    pickExportPath: async () => dialogs.exportPath,
    revealFile: (path) => void dialogs.revealed.push(path),
  };
  const handlers = createHandlers(controller, dialogs);

  let server: StaticServer | undefined;
  let context: BrowserContext | undefined;
  try {
    server = await serveDirectory(RENDERER_OUT);
    context = await launchChromium(join(dir, 'chromium'), options.colorScheme);
    const p = context.pages()[0] ?? (await context.newPage());
    const pageProblems: string[] = [];
    p.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) pageProblems.push(m.text());
    });
    p.on('pageerror', (e) => pageProblems.push(`pageerror: ${e.message}`));
    await p.exposeFunction('__oceanexInvoke', (channel: InvokeChannel, args: unknown[]) => {
      const handler = handlers[channel];
      return handler ? handler(...(Array.isArray(args) ? args : [])) : { ok: false, error: `unknown channel ${String(channel)}` };
    });
    await p.addInitScript(transportScript(apiIife));
    page = p;
    await p.goto(server.url);
    await p.locator('.statusbar').waitFor();
    const srv = server;
    const ctx = context;
    return {
      page: p,
      controller,
      handlers,
      dialogs,
      dir,
      pageProblems,
      emit: async (channel, payload) => {
        await emit(channel, payload);
      },
      async screenshot(name) {
        await mkdir(SCREENSHOT_DIR, { recursive: true });
        const file = join(SCREENSHOT_DIR, `${name}.png`);
        await p.screenshot({ path: file, fullPage: false });
        return file;
      },
      async close() {
        page = undefined;
        await ctx.close().catch(() => undefined);
        await srv.close();
        await controller.dispose();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await server?.close();
    await controller.dispose();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
