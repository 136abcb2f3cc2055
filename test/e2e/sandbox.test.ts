// The built-in sandbox in its own process, seen by the person in real Chromium: when it dies the app says so and
// carries on (a notice, the session reconnects), and Settings' "Reset sandbox…" forgets its orders only after
// main's native question is answered yes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkSandboxLauncher } from '../../main/sandbox/process/fork-launcher';
import { startHarness, type Harness } from './harness';
import { go, waitForText } from './ui';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ name: 'sandbox', sandboxLauncher: forkSandboxLauncher() });
  await waitForText(h.page.locator('[data-testid="sb-state"]'), /^Connected/);
});

afterAll(async () => {
  await h?.close();
});

async function ok(choice: number, fields: Record<string, string> = {}): Promise<void> {
  const result = await h.controller.session.run(choice, fields);
  if (!result.ok) throw new Error(`choice ${choice}: ${result.error} ${JSON.stringify(h.controller.session.status())} ${await h.page.locator('[data-testid="sb-state"]').textContent()}`);
}

async function openOrders(): Promise<unknown[]> {
  const result = await h.controller.session.run(9, { market: 'vetusdt', ord_type: 'limit' });
  if (!result.ok) throw new Error(result.error);
  return (result.value.reply!.data as { resources: unknown[] }).resources;
}

describe('the sandbox in its own process', () => {
  it('a killed sandbox is announced, restarted, and the status bar comes back to Connected', async () => {
    const { page, controller } = h;
    const pid = controller.sandboxProcess!.pid!;
    process.kill(pid, 'SIGKILL');
    await waitForText(page.locator('.notices'), new RegExp(`The built-in sandbox \\(127\\.0\\.0\\.1:${controller.sandboxProcess!.port}\\) stopped: the sandbox process ended \\(signal SIGKILL\\)\\. Starting it again in`));
    await waitForText(page.locator('.notices'), 'The built-in sandbox is running again');
    await waitForText(page.locator('[data-testid="sb-state"]'), /^Connected/, 30_000);
    expect(controller.sandboxProcess!.pid).not.toBe(pid);
    await h.screenshot('sandbox-restarted-notices');
  });

  it('Reset sandbox… asks in main first; no keeps the orders, yes forgets them', async () => {
    const { page, dialogs } = h;
    await ok(1);
    dialogs.answer = 'yes';
    await ok(6, { market: 'vetusdt', side: 'buy', price: '0.001', volume: '2000', ord_type: 'limit' });
    expect(await openOrders()).toHaveLength(1);

    const s = await go(page, 'settings');
    const panel = s.locator('[data-testid="sandbox-panel"]');
    await h.screenshot('settings-sandbox-panel');
    dialogs.answer = 'no';
    await panel.getByRole('button', { name: 'Reset sandbox…' }).click();
    await waitForText(panel.locator('[data-testid="sandbox-error"]'), 'The sandbox keeps its balances and orders.');
    expect(dialogs.questions.at(-1)).toMatchObject({ title: 'Reset sandbox', yesLabel: 'Reset sandbox' });
    expect(await openOrders()).toHaveLength(1);

    dialogs.answer = 'yes';
    await panel.getByRole('button', { name: 'Reset sandbox…' }).click();
    await waitForText(page.locator('.notices'), 'The built-in sandbox was reset: starting balances, no orders.');
    expect(await panel.locator('[data-testid="sandbox-error"]').count()).toBe(0);
    await waitForText(page.locator('[data-testid="sb-state"]'), /^Connected/, 30_000);
    await ok(1);
    expect(await openOrders()).toEqual([]);
  });
});
