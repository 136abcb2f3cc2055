// No IPC reply, event, log line, exported log or error message may ever carry key material, a login signature
// or a JWT. Drive logins, verifications and every kind of failure through the real handlers, collect everything
// that leaves main (and the log files), then search it for the exact secrets that were used.

import { generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type DialogPort, type Handlers } from '../../main/ipc/handlers';
import { signLogin } from '../../main/oceanex/signer';
import { restUserJwt } from '../../main/services/key-verify';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { SKIP_KEYCHAIN } from '../services/keychain-env';
import { cancellingDialogs } from '../app/dialogs';
import { startTestApp, type TestApp } from '../app/harness';

/** The base64 body lines of a PEM: any of them appearing anywhere is a leak. */
function pemBodyLines(pem: string): string[] {
  return pem
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length >= 40 && !l.startsWith('-----'));
}

describe.skipIf(SKIP_KEYCHAIN)('no secrets leave main', () => {
  let app: TestApp;
  let handlers: Handlers;
  const results: unknown[] = [];
  let keyFile: string | null = null;
  const dialogs: DialogPort = cancellingDialogs({
    confirm: (question) => app.confirm.confirm(question),
    pickKeyFile: async () => keyFile,
    pickExportPath: async () => join(app.paths.userData, '..', 'exported.log'),
    pickSavePath: async (_name, kind) => join(app.paths.userData, '..', `exported.${kind}`),
  });
  const call = async (channel: keyof Handlers, ...args: unknown[]) => {
    const result = await handlers[channel](...args);
    results.push(result);
    return result;
  };

  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherPem = other.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const encryptedPem = other.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;

  beforeAll(async () => {
    app = await startTestApp();
    handlers = createHandlers(app.controller, dialogs);
    app.confirm.answer = 'yes';
    await app.waitFor('event:session', (s) => s.state === 'open');
  });
  afterAll(async () => {
    await app?.cleanup();
  });

  it('drives logins, verifications and failures, then finds none of the secrets anywhere', async () => {
    const dir = join(app.paths.userData, '..');
    const account = JSON.parse(readFileSync(join(app.paths.userData, 'sandbox-account.json'), 'utf8')) as {
      config: { uid: string; api_key: string; public_key_pem: string };
      privateKeyPem: string;
    };
    const profileId = app.controller.profiles.getSettings().activeProfileId;
    const kek = await app.secrets.get(app.service, profileId);
    expect(kek).toBeTruthy();

    // Successful paths.
    await call('session:run', 1, {});
    await call('session:run', 5, {});
    await call('session:run', 6, { market: 'vetusdt', side: 'buy', price: '0.5', volume: '10', ord_type: 'limit' });
    // A scenario that logs in: its step results (the frame sent) go to the page as event:scenario and as the result.
    expect(await call('scenario:run', 'name: s\nsteps:\n  - { name: login, choice: 1 }\n  - { name: account, choice: 5 }\n')).toMatchObject({ ok: true, value: { passed: true } });
    await call('key:verify');
    await call('key:info');
    await call('session:status');
    await call('settings:get');

    // Failures of every kind: bad key files, a key the server does not know, a wrong uid, a server error.
    for (const [name, content] of [
      ['public.pem', account.config.public_key_pem],
      ['encrypted.pem', encryptedPem],
      ['truncated.pem', account.privateKeyPem.slice(0, 700)],
      ['garbage.pem', `-----BEGIN RSA PRIVATE KEY-----\n${account.privateKeyPem.split('\n')[3]}\n-----END RSA PRIVATE KEY-----\n`],
    ] as const) {
      keyFile = join(dir, name);
      writeFileSync(keyFile, content);
      const refused = await call('key:import');
      expect(refused).toMatchObject({ ok: false });
    }
    keyFile = join(dir, 'other.pem');
    writeFileSync(keyFile, otherPem);
    expect(await call('key:import')).toMatchObject({ ok: true });
    expect(await call('key:verify')).toMatchObject({ ok: true, value: { ok: false } });
    expect(await call('session:run', 17, {})).toMatchObject({ ok: true }); // re-login with the unknown key fails on the wire
    const unknownKeyLogin = await call('session:run', 1, {});
    expect(unknownKeyLogin.ok && (unknownKeyLogin.value as { reply: { code: number } }).reply.code).not.toBe(0);
    await call('settings:updateProfile', { id: profileId, uid: 'IDWRONG' });
    await call('session:run', 1, {});
    await call('key:verify');

    // Back to the demo key and account: log in and verify once more, then export the log.
    keyFile = join(dir, 'demo.pem');
    writeFileSync(keyFile, account.privateKeyPem);
    await call('key:import');
    await call('settings:updateProfile', { id: profileId, uid: account.config.uid });
    await call('session:run', 17, {});
    expect(await call('session:run', 1, {})).toMatchObject({ ok: true, value: { summary: 'Authenticated.' } });
    expect(await call('key:verify')).toMatchObject({ ok: true, value: { ok: true } });
    for (const channel of INVOKE_CHANNELS) if (channel !== 'key:remove') await call(channel, ...(channel === 'log:query' ? [{}] : []));
    await call('log:export');
    expect(await call('session:export', { format: 'har' })).toMatchObject({ ok: true });
    expect(await call('session:export', { format: 'ndjson' })).toMatchObject({ ok: true });
    expect(await call('code:save', { language: 'python', source: { kind: 'choice', choice: 1, fields: {} } })).toMatchObject({ ok: true });
    await call('session:run', 1, 'junk');

    // The exact secrets that were used: both keys, the keychain's key-encryption key, every login signature
    // (nonces are in the logged frames) and every verification JWT.
    const logText = () => readFileSync(join(app.paths.logs, 'ws_client.log'), 'utf8');
    await app.stop();
    const nonces = [...logText().matchAll(/"nonce":\s*(\d+)/g)].map((m) => Number(m[1]));
    expect(nonces.length).toBeGreaterThanOrEqual(3);
    const demoKey = createPrivateKey(account.privateKeyPem);
    const signatures = nonces.flatMap((n) => [signLogin(demoKey, n), signLogin(other.privateKey, n)]);
    const jwts = [account.config.uid, 'IDWRONG'].flatMap((uid) => [restUserJwt(uid, demoKey), restUserJwt(uid, other.privateKey)]);
    const secrets = [
      ...pemBodyLines(account.privateKeyPem),
      ...pemBodyLines(otherPem),
      ...pemBodyLines(encryptedPem),
      kek as string,
      ...signatures,
      ...signatures.map((s) => s.slice(0, 40)),
      ...jwts,
      ...jwts.map((j) => j.split('.')[2] as string),
    ];

    const haystacks: Array<[string, string]> = [
      ['handler results', JSON.stringify(results)],
      ['events', JSON.stringify(app.events)],
      ['log file', logText()],
      ['exported log', readFileSync(join(dir, 'exported.log'), 'utf8')],
      ['exported HAR', readFileSync(join(dir, 'exported.har'), 'utf8')],
      ['exported NDJSON', readFileSync(join(dir, 'exported.ndjson'), 'utf8')],
      ['saved login program', readFileSync(join(dir, 'exported.python'), 'utf8')],
    ];
    for (const [where, text] of haystacks) {
      expect(text.length, where).toBeGreaterThan(100);
      for (const secret of secrets) expect(text.includes(secret), `${where} contains a secret (${secret.slice(0, 12)}…)`).toBe(false);
      expect(text, where).not.toMatch(/PRIVATE KEY-----/);
      expect(text, where).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    }
    // The searches can find what they look for: the signed login frames did reach the log, redacted.
    expect(logText()).toContain('"signature":"[REDACTED]"');
  });
});
