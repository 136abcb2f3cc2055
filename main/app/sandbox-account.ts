// The built-in sandbox's demo account, kept stable across restarts: its config and private key live in
// userData/sandbox-account.json (mode 0600) so the key provisioned into the keychain still matches the account
// the sandbox registers on the next start. A missing, corrupt or mismatched file is replaced by a fresh account.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { SandboxAccountConfig } from '../sandbox/auth';
import { signLogin, verifyLogin } from '../oceanex/signer';
import { writeFileAtomic } from '../services/atomic-file';

export const SANDBOX_ACCOUNT_FILE = 'sandbox-account.json';

export interface SandboxAccount {
  readonly config: SandboxAccountConfig;
  readonly privateKeyPem: string;
}

const accountSchema = z.object({
  config: z.object({
    uid: z.string().min(1),
    api_key: z.string().min(1),
    public_key_pem: z.string().min(1),
    balances: z.record(z.string(), z.string()),
  }),
  privateKeyPem: z.string().min(1),
});

/** True when the stored private key signs what the stored public key verifies. */
export function keyPairMatches(account: SandboxAccount): boolean {
  try {
    const nonce = 1;
    return verifyLogin(account.config.public_key_pem, nonce, signLogin(account.privateKeyPem, nonce));
  } catch {
    return false;
  }
}

function readAccount(file: string): SandboxAccount | undefined {
  try {
    const parsed = accountSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success && keyPairMatches(parsed.data) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Loads the persisted demo account, or creates one with `create` and persists it. */
export function loadOrCreateSandboxAccount(userData: string, create: () => SandboxAccount): SandboxAccount {
  const file = join(userData, SANDBOX_ACCOUNT_FILE);
  const existing = readAccount(file);
  if (existing) return existing;
  const account = create();
  writeFileAtomic(file, `${JSON.stringify(account, null, 2)}\n`, 0o600);
  return account;
}
