// The built-in sandbox's demo account survives restarts in userData/sandbox-account.json (mode 0600).

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyPairMatches, loadOrCreateSandboxAccount, SANDBOX_ACCOUNT_FILE, type SandboxAccount } from '../../main/app/sandbox-account';
import { createDemoAccount } from '../../main/sandbox/index';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-sandbox-account-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateSandboxAccount', () => {
  it('creates the account once, stores it with mode 0600 and returns the same account afterwards', () => {
    const dir = tempDir();
    let created = 0;
    const create = () => {
      created += 1;
      return createDemoAccount();
    };
    const first = loadOrCreateSandboxAccount(dir, create);
    const again = loadOrCreateSandboxAccount(dir, create);
    expect(created).toBe(1);
    expect(again).toEqual(first);
    expect(keyPairMatches(first)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(join(dir, SANDBOX_ACCOUNT_FILE)).mode & 0o777).toBe(0o600);
  });

  it('replaces a corrupt file or a key pair that does not match', () => {
    const dir = tempDir();
    const file = join(dir, SANDBOX_ACCOUNT_FILE);
    writeFileSync(file, 'garbage');
    const fresh = loadOrCreateSandboxAccount(dir, () => createDemoAccount());
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(fresh);

    const other = createDemoAccount();
    const mismatched: SandboxAccount = { config: fresh.config, privateKeyPem: other.privateKeyPem };
    expect(keyPairMatches(mismatched)).toBe(false);
    writeFileSync(file, JSON.stringify(mismatched));
    const replaced = loadOrCreateSandboxAccount(dir, () => other);
    expect(replaced).toEqual(other);
  });
});
