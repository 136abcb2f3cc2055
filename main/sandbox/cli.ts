// `npm run sandbox -- --port 0 [--accounts FILE] [--ping-interval S] [--seed N] [--history-hours N] [--data-dir DIR] [--no-market-maker] [--replay FILE]`
// Prints the ws:// URL once listening and serves until SIGINT/SIGTERM. Exit code 2 on bad arguments or accounts file.

import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AccountsFileError, loadAccountsFile } from './accounts-file';
import type { SandboxAccountConfig } from './auth';
import { createDemoAccount, DEFAULT_HISTORY_HOURS, MAX_HISTORY_HOURS, startSandbox } from './index';
import { loadReplayFile, ReplayFileError, type ReplayBook } from './replay';

const USAGE = `usage: sandbox [--port N] [--accounts FILE] [--ping-interval SECONDS] [--seed N] [--history-hours N] [--data-dir DIR] [--no-market-maker] [--replay FILE]
  --port            TCP port on 127.0.0.1 (0 = any free port; default 0)
  --accounts        JSON {"accounts":[{"uid","api_key","public_key_pem","balances":{...}}]};
                    without it a demo account with a fresh RSA key is created
  --ping-interval   heartbeat interval in seconds (default 60)
  --seed            seed of the market maker's quotes and the start-up history (deterministic books and trades)
  --history-hours   hours of trade history replayed at start-up, ending now (default ${DEFAULT_HISTORY_HOURS}, 0 = none,
                    at most ${MAX_HISTORY_HOURS}; needs the market maker)
  --data-dir        where the demo account's key.pem is written (default: a new temp dir)
  --replay          a recorded session (HAR or NDJSON, exported by the app or Chrome): each request is answered
                    with the recorded reply to the same handler/action (same args where recorded); logins are
                    not verified`;

class UsageError extends Error {}

function intOption(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

function writeDemoAccount(dataDir: string | undefined): SandboxAccountConfig {
  const dir = dataDir ? resolve(dataDir) : mkdtempSync(join(tmpdir(), 'oceanex-sandbox-'));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { config, privateKeyPem } = createDemoAccount();
  const keyPath = join(dir, 'key.pem');
  writeFileSync(keyPath, privateKeyPem, { mode: 0o600 });
  chmodSync(keyPath, 0o600); // an existing file keeps its old mode otherwise
  writeFileSync(join(dir, 'accounts.json'), `${JSON.stringify({ accounts: [config] }, null, 2)}\n`);
  console.log(`demo account: uid ${config.uid}  api key ${config.api_key}`);
  console.log(`demo account private key written to ${keyPath} (mode 0600); its accounts file: ${join(dir, 'accounts.json')}`);
  return config;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        accounts: { type: 'string' },
        'ping-interval': { type: 'string' },
        seed: { type: 'string' },
        'history-hours': { type: 'string' },
        'data-dir': { type: 'string' },
        'no-market-maker': { type: 'boolean' },
        replay: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let accounts: SandboxAccountConfig[];
  let port: number;
  let pingIntervalSeconds: number | undefined;
  let seed: number | undefined;
  let historyHours: number | undefined;
  let replay: ReplayBook | undefined;
  try {
    port = intOption(values.port, 'port', 0) ?? 0;
    if (port > 65535) throw new UsageError('--port must be at most 65535');
    pingIntervalSeconds = intOption(values['ping-interval'], 'ping-interval', 1);
    seed = intOption(values.seed, 'seed', 0);
    historyHours = intOption(values['history-hours'], 'history-hours', 0);
    if (historyHours !== undefined && historyHours > MAX_HISTORY_HOURS) throw new UsageError(`--history-hours must be at most ${MAX_HISTORY_HOURS}`);
    replay = values.replay !== undefined ? loadReplayFile(values.replay) : undefined;
    accounts = values.accounts ? loadAccountsFile(values.accounts) : [writeDemoAccount(values['data-dir'])];
  } catch (e) {
    if (e instanceof UsageError || e instanceof AccountsFileError || e instanceof ReplayFileError) {
      console.error(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
  const log = (line: string): void => console.log(`${new Date().toISOString()} ${line}`);
  if (replay) log(`replaying ${replay.size} recorded replies to ${[...replay.routes.keys()].join(', ')}`);
  const sandbox = await startSandbox({ port, accounts, pingIntervalSeconds, seed, historyHours, marketMaker: !values['no-market-maker'], log, answer: replay?.answer });
  console.log(`OceanEx sandbox listening on ${sandbox.url} (REST ${sandbox.restBase}/v1/key)`);
  await new Promise<void>((done) => {
    let stopping = false;
    // A signal may arrive twice (the process group and tsx's relay): close once, ignore repeats.
    const stop = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: closing`);
      void sandbox.close().then(done);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
  console.log('sandbox closed');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`error: ${(e as Error).message}`);
    process.exit(1);
  },
);
