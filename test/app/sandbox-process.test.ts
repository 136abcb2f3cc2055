// The app with its built-in sandbox in its own process (forked here, a utilityProcess in the app): balances and
// orders survive an app restart, and "Reset sandbox" forgets them only after main's question is answered yes —
// through the real IPC handler, as the Settings button calls it.

import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers, type DialogPort } from '../../main/ipc/handlers';
import { forkSandboxLauncher } from '../../main/sandbox/process/fork-launcher';
import { SKIP_KEYCHAIN } from '../services/keychain-env';
import { cancellingDialogs } from './dialogs';
import { startTestApp, type TestApp } from './harness';
import { ScriptedConfirm } from './scripted-confirm';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.cleanup();
});

const order = { market: 'vetusdt', side: 'buy', price: '0.001', volume: '2000', ord_type: 'limit' };

async function openOrderIds(app: TestApp): Promise<number[]> {
  const result = await app.controller.session.run(9, { market: 'vetusdt', ord_type: 'limit' });
  if (!result.ok) throw new Error(result.error);
  return (result.value.reply!.data as { resources: Array<{ id: number }> }).resources.map((o) => o.id);
}

async function loggedIn(app: TestApp, after = 0): Promise<void> {
  await app.waitFor('event:session', (s) => s.state === 'open', { after, timeoutMs: 20_000 });
  const login = await app.controller.session.run(1, {});
  if (!login.ok) throw new Error(login.error);
}

const noDialogs = (confirm: ScriptedConfirm): DialogPort => cancellingDialogs({ confirm: (q) => confirm.confirm(q) });

describe.skipIf(SKIP_KEYCHAIN)('the app with its sandbox in its own process', () => {
  it('keeps balances and orders across an app restart; Reset sandbox asks first, then forgets them', async () => {
    const confirm = new ScriptedConfirm();
    confirm.answer = 'yes';
    let app = await startTestApp({ sandboxLauncher: forkSandboxLauncher(), confirm, sandboxOptions: { seed: 4 } });
    apps.push(app);
    expect(app.controller.sandboxProcess?.pid).toBeGreaterThan(0);
    expect(app.controller.builtInSandbox).toBeUndefined(); // not in this process
    await loggedIn(app);
    const placed = await app.controller.session.run(6, order);
    expect(placed.ok).toBe(true);
    const ids = await openOrderIds(app);
    expect(ids).toHaveLength(1);

    apps.pop();
    app = await app.restart();
    apps.push(app);
    await loggedIn(app);
    expect(await openOrderIds(app)).toEqual(ids);

    const handlers = createHandlers(app.controller, noDialogs(confirm));
    confirm.answer = 'no';
    const declined = await handlers['sandbox:reset']();
    expect(declined).toEqual({ ok: false, error: 'Not done: the confirmation was answered No (or closed). The sandbox keeps its balances and orders.' });
    expect(confirm.lastText()).toMatch(/^Reset sandbox\nReset the built-in sandbox exchange\?\nEvery balance, order and trade of the built-in sandbox is forgotten/);
    expect(confirm.lastText()).toMatch(/Saved state: .*sandbox-state\.json/);
    expect(await openOrderIds(app)).toEqual(ids);

    confirm.answer = 'yes';
    const mark = app.events.length;
    expect(await handlers['sandbox:reset']()).toEqual({ ok: true, value: 'The built-in sandbox was reset: starting balances, no orders. The session reconnects by itself.' });
    await loggedIn(app, mark);
    expect(await openOrderIds(app)).toEqual([]);
  }, 90_000);

  it('without its own process there is no saved state to reset, and it says so', async () => {
    const app = await startTestApp({});
    apps.push(app);
    const handlers = createHandlers(app.controller, noDialogs(new ScriptedConfirm()));
    expect(await handlers['sandbox:reset']()).toEqual({ ok: false, error: expect.stringMatching(/keeps no saved state in this run/) });
  });
});
