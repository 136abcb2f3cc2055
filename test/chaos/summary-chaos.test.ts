// Reply data a hostile server sends is never copied whole into what main keeps: 20 replies of 8 MB (data, message,
// handler and action all huge) through a real session leave bounded summaries, a bounded request history in
// memory and on disk, and a history file that reads back whole at the next start (it once failed its own schema).

import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { choiceById } from '../../shared/oceanex/catalogue';
import { classifyFrame, describeReply, MAX_SUMMARY_CHARS } from '../../shared/oceanex/messages';
import { Session } from '../../main/oceanex/session';
import { HISTORY_DIR, MAX_HISTORY_BYTES, RequestHistory } from '../../main/services/request-history';
import { startHostileServer } from './hostile-server';
import { MB, retainedHeap } from './memory';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('chaos: huge replies and the summaries and history kept from them', () => {
  it('20 replies of 8 MB: summaries stay short, the history stays bounded and reads back whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oceanex-chaos-summary-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const server = await startHostileServer();
    cleanups.push(() => server.close());
    const huge = 'x'.repeat(4 * MB); // two of them in each reply: 8 MB
    let n = 0;
    server.onRequest((peer, request) => {
      n += 1;
      const data = request['data'] as { uuid: string };
      const failing = n % 2 === 0;
      // Half answer with an error code (their data and message go into the error summary), half with a handler
      // and action of megabytes (the raw path's "received H/A reply.").
      peer.socket.send(
        JSON.stringify({
          identifier: { handler: failing ? 'ToolHandler' : `Tool${huge}` },
          message: { action: failing ? 'timestamp' : `a${huge}`, code: failing ? 1001 : 0, message: failing ? huge : 'ok', data: failing ? { blob: huge } : 'ok', uuid: data.uuid },
        }),
      );
    });
    const session = new Session({ url: server.url, requestTimeoutMs: 30_000 });
    cleanups.push(() => session.dispose());
    await session.connect();
    let history: RequestHistory | undefined = new RequestHistory({ dir, flushDelayMs: 10 });
    const timestamp = choiceById('timestamp')!;
    const before = retainedHeap();
    for (let i = 0; i < 20; i += 1) {
      const result = await session.request(timestamp, {});
      const summary = describeReply(result.reply);
      expect(summary.length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS + 1);
      history!.add('sandbox', { source: 'raw', choice: 13, handler: result.reply.handler, action: result.reply.action, uuid: result.uuid, args: result.reply.data, frame: JSON.stringify(result.frame), code: result.reply.code, error: result.reply.message, summary });
    }
    history.flush();
    await history.settled();
    // Was 160 MB: every summary kept its reply's data. What stays is the session's last frame, not the history's.
    const withHistory = retainedHeap();
    expect(withHistory - before).toBeLessThan(32 * MB);
    history = undefined;
    expect(withHistory - retainedHeap()).toBeLessThan(1 * MB); // the 20 entries the history holds
    const file = join(dir, HISTORY_DIR, 'sandbox.jsonl');
    expect(statSync(file).size).toBeLessThan(1 * MB); // was 120 MB
    const reopened = new RequestHistory({ dir });
    expect(reopened.open('sandbox').notice).toBeUndefined(); // no line refused, nothing kept aside
    expect(reopened.list('sandbox')).toHaveLength(20);
    expect(readdirSync(join(dir, HISTORY_DIR)).filter((f) => f.includes('corrupt'))).toEqual([]);
    for (const entry of reopened.list('sandbox')) {
      expect(entry.handler.length).toBeLessThanOrEqual(201);
      expect((entry.summary ?? '').length).toBeLessThanOrEqual(MAX_SUMMARY_CHARS + 1);
    }
  }, 120_000);

  it(`the history keeps at most ${MAX_HISTORY_BYTES / MB} MB per profile, dropping the oldest`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'oceanex-chaos-summary-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const history = new RequestHistory({ dir, maxBytes: 1 * MB });
    const frame = JSON.stringify({ pad: 'y'.repeat(60 * 1024) });
    for (let i = 0; i < 100; i += 1) history.add('p', { source: 'raw', choice: 0, handler: 'H', action: `a${i}`, args: {}, frame });
    history.flush();
    const kept = history.list('p');
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(20);
    expect(kept[0]!.action).toBe('a99'); // the newest stay
    expect(statSync(join(dir, HISTORY_DIR, 'p.jsonl')).size).toBeLessThanOrEqual(1 * MB);
  });

  it('a history file written before texts were bounded is cut to size on reading, not kept aside', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oceanex-chaos-summary-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, HISTORY_DIR));
    const old = { id: 'e1', at: 1, source: 'choice', choice: 13, handler: 'ToolHandler', action: 'timestamp', args: {}, code: 1001, summary: 's'.repeat(50_000), error: 'e'.repeat(50_000) };
    writeFileSync(join(dir, HISTORY_DIR, 'p.jsonl'), `${JSON.stringify(old)}\n`);
    const history = new RequestHistory({ dir });
    expect(history.open('p').notice).toBeUndefined();
    const [entry] = history.list('p');
    expect(entry!.summary).toBe(`${'s'.repeat(1999)}…`);
    expect(entry!.error).toHaveLength(2000);
  });

  it("a disconnect frame's reason (kept in the session status, shown) is bounded too", () => {
    const frame = classifyFrame(JSON.stringify({ type: 'disconnect', reason: `maintenance ${'z'.repeat(8 * MB)}`, reconnect: false }));
    expect(frame).toMatchObject({ kind: 'disconnect', reconnect: false });
    expect((frame as { reason: string }).reason).toHaveLength(MAX_SUMMARY_CHARS + 1);
    expect((frame as { reason: string }).reason.startsWith('maintenance zzz')).toBe(true);
  });
});
