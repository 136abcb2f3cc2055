// Fuzzing every IPC handler with ≥ 1000 random or malformed payloads (seeded: failures name the seed and case).
// Each call must resolve to a clean Result, never throw; when it answers ok:false nothing may have changed:
// settings file bytes, key info, session endpoint and state, and no request frame may have been sent.
// Then ≥ 1000 SEQUENCES of well-formed calls in random order, with a person who answers every question no:
// no order frame may reach any exchange and no signature or JWT may reach a host the key is not bound to.

import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLINED } from '../../main/app/confirmation';
import { createHandlers, type DialogPort, type Handlers } from '../../main/ipc/handlers';
import { CHOICES } from '../../shared/oceanex/catalogue';
import { HISTORY_TRADER_UID, MARKET_MAKER_UID } from '../../main/sandbox/index';
import { seededRandom } from '../../main/sandbox/seeded-random';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../shared/ipc/channels';

const FUZZED_CHANNELS = INVOKE_CHANNELS.filter((c) => c !== 'sandbox:reset');
import { SKIP_KEYCHAIN } from '../services/keychain-env';
import { startAttackerEndpoint, type AttackerEndpoint } from '../app/attacker-endpoint';
import { cancellingDialogs } from '../app/dialogs';
import { startTestApp, type TestApp } from '../app/harness';

const SEED = Number(process.env.OCEANEX_FUZZ_SEED ?? 20261124);
const CASES_PER_CHANNEL = 1000;

const ORDER_SCENARIO = readFileSync(join(__dirname, '../../examples/scenarios/order-lifecycle.yaml'), 'utf8');
/** Scenario texts that reach past the schema: runnable, with order steps, over a limit, or broken YAML. */
const SCENARIO_TEXTS = [
  ORDER_SCENARIO,
  'name: t\nsteps: [{ name: a, choice: 13, expect: [{ path: "$.message.code", equals: 0 }] }]\n',
  'name: raw\nsteps: [{ name: a, send: { identifier: { handler: OrderHandler }, command: message, data: { action: clear, args: {} } } }]\n',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  'a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
  'name: x\nsteps: [{ name: a, choice: 6, fields: { market: "${env.HOME}", side: buy, price: 1, volume: 1, ord_type: limit } }]\n',
  'name: [unclosed\n',
];
const FIELD_NAMES = [...new Set(CHOICES.flatMap((c) => c.fields.map((f) => f.name)))];
const HUGE = 'A'.repeat(200_000);

class Junk {
  constructor(private readonly random: () => number) {}

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  text(): string {
    return this.pick([
      '',
      ' ',
      'sandbox',
      'debug',
      'vetusdt',
      '13',
      '1e3',
      '-1',
      '__proto__',
      'constructor',
      HUGE,
      '\u0000',
      '💥'.repeat(500),
      '<script>alert(1)</script>',
      '../../etc/passwd',
      'wss://',
      'ws://127.0.0.1:1/ws/v1\u0000',
      'javascript:alert(1)',
      Array.from({ length: 1 + this.int(40) }, () => String.fromCharCode(32 + this.int(95))).join(''),
    ]);
  }

  primitive(): unknown {
    return this.pick<() => unknown>([
      () => this.pick([0, -1, 1, 17, 18, 3.5, NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 1e308, 2 ** 31]),
      () => BigInt(this.int(100)),
      () => this.pick([true, false, null, undefined]),
      () => this.text(),
    ])();
  }

  object(depth: number): unknown {
    return this.pick<() => unknown>([
      () => ({}),
      () => JSON.parse('{"__proto__":{"x":1,"polluted":true}}'),
      () => JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
      () => ({ prototype: { polluted: true } }),
      () => Object.assign(Object.create(null) as object, { market: 'vetusdt' }),
      () => Object.fromEntries(Array.from({ length: this.int(6) }, () => [this.pick([...FIELD_NAMES, this.text(), 'id', 'kind', 'url']), this.value(depth + 1)])),
      () => Array.from({ length: this.int(5) }, () => this.value(depth + 1)),
      () => new Array(10_000).fill(0),
      () => new Map([[this.text(), this.value(depth + 1)]]),
      () => new Set([this.value(depth + 1)]),
      () => new Date(this.pick([0, NaN, 8.64e15])),
      () => new Uint8Array(this.int(64)),
      () => /x/g,
      () => this.nest(30),
    ])();
  }

