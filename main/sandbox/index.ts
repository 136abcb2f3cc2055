// The sandbox exchange's programmatic entry: startSandbox() for tests and the app, createDemoAccount() for keys.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { KeyRegistry, type SandboxAccountConfig } from './auth';
import { Exchange } from './exchange';
import type { SandboxFaults } from './faults';
import { DEFAULT_HISTORY_HOURS, ReplayClock, replayHistory, validateHistoryHours } from './history';
import { MarketMaker } from './market-maker';
import { SandboxServer, type ServerOptions } from './server';
import { SnapshotFile } from './snapshot';
import { renameSync } from 'node:fs';
import { corruptAsidePath } from '../services/atomic-file';

export type { SandboxAccountConfig } from './auth';
export type { SandboxFaults } from './faults';
export { Exchange, ExchangeError, FEE_ACCOUNT_UID } from './exchange';
export { MARKET_MAKER_FUNDS, MARKET_MAKER_UID } from './market-maker';
export { DEFAULT_HISTORY_HOURS, HISTORY_TRADER_UID, MAX_HISTORY_HOURS } from './history';

export interface SandboxOptions {
  port?: number /*0*/;
  accounts?: SandboxAccountConfig[];
  pingIntervalSeconds?: number /*default 60*/;
  /** Seeds the market maker's quotes and the start-up history (default: random). */
  seed?: number;
  marketMaker?: boolean /*default true*/;
  /**
   * Hours of trade history replayed at start-up, ending just before the start instant (default 24, 0 = none;
   * skipped without the market maker, whose quotes it trades against).
   */
  historyHours?: number;
  log?: (line: string) => void;
  /** Clock in milliseconds (default Date.now), for k-line and nonce tests. */
  now?: () => number;
  /** Simultaneous websocket connections accepted (default 32). */
  maxConnections?: number;
  /** A client with more unsent than this is dropped (default 4 MB). */
  maxUnsentBytes?: number;
  /** Answers requests instead of the exchange (`--replay`: a recorded session, ./replay.ts). */
  answer?: ServerOptions['answer'];
  /**
   * Where balances, orders and trades are kept across restarts (snapshot.ts). When it holds a snapshot the
   * exchange continues from it (no new history, no new funds); it is rewritten after every client's order,
   * cancel or mass cancel, before the reply. An unreadable file is kept aside and the exchange starts afresh.
   */
  snapshotFile?: string;
}

export interface Sandbox {
  readonly url: string; // ws://127.0.0.1:PORT/ws/v1
  readonly restBase: string; // http://127.0.0.1:PORT
  readonly port: number;
  readonly exchange: Exchange; // for tests: inspect balances, orders, trades
  readonly faults: SandboxFaults;
  connectionCount(): number;
  close(): Promise<void>;
}

export const DEFAULT_PING_INTERVAL_SECONDS = 60;
export const DEMO_BALANCES: Readonly<Record<string, string>> = {
  usdt: '100000',
  vet: '1000000',
  eth: '100',
  btc: '10',
  oce: '1000000',
};

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const historyHours = options.historyHours ?? DEFAULT_HISTORY_HOURS;
  validateHistoryHours(historyHours);
  const clock = new ReplayClock(now);
  const exchange = new Exchange({ now: clock.now });
  const snapshot = options.snapshotFile === undefined ? undefined : new SnapshotFile(options.snapshotFile);
  const restored = snapshot ? restoreFrom(snapshot, exchange, log) : false;
  const keys = new KeyRegistry(now);
  for (const account of options.accounts ?? []) {
    keys.register(account);
    if (!(restored && exchange.hasAccount(account.uid))) exchange.addAccount(account.uid, account.balances);
  }
  if (options.marketMaker !== false) {
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    const marketMaker = new MarketMaker(exchange, seed);
    if (restored) marketMaker.resume();
    else marketMaker.start();
    if (historyHours > 0 && !restored) {
      const started = performance.now();
      const { steps, trades } = replayHistory(exchange, marketMaker, clock, { hours: historyHours, seed });
      log(`history: ${historyHours} h replayed, ${steps} steps, ${trades} trades in ${(performance.now() - started).toFixed(0)} ms`);
    }
  }
  const save = snapshot
    ? () => {
        try {
          snapshot.write(exchange, now());
        } catch (error) {
          log(`could not save the sandbox's state to ${snapshot.path}: ${(error as Error).message}`);
        }
      }
    : undefined;
  save?.();
  const pingIntervalSeconds = options.pingIntervalSeconds ?? DEFAULT_PING_INTERVAL_SECONDS;
  if (!(pingIntervalSeconds > 0)) throw new RangeError('pingIntervalSeconds must be positive');
  const server = new SandboxServer({
    port: options.port ?? 0,
    pingIntervalSeconds,
    context: { exchange, keys, log },
    ...(save ? { afterChange: save } : {}),
    ...(options.maxConnections !== undefined ? { maxConnections: options.maxConnections } : {}),
    ...(options.maxUnsentBytes !== undefined ? { maxUnsentBytes: options.maxUnsentBytes } : {}),
    ...(options.answer !== undefined ? { answer: options.answer } : {}),
  });
  // No "listening" line here: each caller prints its own with what it knows (the CLI its REST base too).
  const port = await server.listen();
  return {
    url: `ws://127.0.0.1:${port}/ws/v1`,
    restBase: `http://127.0.0.1:${port}`,
    port,
    exchange,
    faults: server.faults,
    connectionCount: () => server.connectionCount(),
    close: () => server.close(),
  };
}

/** Continues from the snapshot when there is one; an unreadable one is kept aside (never silently lost). */
function restoreFrom(snapshot: SnapshotFile, exchange: Exchange, log: (line: string) => void): boolean {
  try {
    const state = snapshot.read();
    if (state === undefined) return false;
    exchange.importState(state);
    log(`state restored from ${snapshot.path}: ${state.orders.length} orders, ${state.trades.length} trades`);
    return true;
  } catch (error) {
    const aside = corruptAsidePath(snapshot.path);
    renameSync(snapshot.path, aside);
    log(`the saved state ${snapshot.path} could not be read (${(error as Error).message}); kept as ${aside}, starting afresh`);
    return false;
  }
}

/** A fresh account with a new RSA key pair: the config to register plus the private key PEM (PKCS#8). */
export function createDemoAccount(
  balances: Record<string, string> = { ...DEMO_BALANCES },
  bits = 2048,
): { config: SandboxAccountConfig; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const suffix = randomBytes(5).toString('hex').toUpperCase();
  return {
    config: { uid: `ID${suffix}`, api_key: `KID${randomBytes(5).toString('hex').toUpperCase()}`, public_key_pem: publicKey, balances },
    privateKeyPem: privateKey,
  };
}
