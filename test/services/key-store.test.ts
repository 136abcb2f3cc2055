// KeyStore against the real keychain (gnome-keyring in a private D-Bus session) and real files.

import { createPublicKey, generateKeyPair, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyError } from '../../main/services/key-validation';
import { KeyStore, MAX_KEY_FILE_BYTES } from '../../main/services/key-store';
import type { SecretStore } from '../../main/services/secret-store';
import { verifyLogin } from '../../main/oceanex/signer';
import { requireKeychain, SKIP_KEYCHAIN, uniqueService } from './keychain-env';

const generate = promisify(generateKeyPair);
type Pair = { privateKey: KeyObject; publicKey: KeyObject };

describe.skipIf(SKIP_KEYCHAIN)('KeyStore (real keychain)', () => {
  const service = uniqueService();
  const usedProfiles = new Set<string>();
  let secrets: SecretStore;
  let dir: string;
  let store: KeyStore;
  const keys = new Map<number, Pair>();

  function profile(): string {
    const id = `p-${randomUUID()}`;
    usedProfiles.add(id);
    return id;
  }
  const pkcs1 = (bits: number) => keys.get(bits)?.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
  const pkcs8 = (bits: number) => keys.get(bits)?.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  const keyFile = (id: string) => join(dir, 'keys', `${id}.key.json`);

  beforeAll(async () => {
    secrets = await requireKeychain();
    dir = mkdtempSync(join(tmpdir(), 'oceanex-keystore-'));
    store = new KeyStore({ dir, secrets, service });
    // Generated once per file, in parallel (4096 bits takes a while).
    const pairs = await Promise.all([2048, 3072, 4096].map((bits) => generate('rsa', { modulusLength: bits })));
    pairs.forEach((pair, i) => keys.set([2048, 3072, 4096][i] as number, pair));
  });

  afterAll(async () => {
    if (secrets) for (const id of usedProfiles) await secrets.delete(service, id);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function expectKeyError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(KeyError);
    expect((error as Error).message).toMatch(pattern);
  }

  it.each([2048, 3072, 4096])('round-trips a %i-bit key: info, load, and a login signature OceanEx would verify', async (bits) => {
    const id = profile();
    const info = await store.importPem(id, pkcs8(bits));
    expect(info).toMatchObject({ present: true, profileId: id, bits });
    expect(info.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Date.parse(info.importedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(await store.info(id)).toEqual(info);

    const loaded = await store.loadPrivateKey(id);
    expect(loaded.asymmetricKeyDetails?.modulusLength).toBe(bits);
    const signer = await store.signer(id, 'ID123', 'KID456');
    expect(signer.uid).toBe('ID123');
    expect(signer.apiKey).toBe('KID456');
    const nonce = 1_700_000_000_000;
    expect(verifyLogin(keys.get(bits)?.publicKey as KeyObject, nonce, signer.sign(nonce))).toBe(true);
    expect(createPublicKey(loaded).export({ type: 'spki', format: 'pem' })).toBe(keys.get(bits)?.publicKey.export({ type: 'spki', format: 'pem' }));

    // The keychain holds only the 256-bit key-encryption key: fits Windows' 2560-byte cap whatever the RSA size.
    const kek = await secrets.get(service, id);
    expect(Buffer.from(kek ?? '', 'base64')).toHaveLength(32);
  });

  it('accepts PKCS#1 and PKCS#8 input for the same key with the same fingerprint', async () => {
    const a = await store.importPem(profile(), pkcs1(2048));
    const b = await store.importPem(profile(), pkcs8(2048));
    expect(a.fingerprint).toBe(b.fingerprint);
  });

  it('writes the encrypted file with mode 0600 in a 0700 folder, without any key material, and leaves no temp files', async () => {
    const id = profile();
    await store.importPem(id, pkcs1(2048));
    const file = keyFile(id);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('PRIVATE KEY');
    const derBase64 = (keys.get(2048)?.privateKey.export({ type: 'pkcs8', format: 'der' }) as Buffer).toString('base64');
    expect(text).not.toContain(derBase64.slice(40, 80));
    const stored = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['algorithm', 'bits', 'ciphertext', 'fingerprint', 'importedAt', 'iv', 'profileId', 'tag', 'version']);
    expect(readdirSync(join(dir, 'keys')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('re-import replaces the key and rotates the keychain secret', async () => {
    const id = profile();
    const first = await store.importPem(id, pkcs8(2048));
    const firstKek = await secrets.get(service, id);
    const second = await store.importPem(id, pkcs8(3072));
    expect(second.fingerprint).not.toBe(first.fingerprint);
    expect(second.bits).toBe(3072);
    expect(await secrets.get(service, id)).not.toBe(firstKek);
    expect((await store.loadPrivateKey(id)).asymmetricKeyDetails?.modulusLength).toBe(3072);
  });

  it('a rejected import leaves the previous key in place', async () => {
    const id = profile();
    const before = await store.importPem(id, pkcs8(2048));
    const pub = keys.get(2048)?.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    await expectKeyError(store.importPem(id, pub), /public key/);
    expect(await store.info(id)).toEqual(before);
    expect((await store.loadPrivateKey(id)).asymmetricKeyDetails?.modulusLength).toBe(2048);
  });

  it('a keychain failure during re-import leaves the previous key usable and no temp file', async () => {
    const id = profile();
    const before = await store.importPem(id, pkcs8(2048));
    const failingSet: SecretStore = { ...secrets, get: secrets.get, delete: secrets.delete, set: async () => { throw new Error('keychain locked'); } };
    const flaky = new KeyStore({ dir, secrets: failingSet, service });
    await expect(flaky.importPem(id, pkcs8(3072))).rejects.toThrow(/keychain locked/);
    expect(await store.info(id)).toEqual(before);
    expect((await store.loadPrivateKey(id)).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(readdirSync(join(dir, 'keys')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('remove deletes both the file and the keychain entry', async () => {
    const id = profile();
    await store.importPem(id, pkcs8(2048));
    expect(await store.remove(id)).toEqual({ present: false, profileId: id });
    expect(existsSync(keyFile(id))).toBe(false);
    expect(await secrets.get(service, id)).toBeNull();
    expect(await store.info(id)).toEqual({ present: false, profileId: id });
    await expectKeyError(store.loadPrivateKey(id), /No key has been imported/);
    expect(await store.remove(id)).toEqual({ present: false, profileId: id }); // idempotent
  });

  it('a tampered ciphertext, tag or iv gives "re-import the key", never a crash', async () => {
    for (const field of ['ciphertext', 'tag', 'iv'] as const) {
      const id = profile();
      await store.importPem(id, pkcs8(2048));
      const stored = JSON.parse(readFileSync(keyFile(id), 'utf8')) as Record<string, string>;
      const bytes = Buffer.from(stored[field] ?? '', 'base64');
      bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x01;
      stored[field] = bytes.toString('base64');
      writeFileSync(keyFile(id), JSON.stringify(stored));
      await expectKeyError(store.loadPrivateKey(id), /re-import the key/);
      await expectKeyError(store.signer(id, 'ID1', 'KID1'), /re-import the key/);
    }
  });

  it("another profile's key file copied over (profile id bound as AAD) gives \"re-import the key\"", async () => {
    const a = profile();
    const b = profile();
    await store.importPem(a, pkcs8(2048));
    await store.importPem(b, pkcs8(3072));
    const stolen = JSON.parse(readFileSync(keyFile(a), 'utf8')) as Record<string, unknown>;
    writeFileSync(keyFile(b), JSON.stringify({ ...stolen, profileId: b }));
    await expectKeyError(store.loadPrivateKey(b), /re-import the key/);
  });

  it('a missing keychain entry gives "re-import the key"', async () => {
    const id = profile();
    await store.importPem(id, pkcs8(2048));
    await secrets.delete(service, id);
    expect((await store.info(id)).present).toBe(true);
    await expectKeyError(store.loadPrivateKey(id), /missing from the system keychain; re-import the key/);
  });

  it('a damaged key file is reported by info and load', async () => {
    const id = profile();
    await store.importPem(id, pkcs8(2048));
    writeFileSync(keyFile(id), '{"version":1,');
    expect((await store.info(id)).warning).toMatch(/damaged; re-import the key/);
    await expectKeyError(store.loadPrivateKey(id), /damaged; re-import the key/);
  });

  it('importFile reads a PEM file, and refuses a missing, oversized, binary or folder path', async () => {
    const id = profile();
    const pemPath = join(dir, 'key.pem');
    writeFileSync(pemPath, pkcs1(2048));
    expect((await store.importFile(id, pemPath)).bits).toBe(2048);

    await expectKeyError(store.importFile(id, join(dir, 'nope.pem')), /does not exist/);
    const big = join(dir, 'big.pem');
    writeFileSync(big, Buffer.alloc(MAX_KEY_FILE_BYTES + 1, 0x41));
    await expectKeyError(store.importFile(id, big), /too large/);
    const der = join(dir, 'key.der');
    writeFileSync(der, keys.get(2048)?.privateKey.export({ type: 'pkcs1', format: 'der' }) as Buffer);
    await expectKeyError(store.importFile(id, der), /DER/);
    await expectKeyError(store.importFile(id, dir), /not a file/);
    expect((await store.info(id)).bits).toBe(2048); // still the good key
  });

  it('refuses profile ids that could escape the keys folder', async () => {
    await expectKeyError(store.importPem('../evil', pkcs8(2048)), /Invalid profile id/);
    await expectKeyError(store.info('a/b'), /Invalid profile id/);
    await expectKeyError(store.loadPrivateKey(''), /Invalid profile id/);
  });

  it('serialises concurrent operations on one profile', async () => {
    const id = profile();
    const results = await Promise.all([store.importPem(id, pkcs8(2048)), store.importPem(id, pkcs8(3072)), store.info(id)]);
    expect(results[2]).toEqual(results[1]);
    expect((await store.loadPrivateKey(id)).asymmetricKeyDetails?.modulusLength).toBe(3072);
  });
});
