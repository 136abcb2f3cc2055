// The raw frame composer: the pure rules (what a frame may become, templates) and sending through the real
// controller and session against the built-in sandbox over loopback (pairing by uuid, round trip, logging,
// refusals, order frames turned into choices 6/7/8).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_AUTHENTICATED } from '../../shared/constants';
import { CHOICES, choiceByNumber } from '../../shared/oceanex/catalogue';
import { classifyMessage, unroutedReply } from '../../shared/oceanex/messages';
import { checkRawFrame, exampleFields, MAX_RAW_FRAME_BYTES, templateFor } from '../../shared/oceanex/raw-frame';
import { SKIP_KEYCHAIN } from '../services/keychain-env';
import { startTestApp, type TestApp } from './harness';

const frame = (handler: string, action: string, args: unknown, uuid = 'u-1'): string =>
  JSON.stringify({ identifier: { handler }, command: 'message', data: { action, uuid, args } });

describe('checkRawFrame', () => {
  it('refuses malformed JSON, a wrong envelope and an empty text with what to change', () => {
    expect(checkRawFrame('{"identifier":')).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    expect(checkRawFrame('   ')).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
    expect(checkRawFrame('[1,2]')).toMatchObject({ ok: false, error: expect.stringContaining('JSON object') });
    expect(checkRawFrame(JSON.stringify({ identifier: { handler: 'TickerHandler' }, command: 'pong', data: { action: 'index', args: {} } }))).toMatchObject({
      ok: false,
      error: expect.stringContaining('command must be "message"'),
    });
    expect(checkRawFrame(frame('TickerHandler', 'index', [1]))).toMatchObject({ ok: false, error: expect.stringContaining('data.args') });
  });

  it('refuses a frame over the size cap, and says how big it was', () => {
    const big = frame('TickerHandler', 'index', { markets: ['x'.repeat(MAX_RAW_FRAME_BYTES)] });
    const check = checkRawFrame(big);
    expect(check).toMatchObject({ ok: false, error: expect.stringContaining(`at most ${MAX_RAW_FRAME_BYTES} bytes`) });
    expect(checkRawFrame(frame('TickerHandler', 'index', { markets: ['x'.repeat(MAX_RAW_FRAME_BYTES - 200)] })).ok).toBe(true);
  });

  it('refuses any login frame, and a header on any other frame', () => {
    const login = JSON.stringify({
      identifier: { handler: 'AuthHandler' },
      command: 'message',
      data: { action: 'login', uuid: 'x', args: {}, header: { uid: 'ID1', api_key: 'KID1', nonce: 1, verb: 'GET', path: '/ws/v1', signature: 'abc' } },
    });
    expect(checkRawFrame(login)).toMatchObject({ ok: false, error: expect.stringContaining('cannot be sent raw') });
    expect(checkRawFrame(frame('AuthHandler', 'whatever', {}))).toMatchObject({ ok: false, error: expect.stringContaining('login') });
    const withHeader = JSON.stringify({ identifier: { handler: 'TickerHandler' }, command: 'message', data: { action: 'index', uuid: 'x', args: {}, header: {} } });
    expect(checkRawFrame(withHeader)).toMatchObject({ ok: false, error: expect.stringContaining('header') });
  });

  it('refuses an OrderHandler action that is neither order-changing nor known read-only', () => {
    for (const action of ['update', 'cancel_all', 'INDEX']) {
      expect(checkRawFrame(frame('OrderHandler', action, {}))).toMatchObject({ ok: false, error: expect.stringContaining(`OrderHandler/${action} is not a known action`) });
    }
  });

  it('turns create / cancel / clear into the fields of choices 6 / 7 / 8', () => {
    expect(checkRawFrame(frame('OrderHandler', 'create', { market: 'vetusdt', side: 'buy', price: 0.75, volume: 1000, ord_type: 'limit' }))).toEqual({
      ok: true,
      plan: { kind: 'order', choice: 6, fields: { market: 'vetusdt', side: 'buy', price: '0.75', volume: '1000', ord_type: 'limit' } },
    });
    expect(checkRawFrame(frame('OrderHandler', 'cancel', { ids: [18, 19, 23] }))).toEqual({ ok: true, plan: { kind: 'order', choice: 7, fields: { ids: '18,19,23' } } });
    expect(checkRawFrame(frame('OrderHandler', 'clear', {}))).toEqual({ ok: true, plan: { kind: 'order', choice: 8, fields: {} } });
  });

  it('refuses an order frame whose args do not map exactly onto the choice', () => {
    const cases: unknown[] = [
      { market: 'vetusdt', side: 'buy', price: '0.75', volume: 1000, ord_type: 'limit' }, // price as a string
      { market: 'VETUSDT', side: 'buy', price: 0.75, volume: 1000, ord_type: 'limit' }, // upper case market
      { market: 'vetusdt', side: 'buy', price: 0.75, volume: 1000, ord_type: 'limit', stop: 1 }, // extra arg
      { market: 'vetusdt', side: 'buy', price: 0.75, ord_type: 'limit' }, // missing volume
    ];
    for (const args of cases) expect(checkRawFrame(frame('OrderHandler', 'create', args)).ok).toBe(false);
    expect(checkRawFrame(frame('OrderHandler', 'cancel', { ids: [18, 18] }))).toMatchObject({ ok: false, error: expect.stringContaining('map exactly onto choice 7') });
    expect(checkRawFrame(frame('OrderHandler', 'cancel', { ids: ['18'] })).ok).toBe(false);
    expect(checkRawFrame(frame('OrderHandler', 'clear', { market: 'vetusdt' }))).toMatchObject({ ok: false, error: expect.stringContaining('choice 8') });
    const extraTop = JSON.stringify({ identifier: { handler: 'OrderHandler' }, command: 'message', data: { action: 'clear', uuid: 'x', args: {} }, also: 1 });
    expect(checkRawFrame(extraTop).ok).toBe(false);
  });

  it('sends read-only frames as written, keeping a usable uuid', () => {
    const check = checkRawFrame(frame('OrderHandler', 'show', { id: 23 }, 'my-uuid'));
    expect(check).toMatchObject({ ok: true, plan: { kind: 'read', choice: 10, uuid: 'my-uuid', private: true } });
    expect(checkRawFrame(frame('SomeNewHandler', 'index', {}, 'has space'))).toMatchObject({ ok: true, plan: { kind: 'read', choice: 0, uuid: undefined, private: false } });
  });

  it('templates are exactly what each choice sends with its examples, and pass the composer rules', () => {
    for (const choice of CHOICES) {
      const template = templateFor(choice, 'fixed');
      if (choice.kind !== 'request') {
        expect(template.frame).toBeUndefined();
        expect(template.note).toBeTruthy();
        continue;
      }
      const check = checkRawFrame(JSON.stringify(template.frame));
      expect(check.ok, `choice ${choice.number}`).toBe(true);
      if (!check.ok) continue;
      if (choice.destructive) expect(check.plan).toEqual({ kind: 'order', choice: choice.number, fields: exampleFields(choice) });
      else expect(check.plan).toMatchObject({ kind: 'read', choice: choice.number, uuid: 'fixed' });
    }
    expect(templateFor(choiceByNumber(14)!, 'u').frame).toEqual({
      identifier: { handler: 'OrderBookHandler' },
      command: 'message',
      data: { action: 'index', uuid: 'u', args: { market_id: 'vetusdt', market: 'vetusdt', level: 2, precision: 6 } },
    });
  });
});