  nest(levels: number): unknown {
    let v: unknown = this.primitive();
    for (let i = 0; i < levels; i++) v = this.random() < 0.5 ? [v] : { a: v };
    return v;
  }

  value(depth = 0): unknown {
    return depth > 3 || this.random() < 0.5 ? this.primitive() : this.object(depth);
  }

  args(): unknown[] {
    return Array.from({ length: this.int(5) }, () => this.value());
  }

  /** Payloads shaped like the real ones, with junk in one place: they reach deeper than pure noise. */
  nearValid(channel: InvokeChannel): unknown[] {
    switch (channel) {
      case 'session:run': {
        const fields = Object.fromEntries(Array.from({ length: this.int(5) }, () => [this.pick(FIELD_NAMES), this.random() < 0.7 ? this.text() : this.value()]));
        return [this.random() < 0.8 ? 1 + this.int(20) : this.value(), this.random() < 0.8 ? fields : this.value()];
      }
      case 'settings:updateProfile': {
        const key = this.pick(['name', 'endpoint', 'uid', 'apiKeyId', 'requestTimeoutMs', 'logLevel', '__proto__', 'id', this.text()]);
        const value = key === 'endpoint' ? { kind: this.pick(['custom', 'sandbox ', 'prod', this.text()]), url: this.text() } : this.value();
        return [{ id: this.random() < 0.7 ? 'sandbox' : this.value(), [key]: value }];
      }
      case 'settings:removeProfile':
      case 'settings:selectProfile':
        return [this.random() < 0.5 ? this.text() : this.value()];
      case 'settings:addProfile':
        return [this.value()];
      case 'log:query':
        return [{ [this.pick(['level', 'text', 'since', 'until', 'limit', 'extra'])]: this.value() }];
      case 'scenario:check':
      case 'scenario:run':
        return [this.random() < 0.7 ? this.pick(SCENARIO_TEXTS) : this.value()];
      case 'scenario:save':
        return [this.random() < 0.7 ? this.pick(SCENARIO_TEXTS) : this.value(), this.random() < 0.7 ? this.random() < 0.5 : this.value()];
      case 'scenario:export':
        return [this.pick(['junit', 'json', 'xml', 'JUNIT', this.text()])];
      case 'session:export':
        return [{ format: this.pick(['har', 'ndjson', 'xml', this.text()]), [this.pick(['level', 'text', 'extra'])]: this.random() < 0.5 ? this.text() : this.value() }];
      case 'code:save': {
        const fields = Object.fromEntries(Array.from({ length: this.int(4) }, () => [this.pick(FIELD_NAMES), this.text()]));
        const source = this.pick<unknown>([{ kind: 'choice', choice: 1 + this.int(20), fields }, { kind: 'frame', text: this.text() }, { kind: this.text() }, this.value()]);
        return [{ language: this.pick(['python', 'node', 'ruby', this.text()]), source }];
      }
      default:
        return this.random() < 0.5 ? [] : this.args();
    }
  }
}

/** The dialogs a user cancels: fuzzing must never write files chosen at random. */
const dialogs: DialogPort = cancellingDialogs();

