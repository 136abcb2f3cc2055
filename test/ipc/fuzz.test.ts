// Fuzzing every IPC handler with ≥ 1000 random or malformed payloads (seeded: failures name the seed and case).
// Each call must resolve to a clean Result, never throw; when it answers ok:false nothing may have changed:
// settings file bytes, key info, session endpoint and state, and no request frame may have been sent.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type DialogPort, type Handlers } from '../../main/ipc/handlers';
import { CHOICES } from '../../main/oceanex/catalogue';
import { seededRandom } from '../../main/sandbox/seeded-random';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../preload/contract';
import { SKIP_KEYCHAIN } from '../services/keychain-env';
import { startTestApp, type TestApp } from '../app/harness';

const SEED = Number(process.env.OCEANEX_FUZZ_SEED ?? 20261124);
const CASES_PER_CHANNEL = 1000;

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
      default:
        return this.random() < 0.5 ? [] : this.args();
    }
  }
}

/** The dialogs a user cancels: fuzzing must never write files chosen at random. */
const cancellingDialogs: DialogPort = {
  confirm: async () => false,
  pickKeyFile: async () => null,
  pickExportPath: async () => null,
  revealFile: () => undefined,
};

describe.skipIf(SKIP_KEYCHAIN)(`IPC fuzz (seed ${SEED}, OCEANEX_FUZZ_SEED to change)`, () => {
  let app: TestApp;
  let handlers: Handlers;
  const settingsFile = () => join(app.paths.userData, 'settings.json');

  beforeAll(async () => {
    app = await startTestApp();
    handlers = createHandlers(app.controller, cancellingDialogs);
    await app.waitFor('event:session', (s) => s.state === 'open');
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  async function snapshot() {
    const status = app.controller.status();
    return {
      settings: readFileSync(settingsFile()),
      key: JSON.stringify(await app.controller.keyInfo()),
      session: `${status.endpoint} ${status.state} ${status.loggedIn}`,
      lastSeq: app.controller.queryLog({ limit: 1 })[0]?.seq ?? 0,
    };
  }

  function requestFramesSince(seq: number): number {
    return app.controller
      .queryLog({ limit: 200 })
      .filter((e) => e.seq > seq && e.direction === 'out' && e.text.includes('"uuid"')).length;
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
      expect(requestFramesSince(before.lastSeq), `${where}: a request was sent`).toBe(0);
    }
    // Pure noise must mostly be refused (for channels without arguments half the cases are valid calls).
    expect(refused).toBeGreaterThan(CASES_PER_CHANNEL * 0.4);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('leaves a working app behind', async () => {
    expect(await handlers['session:run'](13, {})).toMatchObject({ ok: true });
    expect(await handlers['settings:get']()).toMatchObject({ ok: true });
  });
});
