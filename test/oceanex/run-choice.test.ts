// The one "run a choice" core (used by the app and the terminal client) against the real sandbox over loopback:
// each refusal sends nothing, the confirmation hook's yes is the only way an order action goes out, and failures
// come back as the session's own errors.

import { describe, expect, it } from 'vitest';
import { choiceById, type ChoiceId, type ChoiceSpec, type FieldValues, type RawFields } from '../../shared/oceanex/catalogue';
import { notSent, refusalNow, runChoice, type ChoiceHooks, type ChoiceOutcome, type ChoiceSession } from '../../main/oceanex/run-choice';
import { Session, SessionError } from '../../main/oceanex/session';
import { sandboxForFile } from './sandbox-fixture';
import { recordingLogger, type RecordingLogger } from './session-helpers';

const fixture = sandboxForFile({ seed: 11 });

const ORDER = { market: 'vetusdt', side: 'buy', price: '0.0017', volume: '321', ord_type: 'limit' } as const;
/** The terminal client's hooks: a key, and no question before orders. */
const TERMINAL: ChoiceHooks = { signer: () => fixture.signer(), confirm: undefined };

async function open(connect = true): Promise<{ session: Session; logger: RecordingLogger }> {
  const logger = recordingLogger();
  const session = new Session({ url: fixture.sandbox.url, requestTimeoutMs: 3_000, logger });
  fixture.keep(session);
  if (connect) await session.connect();
  return { session, logger };
}

async function loggedIn(): Promise<{ session: Session; logger: RecordingLogger }> {
  const ctx = await open();
  expect(await run(ctx.session, 'authenticate', {}, TERMINAL)).toMatchObject({ kind: 'sent', result: { reply: { code: 0 } } });
  return ctx;
}

function run(session: Session, id: ChoiceId, raw: RawFields, hooks: ChoiceHooks): Promise<ChoiceOutcome> {
  return runChoice(session, choiceById(id)!, raw, hooks);
}

/** Frames the client sent (the login included). */
function sent(logger: RecordingLogger): unknown[] {
  return logger.frames.filter((f) => f.direction === 'out').map((f) => JSON.parse(f.text) as unknown);
}

/** The sandbox's open orders of ORDER's exact volume (no market-maker order has it). */
function openOrdersLikeOrder() {
  return fixture.sandbox.exchange.orders((o) => o.market === 'vetusdt' && o.volume === 321n * 10n ** 18n && o.state === 'wait');
}

