// Soak: 1 M replies through the session core and the app's real AppLog (ring, redaction, file), with heartbeats
// in between, printing the heap (after a full GC) and RSS every 100 000 replies. The server runs in its own
// process (soak-peer.ts). A flat heap means nothing grows per frame; the ring fills to its bound and stays.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { choiceById } from '../../shared/oceanex/catalogue';
import { Session } from '../../main/oceanex/session';
import { AppLog } from '../../main/services/app-log';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;

export interface SoakOptions {
  readonly replies?: number;
  /** Requests kept outstanding (an app has a few; a burst a thousand). */
  readonly window?: number;
  readonly print?: (line: string) => void;
}

export async function runSoakBench(options: SoakOptions = {}): Promise<void> {
  const replies = options.replies ?? 1_000_000;
  const window = options.window ?? 1_000;
  const print = options.print ?? ((line: string) => console.log(line));
  const peer = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'soak-peer.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    peer.stdout.once('data', (d: Buffer) => resolve(d.toString().trim()));
    peer.once('exit', (code) => reject(new Error(`soak peer exited (${code})`)));
  });
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-soak-'));
  const log = new AppLog({ file: join(dir, 'ws_client.log'), level: 'info' });
  const session = new Session({ url, logger: log, requestTimeoutMs: 60_000 });
  const tickers = choiceById('tickers')!;
  let heartbeats = 0;
  session.on((e) => {
    if (e.type === 'heartbeat') heartbeats += 1;
  });
  try {
    await session.connect();
    const sample = (done: number, started: number): void => {
      gc();
      const m = process.memoryUsage();
      print(`${String(done).padStart(8)} replies  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  heap ${(m.heapUsed / MB).toFixed(1)} MB  rss ${(m.rss / MB).toFixed(1)} MB  external (array buffers included) ${(m.external / MB).toFixed(1)} MB`);
    };
    const started = performance.now();
    sample(0, started);
    let sent = 0;
    let done = 0;
    await new Promise<void>((resolve, reject) => {
      const next = (): void => {
        if (sent >= replies) return;
        sent += 1;
        session.request(tickers, {}).then(() => {
          done += 1;
          if (done % 100_000 === 0) sample(done, started);
          if (done === replies) resolve();
          else next();
        }, reject);
      };
      for (let i = 0; i < window; i += 1) next();
    });
    const seconds = (performance.now() - started) / 1000;
    print(`${replies} replies in ${seconds.toFixed(1)} s (${Math.round(replies / seconds)} /s), ${heartbeats} heartbeat events from pings every 50 ms`);
  } finally {
    await session.dispose();
    await log.close();
    peer.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}
