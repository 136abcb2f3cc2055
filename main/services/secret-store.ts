// The OS keychain behind a tiny interface, so keytar can be swapped later (or replaced in other tools).
// keytar is a native module: it is loaded on first use, never at import time, so importing this file is free.

type Keytar = typeof import('keytar');

export interface SecretStore {
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, secret: string): Promise<void>;
  delete(service: string, account: string): Promise<boolean>;
}

/** Wraps a keychain failure so the user learns what is wrong; the cause never holds the secret. */
export class KeychainUnavailableError extends Error {
  constructor(detail: string) {
    super(
      `The operating system keychain is unavailable (${detail}). ` +
        'On Linux a Secret Service such as gnome-keyring or KWallet must be running and unlocked.',
    );
    this.name = 'KeychainUnavailableError';
  }
}

let keytarPromise: Promise<Keytar> | undefined;

async function loadKeytar(): Promise<Keytar> {
  keytarPromise ??= import('keytar').then(
    (mod) => ((mod as { default?: Keytar }).default ?? mod) as Keytar,
    (error: unknown) => {
      keytarPromise = undefined;
      throw new KeychainUnavailableError(`keytar could not be loaded: ${messageOf(error)}`);
    },
  );
  return keytarPromise;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function guarded<T>(operation: (keytar: Keytar) => Promise<T>): Promise<T> {
  const keytar = await loadKeytar();
  try {
    return await operation(keytar);
  } catch (error) {
    throw new KeychainUnavailableError(messageOf(error));
  }
}

/** The real keychain: macOS Keychain, Windows Credential Manager, Secret Service on Linux. */
export function keytarSecretStore(): SecretStore {
  return {
    get: (service, account) => guarded((k) => k.getPassword(service, account)),
    set: (service, account, secret) => guarded((k) => k.setPassword(service, account, secret)),
    delete: (service, account) => guarded((k) => k.deletePassword(service, account)),
  };
}
