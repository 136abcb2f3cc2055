// The app (main/app/app.ts) end to end in plain Node: real settings and key files, the real keychain, the built-in sandbox
// over loopback, and the session it drives. Tests run in order and share one app (like one user session).

import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_AUTHENTICATED } from '../../shared/constants';
import { SANDBOX_ACCOUNT_FILE, type SandboxAccount } from '../../main/app/sandbox-account';
import type { Sandbox } from '../../main/sandbox/index';
import { SKIP_KEYCHAIN } from '../services/keychain-env';
import { startTestApp, tempPaths, type TestApp } from './harness';

function account(app: TestApp): SandboxAccount {
  return JSON.parse(readFileSync(join(app.paths.userData, SANDBOX_ACCOUNT_FILE), 'utf8')) as SandboxAccount;
}

function sandboxOf(app: TestApp): Sandbox {
  const sandbox = app.controller.builtInSandbox;
  if (!sandbox) throw new Error('no built-in sandbox');
  return sandbox;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function outboundFrames(app: TestApp, handler: string) {
  return app.controller.logs.queryLog({ text: handler }).filter((e) => e.direction === 'out');
}

describe.skipIf(SKIP_KEYCHAIN)('AppController', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ sandboxOptions: { pingIntervalSeconds: 1 } });
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  it('first run: the sandbox profile is active, connected, with the demo account and its key provisioned', async () => {
    const settings = app.controller.profiles.getSettings();
    expect(settings.profiles).toHaveLength(1);
    const profile = settings.profiles[0]!;
    expect(profile.endpoint).toEqual({ kind: 'sandbox' });
    const demo = account(app);
    expect(profile.uid).toBe(demo.config.uid);
    expect(profile.apiKeyId).toBe(demo.config.api_key);
    if (process.platform !== 'win32') expect(statSync(join(app.paths.userData, SANDBOX_ACCOUNT_FILE)).mode & 0o777).toBe(0o600);

    const key = await app.controller.keys.keyInfo();
    expect(key.present).toBe(true);
    expect(key.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/i);

    await app.waitFor('event:session', (s) => s.state === 'open');
    const status = app.controller.session.status();
    expect(status.endpoint).toBe(sandboxOf(app).url);
    expect(status.endpoint).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws\/v1$/);
    expect(status.profileName).toBe('Sandbox');
    expect(status.loggedIn).toBe(false);
  });

  it('refuses a private choice before login without sending anything', async () => {
    const result = await app.controller.session.run(5, {});
    expect(result).toEqual({ ok: false, error: NOT_AUTHENTICATED });
    expect(outboundFrames(app, 'AccountHandler')).toHaveLength(0);
  });

  it('validates fields in main and reports them per field; nothing is sent', async () => {
    const result = await app.controller.session.run(6, { market: 'VET/USDT', side: 'up', price: '-1', volume: '', ord_type: 'limit' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['market', 'price', 'side', 'volume']);
    expect(result.error).toContain('Volume is required');
    expect(outboundFrames(app, 'OrderHandler')).toHaveLength(0);
    expect(await app.controller.session.run(18, {})).toMatchObject({ ok: false, error: expect.stringContaining('no choice 18') });
  });

  it('runs a public choice and reports the redacted frame, the reply, its round trip and a summary', async () => {
    const result = await app.controller.session.run(13, {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.reply?.code).toBe(0);
    expect(result.value.summary).toMatch(/^received timestamp: \d+$/);
    expect(result.value.sent).toMatchObject({ identifier: { handler: 'ToolHandler' }, command: 'message', data: { action: 'timestamp', uuid: result.value.uuid, args: {} } });
    expect(result.value.rttMs).toBeGreaterThanOrEqual(0);
    const reply = await app.waitFor('event:reply', (r) => r.uuid === result.value.uuid);
    expect(reply.choice).toBe(13);
  });

  it('choice 1 logs in with the keychain key; the sent frame has the signature redacted', async () => {
    const result = await app.controller.session.run(1, {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.summary).toBe('Authenticated.');
    const sent = result.value.sent as { data: { header: Record<string, unknown> } };
    expect(sent.data.header['uid']).toBe(account(app).config.uid);
    expect(sent.data.header['signature']).toBe('[REDACTED]');
    expect(app.controller.session.status()).toMatchObject({ state: 'authenticated', loggedIn: true });
    await app.waitFor('event:session', (s) => s.loggedIn);
  });

  it('private choices work after login; a server error (code ≠ 0) is ok:true with the reply and summary', async () => {
    const account5 = await app.controller.session.run(5, {});
    expect(account5).toMatchObject({ ok: true, value: { summary: 'received account info.', reply: { code: 0 } } });

    app.confirm.answer = 'yes';
    const rejected = await app.controller.session.run(6, { market: 'vetusdt', side: 'buy', price: '1', volume: '999999999', ord_type: 'limit' });
    expect(rejected.ok).toBe(true);
    if (!rejected.ok) return;
    expect(rejected.value.reply?.code).not.toBe(0);
    expect(rejected.value.summary).toMatch(/^order rejected\. code: -?\d+/);
  });

  it('heartbeats update the status and are pushed as events; log batches are pushed too', async () => {
    const beat = await app.waitFor('event:heartbeat', () => true);
    expect(beat.at).toBeGreaterThan(0);
    expect(app.controller.session.status().lastHeartbeatAt).toBeGreaterThanOrEqual(beat.at);
    const batch = await app.waitFor('event:log', (b) => b.some((e) => e.direction === 'out'));
    expect(batch.length).toBeGreaterThan(0);
  });

  it('16 disconnects (no automatic reconnect), requests then fail plainly, 17 reconnects and logs in again', async () => {
    const off = await app.controller.session.run(16, {});
    expect(off).toMatchObject({ ok: true, value: { choice: 16, summary: 'Disconnected.' } });
    expect(app.controller.session.status()).toMatchObject({ state: 'closed', autoReconnect: false });

    const refused = await app.controller.session.run(13, {});
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/^Not connected to ws:\/\/127\.0\.0\.1:\d+\/ws\/v1\. Use Reconnect \(17\)/);

    const on = await app.controller.session.run(17, {});
    expect(on).toMatchObject({ ok: true, value: { choice: 17, summary: 'Reconnected and authenticated again.' } });
    expect(app.controller.session.status()).toMatchObject({ state: 'authenticated', autoReconnect: true });
  });

  it('a dropped connection is reported plainly, then reconnects automatically with reconnectAt in the status', async () => {
    const before = app.events.length;
    sandboxOf(app).faults.dropOnNext('MarketsHandler', 'index', false);
    const lost = await app.controller.session.run(3, {});
    expect(lost).toEqual({ ok: false, error: 'The connection was lost before the reply arrived.' });
    const scheduled = await app.waitFor('event:session', (s) => s.reconnectAt !== undefined, { after: before });
    expect(scheduled.reconnectAt).toBeGreaterThan(Date.now() - 60_000);
    await app.waitFor('event:session', (s) => s.state === 'authenticated' && s.reconnectAt === undefined, { after: before });
    expect(app.controller.session.status()).toMatchObject({ state: 'authenticated', loggedIn: true }); // logged in again by itself
  });

  it('a disconnect frame with reconnect:false shows its reason and stops automatic reconnection', async () => {
    const before = app.events.length;
    sandboxOf(app).faults.disconnectAll('maintenance window', false);
    const status = await app.waitFor('event:session', (s) => s.lastDisconnectReason?.includes('maintenance window') === true, { after: before });
    expect(status.autoReconnect).toBe(false);
    await app.waitFor('event:session', (s) => s.state === 'closed', { after: before });
    expect(app.controller.session.status()).toMatchObject({ state: 'closed', autoReconnect: false });
    expect(await app.controller.session.run(17, {})).toMatchObject({ ok: true });
  });

  it('timeouts come back as a plain message; changing the timeout recreates the session', async () => {
    const profileId = app.controller.profiles.getSettings().activeProfileId;
    const mark = app.events.length;
    await app.controller.profiles.updateProfile({ id: profileId, requestTimeoutMs: 1_000 });
    const after = app.events.slice(mark).filter((e) => e.channel === 'event:session').map((e) => e.payload as { state: string });
    expect(after.map((s) => s.state)).toContain('connecting'); // a new session, not the old one
    expect(app.controller.session.status()).toMatchObject({ state: 'open', loggedIn: false });

    sandboxOf(app).faults.silence('ToolHandler', 'timestamp');
    try {
      expect(await app.controller.session.run(13, {})).toEqual({ ok: false, error: 'No reply within 1 s. The server may still have processed the request.' });
    } finally {
      sandboxOf(app).faults.clear();
    }
  });

  it('switching the endpoint recreates the session on the new URL; verify key derives the REST base from it', async () => {
    const profileId = app.controller.profiles.getSettings().activeProfileId;
    const custom = `ws://localhost:${sandboxOf(app).port}/ws/v1`;
    await app.controller.profiles.updateProfile({ id: profileId, endpoint: { kind: 'custom', url: custom } });
    expect(app.controller.session.status()).toMatchObject({ endpoint: custom, state: 'open' });
    // The demo key moved without a question (it is no secret) but stays bound to the sandbox: it signs nothing here.
    await expect(app.controller.keys.verifyKey()).rejects.toThrow(/imported for the built-in Sandbox; it does not sign for the custom host ws:\/\/localhost:\d+/);
    const pemFile = join(app.paths.userData, '..', 'demo-for-custom.pem');
    writeFileSync(pemFile, account(app).privateKeyPem, { mode: 0o600 });
    await app.controller.keys.importKeyFile(pemFile);
    const verified = await app.controller.keys.verifyKey();
    expect(verified.ok).toBe(true);
    expect(verified.message.length).toBeGreaterThan(10);
    expect(app.controller.logs.queryLog({ text: 'Key verification against' }).at(-1)?.text).toContain(`http://localhost:${sandboxOf(app).port}`);

    await app.controller.profiles.updateProfile({ id: profileId, endpoint: { kind: 'sandbox' } });
    expect(app.controller.session.status()).toMatchObject({ endpoint: sandboxOf(app).url, state: 'open' });
    expect((await app.controller.keys.verifyKey()).ok).toBe(true);
  });

  it('the log level applies at once', async () => {
    const profileId = app.controller.profiles.getSettings().activeProfileId;
    const count = () => outboundFrames(app, 'ToolHandler').length;
    await app.controller.profiles.updateProfile({ id: profileId, logLevel: 'warn' });
    const before = count();
    expect(await app.controller.session.run(13, {})).toMatchObject({ ok: true });
    expect(count()).toBe(before);
    await app.controller.profiles.updateProfile({ id: profileId, logLevel: 'info' });
    expect(await app.controller.session.run(13, {})).toMatchObject({ ok: true });
    expect(count()).toBe(before + 1);
  });

  it('profiles: add, select (new session, key event), remove the active one (back to the first)', async () => {
    const first = app.controller.profiles.getSettings().activeProfileId;
    const added = await app.controller.profiles.addProfile('Second');
    const second = added.profiles.find((p) => p.name === 'Second')!;
    expect(app.of('event:settings').at(-1)?.profiles).toHaveLength(2);

    const mark = app.events.length;
    await app.controller.profiles.selectProfile(second.id);
    expect(app.controller.session.status()).toMatchObject({ profileName: 'Second', state: 'open' });
    const keyEvents = app.events.slice(mark).filter((e) => e.channel === 'event:key').map((e) => e.payload as { profileId: string; present: boolean });
    expect(keyEvents.at(-1)).toMatchObject({ profileId: second.id, present: true }); // a sandbox profile gets the demo key
    expect(app.controller.profiles.getSettings().profiles.find((p) => p.id === second.id)?.uid).toBe(account(app).config.uid);

    expect(await app.secrets.get(app.service, second.id)).not.toBeNull();
    await app.controller.profiles.removeProfile(second.id);
    expect(app.controller.profiles.getSettings().activeProfileId).toBe(first);
    // Its key goes with it: no keychain entry, no encrypted key file.
    expect(await app.secrets.get(app.service, second.id)).toBeNull();
    expect(existsSync(join(app.paths.userData, 'keys', `${second.id}.key.json`))).toBe(false);
    expect(app.controller.session.status()).toMatchObject({ profileName: 'Sandbox', state: 'open' });
  });

  it('removing the key makes login fail plainly; importing a key file restores it', async () => {
    const removed = await app.controller.keys.removeKey();
    expect(removed.present).toBe(false);
    expect(app.of('event:key').at(-1)).toEqual(removed);
    const refused = await app.controller.session.run(1, {});
    expect(refused).toEqual({ ok: false, error: 'No key has been imported for this profile. Import your key.pem first.' });

    const pemFile = join(app.paths.userData, '..', 'key.pem');
    writeFileSync(pemFile, account(app).privateKeyPem, { mode: 0o600 });
    const imported = await app.controller.keys.importKeyFile(pemFile);
    expect(imported.present).toBe(true);
    expect(app.of('event:key').at(-1)).toEqual(imported);
    expect(await app.controller.session.run(1, {})).toMatchObject({ ok: true, value: { summary: 'Authenticated.' } });
  });

  it('exports the log to a chosen file', async () => {
    const target = join(app.paths.userData, '..', 'export', 'copy.log');
    expect(await app.controller.logs.exportLog(target)).toBe(target);
    expect(readFileSync(target, 'utf8')).toContain('ToolHandler');
  });

  it('a restart keeps the demo account and the keychain key (no re-import), and the login still works', async () => {
    const uid = account(app).config.uid;
    const key = await app.controller.keys.keyInfo();
    const port = sandboxOf(app).port;
    app = await app.restart();
    expect(await portOpen(port)).toBe(false); // the old sandbox was stopped
    expect(readFileSync(join(app.paths.logs, 'ws_client.log'), 'utf8')).toContain('App closed'); // flushed on quit
    expect(account(app).config.uid).toBe(uid);
    expect(await app.controller.keys.keyInfo()).toEqual(key);
    await app.waitFor('event:session', (s) => s.state === 'open');
    expect(await app.controller.session.run(1, {})).toMatchObject({ ok: true, value: { summary: 'Authenticated.' } });
  });
});

