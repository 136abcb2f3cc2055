// The CLI as a person runs it: `npx tsx main/sandbox/cli.ts`, real files, a real login against the printed URL.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDemoAccount } from '../../main/sandbox/index';
import { TestClient } from './ws-client';

const ROOT = join(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-test-'));
const running = new Set<ChildProcess>();

interface Run {
  child: ChildProcess;
  output: () => string;
  /** Exit code once every process of the run closed its output (null when npx itself died of the signal). */
  exited: Promise<number | null>;
}

function run(args: string[]): Run {
  // detached: its own process group, so stopping it reaches npx, tsx and the node process it runs.
  const child = spawn('npx', ['tsx', 'main/sandbox/cli.ts', ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => out, exited };
}

async function urlOf(r: Run): Promise<string> {
  for (;;) {
    const m = /ws:\/\/127\.0\.0\.1:\d+\/ws\/v1/.exec(r.output());
    if (m) return m[0];
    const done = await Promise.race([r.exited.then(() => true), new Promise<boolean>((res) => setTimeout(() => res(false), 50))]);
    if (done) throw new Error(`cli exited before listening:\n${r.output()}`);
  }
}

function stop(r: Run): void {
  if (r.child.pid !== undefined && running.has(r.child)) process.kill(-r.child.pid, 'SIGTERM');
}

afterAll(() => {
  for (const child of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('sandbox cli', () => {
  it('creates a demo account, prints the URL, accepts a login with the written key.pem, stops cleanly on SIGTERM', async () => {
    const dataDir = join(dir, 'data');
    const r = run(['--port', '0', '--data-dir', dataDir, '--ping-interval', '7', '--history-hours', '1']);
    const url = await urlOf(r);
    const keyPath = join(dataDir, 'key.pem');
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    const uid = /uid (ID\w+)/.exec(r.output())?.[1] ?? '';
    const apiKey = /api key (KID\w+)/.exec(r.output())?.[1] ?? '';
    expect(r.output()).toContain(keyPath);
    expect(r.output()).not.toContain('PRIVATE KEY');
    const client = await TestClient.connect(url);
    expect(await client.waitFor(() => true)).toEqual({ type: 'welcome', message: 7 });
    expect((await client.login(uid, apiKey, readFileSync(keyPath, 'utf8'))).code).toBe(0);
    expect((await client.request('AccountHandler', 'index')).code).toBe(0);
    // One hour of history: twelve or thirteen 5-minute candles (the first step comes 1–10 minutes in).
    const candles = (await client.request('KlineHandler', 'index', { market_id: 'ethusdt', period: 5, limit: 100 })).data as unknown[];
    expect(candles.length).toBeGreaterThanOrEqual(11);
    expect(candles.length).toBeLessThanOrEqual(13);
    expect(r.output()).toMatch(/history: 1 h replayed, \d+ steps, \d+ trades/);
    // Its "listening" line is printed once, with the websocket URL and the REST key check.
    expect(r.output().match(/listening/g)).toHaveLength(1);
    expect(r.output()).toContain(`OceanEx sandbox listening on ${url} (REST ${url.replace('ws://', 'http://').replace('/ws/v1', '')}/v1/key)`);
    client.close();
    stop(r);
    await r.exited;
    // npx dies of the signal itself; the sandbox process under it closes and says so.
    expect(r.output()).toContain('SIGTERM: closing');
    expect(r.output()).toContain('sandbox closed');
  });

  it('serves the accounts of --accounts, with identical books and history for the same --seed', async () => {
    const account = createDemoAccount({ usdt: '5' }, 1024);
    const file = join(dir, 'accounts.json');
    writeFileSync(file, JSON.stringify({ accounts: [account.config] }));
    const runs = [run(['--port', '0', '--accounts', file, '--seed', '42']), run(['--port', '0', '--accounts', file, '--seed', '42'])];
    const books: unknown[] = [];
    const tickers: unknown[] = [];
    for (const r of runs) {
      const client = await TestClient.connect(await urlOf(r));
      expect((await client.login(account.config.uid, account.config.api_key, account.privateKeyPem)).code).toBe(0);
      const acct = (await client.request('AccountHandler', 'index')).data as { accounts: Array<{ currency: string; balance: string }> };
      expect(acct.accounts.find((x) => x.currency === 'usdt')?.balance).toBe('5.0');
      books.push((await client.request('OrderBookHandler', 'index', { market_id: 'btcusdt', level: 5 })).data);
      // The runs start at different instants: prices and volumes agree, `at` need not.
      const { at: _at, ...ticker } = ((await client.request('TickerHandler', 'index', { markets: 'btcusdt' })).data as Record<string, Record<string, unknown>>)['btcusdt'] ?? {};
      tickers.push(ticker);
      client.close();
      stop(r);
    }
    expect(books[0]).toEqual(books[1]);
    expect(tickers[0]).toEqual(tickers[1]);
    expect(tickers[0]).toMatchObject({ last: expect.not.stringMatching(/^0\.0$/), volume: expect.not.stringMatching(/^0\.0$/) });
    expect((books[0] as { asks: unknown[] }).asks).toHaveLength(5);
    for (const r of runs) {
      await r.exited;
      expect(r.output()).toContain('sandbox closed');
    }
    expect(runs[0]?.output()).not.toContain('demo account');
  });

  it('exits 2 with a clear message for a bad accounts file or --history-hours', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['missing.json', '', /cannot read accounts file .*missing\.json: ENOENT/],
      ['garbage.json', '{nope', /not valid JSON/],
      ['shape.json', '{"users":[]}', /expected \{"accounts":\[\.\.\.\]\}/],
      ['fields.json', '{"accounts":[{"uid":"ID1","public_key_pem":"x"}]}', /accounts\[0\]\.api_key must be a non-empty string/],
      ['key.json', '{"accounts":[{"uid":"ID1","api_key":"KID1","public_key_pem":"not a key"}]}', /accounts\[0\]\.public_key_pem is not an RSA public key/],
      ['balance.json', JSON.stringify({ accounts: [{ ...createDemoAccount({}, 1024).config, balances: { usdt: '-5' } }] }), /balances\.usdt must be a non-negative decimal/],
    ];
    const results = cases.map(([name, content, message]) => {
      const file = join(dir, name);
      if (content !== '') writeFileSync(file, content);
      return { r: run(['--port', '0', '--accounts', file]), message };
    });
    results.push({ r: run(['--port', '0', '--history-hours', '169']), message: /--history-hours must be at most 168/ });
    results.push({ r: run(['--port', '0', '--history-hours', '1.5']), message: /--history-hours must be an integer ≥ 0, got "1.5"/ });
    for (const { r, message } of results) {
      expect(await r.exited).toBe(2);
      expect(r.output()).toMatch(message);
    }
  });
});
