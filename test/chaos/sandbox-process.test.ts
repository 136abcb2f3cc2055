// The sandbox in its own process (child_process.fork, as in tests and the terminal client; the app uses Electron's
// utilityProcess behind the same interface): kill -9 it in the middle of a logged-in session and main — this test
// process — lives on, reports the death, starts it again on the same port, the session reconnects and logs in by
// itself, and the account's balances and open order are exactly as they were. Reset forgets them.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { choiceById, validateFields, type ChoiceSpec } from '../../shared/oceanex/catalogue';
import { Session } from '../../main/oceanex/session';
import { createDemoAccount } from '../../main/sandbox/index';
import { forkSandboxLauncher } from '../../main/sandbox/process/fork-launcher';
import { SandboxSupervisor, type SandboxPhase } from '../../main/sandbox/process/supervisor';
import { keySigner, waitForState } from '../oceanex/session-helpers';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function run(session: Session, id: string, fields: Record<string, string> = {}): Promise<{ code: number; data: unknown }> {
  const choice = choiceById(id) as ChoiceSpec;
  const values = validateFields(choice, fields);
  if (!values.ok) throw new Error(`bad fields for ${id}: ${JSON.stringify(values.errors)}`);
  const { reply } = await session.request(choice, values.values);
  return { code: reply.code, data: reply.data };
}

async function setup(): Promise<{ supervisor: SandboxSupervisor; session: Session; phases: SandboxPhase[]; lines: string[]; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-sandbox-process-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const account = createDemoAccount();
  const phases: SandboxPhase[] = [];
  const lines: string[] = [];
  const supervisor = new SandboxSupervisor({
    launch: forkSandboxLauncher(),
    options: { port: 0, snapshotFile: join(dir, 'sandbox-state.json'), accounts: [account.config], seed: 5, historyHours: 1, pingIntervalSeconds: 60 },
    log: (line) => lines.push(line),
    onPhase: (phase) => phases.push(phase),
    backoff: { initialMs: 100, maxMs: 1_000 },
  });
  cleanups.push(() => supervisor.close());
  await supervisor.start();
  const session = new Session({ url: supervisor.url, requestTimeoutMs: 10_000, backoff: { initialMs: 100, maxMs: 500 } });
  cleanups.push(() => session.dispose());
  await session.connect();
  await session.login(keySigner(account.privateKeyPem, account.config.uid, account.config.api_key));
  return { supervisor, session, phases, lines, dir };
}

describe('chaos: the sandbox in its own process', () => {
  it('kill -9 mid-session: main lives, says so, restarts it on the same port; the session comes back; balances and orders are intact', async () => {
    const { supervisor, session, phases, lines } = await setup();
    const placed = await run(session, 'newOrder', { market: 'vetusdt', side: 'buy', price: '0.001', volume: '5000', ord_type: 'limit' });
    expect(placed.code).toBe(0);
    const orderId = (placed.data as { id: number }).id;
    const before = await run(session, 'account');
    const firstPid = supervisor.pid!;
    const url = supervisor.url;

    process.kill(firstPid, 'SIGKILL');

    await expect.poll(() => phases.some((p) => p.phase === 'restarting' && p.reason === 'the sandbox process ended (signal SIGKILL)'), { timeout: 10_000 }).toBe(true);
    await supervisor.whenReady();
    expect(supervisor.pid).not.toBe(firstPid);
    expect(supervisor.url).toBe(url);
    expect(lines).toContainEqual(expect.stringMatching(/^the sandbox process ended \(signal SIGKILL\); starting it again in \d+ ms \(attempt 1\)$/));
    // The session's own automatic reconnect (with re-login) brings it back.
    await waitForState(session, 'authenticated', 20_000);
    expect(await run(session, 'account')).toEqual(before);
    const open = await run(session, 'openOrders', { market: 'vetusdt', ord_type: 'limit' });
    expect((open.data as { resources: Array<{ id: number; state: string }> }).resources).toContainEqual(expect.objectContaining({ id: orderId, state: 'wait' }));
    const cancelled = await run(session, 'cancelOrders', { ids: String(orderId) });
    expect(cancelled).toEqual({ code: 0, data: [orderId] });
    // A new order continues the ids, it does not start over.
    const next = await run(session, 'newOrder', { market: 'vetusdt', side: 'buy', price: '0.001', volume: '10', ord_type: 'limit' });
    expect((next.data as { id: number }).id).toBeGreaterThan(orderId);
  }, 60_000);

  it('a sandbox that keeps dying is restarted with growing delays; reset forgets balances and orders', async () => {
    const { supervisor, session, phases } = await setup();
    await run(session, 'newOrder', { market: 'vetusdt', side: 'buy', price: '0.001', volume: '5000', ord_type: 'limit' });
    for (let i = 0; i < 3; i += 1) {
      await supervisor.whenReady();
      process.kill(supervisor.pid!, 'SIGKILL');
      await expect.poll(() => phases.filter((p) => p.phase === 'restarting').length, { timeout: 10_000 }).toBe(i + 1);
    }
    const delays = phases.flatMap((p) => (p.phase === 'restarting' ? [p] : []));
    expect(delays.map((p) => p.attempt)).toEqual([1, 2, 3]);
    expect(delays[2]!.inMs).toBeGreaterThan(delays[0]!.inMs);
    await supervisor.whenReady();
    await waitForState(session, 'authenticated', 20_000);
    const locked = await run(session, 'account');
    expect(JSON.stringify(locked.data)).toContain('"locked":"5.0"');

    await supervisor.reset();
    await waitForState(session, 'authenticated', 20_000);
    const open = await run(session, 'openOrders', { market: 'vetusdt', ord_type: 'limit' });
    expect((open.data as { resources: unknown[] }).resources).toEqual([]);
    expect(JSON.stringify((await run(session, 'account')).data)).not.toContain('"locked":"5.0"');
  }, 90_000);
});
