// Runs the built renderer in real Chromium against the real app: App (built-in sandbox, real keychain,
// real log file) behind the real IPC handlers, reached from the page through the real preload createApi over a
// transport made of page.exposeFunction (invoke) and page.evaluate (events).
import type { SandboxLauncher } from '../../main/sandbox/process/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import type { EventChannel, EventMap, InvokeChannel } from '../../shared/ipc/channels';
import type { ConfirmQuestion } from '../../main/app/confirmation';
import { App } from '../../main/app/app';
import { createHandlers, type DialogPort, type Handlers } from '../../main/ipc/handlers';
import type { SaveKind } from '../../main/services/session-files';
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
  /** What the scenario open dialog answers. */
  scenarioFile: string | null;
  /** What the save dialog of an export or a generated program answers, and what it was asked to offer. */
  savePath: string | null;
  readonly saved: Array<{ name: string; kind: SaveKind }>;
  /** What the open dialog of "Import session…" answers. */
  sessionFile: string | null;
  readonly revealed: string[];
  /** How main's confirmation questions are answered (default yes: the browser tests act as a person who agrees). */
  answer: 'yes' | 'no';
  /** Every question main asked, in order, exactly as the native dialog would show it. */
  readonly questions: ConfirmQuestion[];
  /** Keeps the next question on screen (drawn into the page) until `decide`; resolves once it is shown. */
  holdNext(): Promise<ConfirmQuestion>;
  decide(answer: 'yes' | 'no'): void;
}

/**
 * Draws main's question into the page the way the native message box would look, so that screenshots show what
 * the person is asked. Test-only: the app's renderer has no such element; the harness adds it with page.evaluate
 * (DOM and CSSOM only, so the app's CSP is not touched) and removes it once the question is answered.
 */
function showQuestionScript(question: ConfirmQuestion): string {
  return `(() => {
  const q = ${JSON.stringify(question)};
  document.getElementById('harness-native-dialog')?.remove();
  const shade = document.createElement('div');
  shade.id = 'harness-native-dialog';
  shade.dataset.testid = 'native-question';
  Object.assign(shade.style, { position: 'fixed', inset: '0', background: 'rgba(0,0,0,0.35)', display: 'flex', alignItems: 'center', justifyContent: 'center', zIndex: '2147483647' });
  const box = document.createElement('div');
  Object.assign(box.style, { background: '#f4f4f4', color: '#111', font: '13px system-ui, sans-serif', width: '560px', borderRadius: '8px', boxShadow: '0 12px 40px rgba(0,0,0,0.45)', border: '1px solid #999' });
  const bar = document.createElement('div');
  Object.assign(bar.style, { background: '#dcdcdc', padding: '6px 12px', borderRadius: '8px 8px 0 0', fontWeight: '600' });
  bar.textContent = q.title + '  —  native dialog of the main process (drawn by the test harness)';
  const body = document.createElement('div');
  Object.assign(body.style, { padding: '14px 18px' });
  const message = document.createElement('div');
  Object.assign(message.style, { fontWeight: '700', fontSize: '15px', marginBottom: '8px' });
  message.textContent = '\u26A0 ' + q.message;
  const detail = document.createElement('pre');
  Object.assign(detail.style, { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', font: '12px ui-monospace, monospace', margin: '0 0 12px' });
  detail.textContent = q.detail;
  body.append(message, detail);
  if (q.dontAskAgain) {
    const check = document.createElement('div');
    check.textContent = '\u2610 ' + q.dontAskAgain.label;
    body.append(check);
  }
  const buttons = document.createElement('div');
  Object.assign(buttons.style, { display: 'flex', justifyContent: 'flex-end', gap: '8px', marginTop: '12px' });
  for (const [label, isDefault] of [[q.yesLabel, false], ['Cancel', true]]) {
    const b = document.createElement('span');
    Object.assign(b.style, { padding: '4px 14px', border: isDefault ? '2px solid #2a6df4' : '1px solid #888', borderRadius: '4px', background: '#fff' });
    b.textContent = label;
    buttons.append(b);
  }
  body.append(buttons);
  box.append(bar, body);
  shade.append(box);
  document.body.append(shade);
})()`;
}

const HIDE_QUESTION_SCRIPT = "document.getElementById('harness-native-dialog')?.remove()";

export interface Harness {
  readonly page: Page;
  readonly controller: App;
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

export async function startHarness(options: { colorScheme?: 'light' | 'dark'; name?: string; sandboxLauncher?: SandboxLauncher } = {}): Promise<Harness> {
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

  const controller = await App.create({
    paths: { userData: join(dir, 'userData'), logs: join(dir, 'logs') },
    secrets,
    emit,
    // main asks this person before anything irreversible (defined below; asked only after start-up).
    confirm: { confirm: (question) => dialogs.confirm(question) },
    builtInSandbox: true,
    ...(options.sandboxLauncher ? { sandboxLauncher: options.sandboxLauncher } : {}),
    // Pings every 2 s so the status bar's heartbeat is exercised; a fixed market-maker seed for stable books.
    sandboxOptions: { pingIntervalSeconds: 2, seed: 7 },
    keychainService: `OceanEx WS Client e2e ${process.pid} ${Date.now()}`,
  });
  // holdNext() arms `pendingHold`; the next question is then drawn into the page and waits in `showing` for decide().
  let pendingHold: ((question: ConfirmQuestion) => void) | undefined;
  let showing: ((answer: 'yes' | 'no') => void) | undefined;
  const dialogs: ScriptedDialogs = {
    keyFile: null,
    exportPath: null,
    scenarioFile: null,
    savePath: null,
    saved: [],
    sessionFile: null,
    revealed: [],
    answer: 'yes',
    questions: [],
    async confirm(question) {
      dialogs.questions.push(question);
      const shown = pendingHold;
      pendingHold = undefined;
      const target = page;
      if (!shown || !target) return dialogs.answer === 'yes';
      await target.evaluate(showQuestionScript(question)).catch(() => undefined);
      const decided = await new Promise<'yes' | 'no'>((resolve) => {
        showing = resolve;
        shown(question);
      });
      showing = undefined;
      await target.evaluate(HIDE_QUESTION_SCRIPT).catch(() => undefined);
      return decided === 'yes';
    },
    holdNext: () => new Promise<ConfirmQuestion>((resolve) => (pendingHold = resolve)),
    decide(answer) {
      if (!showing) throw new Error('no question is on screen');
      showing(answer);
    },
    pickKeyFile: async () => dialogs.keyFile,
    pickExportPath: async () => dialogs.exportPath,
    pickScenarioFile: async () => dialogs.scenarioFile,
    pickSavePath: async (name, kind) => {
      dialogs.saved.push({ name, kind });
      return dialogs.savePath;
    },
    pickSessionFile: async () => dialogs.sessionFile,
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
        showing?.('no'); // a question a failed test left on screen must not keep the app from quitting
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