describe('unroutedReply', () => {
  it('reads a reply the original callbacks never routed, only when it carries a uuid', () => {
    const raw = (code: unknown, uuid?: string) => ({ identifier: { handler: 'NewHandler' }, message: { action: 'go', code, data: [1], ...(uuid ? { uuid } : {}) } });
    expect(classifyMessage(raw(0, 'u')).kind).toBe('unknown');
    expect(unroutedReply(raw(0, 'u'))).toEqual({ handler: 'NewHandler', action: 'go', code: 0, data: [1], uuid: 'u', message: undefined, outcome: 'other' });
    expect(unroutedReply(raw('1001', 'u'))).toMatchObject({ code: 1001, outcome: 'error' });
    expect(unroutedReply(raw(0))).toBeUndefined();
    expect(unroutedReply({ type: 'ping' })).toBeUndefined();
  });
});

describe.skipIf(SKIP_KEYCHAIN)('sendRaw through the controller and the sandbox', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  it('sends a read-only frame as written and pairs the reply by its uuid, with a round trip; the frame is logged', async () => {
    const uuid = `raw-${Date.now()}`;
    const result = await app.controller.requests.sendRaw(frame('ToolHandler', 'timestamp', {}, uuid));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ choice: 13, uuid, reply: { handler: 'ToolHandler', action: 'timestamp', code: 0, uuid } });
    expect(result.value.note).toBeUndefined();
    expect(result.value.rttMs).toBeGreaterThan(0);
    expect(typeof result.value.reply?.data).toBe('number');
    await new Promise((r) => setTimeout(r, 300)); // the log pushes batches
    const logged = app.controller.logs.queryLog({ text: uuid });
    expect(logged.filter((e) => e.direction === 'out')).toHaveLength(1);
    expect(logged.filter((e) => e.direction === 'in')).toHaveLength(1);
  });

  it('replaces a uuid that was already used, and says so', async () => {
    const text = frame('MarketsHandler', 'index', {}, 'same-uuid');
    const first = await app.controller.requests.sendRaw(text);
    const second = await app.controller.requests.sendRaw(text);
    expect(first.ok && first.value.uuid).toBe('same-uuid');
    expect(second.ok && second.value.uuid).not.toBe('same-uuid');
    expect(second.ok && second.value.note).toContain('already used');
    expect(second.ok && second.value.reply?.uuid).toBe(second.ok && second.value.uuid);
  });

  it('pairs the reply to a handler the 17 choices never use', async () => {
    const result = await app.controller.requests.sendRaw(frame('NoSuchHandler', 'index', {}, 'unknown-handler'));
    expect(result).toMatchObject({ ok: true, value: { choice: 0, uuid: 'unknown-handler', reply: { handler: 'NoSuchHandler', outcome: 'error' } } });
    expect(result.ok && result.value.reply?.code).not.toBe(0);
  });

  it('refuses a private frame before login without sending it (the server would drop the session)', async () => {
    const before = app.controller.logs.queryLog({ text: 'AccountHandler' }).length;
    const result = await app.controller.requests.sendRaw(frame('AccountHandler', 'index', {}, 'acc-1'));
    expect(result).toEqual({ ok: false, error: NOT_AUTHENTICATED });
    expect(app.controller.logs.queryLog({ text: 'AccountHandler' })).toHaveLength(before);
    expect(app.controller.session.status().state).toBe('open');
  });

  it('refuses a login frame, an oversize frame, an unknown OrderHandler action and bad JSON; nothing is sent', async () => {
    const refusals = [
      frame('AuthHandler', 'login', {}),
      frame('TickerHandler', 'index', { markets: ['x'.repeat(MAX_RAW_FRAME_BYTES)] }),
      frame('OrderHandler', 'modify', { id: 1 }),
      '{"identifier": {"handler": "TickerHandler"}, "command": "message", "data": {',
    ];
    const requestsSent = () => app.controller.logs.queryLog({}).filter((e) => e.direction === 'out' && !e.text.includes('pong')).length;
    await new Promise((r) => setTimeout(r, 300));
    const sentBefore = requestsSent();
    for (const text of refusals) expect((await app.controller.requests.sendRaw(text)).ok).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    expect(requestsSent()).toBe(sentBefore);
  });

  it('an order frame is confirmed by main: a person who says no sends nothing', async () => {
    const login = await app.controller.session.run(1, {});
    expect(login.ok && login.value.reply?.code).toBe(0);
    app.confirm.answer = 'no';
    const asked = app.confirm.questions.length;
    const create = await app.controller.requests.sendRaw(frame('OrderHandler', 'create', { market: 'vetusdt', side: 'buy', price: 0.0001, volume: 100, ord_type: 'limit' }));
    expect(create.ok).toBe(false);
    expect(app.confirm.questions.length).toBe(asked + 1);
    expect(app.confirm.lastText()).toContain('vetusdt');
    const open = await app.controller.session.run(9, { market: 'vetusdt', ord_type: 'limit' });
    expect(open.ok && (open.value.reply?.data as { resources: unknown[] }).resources).toEqual([]);
  });

  it('an order create / cancel frame goes through choices 6 / 7 (fresh uuid) and reaches the exchange', async () => {
    const login = await app.controller.session.run(1, {});
    expect(login.ok && login.value.reply?.code).toBe(0);
    app.confirm.answer = 'yes';
    const create = await app.controller.requests.sendRaw(frame('OrderHandler', 'create', { market: 'vetusdt', side: 'buy', price: 0.0001, volume: 100, ord_type: 'limit' }, 'mine'));
    expect(create).toMatchObject({ ok: true, value: { choice: 6, via: 6, reply: { outcome: 'order-ack', code: 0 } } });
    if (!create.ok) return;
    expect(create.value.uuid).not.toBe('mine');
    const id = (create.value.reply?.data as { id: number }).id;
    const cancel = await app.controller.requests.sendRaw(frame('OrderHandler', 'cancel', { ids: [id] }));
    expect(cancel).toMatchObject({ ok: true, value: { via: 7, reply: { outcome: 'cancelled', data: [id] } } });
  });
});

