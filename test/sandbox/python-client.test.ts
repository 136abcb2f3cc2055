// OceanEx's own kind of client against the sandbox: Python's websocket-client (what ws_client.py uses) at its
// defaults sends "Origin: http://127.0.0.1:PORT" — its own host, not a web page — and must be able to log in,
// place an order and cancel it. Needs Debian's python3-websocket and python3-cryptography (installed by .ci/run).

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccount, startSandbox, type Sandbox } from '../../main/sandbox/index';

/** Debian's interpreter, where apt's python3-websocket lives (a pyenv or venv python3 on PATH may lack it). */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const SCRIPT = join(__dirname, 'python_ws_client.py');

let sandbox: Sandbox;
let dir: string;
const lines: string[] = [];
const account = createDemoAccount();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oceanex-python-client-'));
  sandbox = await startSandbox({ accounts: [account.config], seed: 3, historyHours: 0, log: (l) => lines.push(l) });
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

function runPython(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [SCRIPT, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${PYTHON} ${SCRIPT} failed: ${error.message}\n${stderr}\n(needs apt packages python3-websocket and python3-cryptography)`));
      else resolve(stdout);
    });
  });
}

describe("Python's websocket-client at its defaults", () => {
  it('logs in with the demo key, places an order and cancels it', async () => {
    const keyFile = join(dir, 'key.pem');
    writeFileSync(keyFile, account.privateKeyPem, { mode: 0o600 });
    const stdout = await runPython([sandbox.url, account.config.uid, account.config.api_key, keyFile, '0.001', '1000']);
    const replies = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(replies[0]).toEqual({ welcome: { type: 'welcome', message: 60 } });
    expect(replies[1]).toMatchObject({ handler: 'AuthHandler', action: 'login', code: 0 });
    expect(replies[2]).toMatchObject({ handler: 'OrderHandler', action: 'create', code: 0, data: { market: 'vetusdt', side: 'bid', price: '0.001', state: 'wait' } });
    const id = (replies[2]!.data as { id: number }).id;
    expect(replies[3]).toMatchObject({ handler: 'OrderHandler', action: 'cancel', code: 0, data: [id] });
    expect(sandbox.exchange.order(id)?.state).toBe('cancel');
    expect(sandbox.exchange.balances(account.config.uid).usdt).toEqual({ balance: '100000.0', locked: '0.0' });
    expect(lines.some((l) => l.includes('refused'))).toBe(false);
  });
});
