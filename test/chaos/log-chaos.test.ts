// The app's real log (AppLog: ring, file, batches) fed by the session from a hostile server: huge frames stay
// capped in memory and on disk, a frame cannot forge log lines, and the file is private.

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/ipc/contract';
import { choiceById } from '../../shared/oceanex/catalogue';
import { Session } from '../../main/oceanex/session';
import { AppLog } from '../../main/services/app-log';
import { LOG_FILE_NAME } from '../../shared/constants';
import { startHostileServer, type HostileServer } from './hostile-server';
import { MB, retainedHeap } from './memory';
import { keySigner, rsaKeys } from '../oceanex/session-helpers';
import { handlerAction } from './hostile-server';

const timestamp = choiceById('timestamp')!;
const keys = rsaKeys();
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ server: HostileServer; session: Session; log: AppLog; dir: string; batches: LogEntry[][] }> {
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-chaos-log-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const log = new AppLog({ file: join(dir, 'logs', LOG_FILE_NAME), level: 'info' });
  cleanups.push(() => log.close());
  const batches: LogEntry[][] = [];
  log.onBatch((b) => batches.push(b));
  const server = await startHostileServer();
  cleanups.push(() => server.close());
  server.onRequest((peer, request) => peer.reply(request, 1_583_764_947));
  const session = new Session({ url: server.url, requestTimeoutMs: 30_000, logger: log });
  cleanups.push(() => session.dispose());
  await session.connect();
  return { server, session, log, dir, batches };
}

describe('chaos: the log under a hostile server', () => {
  it('24 frames of 10 MB: ring, file and batches keep 64 K characters of each; the heap stays flat', async () => {
    const { server, session, log, batches } = await setup();
    const frame = Buffer.from(`{"type":"news","pad":"${'y'.repeat(10 * MB)}"}`);
    const before = retainedHeap();
    const peer = server.peers[0]!;
    for (let i = 0; i < 24; i += 1) peer.socket.send(frame, { binary: false });
    await session.request(timestamp, {}); // after all 24 (one socket, in order)
    await log.flush();
    const retained = retainedHeap() - before;
    // Before, every frame was kept in full (40 of them: 659 MB retained, the ring alone 380 MB).
    expect(retained).toBeLessThan(24 * MB);
    const big = log.query({ text: '"news"' });
    expect(big).toHaveLength(24);
    for (const entry of big) {
      expect(entry.text.length).toBeLessThan(64 * 1024 + 40);
      expect(entry.text).toMatch(/^\{"type":"news","pad":"y+\[… 10420\d{3} bytes cut\]$/);
    }
    expect(batches.flat().every((e) => e.text.length < 64 * 1024 + 40)).toBe(true);
    expect(statSync(log.file).size).toBeLessThan(5 * MB);
  }, 45_000);

  it("tiny frames next to large binary ones do not pin the socket's read buffers in the ring", async () => {
    const { server, session, log } = await setup();
    const tiny = (i: number) => `{"type":"t","n":${i}}`;
    const bulk = Buffer.alloc(60 * 1024, 0x61);
    const before = retainedHeap();
    const peer = server.peers[0]!;
    for (let i = 0; i < 5_000; i += 1) {
      peer.socket.send(tiny(i));
      peer.socket.send(bulk, { binary: true }); // refused and never kept, but read in the same socket chunks
    }
    await session.request(timestamp, {});
    await log.flush();
    await server.close();
    expect(log.query({ text: '"type":"t"' })).toHaveLength(5_000);
    // 5 000 retained tiny frames; had each kept a view of its 64 kB read buffer: about 300 MB.
    expect(retainedHeap() - before).toBeLessThan(24 * MB);
  }, 45_000);

  it('a frame with raw line breaks stays one line of the file: it cannot forge a "sent order" line', async () => {
    const { server, session, log } = await setup();
    const forged = 'garbage\n[2026-11-30 10:00:00.000] [info]  >> {"identifier":{"handler":"OrderHandler"},"command":"message"}\r\x1b[2K';
    server.peers[0]!.socket.send(forged);
    const json = '{"type":"news",\n"body":"x"}'; // JSON with a newline between tokens
    server.peers[0]!.socket.send(json);
    await session.request(timestamp, {});
    await log.flush();
    const lines = readFileSync(log.file, 'utf8').trimEnd().split('\n');
    expect(lines.filter((l) => l.includes('OrderHandler'))).toEqual([
      expect.stringMatching(/\] \[info\] {2}<< garbage\\n\[2026-11-30 10:00:00\.000\] \[info\] {2}>> \{"identifier":\{"handler":"OrderHandler"\},"command":"message"\}\\r\\u001b\[2K$/),
    ]);
    expect(lines.filter((l) => l.includes('"news"'))).toEqual([expect.stringMatching(/<< \{"type":"news",\\n"body":"x"\}$/)]);
    expect(lines.every((l) => /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[(debug|info|warn|error)\]/.test(l))).toBe(true);
  });

  it('the log file is 0600 and its folder 0700', async () => {
    const { log } = await setup();
    log.info('hello');
    await log.flush();
    expect(statSync(log.file).mode & 0o777).toBe(0o600);
    expect(statSync(join(log.file, '..')).mode & 0o777).toBe(0o700);
  });

  it("no login signature reaches the file, the ring or a batch, even from a server that echoes every frame back", async () => {
    const { server, session, log, batches } = await setup();
    const seen: string[] = [];
    // A server that quotes each request back in its reply and also mirrors the raw frame (as a debugging proxy might).
    server.onRequest((peer, request) => {
      const raw = JSON.stringify(request);
      seen.push(raw);
      peer.socket.send(raw);
      if (handlerAction(request) === 'AuthHandler/login') peer.reply(request, { scopes: {}, echo: request });
      else peer.reply(request, { error: `cannot serve ${raw}` }, 1001);
    });
    await session.login(keySigner(keys.privateKey));
    await session.request(timestamp, {}).catch(() => undefined);
    await session.login(keySigner(keys.privateKey)); // a second signature, a new nonce
    await log.flush();
    const signatures = seen.flatMap((raw) => {
      const header = (JSON.parse(raw) as { data?: { header?: { signature?: string } } }).data?.header;
      return header?.signature ? [header.signature] : [];
    });
    expect(signatures).toHaveLength(2);
    const file = readFileSync(log.file, 'utf8');
    const everything = [file, ...log.query({}).map((e) => e.text), ...batches.flat().map((e) => e.text)];
    for (const signature of signatures) {
      for (const text of everything) expect(text).not.toContain(signature.slice(0, 40));
    }
    // The echoes are there, with the signature redacted: inbound frames are logged, only the secret is cut out.
    const echoed = file.split('\n').filter((l) => l.includes('] [info]  << ') && l.includes('"AuthHandler"'));
    expect(echoed.length).toBeGreaterThanOrEqual(4);
    for (const line of echoed) expect(line).toContain('[REDACTED]');
  });
});