// The raw composer refuses through the same rule as a choice (run-choice's sessionRefusal), in the same words.
describe.skipIf(SKIP_KEYCHAIN)('sendRaw refuses like a choice', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  const outFrames = () => app.controller.logs.queryLog({}).filter((e) => e.direction === 'out' && !e.text.includes('pong')).length;

  it('while disconnected: the same "Not connected" as choice 13, nothing sent, the attempt kept in the history', async () => {
    expect((await app.controller.session.run(16, {})).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // the log pushes batches
    const before = outFrames();
    const historyBefore = app.controller.requests.listHistory({}).length;
    const raw = await app.controller.requests.sendRaw(frame('ToolHandler', 'timestamp', {}, 'offline-1'));
    const choice = await app.controller.session.run(13, {});
    expect(raw.ok).toBe(false);
    expect(choice.ok).toBe(false);
    if (!raw.ok && !choice.ok) expect(raw.error).toBe(choice.error);
    if (!raw.ok) expect(raw.error).toMatch(/^Not connected to ws:\/\/127\.0\.0\.1:\d+\/ws\/v1\. Use Reconnect \(17\)/);
    // A private frame while disconnected is refused for the connection first, as a private choice is.
    const privateRaw = await app.controller.requests.sendRaw(frame('AccountHandler', 'index', {}, 'offline-2'));
    const privateChoice = await app.controller.session.run(5, {});
    expect(privateRaw).toEqual(privateChoice);
    await new Promise((r) => setTimeout(r, 300));
    expect(outFrames()).toBe(before);
    const kept = app.controller.requests.listHistory({}).slice(0, app.controller.requests.listHistory({}).length - historyBefore);
    expect(kept.filter((e) => e.source === 'raw').map((e) => e.error)).toEqual([privateRaw.ok ? '' : privateRaw.error, raw.ok ? '' : raw.error]);
    expect(kept.every((e) => e.code === undefined && e.rttMs === undefined)).toBe(true);
    expect((await app.controller.session.run(17, {})).ok).toBe(true);
  });

  it('connected but not logged in: a private frame gets the choice\'s NOT_AUTHENTICATED and is not a request in the history', async () => {
    expect(app.controller.session.status()).toMatchObject({ state: 'open', loggedIn: false });
    const historyBefore = app.controller.requests.listHistory({}).length;
    const raw = await app.controller.requests.sendRaw(frame('AccountHandler', 'index', {}, 'anon-1'));
    const choice = await app.controller.session.run(5, {});
    expect(raw).toEqual({ ok: false, error: NOT_AUTHENTICATED });
    expect(choice).toEqual(raw);
    expect(app.controller.requests.listHistory({})).toHaveLength(historyBefore);
  });
});
