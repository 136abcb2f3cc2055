import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecretStore } from '../../main/services/secret-store';
import { requireKeychain, SKIP_KEYCHAIN, uniqueService } from './keychain-env';

describe.skipIf(SKIP_KEYCHAIN)('keytarSecretStore (real keychain)', () => {
  const service = uniqueService();
  let store: SecretStore;

  beforeAll(async () => {
    store = await requireKeychain();
  });
  afterAll(async () => {
    if (store) for (const account of ['a', 'b']) await store.delete(service, account);
  });

  it('stores, reads, replaces and deletes a secret per account', async () => {
    expect(await store.get(service, 'a')).toBeNull();
    await store.set(service, 'a', 'first');
    await store.set(service, 'b', 'other');
    await store.set(service, 'a', 'second');
    expect(await store.get(service, 'a')).toBe('second');
    expect(await store.get(service, 'b')).toBe('other');
    expect(await store.delete(service, 'a')).toBe(true);
    expect(await store.delete(service, 'a')).toBe(false);
    expect(await store.get(service, 'a')).toBeNull();
    expect(await store.get(service, 'b')).toBe('other');
  });
});

describe('keytarSecretStore without a Secret Service', () => {
  it('rejects with a clear "keychain is unavailable" error instead of crashing', () => {
    const probe = fileURLToPath(new URL('./fixtures/keychain-probe.ts', import.meta.url));
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/oceanex-test-bus' };
    delete env.DISPLAY;
    const out = execFileSync(process.execPath, ['--import', 'tsx', probe], { env, cwd: process.cwd(), encoding: 'utf8', timeout: 30_000 });
    expect(out).toMatch(/^KeychainUnavailableError: The operating system keychain is unavailable \(.+\)\. On Linux a Secret Service/);
  });
});
