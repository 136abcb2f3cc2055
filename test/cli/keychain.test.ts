// The terminal client without --key-file: it signs with the key the desktop app imported into the real keychain
// (gnome-keyring in a private D-Bus session) for the profile whose uid matches, found in the app's settings.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccount, startSandbox, type Sandbox } from '../../main/sandbox/index';
import { KeyBindings } from '../../main/services/key-binding';
import { KeyStore } from '../../main/services/key-store';
import type { SecretStore } from '../../main/services/secret-store';
import { SettingsStore } from '../../main/services/settings';
import { requireKeychain, SKIP_KEYCHAIN } from '../services/keychain-env';
import { runCli } from './cli-process';

describe.skipIf(SKIP_KEYCHAIN)('terminal client with the app keychain', () => {
  let sandbox: Sandbox;
  let secrets: SecretStore;
  let userData: string;
  let keys: KeyStore;
  let uid: string;
  let apiKey: string;
  let privateKeyPem: string;
  const profileName = `CLI test ${randomUUID().slice(0, 8)}`;
  let profileId: string | undefined;

  beforeAll(async () => {
    secrets = await requireKeychain();
    const account = createDemoAccount();
    ({ uid, api_key: apiKey } = account.config);
    privateKeyPem = account.privateKeyPem;
    sandbox = await startSandbox({ port: 0, accounts: [account.config], pingIntervalSeconds: 60, seed: 3 });
    userData = mkdtempSync(join(tmpdir(), 'oceanex-cli-userdata-'));
    // Exactly what the app does on import: a profile in settings.json and the key in the KeyStore.
    const settings = new SettingsStore({ dir: userData });
    settings.load();
    const added = settings.addProfile(profileName).profiles.find((p) => p.name === profileName);
    profileId = added?.id;
    if (profileId === undefined) throw new Error('profile was not added');
    settings.updateProfile({ id: profileId, uid, apiKeyId: apiKey });
    // A second profile whose key was never imported.
    const keyless = settings.addProfile(`${profileName} keyless`).profiles.find((p) => p.name === `${profileName} keyless`);
    if (keyless) settings.updateProfile({ id: keyless.id, uid: 'IDKEYLESS', apiKeyId: 'KIDKEYLESS' });
    keys = new KeyStore({ dir: userData, secrets }); // the app's own keychain service name, as the CLI uses
    await keys.importPem(profileId, privateKeyPem);
  });

  afterAll(async () => {
    if (keys && profileId) await keys.remove(profileId);
    await sandbox?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('logs in with the imported key, takes the API key id from the profile, and logs to the app logs folder', async () => {
    const env = { OCEANEX_USER_DATA: userData };
    const [imported, unknownUid, keyless, noSettings] = await Promise.all([
      runCli(['--url', sandbox.url, '--uid', uid], env, '1\n5\n'),
      runCli(['--url', sandbox.url, '--uid', 'IDNOBODY'], env, '1\n'),
      runCli(['--url', sandbox.url, '--uid', 'IDKEYLESS'], env, '1\n'),
      runCli(['--url', sandbox.url, '--uid', uid], { OCEANEX_USER_DATA: join(userData, 'elsewhere') }, '1\n'),
    ]);

    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Login key: the app's profile "${profileName}" (key from the system keychain)`);
    expect(imported.stdout).toMatch(/> 1\nAuthenticated\.\n[\s\S]*> 5\nreceived account info\n/);

    const log = readFileSync(join(userData, 'logs', 'ws_client.log'), 'utf8');
    expect(log).toContain(`"uid":"${uid}","api_key":"${apiKey}"`);
    expect(log).toContain('"signature":"[REDACTED]"');
    for (const line of privateKeyPem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) {
      expect(log).not.toContain(line);
      expect(imported.stdout).not.toContain(line);
    }

    expect(unknownUid.code).toBe(2);
    expect(unknownUid.stdout).toBe('');
    expect(unknownUid.stderr).toContain(`No profile with uid IDNOBODY in the app's settings (${join(userData, 'settings.json')})`);
    expect(keyless.code).toBe(2);
    // The advice names what a terminal user can do, not the app's "Import your key.pem first".
    expect(keyless.stderr).toMatch(/No key has been imported for the app's profile "[^"]+"\. Pass --key-file key\.pem, or import the key again in the desktop app/);
    expect(keyless.stderr).not.toContain('Import your key.pem first');
    expect(noSettings.code).toBe(2);
    expect(noSettings.stderr).toMatch(/The app has no settings at .*elsewhere.*settings\.json/);
  });

  it('signs with the app key only for the endpoint the key is bound to', async () => {
    const env = { OCEANEX_USER_DATA: userData };
    const bindings = new KeyBindings(userData);
    try {
      // Bound to OceanEx production (as if imported there): a loopback server asking for a login gets nothing.
      bindings.set(profileId!, 'production');
      const production = await runCli(['--url', sandbox.url, '--uid', uid], env, '1\n');
      expect(production.code).toBe(2);
      expect(production.stdout).toBe('');
      expect(production.stderr).toContain(`signs only for OceanEx Production (ws.oceanex.pro), not for ${sandbox.url}`);
      expect(production.stderr).toContain('--key-file');
      // Bound to a custom host: another port of the same machine is another origin.
      bindings.set(profileId!, 'ws://127.0.0.1:1');
      const otherPort = await runCli(['--url', sandbox.url, '--uid', uid], env, '1\n');
      expect(otherPort.code).toBe(2);
      expect(otherPort.stderr).toContain('signs only for the custom host ws://127.0.0.1:1');
      // Bound to the sandbox: loopback is where the built-in sandbox runs, so the login goes ahead.
      bindings.set(profileId!, 'sandbox');
      const sandboxed = await runCli(['--url', sandbox.url, '--uid', uid], env, '1\n');
      expect(sandboxed.code).toBe(0);
      expect(sandboxed.stdout).toContain('Authenticated.');
    } finally {
      bindings.remove(profileId!);
    }
  });
});
