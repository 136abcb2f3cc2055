// Request history and watches through the real controller against the built-in sandbox over loopback: what is
// recorded (and what never is), persistence across a restart, re-sending under the same rules, watch timing on a
// real clock, and open-order notifications when the exchange fills, partly fills or cancels an order.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKET_MAKER_UID } from '../../main/sandbox/index';
import { HISTORY_DIR } from '../../main/services/request-history';
import type { WatchTick } from '../../shared/ipc/contract';
import { SKIP_KEYCHAIN } from '../services/keychain-env';
import { startTestApp, type TestApp } from './harness';

const notifications: Array<{ title: string; body: string }> = [];
const notifier = { notify: (title: string, body: string) => void notifications.push({ title, body }) };

describe.skipIf(SKIP_KEYCHAIN)('request history and watches (controller + sandbox)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ notifier });
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  it('records choices and raw frames with args, code and round trip; the login without its header', async () => {
    expect((await app.controller.requests.runRecorded(1, {})).ok).toBe(true);
    expect((await app.controller.requests.runRecorded(14, { market: 'vetusdt', level: '2', precision: '6' })).ok).toBe(true);
    expect((await app.controller.requests.sendRaw('{"identifier":{"handler":"ToolHandler"},"command":"message","data":{"action":"timestamp","uuid":"hist-1","args":{}}}')).ok).toBe(true);
    // Refused by validation or disconnect/reconnect: nothing was sent, nothing recorded.
    expect((await app.controller.requests.runRecorded(14, { market: 'VET USDT' })).ok).toBe(false);
    const list = app.controller.requests.listHistory({});
    expect(list.map((e) => `${e.source} ${e.handler}/${e.action}`)).toEqual(['raw ToolHandler/timestamp', 'choice OrderBookHandler/index', 'choice AuthHandler/login']);
    expect(list[1]).toMatchObject({ choice: 14, code: 0, args: { market_id: 'vetusdt', market: 'vetusdt', level: 2, precision: 6 }, fields: { market: 'vetusdt', level: '2', precision: '6' } });
    expect(list[1]!.rttMs).toBeGreaterThan(0);
    expect(list[0]).toMatchObject({ uuid: 'hist-1', code: 0, choice: 13 });
    expect(list[2]).toMatchObject({ choice: 1, args: {}, code: 0 });
    expect(app.of('event:history').map((e) => e.handler)).toEqual(['AuthHandler', 'OrderBookHandler', 'ToolHandler']);
  });

  it('re-sends under the same rules: a raw frame gets a fresh uuid, a choice runs again', async () => {
    const [raw, book] = app.controller.requests.listHistory({});
    const again = await app.controller.requests.resendHistory(raw!.id);
    expect(again).toMatchObject({ ok: true, value: { reply: { code: 0, handler: 'ToolHandler' }, note: expect.stringContaining('already used') } });
    expect(again.ok && again.value.uuid).not.toBe('hist-1');
    const bookAgain = await app.controller.requests.resendHistory(book!.id);
    expect(bookAgain).toMatchObject({ ok: true, value: { choice: 14, reply: { outcome: 'order-book' } } });
    expect(await app.controller.requests.resendHistory('no-such-id')).toEqual({ ok: false, error: 'That request is no longer in the history.' });
    expect(app.controller.requests.listHistory({})).toHaveLength(5);
  });

  it('persists across a restart and never holds a signature, nonce or key', async () => {
    const profileId = app.controller.profiles.getSettings().activeProfileId;
    const before = app.controller.requests.listHistory({}).map((e) => e.id);
    app = await app.restart();
    expect(app.controller.requests.listHistory({}).map((e) => e.id)).toEqual(before);
    const text = readFileSync(join(app.paths.userData, HISTORY_DIR, `${profileId}.jsonl`), 'utf8');
    for (const secret of ['signature', 'header', 'nonce', 'PRIVATE KEY', 'api_key']) expect(text).not.toContain(secret);
  });

  it('a watch re-runs on a real clock about every interval, and its runs are not history', async () => {
    const historyBefore = app.controller.requests.listHistory({}).length;
    const start = app.events.length;
    const info = app.controller.requests.startWatch({ choice: 13, fields: {}, intervalMs: 1_000, keepRunning: false });
    await app.waitFor('event:watch', (t) => t.id === info.id && app.of('event:watch').filter((x) => x.id === info.id).length >= 3, { after: start, timeoutMs: 6_000 });
    app.controller.requests.stopWatch(info.id);
    const ticks = app.of('event:watch').filter((t) => t.id === info.id);
    const gaps = ticks.slice(1).map((t, i) => t.at - ticks[i]!.at);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(990);
      expect(gap).toBeLessThan(1_500);
    }
    expect(ticks.every((t) => t.outcome?.reply?.code === 0)).toBe(true);
    expect(app.controller.requests.listWatches()).toEqual([]);
    expect(app.controller.requests.listHistory({})).toHaveLength(historyBefore);
  });

  it('an open-orders watch notifies when an order partly fills, fills, or is cancelled', async () => {
    expect((await app.controller.session.run(1, {})).ok).toBe(true);
    app.confirm.answer = 'yes'; // the person places and cancels the orders this test watches
    const book = await app.controller.session.run(14, { market: 'vetusdt', level: '1', precision: '6' });
    const data = (book.ok ? book.value.reply?.data : undefined) as { asks: string[][]; bids: string[][] };
    const bid = Number(data.bids[0]![0]);
    const ask = Number(data.asks[0]![0]);
    const price = Math.round(((bid + ask) / 2) * 1e6) / 1e6;
    expect(price).toBeGreaterThan(bid);
    expect(price).toBeLessThan(ask);
    const place = async () => {
      const r = await app.controller.session.run(6, { market: 'vetusdt', side: 'buy', price: String(price), volume: '200', ord_type: 'limit' });
      return (r.ok ? (r.value.reply?.data as { id: number }) : undefined)!.id;
    };
    const filled = await place();
    const cancelled = await place();

    const start = app.events.length;
    const info = app.controller.requests.startWatch({ choice: 9, fields: { market: 'vetusdt', ord_type: 'limit' }, intervalMs: 1_000, keepRunning: false });
    await app.waitFor('event:watch', (t: WatchTick) => t.id === info.id, { after: start, timeoutMs: 5_000 });
    // Notifications follow the tick event (the order that left is looked up first): wait for them, 5 s at most.
    const notified = async (count: number) => {
      for (const deadline = Date.now() + 5_000; notifications.length < count && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    };

    const sandbox = app.controller.builtInSandbox!;
    sandbox.exchange.placeOrder(MARKET_MAKER_UID, { market: 'vetusdt', side: 'sell', price, volume: 50, ord_type: 'limit' });
    await notified(1);
    expect(notifications[0]).toEqual({ title: `Order ${filled} partly filled`, body: expect.stringMatching(/^buy 200(\.0+)? VETUSDT at [\d.]+: 50(\.0+)? of 200(\.0+)? executed\.$/) });

    sandbox.exchange.placeOrder(MARKET_MAKER_UID, { market: 'vetusdt', side: 'sell', price, volume: 150, ord_type: 'limit' });
    expect((await app.controller.session.run(7, { ids: String(cancelled) })).ok).toBe(true);
    await notified(3);
    app.controller.requests.stopWatch(info.id);
    // The two that left the list in the same tick come in listing order (newest first).
    expect(notifications.map((n) => n.title).sort()).toEqual([`Order ${filled} filled`, `Order ${filled} partly filled`, `Order ${cancelled} cancelled`].sort());
    expect(notifications.find((n) => n.title === `Order ${filled} filled`)!.body).toMatch(/^buy 200(\.0+)? VETUSDT at .*: 200(\.0+)? executed\.$/);
  });

  it('a private watch rides through a reconnect (paused until the re-login) without a failed run', async () => {
    const start = app.events.length;
    const info = app.controller.requests.startWatch({ choice: 5, fields: {}, intervalMs: 1_000, keepRunning: false });
    await app.waitFor('event:watch', (t) => t.id === info.id, { after: start });
    expect((await app.controller.session.run(16, {})).ok).toBe(true);
    await app.waitFor('event:watches', (list) => list.some((w) => w.id === info.id && w.state === 'paused'), { after: start });
    expect((await app.controller.session.run(17, {})).ok).toBe(true); // reconnects and logs in again
    const mark = app.events.length;
    await app.waitFor('event:watch', (t) => t.id === info.id, { after: mark, timeoutMs: 5_000 });
    app.controller.requests.stopWatch(info.id);
    const ticks = app.of('event:watch').filter((t) => t.id === info.id);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.map((t) => t.outcome?.reply?.outcome ?? t.error)).toEqual(ticks.map(() => 'account'));
  });
});
