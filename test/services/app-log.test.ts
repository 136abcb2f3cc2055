import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/ipc/contract';
import { signedLoginFrame } from '../../main/oceanex/signer';
import { AppLog, type AppLogOptions } from '../../main/services/app-log';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

let dir: string;
const logs: AppLog[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oceanex-log-'));
});
afterEach(async () => {
  for (const log of logs.splice(0)) await log.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(options: Partial<AppLogOptions> = {}): AppLog {
  const log = new AppLog({ file: join(dir, 'ws_client.log'), level: 'info', ...options });
  logs.push(log);
  return log;
}
const fileText = (log: AppLog) => (existsSync(log.file) ? readFileSync(log.file, 'utf8') : '');
const nextBatch = (log: AppLog) => new Promise<LogEntry[]>((resolve) => {
  const off = log.onBatch((batch) => {
    off();
    resolve(batch);
  });
});

describe('AppLog', () => {
  it("never lets a login frame's signature into the file, the ring or a batch", async () => {
    const log = open();
    const frame = signedLoginFrame({ uid: 'ID4E5ABC', apiKey: 'KIDB7XYZ' }, privateKey, () => 1_700_000_000_000, 'uuid-login');
    const signature = frame.data.header?.signature as string;
    const batch = nextBatch(log);
    log.frame('out', JSON.stringify(frame), 'uuid-login');
    log.frame('in', '{"identifier":{"handler":"AuthHandler"},"message":{"action":"login","code":0,"data":{},"uuid":"uuid-login"}}', 'uuid-login');
    const delivered = await batch;
    await log.flush();

    const text = fileText(log);
    expect(text).not.toContain(signature.slice(0, 20));
    expect(text).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[info\]  >> \{"identifier":\{"handler":"AuthHandler"\}.*"signature":"\[REDACTED\]"/m);
    expect(text).toMatch(/\[info\]  << \{"identifier"/);
    const entries = log.query({});
    expect(entries).toHaveLength(2);
    for (const entry of [...entries, ...delivered]) expect(entry.text).not.toContain(signature.slice(0, 20));
    expect(entries[0]).toMatchObject({ level: 'info', direction: 'out', uuid: 'uuid-login' });
    expect(JSON.parse(entries[0]?.text ?? '')).toMatchObject({ data: { header: { uid: 'ID4E5ABC', signature: '[REDACTED]' } } });
    expect(delivered.map((e) => e.seq)).toEqual(entries.map((e) => e.seq));
  });

  it('redacts a PEM, a JWT and a Bearer token in ordinary messages', async () => {
    const log = open();
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const jwtToken = 'eyJhbGciOiJSUzI1NiJ9.eyJ1aWQiOiJJRDEiLCJkYXRhIjp7fX0.c2lnbmF0dXJlLWJ5dGVz';
    log.error(`bad key ${pem}`);
    log.warn(`sent user_jwt=${jwtToken}`);
    log.info('Authorization: Bearer s3cr3t-token');
    await log.flush();
    const text = fileText(log);
    expect(text).not.toContain(pem.split('\n')[1] as string);
    expect(text).not.toContain('eyJ1aWQiOiJJRDEiLCJkYXRhIjp7fX0');
    expect(text).not.toContain('s3cr3t-token');
    expect(text.match(/\[REDACTED\]/g)).toHaveLength(3);
    expect(log.query({}).map((e) => e.text).join('\n')).not.toMatch(/s3cr3t|eyJ1aWQi|PRIVATE KEY-----\n/);
  });

  it('filters by level, and setLevel changes it; frames are one line, as on the wire, at info and at debug', async () => {
    const log = open({ level: 'warn' });
    log.debug('d1');
    log.info('i1');
    log.frame('in', '{"type":"ping","message":1}', undefined);
    log.warn('w1');
    log.error('e1');
    log.setLevel('debug');
    log.debug('d2');
    log.frame('out', '{"command":"pong"}', undefined);
    log.setLevel('info');
    log.debug('d3');
    log.frame('in', '{"type":"ping","message":2}', undefined);
    await log.flush();
    expect(log.query({}).map((e) => e.text)).toEqual(['w1', 'e1', 'd2', '{"command":"pong"}', '{"type":"ping","message":2}']);
    const lines = fileText(log).trimEnd().split('\n');
    expect(lines.map((l) => l.replace(/^\[[^\]]+\] /, ''))).toEqual([
      // At debug too a frame is one readable line: no escaped line breaks.
      '[warn]  w1', '[error] e1', '[debug] d2', '[info]  >> {"command":"pong"}', '[info]  << {"type":"ping","message":2}',
    ]);
  });

  it('pushes many entries in few batches, never one per entry, and never synchronously', async () => {
    const log = open({ batchIntervalMs: 100 });
    const batches: LogEntry[][] = [];
    log.onBatch((b) => batches.push(b));
    const done = nextBatch(log);
    for (let i = 0; i < 5000; i += 1) log.frame('in', `{"type":"ping","message":${i}}`, undefined);
    expect(batches).toHaveLength(0);
    await done;
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(5000);
    expect(batches[0]?.[4999]?.text).toBe('{"type":"ping","message":4999}');
    // The same batch went to the file in one go.
    expect(fileText(log).trimEnd().split('\n')).toHaveLength(5000);
  });

  it('unsubscribed listeners get nothing; a throwing listener does not stop the others', async () => {
    const log = open({ batchIntervalMs: 10 });
    const seen: number[] = [];
    const off = log.onBatch(() => seen.push(1));
    log.onBatch(() => {
      throw new Error('listener bug');
    });
    log.onBatch((b) => seen.push(b.length));
    off();
    const done = nextBatch(log);
    log.info('x');
    await done;
    expect(seen).toEqual([1]);
  });

  it('keeps the ring bounded, dropping the oldest', () => {
    const log = open({ ringSize: 100 });
    for (let i = 1; i <= 250; i += 1) log.info(`m${i}`);
    const all = log.query({ limit: 1000 });
    expect(all).toHaveLength(100);
    expect(all[0]?.text).toBe('m151');
    expect(all[99]?.text).toBe('m250');
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 151 + i));
  });

  it('a ring smaller than a burst: every entry still reaches the file and the batches, in order', async () => {
    const log = open({ ringSize: 10, batchIntervalMs: 60_000 });
    const delivered: number[] = [];
    log.onBatch((b) => delivered.push(...b.map((e) => e.seq)));
    for (let i = 0; i < 95; i += 1) log.frame('in', `{"n":${i}}`, undefined);
    await log.flush();
    expect(delivered).toEqual(Array.from({ length: 95 }, (_, i) => i + 1));
    expect(fileText(log).trimEnd().split('\n').map((l) => l.slice(l.indexOf('<< ') + 3))).toEqual(Array.from({ length: 95 }, (_, i) => `{"n":${i}}`));
    expect(log.query({}).map((e) => e.text)).toEqual(Array.from({ length: 10 }, (_, i) => `{"n":${85 + i}}`));
  });

  it('keeps the ring bounded in bytes: the oldest texts go, the newest read back exactly (UTF-8 included)', async () => {
    const log = open({ maxRingBytes: 1, batchIntervalMs: 60_000, maxFileBytes: 64 * 1024 * 1024 }); // the least: two 1 MB chunks
    const text = (i: number) => `{"n":${i},"pad":"${'€'.repeat(300)}${'x'.repeat(100 + (i % 7))}"}`;
    for (let i = 0; i < 6000; i += 1) {
      log.frame('in', text(i), `u-${i}`);
      if (i % 500 === 499) await log.flush(); // texts move into the chunks at each drain
    }
    const kept = log.query({ limit: 10_000 });
    // 1 000+ bytes each: between one and two chunks' worth of the newest entries.
    expect(kept.length).toBeGreaterThan(900);
    expect(kept.length).toBeLessThan(2100);
    kept.forEach((e) => expect(e.text).toBe(text(e.seq - 1)));
    expect(kept.at(-1)).toMatchObject({ seq: 6000, uuid: 'u-5999', direction: 'in' });
    expect(fileText(log).trimEnd().split('\n')).toHaveLength(6000);
  });

  it('a burst larger than the ring\'s bytes, with no drain between: every frame reaches the file, in order', async () => {
    const log = open({ maxRingBytes: 1, batchIntervalMs: 60_000, maxFileBytes: 64 * 1024 * 1024 }); // two 1 MB chunks
    const text = (i: number) => `{"n":${i},"pad":"${'€'.repeat(300)}${'x'.repeat(100 + (i % 7))}"}`;
    // Received frames come with the bytes they were decoded from (as the session passes them): 6 MB in one go.
    for (let i = 0; i < 6000; i += 1) log.frame('in', text(i), `u-${i}`, Buffer.from(text(i), 'utf8'));
    await log.flush();
    const lines = fileText(log).trimEnd().split('\n');
    expect(lines).toHaveLength(6000);
    lines.forEach((line, i) => expect(line.slice(line.indexOf('<< ') + 3)).toBe(text(i)));
    const kept = log.query({ limit: 10_000 });
    expect(kept.length).toBeGreaterThan(900);
    kept.forEach((e) => expect(e.text).toBe(text(e.seq - 1)));
  });

  it('a received frame over the entry cap keeps its head, whatever bytes came with it', async () => {
    const log = open({ maxEntryChars: 100 });
    const text = `{"data":"${'z'.repeat(500)}"}`;
    log.frame('in', text, undefined, Buffer.from(text, 'utf8'));
    await log.flush();
    const line = fileText(log).trimEnd();
    expect(line).toContain(`<< {"data":"${'z'.repeat(90)}`);
    expect(line).not.toContain('z'.repeat(200));
    expect(log.query({})[0]?.text).toBe(line.slice(line.indexOf('<< ') + 3));
  });

  it('starts a new 0600 file when the log file was deleted or moved away while the app runs', async () => {
    const log = open();
    log.frame('in', '{"n":1}', undefined);
    await log.flush();
    rmSync(log.file);
    log.frame('in', '{"n":2}', undefined);
    await log.flush();
    expect(fileText(log)).toMatch(/<< \{"n":2\}\n$/);
    expect(statSync(log.file).mode & 0o777).toBe(0o600);
    renameSync(log.file, join(dir, 'moved.log'));
    log.info('after the move');
    log.frame('out', '{"n":3}', undefined);
    await log.flush();
    expect(fileText(log).trimEnd().split('\n').map((l) => l.replace(/^\[[^\]]+\] /, ''))).toEqual(['[info]  after the move', '[info]  >> {"n":3}']);
  });

  it('writes frames and messages in the order they were logged', async () => {
    const log = open();
    for (let i = 0; i < 20; i += 1) {
      log.frame(i % 2 ? 'in' : 'out', `{"n":${i}}`, undefined);
      if (i % 5 === 0) log.warn(`note ${i}`);
    }
    await log.flush();
    const order = fileText(log).trimEnd().split('\n').map((l) => /\[(?:info|warn)\] {1,2}(.*)$/.exec(l)?.[1]);
    const wanted: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      wanted.push(`${i % 2 ? '<<' : '>>'} {"n":${i}}`);
      if (i % 5 === 0) wanted.push(`note ${i}`);
    }
    expect(order).toEqual(wanted);
  });

  it('queries by minimum level, case-insensitive text, time range and newest-N limit', async () => {
    const log = open({ level: 'debug' });
    log.debug('Debug about VETUSDT');
    log.info('info about ethusdt');
    log.warn('Warn about vetusdt');
    log.error('error about btcusdt');
    const t = log.query({}).map((e) => e.time);
    expect(log.query({ level: 'warn' }).map((e) => e.text)).toEqual(['Warn about vetusdt', 'error about btcusdt']);
    expect(log.query({ text: 'VetUsdt' }).map((e) => e.level)).toEqual(['debug', 'warn']);
    expect(log.query({ text: 'vetusdt', level: 'info' }).map((e) => e.level)).toEqual(['warn']);
    expect(log.query({ limit: 2 }).map((e) => e.level)).toEqual(['warn', 'error']);
    expect(log.query({ limit: 0 })).toEqual([]);
    await new Promise((r) => setTimeout(r, 5));
    log.info('later');
    const later = log.query({ text: 'later' })[0]?.time as number;
    expect(later).toBeGreaterThan(t[3] as number);
    expect(log.query({ since: later }).map((e) => e.text)).toEqual(['later']);
    expect(log.query({ until: t[3] as number }).map((e) => e.text)).toHaveLength(4);
    expect(log.query({ since: later + 1 })).toEqual([]);
  });

  it('rotates the file by size into ws_client.old.log, and exportTo joins both in order', async () => {
    const log = open({ maxFileBytes: 4000 });
    for (let i = 0; i < 30; i += 1) {
      log.info(`line ${String(i).padStart(3, '0')} ${'x'.repeat(200)}`);
      await log.flush(); // one batch per line, so rotation is checked often
    }
    expect(existsSync(log.oldFile)).toBe(true);
    expect(statSync(log.file).size).toBeLessThanOrEqual(4000 + 300);
    const current = fileText(log);
    expect(current).toContain('line 029');
    expect(current).not.toContain('line 000');
    const exported = join(dir, 'export', 'copy.log');
    await log.exportTo(exported);
    const text = readFileSync(exported, 'utf8');
    expect(text.endsWith(current)).toBe(true);
    expect(text).toBe(readFileSync(log.oldFile, 'utf8') + current);
    const numbers = [...text.matchAll(/line (\d{3})/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(numbers.at(-1)).toBe(29);
  });

  it('exportTo copies the single file when nothing was rotated', async () => {
    const log = open();
    log.info('only');
    const target = join(dir, 'single.log');
    await log.exportTo(target);
    expect(readFileSync(target, 'utf8')).toMatch(/\[info\]  only\n$/);
  });

  it('several logs coexist without mixing, and a closed log writes nothing more', async () => {
    const a = open({ file: join(dir, 'a', 'ws_client.log') });
    const b = open({ file: join(dir, 'b', 'ws_client.log') });
    a.info('to a');
    b.info('to b');
    await a.close();
    a.info('after close');
    await b.flush();
    expect(fileText(a)).toMatch(/to a\n$/);
    expect(fileText(b)).toMatch(/to b\n$/);
    expect(fileText(b)).not.toContain('to a');
    expect(a.query({}).map((e) => e.text)).toEqual(['to a']);
  });

  it('redacts secrets anywhere in a large batch (many write chunks) before the file, the ring, a query or a batch', async () => {
    const log = open({ batchIntervalMs: 60_000 });
    const frame = signedLoginFrame({ uid: 'ID4E5ABC', apiKey: 'KIDB7XYZ' }, privateKey, () => 1_700_000_000_000, 'uuid-login');
    const signature = frame.data.header?.signature as string;
    const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const pemLine = pem.split('\n')[3] as string;
    const ticker = (i: number) => `{"identifier":{"handler":"TickerHandler"},"message":{"action":"index","code":0,"data":{"vetusdt":{"last":"0.${i}"}},"uuid":"t-${i}"}}`;
    const batches: LogEntry[][] = [];
    log.onBatch((b) => batches.push(b));
    for (let i = 0; i < 3000; i += 1) {
      if (i === 1500) log.frame('out', JSON.stringify(frame), 'uuid-login');
      if (i === 2999) log.error(`bad key ${pem}`);
      log.frame('in', ticker(i), `t-${i}`);
    }
    // Queued, not yet drained: a query must not see raw text (texts taken now, as IPC would send them).
    const queried = log.query({ limit: 10_000 }).map((e) => e.text);
    expect(queried).toHaveLength(3002);
    await log.flush();
    const text = fileText(log);
    const everything = [text, ...queried, ...batches.flat().map((e) => e.text)].join('\n');
    expect(everything).not.toContain(signature.slice(0, 20));
    expect(everything).not.toContain(pemLine);
    expect(text.trimEnd().split('\n').filter((l) => /^\[\d{4}-/.test(l))).toHaveLength(3002);
    expect(text).toContain('"signature":"[REDACTED]"');
    expect(text).toContain(`<< ${ticker(2999)}`);
    expect(log.query({ text: 'uuid-login' })[0]?.text).toContain('"signature":"[REDACTED]"');
  });

  it("stamps each file line with its entry's local time to the millisecond", async () => {
    const log = open();
    log.info('first');
    await new Promise((r) => setTimeout(r, 1100)); // cross a second boundary
    log.frame('in', '{"type":"ping","message":1}', undefined);
    await log.flush();
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    const stamp = (t: number) => {
      const d = new Date(t);
      return `[${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}]`;
    };
    const [a, b] = log.query({});
    expect(fileText(log).trimEnd().split('\n')).toEqual([`${stamp(a!.time)} [info]  first`, `${stamp(b!.time)} [info]  << {"type":"ping","message":1}`]);
  });

  it('deletes the replaced old file in the background, and leftovers of an earlier run at start', async () => {
    const leftover = join(dir, 'ws_client.old.log.discard-1-1');
    writeFileSync(leftover, 'old');
    const log = open({ maxFileBytes: 3000 });
    for (let i = 0; i < 40; i += 1) {
      log.info(`line ${String(i).padStart(3, '0')} ${'y'.repeat(200)}`);
      await log.flush();
    }
    const settle = async () => {
      for (let i = 0; i < 100 && readdirSync(dir).some((n) => n.includes('.discard-')); i += 1) await new Promise((r) => setTimeout(r, 10));
    };
    await settle();
    expect(readdirSync(dir).sort()).toEqual(['ws_client.log', 'ws_client.old.log']);
    const both = readFileSync(log.oldFile, 'utf8') + fileText(log);
    const numbers = [...both.matchAll(/line (\d{3})/g)].map((m) => Number(m[1]));
    expect(numbers.at(-1)).toBe(39);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => 40 - numbers.length + i));
  });
});