describe('runChoice × sandbox', () => {
  it('sends a public choice with the typed text turned into typed args, and returns the reply', async () => {
    const { session, logger } = await open();
    const outcome = await run(session, 'orderBook', { market: ' vetusdt ', level: '2', precision: '6' }, TERMINAL);
    expect(outcome.kind).toBe('sent');
    if (outcome.kind !== 'sent') return;
    expect(outcome.result.reply).toMatchObject({ outcome: 'order-book', code: 0 });
    expect(outcome.result.frame.data.args).toEqual({ market: 'vetusdt', market_id: 'vetusdt', level: 2, precision: 6 });
    expect(sent(logger)).toEqual([outcome.result.frame]);
  });

  it('refuses fields that do not validate, per field, and sends nothing', async () => {
    const { session, logger } = await loggedIn();
    const before = sent(logger).length;
    const outcome = await run(session, 'newOrder', { ...ORDER, side: 'up', price: '-1' }, TERMINAL);
    expect(outcome).toMatchObject({ kind: 'refused', reason: 'invalid' });
    if (outcome.kind === 'refused' && outcome.reason === 'invalid') expect(Object.keys(outcome.errors).sort()).toEqual(['price', 'side']);
    expect(sent(logger)).toHaveLength(before);
  });

  it('refuses before connecting (not-connected) and a private choice before login (not-authenticated)', async () => {
    const closed = await open(false);
    expect(await run(closed.session, 'timestamp', {}, TERMINAL)).toEqual({ kind: 'refused', reason: 'not-connected' });
    expect(await run(closed.session, 'authenticate', {}, TERMINAL)).toEqual({ kind: 'refused', reason: 'not-connected' });
    expect(sent(closed.logger)).toEqual([]);

    const { session, logger } = await open();
    expect(await run(session, 'account', {}, TERMINAL)).toEqual({ kind: 'refused', reason: 'not-authenticated' });
    expect(sent(logger)).toEqual([]);
  });

  it('refuses the login without a signer (no-key), whether connected or not; a signer that throws sends nothing', async () => {
    const noKey: ChoiceHooks = { signer: undefined, confirm: undefined };
    const closed = await open(false);
    expect(await run(closed.session, 'authenticate', {}, noKey)).toEqual({ kind: 'refused', reason: 'no-key' });
    const { session, logger } = await open();
    expect(await run(session, 'authenticate', {}, noKey)).toEqual({ kind: 'refused', reason: 'no-key' });

    const refusal = new Error('the key is bound to another endpoint');
    const throwing: ChoiceHooks = {
      signer: () => {
        throw refusal;
      },
      confirm: undefined,
    };
    expect(await run(session, 'authenticate', {}, throwing)).toEqual({ kind: 'failed', error: refusal });
    expect(sent(logger)).toEqual([]);
    expect(session.loggedIn).toBe(false);
  });

  it('logs in with the signer, after which private choices are sent', async () => {
    const { session } = await loggedIn();
    expect(session.loggedIn).toBe(true);
    const account5 = await run(session, 'account', {}, TERMINAL);
    expect(account5).toMatchObject({ kind: 'sent', result: { reply: { outcome: 'account', code: 0 } } });
  });

  it("an order action goes out only on the confirmation hook's true: no, a truthy non-true and a throw send nothing", async () => {
    const { session, logger } = await loggedIn();
    const before = sent(logger).length;
    const asked: Array<{ choice: ChoiceSpec; values: FieldValues }> = [];
    const answering = (answer: () => Promise<boolean>): ChoiceHooks => ({
      signer: undefined,
      confirm: (choice, values) => {
        asked.push({ choice, values });
        return answer();
      },
    });

    expect(await run(session, 'newOrder', ORDER, answering(async () => false))).toEqual({ kind: 'refused', reason: 'declined' });
    // Only true is yes: a hook that answers anything else (here a string) is a no.
    expect(await run(session, 'newOrder', ORDER, answering(async () => 'yes' as unknown as boolean))).toEqual({ kind: 'refused', reason: 'declined' });
    const changed = new Error('the profile changed while the question was open');
    expect(await run(session, 'cancelOrders', { ids: '18, 19' }, answering(() => Promise.reject(changed)))).toEqual({ kind: 'failed', error: changed });
    expect(await run(session, 'massCancel', {}, answering(async () => false))).toEqual({ kind: 'refused', reason: 'declined' });
    expect(sent(logger)).toHaveLength(before);
    expect(openOrdersLikeOrder()).toEqual([]);

    // The question is asked with the validated values: exactly what would be sent.
    expect(asked.map((a) => a.choice.number)).toEqual([6, 6, 7, 8]);
    expect(asked[0]!.values).toEqual({ market: 'vetusdt', side: 'buy', price: 0.0017, volume: 321, ord_type: 'limit' });
    expect(asked[2]!.values).toEqual({ ids: [18, 19] });

    const yes = await run(session, 'newOrder', ORDER, answering(async () => true));
    expect(yes).toMatchObject({ kind: 'sent', result: { reply: { outcome: 'order-ack', code: 0 } } });
    expect(openOrdersLikeOrder()).toHaveLength(1);
  });

  it('asks nothing for a choice that changes no order, and nothing without a hook (the terminal client)', async () => {
    const { session } = await loggedIn();
    let questions = 0;
    const counting: ChoiceHooks = { signer: undefined, confirm: async () => (++questions, false) };
    expect(await run(session, 'openOrders', { market: 'vetusdt', ord_type: 'limit' }, counting)).toMatchObject({ kind: 'sent' });
    expect(questions).toBe(0);
    expect(await run(session, 'newOrder', ORDER, TERMINAL)).toMatchObject({ kind: 'sent', result: { reply: { outcome: 'order-ack' } } });
    expect(openOrdersLikeOrder()).not.toEqual([]);
    const cleared = await run(session, 'massCancel', {}, TERMINAL);
    expect(cleared).toMatchObject({ kind: 'sent', result: { reply: { outcome: 'mass-cancelled' } } });
    expect(openOrdersLikeOrder()).toEqual([]);
  });

  it("returns the session's error when the request fails on the wire (connection lost, timeout)", async () => {
    const { session } = await open();
    fixture.sandbox.faults.dropOnNext('MarketsHandler', 'index', false);
    const lost = await run(session, 'markets', {}, TERMINAL);
    expect(lost.kind).toBe('failed');
    if (lost.kind === 'failed') expect(lost.error).toMatchObject({ name: 'SessionError', code: 'connection-lost' });

    const quick = fixture.keep(new Session({ url: fixture.sandbox.url, requestTimeoutMs: 200 }));
    await quick.connect();
    fixture.sandbox.faults.silence('ToolHandler', 'timestamp');
    const silent = await run(quick, 'timestamp', {}, TERMINAL);
    expect(silent.kind === 'failed' && silent.error instanceof SessionError && silent.error.code).toBe('timeout');
  });

  it('refusalNow answers before any field is read, in the order the terminal client reports', async () => {
    const closed = await open(false);
    const account5 = choiceById('account')!;
    const login = choiceById('authenticate')!;
    expect(refusalNow(closed.session, account5, TERMINAL)).toBe('not-connected');
    expect(refusalNow(closed.session, login, { signer: undefined, confirm: undefined })).toBe('no-key');
    const { session } = await open();
    expect(refusalNow(session, account5, TERMINAL)).toBe('not-authenticated');
    expect(refusalNow(session, choiceById('markets')!, TERMINAL)).toBeUndefined();
    expect(refusalNow(session, login, TERMINAL)).toBeUndefined();
  });

  it('notSent says from the outcome whether a frame went out, and why not', async () => {
    const { session, logger } = await open();
    const frames = () => sent(logger).length;
    expect(notSent(await run(session, 'markets', {}, TERMINAL))).toBeUndefined();
    const before = frames();
    expect(notSent(await run(session, 'orderBook', { market: 'VET USDT' }, TERMINAL))).toBe('invalid');
    expect(notSent(await run(session, 'account', {}, TERMINAL))).toBe('not-authenticated');
    const refusal = new Error('This key signs only for the sandbox.');
    expect(notSent(await run(session, 'authenticate', {}, { signer: () => Promise.reject(refusal), confirm: undefined }))).toBe('failed');
    // A session that refuses by itself (its state moved after refusalNow looked) sent nothing either.
    const stale: ChoiceSession = { state: session.state, loggedIn: true, login: (s) => session.login(s), request: (c, v) => session.request(c, v) };
    const refusedBySession = await run(stale as Session, 'account', {}, TERMINAL);
    expect(refusedBySession.kind).toBe('failed');
    expect(notSent(refusedBySession)).toBe('not-authenticated');
    expect(frames()).toBe(before);

    // Failures after the frame went out (its uuid is known): it was sent.
    const quick = fixture.keep(new Session({ url: fixture.sandbox.url, requestTimeoutMs: 200 }));
    await quick.connect();
    fixture.sandbox.faults.silence('ToolHandler', 'timestamp');
    const silent = await run(quick, 'timestamp', {}, TERMINAL);
    expect(silent.kind).toBe('failed');
    expect(notSent(silent)).toBeUndefined();
    expect(notSent({ kind: 'refused', reason: 'declined' })).toBe('declined');
  });
});
