// Keychain tests run against a real Secret Service (gnome-keyring in a private D-Bus session).
// No keychain → the tests FAIL with instructions, unless OCEANEX_SKIP_KEYCHAIN=1 asks to skip them (and says so).

import { randomUUID } from 'node:crypto';
import { keytarSecretStore, type SecretStore } from '../../main/services/secret-store';

export const SKIP_KEYCHAIN = process.env.OCEANEX_SKIP_KEYCHAIN === '1';

if (SKIP_KEYCHAIN) {
  console.warn('[keychain tests] skipped: OCEANEX_SKIP_KEYCHAIN=1 is set, so no Secret Service was used.');
}

export const HOW_TO_RUN =
  'Run them with `npm test` (e.g. `npm test -- test/services`): on a headless Linux box with dbus-run-session and ' +
  'gnome-keyring-daemon installed it provides a private, unlocked Secret Service by itself ' +
  '(or set OCEANEX_SKIP_KEYCHAIN=1 to skip keychain tests on purpose).';

/** A service name no other test run uses, so parallel runs never collide. */
export function uniqueService(): string {
  return `OceanEx WS Client test ${process.pid} ${randomUUID()}`;
}

/** Proves the real keychain answers (set/get/delete) within `timeoutMs`, else throws with instructions. */
export async function requireKeychain(timeoutMs = 15_000): Promise<SecretStore> {
  const store = keytarSecretStore();
  const service = uniqueService();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([
      (async () => {
        await store.set(service, 'probe', 'probe-secret');
        const back = await store.get(service, 'probe');
        await store.delete(service, 'probe');
        if (back !== 'probe-secret') throw new Error('the keychain did not return what was stored');
      })(),
      timeout,
    ]);
  } catch (error) {
    throw new Error(`No Secret Service is reachable (${error instanceof Error ? error.message : String(error)}). ${HOW_TO_RUN}`);
  } finally {
    clearTimeout(timer);
  }
  return store;
}