describe.skipIf(SKIP_KEYCHAIN)(`IPC fuzz (seed ${SEED}, OCEANEX_FUZZ_SEED to change)`, () => {
  let app: TestApp;
  let handlers: Handlers;
  const settingsFile = () => join(app.paths.userData, 'settings.json');

  beforeAll(async () => {
    app = await startTestApp();
    handlers = createHandlers(app.controller, dialogs);
    await app.waitFor('event:session', (s) => s.state === 'open');
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  async function snapshot() {
    const status = app.controller.session.status();
    return {
      settings: readFileSync(settingsFile()),
      key: JSON.stringify(await app.controller.keys.keyInfo()),
      session: `${status.endpoint} ${status.state} ${status.loggedIn}`,
      lastSeq: app.controller.logs.queryLog({ limit: 1 })[0]?.seq ?? 0,
    };
  }

  /** Request frames sent since `seq`; after a declined order only those that would change orders count. */
  function requestFramesSince(seq: number, declined: boolean): number {
    return app.controller.logs
      .queryLog({ limit: 200 })
      .filter((e) => e.seq > seq && e.direction === 'out' && e.text.includes('"uuid"'))
      // The question itself may look things up first (market names, the open orders a mass cancel would hit).
      .filter((e) => !declined || /"action":"(create|cancel|clear)"/.test(e.text)).length;
  }

  it.each(INVOKE_CHANNELS.map((c, i) => [c, i] as const))('%s answers every malformed payload cleanly', async (channel, index) => {
    const junk = new Junk(seededRandom(SEED + index));
    const handler = handlers[channel];
    let refused = 0;
    for (let n = 0; n < CASES_PER_CHANNEL; n++) {
      const args = n % 2 === 0 ? junk.args() : junk.nearValid(channel);
      const where = `seed ${SEED + index}, case ${n}`;
      const before = await snapshot();
      let result: unknown;
      try {
        result = await handler(...args);
      } catch (error) {
        throw new Error(`${channel} threw (${where}): ${String(error)}`);
      }
      expect(result, where).toMatchObject({ ok: expect.any(Boolean) });
      const answer = result as { ok: boolean; error?: unknown; fieldErrors?: Record<string, unknown> };
      if (answer.ok) continue;
      refused += 1;
      expect(typeof answer.error === 'string' && answer.error.length > 0 && answer.error.length <= 501, `${where}: ${String(answer.error).slice(0, 200)}`).toBe(true);
      for (const message of Object.values(answer.fieldErrors ?? {})) {
        expect(typeof message === 'string' && message.length <= 201, `${where}: field error ${String(message).slice(0, 100)}`).toBe(true);
      }
      const after = await snapshot();
      expect(after.settings.equals(before.settings), `${where}: settings file changed`).toBe(true);
      expect(after.key, `${where}: key changed`).toBe(before.key);
      expect(after.session, `${where}: session changed`).toBe(before.session);
      expect(requestFramesSince(before.lastSeq, answer.error === DECLINED), `${where}: a request was sent`).toBe(0);
    }
    // Pure noise must mostly be refused (for channels without arguments half the cases are valid calls).
    expect(refused).toBeGreaterThan(CASES_PER_CHANNEL * 0.4);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('leaves a working app behind', async () => {
    // The fuzz may have moved the active profile to a closed loopback port: back to the sandbox, then it works.
    const id = app.controller.profiles.getSettings().activeProfileId;
    expect(await handlers['settings:updateProfile']({ id, endpoint: { kind: 'sandbox' } })).toMatchObject({ ok: true });
    expect(await handlers['session:run'](13, {})).toMatchObject({ ok: true });
    expect(await handlers['settings:get']()).toMatchObject({ ok: true });
  });
});

const SEQUENCES = 1000;
const MAX_SEQUENCE_LENGTH = 8;

/** Well-formed calls only: every verb, valid arguments, the way a script in the renderer could call them. */
class Script {
  constructor(
    private readonly random: () => number,
    private readonly app: TestApp,
    private readonly attacker: AttackerEndpoint,
  ) {}

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  private profileId(): string {
    return this.pick(this.app.controller.profiles.getSettings().profiles.map((p) => p.id));
  }

  /** Never production: tests connect to loopback only. The attacker's URL in two spellings, the sandbox. */
  private endpoint(): unknown {
    return this.pick([
      { kind: 'sandbox' },
      { kind: 'custom', url: this.attacker.url },
      { kind: 'custom', url: `ws://localhost:${this.attacker.port}/oceanex/ws/v1` },
    ]);
  }

  private choiceFields(choice: number): Record<string, string> {
    const spec = CHOICES.find((c) => c.number === choice);
    const fields: Record<string, string> = Object.fromEntries((spec?.fields ?? []).filter((f) => f.required || this.random() < 0.3).map((f) => [f.name, f.example]));
    // A cheap order below the book, so a yes (there is none here) would leave an open order to see.
    if (choice === 6) Object.assign(fields, { market: 'vetusdt', price: '0.001', volume: '1000', side: this.pick(['buy', 'sell']), ord_type: this.pick(['limit', 'market']) });
    return fields;
  }

  call(): [InvokeChannel, unknown[]] {
    // Every verb, with session:run weighted up: most verbs log the session out, and orders need a login first.
    // sandbox:reset is left out: this app's sandbox runs in-process and refuses it without a question (its question
    // and refusal are tested with a real sandbox process in test/app/sandbox-process.test.ts).
    const channel = this.random() < 0.4 ? 'session:run' : this.pick(FUZZED_CHANNELS);
    switch (channel) {
      case 'session:run': {
        // Orders, cancels, mass cancel and login twice as often as the rest: they are what an attacker wants.
        const choice = this.random() < 0.5 ? this.pick([1, 6, 7, 8]) : 1 + this.int(17);
        return [channel, [choice, this.choiceFields(choice)]];
      }
      case 'settings:updateProfile': {
        const update: Record<string, unknown> = { id: this.profileId() };
        const key = this.pick(['endpoint', 'endpoint', 'name', 'uid', 'apiKeyId', 'requestTimeoutMs', 'logLevel']);
        update[key] =
          key === 'endpoint' ? this.endpoint()
          : key === 'name' ? `Profile ${this.int(50)}`
          : key === 'uid' ? `ID${this.int(1000)}`
          : key === 'apiKeyId' ? `KID${this.int(1000)}`
          : key === 'requestTimeoutMs' ? 1_000 + this.int(5) * 1_000
          : this.pick(['debug', 'info', 'warn', 'error']);
        return [channel, [update]];
      }
      case 'settings:addProfile':
        return [channel, [`Added ${this.int(6)}`]];
      case 'settings:removeProfile':
      case 'settings:selectProfile':
        return [channel, [this.profileId()]];
      case 'log:query':
        return [channel, [{ limit: 1 + this.int(50) }]];
      case 'scenario:check':
      case 'scenario:run':
        // A whole scenario of order steps: one question, answered no, must send nothing.
        return [channel, [this.pick(SCENARIO_TEXTS.slice(0, 3))]];
      case 'scenario:save':
        return [channel, [SCENARIO_TEXTS[1], this.random() < 0.5]];
      case 'scenario:export':
        return [channel, [this.pick(['junit', 'json'])]];
      case 'session:export':
        return [channel, [{ format: this.pick(['har', 'ndjson']) }]];
      case 'code:save': {
        const choice = this.pick([1, 5, 6, 7, 8, 13]);
        return [channel, [{ language: this.pick(['python', 'node']), source: { kind: 'choice', choice, fields: this.choiceFields(choice) } }]];
      }
      default:
        return [channel, []];
    }
  }
}

describe.skipIf(SKIP_KEYCHAIN)(`IPC call sequences with a person who says no (seed ${SEED})`, () => {
  let app: TestApp;
  let handlers: Handlers;
  let attacker: AttackerEndpoint;
  /** The orders the exchange holds for every account but its market maker and history trader: must never change. */
  const exchangeOrders = () =>
    app.controller
      .builtInSandbox!.exchange.orders((o) => o.uid !== MARKET_MAKER_UID && o.uid !== HISTORY_TRADER_UID)
      .map((o) => `${o.uid}:${o.id}:${o.state}`)
      .join(',');
  let ownKeyProfile = '';

  beforeAll(async () => {
    attacker = await startAttackerEndpoint();
    app = await startTestApp();
    handlers = createHandlers(app.controller, dialogs);
    await app.waitFor('event:session', (s) => s.state === 'open');
    // A profile with the person's own key (not the demo key), bound to the sandbox: the key worth stealing.
    app.confirm.answer = 'yes';
    const added = await app.controller.profiles.addProfile('Own key');
    const own = added.profiles.find((p) => p.name === 'Own key')!;
    ownKeyProfile = own.id;
    await app.controller.profiles.updateProfile({ id: own.id, uid: 'IDOWN0001', apiKeyId: 'KIDOWN0001' });
    await app.controller.profiles.selectProfile(own.id);
    const pem = join(app.paths.userData, '..', 'own.pem');
    writeFileSync(pem, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    await app.controller.keys.importKeyFile(pem);
    await app.controller.profiles.selectProfile('sandbox');
    expect(await app.controller.session.run(1, {})).toMatchObject({ ok: true }); // logged in: order choices reach the question
    app.confirm.answer = 'no';
  }, 30_000);
  afterAll(async () => {
    await app?.cleanup();
    await attacker?.close();
  });

  it(`${SEQUENCES} random sequences of well-formed calls never send an order frame or a signature/JWT to a foreign host`, async () => {
    const started = Date.now();
    const ordersBefore = exchangeOrders();
    const settingsOwnKey = () => app.controller.profiles.getSettings().profiles.find((p) => p.id === ownKeyProfile);
    let calls = 0;
    let asked = 0;
    for (let n = 0; n < SEQUENCES; n++) {
      const script = new Script(seededRandom(SEED * 7 + n), app, attacker);
      const length = 1 + Math.floor(seededRandom(SEED + n)() * MAX_SEQUENCE_LENGTH);
      const trace: string[] = [];
      for (let i = 0; i < length; i++) {
        const [channel, args] = script.call();
        trace.push(`${channel}(${JSON.stringify(args)})`);
        const result = await handlers[channel](...args);
        calls += 1;
        expect(result, `sequence ${n}: ${trace.join(' → ')}`).toMatchObject({ ok: expect.any(Boolean) });
      }
      const where = `sequence ${n} (seed ${SEED * 7 + n}): ${trace.join(' → ')}`;
      expect(attacker.stolen(), where).toEqual([]);
      expect(attacker.orderFrames(), where).toEqual([]);
      expect(exchangeOrders(), where).toBe(ordersBefore);
      // The own key never left the sandbox: the profile holding it still points there (every move was refused).
      expect(settingsOwnKey()?.endpoint, where).toEqual({ kind: 'sandbox' });
    }
    asked = app.confirm.questions.length;
    // The sequences did reach the person, and the attacker, many times: the assertions above were not vacuous.
    expect(asked).toBeGreaterThan(SEQUENCES / 4);
    expect(app.confirm.questions.some((q) => q.title === 'New order')).toBe(true);
    expect(app.confirm.questions.some((q) => q.title === 'Change endpoint')).toBe(true);
    expect(app.confirm.questions.some((q) => q.title === 'Mass cancel')).toBe(true);
    expect(app.confirm.questions.some((q) => q.title === 'Delete key')).toBe(true);
    expect(app.confirm.questions.some((q) => q.title === 'Remove profile')).toBe(true);
    expect(attacker.connections()).toBeGreaterThan(10);
    const byTitle = new Map<string, number>();
    for (const q of app.confirm.questions) byTitle.set(q.title, (byTitle.get(q.title) ?? 0) + 1);
    const titles = [...byTitle].map(([title, count]) => `${title} ${count}`);
    console.info(`[fuzz sequences] ${SEQUENCES} sequences, ${calls} calls, ${asked} questions (all answered no: ${titles.join(', ')}), ${attacker.frames.length} frames and ${attacker.connections()} connections at the attacker, none with a signature, JWT or order, in ${Date.now() - started} ms`);
  }, 120_000);
});