describe.skipIf(SKIP_KEYCHAIN)('the demo key never replaces a key the person imported', () => {
  it('their own key in a sandbox profile with the demo uid survives a settings change and a restart', async () => {
    let app = await startTestApp({});
    try {
      const profileId = app.controller.profiles.getSettings().activeProfileId;
      const demoKey = await app.controller.keys.keyInfo();
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
      const pemFile = join(app.paths.userData, '..', 'own-key.pem');
      writeFileSync(pemFile, privateKey, { mode: 0o600 });
      const own = await app.controller.keys.importKeyFile(pemFile);
      expect(own.fingerprint).not.toBe(demoKey.fingerprint);
      expect(app.controller.profiles.getSettings().profiles[0]?.uid).toBe(account(app).config.uid); // still the demo uid

      await app.controller.profiles.updateProfile({ id: profileId, logLevel: 'debug' }); // any settings change
      expect((await app.controller.keys.keyInfo()).fingerprint).toBe(own.fingerprint);
      app = await app.restart();
      expect((await app.controller.keys.keyInfo()).fingerprint).toBe(own.fingerprint);
      expect(app.controller.logs.queryLog({ text: 'holds its own key' }).at(-1)?.text).toContain(own.fingerprint);
    } finally {
      await app.cleanup();
    }
  });
});

describe.skipIf(SKIP_KEYCHAIN)('AppController start-up notices', () => {
  it('a corrupt settings file is kept aside and reported as a notice', async () => {
    const paths = tempPaths();
    mkdirSync(paths.userData, { recursive: true });
    writeFileSync(join(paths.userData, 'settings.json'), '{ this is not json');
    const app = await startTestApp({ paths });
    try {
      const notice = await app.waitFor('event:notice', () => true);
      expect(notice.level).toBe('warn');
      expect(notice.message).toMatch(/kept as .*settings\.json\.corrupt-/);
      expect(app.controller.profiles.getSettings().profiles[0]?.endpoint).toEqual({ kind: 'sandbox' });
    } finally {
      await app.cleanup();
    }
  });

});
