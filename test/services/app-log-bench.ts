// Benchmark (prints figures, asserts nothing): the cost of AppLog.frame() on the session's hot path.
// Run: npx tsx test/services/app-log-bench.ts

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogLevel } from '../../shared/ipc/contract';
import { AppLog } from '../../main/services/app-log';
import { redactFrameText } from '../../main/services/redact';

const ticker = JSON.stringify({
  identifier: { handler: 'TickerHandler' },
  message: { action: 'index', code: 0, uuid: 'u-1', data: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`mkt${i}usdt`, { at: 1583767923, name: `MKT${i}/USDT`, buy: '0.75', sell: '0.76', last: '0.75', volume: '1000.0' }])) },
});
const ping = '{"type":"ping","message":1583729664}';
const login = '{"identifier":{"handler":"AuthHandler"},"command":"message","data":{"action":"login","uuid":"u","args":{},"header":{"uid":"ID1","api_key":"KID1","nonce":1700000000000,"verb":"GET","path":"/ws/v1","signature":"' + 'A'.repeat(344) + '"}}}';

function measure(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(n, 2000); i += 1) fn(i); // warm-up
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += 1) fn(i);
  const ns = Number(process.hrtime.bigint() - start);
  console.log(`${label.padEnd(46)} ${(ns / n / 1000).toFixed(2).padStart(7)} µs/op  (${Math.round((n * 1e9) / ns).toLocaleString('en')} ops/s)`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-log-bench-'));
  measure(`redactFrameText ping (${ping.length} B)`, 200_000, () => redactFrameText(ping));
  measure(`redactFrameText tickers (${ticker.length} B)`, 50_000, () => redactFrameText(ticker));
  measure(`redactFrameText login (${login.length} B)`, 50_000, () => redactFrameText(login));
  for (const level of ['info', 'debug'] as LogLevel[]) {
    const log = new AppLog({ file: join(dir, level, 'ws_client.log'), level, batchIntervalMs: 150 });
    let delivered = 0;
    let batches = 0;
    log.onBatch((b) => {
      batches += 1;
      delivered += b.length;
    });
    measure(`AppLog.frame at ${level}, ping`, 100_000, (i) => log.frame('in', ping, i % 2 ? undefined : 'u'));
    measure(`AppLog.frame at ${level}, tickers`, 20_000, () => log.frame('in', ticker, 'u-1'));
    const start = process.hrtime.bigint();
    await log.flush();
    console.log(`  flush of the queued batch to file + listeners: ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)} ms; ${batches} batches for ${delivered} entries`);
    await log.close();
  }
  rmSync(dir, { recursive: true, force: true });
}

void main();
