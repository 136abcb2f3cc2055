// Crash safety of a key re-import against the real keychain: a child process imports a new key and is killed
// (SIGKILL) after each step of the import in turn. Afterwards a fresh KeyStore (an app restart) must load the old
// key or the new one — never neither — and leave no temp file behind. Also: GCM tags are pinned to 16 bytes.

import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_STEPS, KeyStore, type ImportStep } from '../../main/services/key-store';
import { publicKeyFingerprint } from '../../main/services/key-validation';
import type { SecretStore } from '../../main/services/secret-store';
import { requireKeychain, SKIP_KEYCHAIN, uniqueService } from './keychain-env';

const CHILD = join(__dirname, 'key-store-crash-child.ts');

function runChild(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

describe.skipIf(SKIP_KEYCHAIN)('KeyStore crash safety (child process killed between the steps of a re-import)', () => {
  const service = uniqueService();
  const profiles: string[] = [];
  let secrets: SecretStore;
  let dir: string;
  let oldKey: KeyObject;
  let newKey: KeyObject;
  let newPemFile: string;

  beforeAll(async () => {
    secrets = await requireKeychain();
    dir = mkdtempSync(join(tmpdir(), 'oceanex-keycrash-'));
    oldKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    newKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    newPemFile = join(dir, 'new.pem');
    writeFileSync(newPemFile, newKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
  });

  afterAll(async () => {
    if (secrets) for (const id of profiles) await secrets.delete(service, id);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(IMPORT_STEPS.map((step) => [step]))('killed after "%s": the old or the new key loads, no temp file is left', async (step: ImportStep) => {
    const id = `crash-${randomUUID()}`;
    profiles.push(id);
    await new KeyStore({ dir, secrets, service }).importPem(id, oldKey.export({ type: 'pkcs8', format: 'pem' }) as string);

    const child = await runChild([dir, service, id, newPemFile, step]);
    expect(child.signal, child.output).toBe('SIGKILL');

    const restarted = new KeyStore({ dir, secrets, service });
    const loaded = publicKeyFingerprint(await restarted.loadPrivateKey(id));
    const info = await restarted.info(id);
    expect([publicKeyFingerprint(oldKey), publicKeyFingerprint(newKey)]).toContain(loaded);
    // What info() shows is the key that loads, and the file holds just that one key again.
    expect(info.fingerprint).toBe(loaded);
    expect(JSON.parse(readFileSync(join(dir, 'keys', `${id}.key.json`), 'utf8'))).not.toHaveProperty('pending');
    // Once the keychain holds the new secret, the new key is the one that survives.
    const afterKeychain = IMPORT_STEPS.indexOf(step) >= IMPORT_STEPS.indexOf('keychain-set');
    expect(loaded).toBe(publicKeyFingerprint(afterKeychain ? newKey : oldKey));
    expect(readdirSync(join(dir, 'keys')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  }, 30_000);

  it('refuses a GCM tag cut short (12, 8 or 4 bytes) instead of trusting it', async () => {
    const id = `tag-${randomUUID()}`;
    profiles.push(id);
    const store = new KeyStore({ dir, secrets, service });
    await store.importPem(id, oldKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    const file = join(dir, 'keys', `${id}.key.json`);
    const original = readFileSync(file, 'utf8');
    const stored = JSON.parse(original) as Record<string, string>;
    for (const bytes of [12, 8, 4]) {
      const cut = { ...stored, tag: Buffer.from(stored['tag'] ?? '', 'base64').subarray(0, bytes).toString('base64') };
      writeFileSync(file, JSON.stringify(cut));
      await expect(store.loadPrivateKey(id)).rejects.toThrow(/re-import the key/);
    }
    writeFileSync(file, original);
    expect(publicKeyFingerprint(await store.loadPrivateKey(id))).toBe(publicKeyFingerprint(oldKey));
  });
});
