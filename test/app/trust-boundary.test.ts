// Issue 9: a script with the renderer's powers (every IPC verb, valid arguments, any order) and a person who
// answers no can do nothing irreversible and cannot get a signature or a token out for any host but the key's
// own. Real handlers, controller, keychain and built-in sandbox; a hostile endpoint on loopback; the only
// stand-in is the person at main's confirmation dialog (ScriptedConfirm).

import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGED_WHILE_ASKING, DECLINED } from '../../main/app/confirmation';
import type { SandboxAccount } from '../../main/app/sandbox-account';
import { createHandlers, type DialogPort, type Handlers } from '../../main/ipc/handlers';
import type { Sandbox } from '../../main/sandbox/index';
import { SKIP_KEYCHAIN } from '../services/keychain-env';
import { startAttackerEndpoint, type AttackerEndpoint } from './attacker-endpoint';
import { cancellingDialogs } from './dialogs';
import { startTestApp, type TestApp } from './harness';

describe.skipIf(SKIP_KEYCHAIN)('trust boundary (issue 9)', () => {
  let app: TestApp;
  let handlers: Handlers;
  let attacker: AttackerEndpoint;
  let keyFile: string | null = null;
  const dialogs: DialogPort = cancellingDialogs({ confirm: (question) => app.confirm.confirm(question), pickKeyFile: async () => keyFile });
  const sandbox = (): Sandbox => app.controller.builtInSandbox as Sandbox;
  const demo = (): SandboxAccount => JSON.parse(readFileSync(join(app.paths.userData, 'sandbox-account.json'), 'utf8')) as SandboxAccount;
  /** Every order of the demo account, with its state: what the exchange recorded. */
  const demoOrders = () =>
    sandbox()
      .exchange.orders((o) => o.uid === demo().config.uid)
      .map((o) => `${o.id}:${o.state}`)
      .join(',');
  const settingsBytes = () => readFileSync(join(app.paths.userData, 'settings.json'));
  const ORDER = { market: 'vetusdt', side: 'buy', price: '0.005', volume: '1000', ord_type: 'limit' }; // below the book: stays open

  beforeAll(async () => {
    attacker = await startAttackerEndpoint();
    app = await startTestApp();
    handlers = createHandlers(app.controller, dialogs);
    await app.waitFor('event:session', (s) => s.state === 'open');
    expect(await handlers['session:run'](1, {})).toMatchObject({ ok: true, value: { summary: 'Authenticated.' } });
  });
  afterAll(async () => {
    await app?.cleanup();
    await attacker?.close();
  });

  it('no → new order, cancel and mass cancel send nothing; the questions name profile, endpoint and arguments', async () => {
    app.confirm.answer = 'no';
    const before = demoOrders();
    expect(await handlers['session:run'](6, ORDER)).toEqual({ ok: false, error: DECLINED });
    const order = app.confirm.lastText();
    expect(order).toContain('Place this buy order on Sandbox?');
    expect(order).toContain('Profile: Sandbox');
    expect(order).toMatch(/Endpoint: Sandbox — the built-in Sandbox exchange \(ws:\/\/127\.0\.0\.1:\d+\/ws\/v1\)/);
    for (const line of ['Market: vetusdt (VET/USDT)', 'Side: buy', 'Price: 0.005', 'Volume: 1000', 'Order type: limit', 'Notional: 5 USDT', '[Place order]']) {
      expect(order).toContain(line);
    }
    expect(app.confirm.questions.at(-1)?.dontAskAgain?.label).toBe("Don't ask again for this profile until I quit");

    expect(await handlers['session:run'](7, { ids: '18, 19,23' })).toEqual({ ok: false, error: DECLINED });
    expect(app.confirm.lastText()).toContain('Cancel these 3 orders on Sandbox?');
    expect(app.confirm.lastText()).toContain('Order ids: 18, 19, 23');

    expect(await handlers['session:run'](8, {})).toEqual({ ok: false, error: DECLINED });
    expect(app.confirm.lastText()).toContain('Cancel ALL open orders of this account on Sandbox?');
    expect(app.confirm.lastText()).toContain('Open orders the exchange reports now: 0');

    expect(demoOrders()).toBe(before);
    const orderFrames = app.controller.logs.queryLog({ text: 'OrderHandler' }).filter((e) => e.direction === 'out' && /"action":"(create|cancel|clear)"/.test(e.text));
    expect(orderFrames).toEqual([]);
  });

  it('yes → the order is placed; mass cancel first counts the open orders on the exchange; "don\'t ask again" lasts until quit', async () => {
    app.confirm.answer = 'yes';
    const placed = await handlers['session:run'](6, ORDER);
    expect(placed).toMatchObject({ ok: true, value: { summary: expect.stringMatching(/order id: \d+/) } });
    await handlers['session:run'](6, { ...ORDER, price: '0.004' });
    const open = sandbox().exchange.openOrders(demo().config.uid).total;
    expect(open).toBe(2);

    app.confirm.answer = 'no';
    await handlers['session:run'](8, {});
    expect(app.confirm.lastText()).toContain(`Open orders the exchange reports now: ${open}`);
    expect(sandbox().exchange.openOrders(demo().config.uid).total).toBe(2);

    app.confirm.answer = 'yes, and do not ask again';
    expect(await handlers['session:run'](8, {})).toMatchObject({ ok: true, value: { summary: expect.stringContaining('mass cancel') } });
    expect(sandbox().exchange.openOrders(demo().config.uid).total).toBe(0);
    const asked = app.confirm.questions.length;
    app.confirm.answer = 'no'; // no longer asked for order actions of this profile…
    expect(await handlers['session:run'](6, ORDER)).toMatchObject({ ok: true });
    expect(await handlers['session:run'](8, {})).toMatchObject({ ok: true });
    expect(app.confirm.questions.length).toBe(asked);
    // …but a key removal still is, and after a restart (quit) orders are asked again.
    expect(await handlers['key:remove']()).toMatchObject({ ok: false, error: expect.stringContaining('The key was kept') });
    expect(app.confirm.questions.length).toBe(asked + 1);
    app = await app.restart();
    handlers = createHandlers(app.controller, dialogs);
    await app.waitFor('event:session', (s) => s.state === 'open');
    expect(await handlers['session:run'](1, {})).toMatchObject({ ok: true });
    expect(await handlers['session:run'](6, ORDER)).toEqual({ ok: false, error: DECLINED });
    expect(app.confirm.questions.length).toBe(asked + 2);
  });

  it('a question answered after the profile changed sends nothing', async () => {
    const other = await handlers['settings:addProfile']('Elsewhere');
    const otherId = other.ok ? other.value.profiles.find((p) => p.name === 'Elsewhere')!.id : '';
    const first = app.controller.profiles.getSettings().activeProfileId;
    const before = demoOrders();
    const person = app.confirm;
    const original = person.confirm.bind(person);
    person.confirm = async (question) => {
      await handlers['settings:selectProfile'](otherId); // the script switches profile while the person reads
      person.answer = 'yes';
      return original(question);
    };
    try {
      expect(await handlers['session:run'](6, ORDER)).toEqual({ ok: false, error: CHANGED_WHILE_ASKING });
    } finally {
      person.confirm = original;
      person.answer = 'no';
    }
    expect(demoOrders()).toBe(before);
    await handlers['settings:selectProfile'](first);
  });

  it('no → key removal and profile removal change nothing; yes → done', async () => {
    const id = app.controller.profiles.getSettings().activeProfileId;
    const keyPath = join(app.paths.userData, 'keys', `${id}.key.json`);
    const settings = settingsBytes();
    expect(await handlers['key:remove']()).toMatchObject({ ok: false });
    expect(app.confirm.lastText()).toMatch(/Delete the key of profile "Sandbox"\?[\s\S]*Key fingerprint \(SHA-256\): ([0-9A-F]{2}:){31}[0-9A-F]{2}[\s\S]*Signs for: the built-in Sandbox/);
    expect(existsSync(keyPath)).toBe(true);
    expect(await app.secrets.get(app.service, id)).not.toBeNull();

    const elsewhere = app.controller.profiles.getSettings().profiles.find((p) => p.name === 'Elsewhere')!;
    expect(await handlers['settings:removeProfile'](elsewhere.id)).toMatchObject({ ok: false, error: expect.stringContaining('The profile was kept') });
    expect(app.confirm.lastText()).toContain('Remove profile "Elsewhere" and delete its key?');
    expect(settingsBytes().equals(settings)).toBe(true);
    expect(await app.secrets.get(app.service, elsewhere.id)).not.toBeNull();

    app.confirm.answer = 'yes';
    expect(await handlers['settings:removeProfile'](elsewhere.id)).toMatchObject({ ok: true });
    expect(await app.secrets.get(app.service, elsewhere.id)).toBeNull();
    app.confirm.answer = 'no';
  });

  it('a keyed profile moves to another endpoint only after a yes that saw the whole URL; no leaves settings and binding', async () => {
    // "Main": the person's own key (not the sandbox's demo key) on the sandbox.
    const added = await handlers['settings:addProfile']('Main');
    const main = added.ok ? added.value.profiles.find((p) => p.name === 'Main')! : undefined;
    if (!main) throw new Error('no profile');
    await handlers['settings:updateProfile']({ id: main.id, uid: 'IDMAIN0001', apiKeyId: 'KIDMAIN0001' });
    await handlers['settings:selectProfile'](main.id);
    const own = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    keyFile = join(app.paths.userData, '..', 'own.pem');
    writeFileSync(keyFile, own);
    const imported = await handlers['key:import']();
    expect(imported).toMatchObject({ ok: true, value: { present: true } });
    const fingerprint = imported.ok ? imported.value.fingerprint : '';

    const target = `${attacker.url.replace('/ws/v1', '')}/looks/like/oceanex`;
    const settings = settingsBytes();
    const refused = await handlers['settings:updateProfile']({ id: main.id, endpoint: { kind: 'custom', url: target } });
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining('The settings were not changed') });
    const question = app.confirm.lastText();
    expect(question).toContain(`New endpoint URL: ${target}`);
    expect(question).toContain(`Key fingerprint (SHA-256): ${fingerprint}`);
    expect(question).toContain('The key signs only for the built-in Sandbox now');
    expect(settingsBytes().equals(settings)).toBe(true);
    expect(app.controller.session.status().endpoint).toBe(sandbox().url);
    // Still on the sandbox: the login is signed for it (and refused there: the sandbox does not know this key).
    await handlers['session:run'](1, {});
    expect(attacker.frames).toEqual([]);

    app.confirm.answer = 'yes';
    expect(await handlers['settings:updateProfile']({ id: main.id, endpoint: { kind: 'custom', url: target } })).toMatchObject({ ok: true });
    app.confirm.answer = 'no';
    expect(app.controller.session.status().endpoint).toBe(target);
    // The person said yes: the key now signs for that host (and for nothing else, the sandbox included).
    expect(await handlers['session:run'](1, {})).toMatchObject({ ok: true });
    expect(attacker.stolen()).toHaveLength(1);
    expect(attacker.stolen()[0]).toContain('"uid":"IDMAIN0001"');
    attacker.frames.length = 0;
    expect(await handlers['settings:updateProfile']({ id: main.id, endpoint: { kind: 'sandbox' } })).toMatchObject({ ok: false });
  });

  it('a key bound elsewhere never signs for the attacker: no login signature, no user_jwt', async () => {
    // The sandbox profile holds the demo key, bound to the sandbox; its endpoint moves without a question…
    const sandboxProfile = app.controller.profiles.getSettings().profiles.find((p) => p.name === 'Sandbox')!;
    await handlers['settings:selectProfile'](sandboxProfile.id);
    expect(await handlers['settings:updateProfile']({ id: sandboxProfile.id, endpoint: { kind: 'custom', url: attacker.url } })).toMatchObject({ ok: true });
    await app.waitFor('event:session', (s) => s.endpoint === attacker.url && s.state === 'open');
    // …but the key does not follow: no signature, no token, and a message that says why.
    const login = await handlers['session:run'](1, {});
    expect(login).toMatchObject({ ok: false, error: expect.stringContaining('was imported for the built-in Sandbox; it does not sign for the custom host ws://127.0.0.1:') });
    expect(await handlers['key:verify']()).toMatchObject({ ok: false, error: expect.stringContaining('does not sign for') });
    expect(await handlers['session:run'](17, {})).toMatchObject({ ok: true });
    expect(attacker.connections()).toBeGreaterThan(0);
    expect(attacker.stolen()).toEqual([]);
    expect(attacker.requests).toEqual([]);

    // A new profile never signs with another profile's key.
    const fresh = await handlers['settings:addProfile']('Fresh');
    const freshId = fresh.ok ? fresh.value.profiles.find((p) => p.name === 'Fresh')!.id : '';
    await handlers['settings:updateProfile']({ id: freshId, uid: 'IDFRESH01', apiKeyId: 'KIDFRESH01', endpoint: { kind: 'custom', url: attacker.url } });
    await handlers['settings:selectProfile'](freshId);
    expect(await handlers['session:run'](1, {})).toMatchObject({ ok: false, error: expect.stringContaining('No key has been imported') });
    expect(await handlers['key:verify']()).toMatchObject({ ok: false });
    expect(attacker.stolen()).toEqual([]);
    expect(attacker.requests).toEqual([]);
  });

  it('custom URLs from the renderer: no user:pass@, no query or fragment, plain ASCII, at most 256 characters', async () => {
    const id = app.controller.profiles.getSettings().activeProfileId;
    const update = (url: string) => handlers['settings:updateProfile']({ id, endpoint: { kind: 'custom', url } });
    expect(await update(`ws://user:secret@127.0.0.1:${attacker.port}/ws/v1`)).toMatchObject({ ok: false, error: expect.stringContaining('user name or password') });
    expect(await update(`ws://127.0.0.1@127.0.0.1:${attacker.port}/ws/v1`)).toMatchObject({ ok: false, error: expect.stringContaining('user name or password') });
    expect(await update(`ws://127.0.0.1:${attacker.port}/ws/v1?balance=100000`)).toMatchObject({ ok: false, error: expect.stringContaining('query') });
    expect(await update(`ws://127.0.0.1:${attacker.port}/ws/v1#x`)).toMatchObject({ ok: false, error: expect.stringContaining('fragment') });
    expect(await update(`ws://127.0.0.1:${attacker.port}/${'a'.repeat(300)}`)).toMatchObject({ ok: false, error: expect.stringContaining('256') });
    expect(await update(`ws://127.0.0.1:${attacker.port}/ws/v1\u202Egnp.exe`)).toMatchObject({ ok: false, error: expect.stringContaining('plain ASCII') });
    expect(await update(`ws://lоcalhost:${attacker.port}/ws/v1`)).toMatchObject({ ok: false, error: expect.stringContaining('plain ASCII') }); // Cyrillic о
  });

  it('a key imported before keys were bound is bound to its profile\'s endpoint at the next start', async () => {
    const sandboxProfile = app.controller.profiles.getSettings().profiles.find((p) => p.name === 'Sandbox')!;
    app.confirm.answer = 'yes';
    await handlers['settings:updateProfile']({ id: sandboxProfile.id, endpoint: { kind: 'sandbox' } });
    await handlers['settings:selectProfile'](sandboxProfile.id);
    app.confirm.answer = 'no';
    const binding = join(app.paths.userData, 'keys', `${sandboxProfile.id}.binding.json`);
    rmSync(binding);
    app = await app.restart();
    handlers = createHandlers(app.controller, dialogs);
    expect(JSON.parse(readFileSync(binding, 'utf8'))).toMatchObject({ version: 1, origin: 'sandbox' });
    await app.waitFor('event:session', (s) => s.state === 'open');
    expect(await handlers['session:run'](1, {})).toMatchObject({ ok: true, value: { summary: 'Authenticated.' } });
    expect(attacker.stolen()).toEqual([]);
  });

  it('a yes given about one key never deletes another that was imported while the question was open', async () => {
    const pem = join(app.paths.userData, '..', 'swap.pem');
    writeFileSync(pem, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const person = app.confirm;
    const original = person.confirm.bind(person);
    let swapped = '';
    person.confirm = async (question) => {
      swapped = (await app.controller.keys.importKeyFile(pem)).fingerprint ?? '';
      person.answer = 'yes';
      return original(question);
    };
    try {
      expect(await handlers['key:remove']()).toMatchObject({ ok: false, error: expect.stringContaining('the key changed while the question was open') });
    } finally {
      person.confirm = original;
      person.answer = 'no';
    }
    expect(await handlers['key:info']()).toMatchObject({ ok: true, value: { present: true, fingerprint: swapped } });
  });
});
