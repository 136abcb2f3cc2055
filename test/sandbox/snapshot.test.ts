// The sandbox's snapshot on real files: a restart from it has the same balances, orders (open ones back on the
// book in time priority), trades and next ids, and the market maker goes on quoting; an unreadable file is kept
// aside and the exchange starts afresh.

import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoAccount, MARKET_MAKER_UID, startSandbox, type Sandbox } from '../../main/sandbox/index';

const dirs: string[] = [];
const sandboxes: Sandbox[] = [];
afterEach(async () => {
  for (const s of sandboxes.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(file: string, account: ReturnType<typeof createDemoAccount>, lines: string[] = []): Promise<Sandbox> {
  const sandbox = await startSandbox({ accounts: [account.config], seed: 9, historyHours: 1, snapshotFile: file, log: (l) => lines.push(l) });
  sandboxes.push(sandbox);
  return sandbox;
}

describe('sandbox snapshot', () => {
  it('a restart continues with the same balances, orders, book, trades and ids', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oceanex-snapshot-'));
    dirs.push(dir);
    const file = join(dir, 'state.json');
    const account = createDemoAccount();
    const first = await start(file, account);
    const uid = account.config.uid;
    first.exchange.placeOrder(uid, { market: 'vetusdt', side: 'buy', price: '0.001', volume: '100' });
    first.exchange.placeOrder(uid, { market: 'vetusdt', side: 'buy', price: '0.001', volume: '200' });
    first.exchange.placeOrder(uid, { market: 'vetusdt', side: 'sell', price: '0.01', volume: '50' }); // trades against the market maker
    // What a client changed is saved before its reply; here the test saves as the server would.
    const expected = { balances: first.exchange.balances(uid), mm: first.exchange.balances(MARKET_MAKER_UID), trades: first.exchange.trades().length, orders: first.exchange.orders().length };
    await first.close();
    const { SnapshotFile } = await import('../../main/sandbox/snapshot');
    new SnapshotFile(file).write(first.exchange, Date.now());

    const lines: string[] = [];
    const second = await start(file, account, lines);
    expect(lines.some((l) => l.startsWith(`state restored from ${file}`))).toBe(true);
    expect(lines.some((l) => l.startsWith('history:'))).toBe(false); // no second history on top
    expect(second.exchange.balances(uid)).toEqual(expected.balances);
    expect(second.exchange.balances(MARKET_MAKER_UID)).toEqual(expected.mm);
    expect(second.exchange.trades()).toHaveLength(expected.trades);
    expect(second.exchange.orders()).toHaveLength(expected.orders);
    const mine = second.exchange.openOrders(uid).items.map((o) => [o.id, String(o.remaining)]);
    expect(mine).toEqual(first.exchange.openOrders(uid).items.map((o) => [o.id, String(o.remaining)]));
    // Both books in the same price-time priority: a sell walking every bid meets the same orders in the same order.
    const walk = (sandbox: Sandbox) => sandbox.exchange.book('vetusdt').plan('ask', 10n ** 40n, 1n).map((f) => [f.maker.id, String(f.volume)]);
    expect(walk(second)).toEqual(walk(first));
    expect(walk(second).length).toBeGreaterThan(5);
    const next = second.exchange.placeOrder(uid, { market: 'vetusdt', side: 'buy', price: '0.001', volume: '1' });
    expect(next.id).toBeGreaterThan(Math.max(...first.exchange.orders().map((o) => o.id)));
    for (const currency of ['usdt', 'vet']) expect(second.exchange.totals(currency)).toBe(first.exchange.totals(currency));
  });

  it('an unreadable snapshot is kept aside with a log line, and the exchange starts afresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oceanex-snapshot-'));
    dirs.push(dir);
    const file = join(dir, 'state.json');
    writeFileSync(file, '{"version":1,"accounts":');
    const lines: string[] = [];
    const account = createDemoAccount();
    const sandbox = await start(file, account, lines);
    expect(lines.some((l) => /could not be read .*; kept as .*state\.json\.corrupt-.*, starting afresh/.test(l))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
    expect(sandbox.exchange.balances(account.config.uid).usdt).toEqual({ balance: '100000.0', locked: '0.0' });
    expect(existsSync(file)).toBe(true); // a fresh snapshot was written
  });
});
