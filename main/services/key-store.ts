// Keeps each profile's RSA private key safe at rest.
// Windows Credential Manager caps a secret at 2560 bytes (a 4096-bit PEM does not fit), so the keychain holds
// only a random 256-bit key-encryption key (one entry per profile, account = profile id) and the key itself
// lives in <dir>/keys/<profileId>.key.json, encrypted with AES-256-GCM with the profile id bound as AAD.
// Nothing here returns key material: callers get KeyInfo, a KeyObject (main process only) or a LoginSigner.

import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { KeyInfo } from '../../preload/contract';
import type { LoginSigner } from '../oceanex/session-api';
import { signLogin } from '../oceanex/signer';
import { commitTemp, discardTemp, writeTemp } from './atomic-file';
import { KeyError, parsePrivateKeyPem, publicKeyFingerprint } from './key-validation';
import type { SecretStore } from './secret-store';

export const DEFAULT_KEYCHAIN_SERVICE = 'OceanEx WS Client';
/** A PEM of a 16384-bit RSA key is ~12 KiB; anything far larger is not a key file. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

const PROFILE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const KEK_BYTES = 32;
const IV_BYTES = 12;
const CIPHER = 'aes-256-gcm';

const REIMPORT = 're-import the key';

const storedKeySchema = z.object({
  version: z.literal(1),
  profileId: z.string(),
  algorithm: z.literal(CIPHER),
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
  fingerprint: z.string(),
  bits: z.number().int().positive(),
  importedAt: z.string(),
  warning: z.string().optional(),
});
type StoredKey = z.infer<typeof storedKeySchema>;

export interface KeyStoreOptions {
  /** The app's data folder (Electron's userData). */
  readonly dir: string;
  readonly secrets: SecretStore;
  /** Keychain service name; tests use a unique one per run. */
  readonly service?: string;
}

function additionalData(profileId: string): Buffer {
  return Buffer.from(`OceanEx WS Client key v1|${profileId}`, 'utf8');
}

function checkProfileId(profileId: string): void {
  if (typeof profileId !== 'string' || !PROFILE_ID.test(profileId)) {
    throw new KeyError('Invalid profile id: expected 1–64 letters, digits, "-" or "_".');
  }
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ENOENT';
}

export class KeyStore {
  private readonly keysDir: string;
  private readonly secrets: SecretStore;
  private readonly service: string;
  /** Per-profile queue so an import, a remove and a load never interleave. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(options: KeyStoreOptions) {
    this.keysDir = join(options.dir, 'keys');
    this.secrets = options.secrets;
    this.service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  }

  /** Validates the PEM and replaces any key the profile had. */
  async importPem(profileId: string, pem: string): Promise<KeyInfo> {
    checkProfileId(profileId);
    return this.serial(profileId, async () => {
      const parsed = parsePrivateKeyPem(pem);
      const kek = randomBytes(KEK_BYTES);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(CIPHER, kek, iv);
      cipher.setAAD(additionalData(profileId));
      const der = parsed.key.export({ type: 'pkcs8', format: 'der' });
      const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
      der.fill(0);
      const stored: StoredKey = {
        version: 1,
        profileId,
        algorithm: CIPHER,
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64'),
        fingerprint: parsed.fingerprint,
        bits: parsed.bits,
        importedAt: new Date().toISOString(),
        ...(parsed.warning ? { warning: parsed.warning } : {}),
      };

      // Order matters: the new file waits beside the old one until the keychain holds the new secret,
      // so a keychain failure leaves the previous key fully usable.
      this.ensureKeysDir();
      const file = this.keyFile(profileId);
      const temp = writeTemp(file, `${JSON.stringify(stored, null, 2)}\n`, 0o600);
      try {
        await this.secrets.set(this.service, profileId, kek.toString('base64'));
        commitTemp(temp, file);
      } catch (error) {
        discardTemp(temp);
        throw error;
      } finally {
        kek.fill(0);
      }
      return toInfo(stored);
    });
  }

  /** Reads a key file chosen by the user (size-capped) and imports it. */
  async importFile(profileId: string, path: string): Promise<KeyInfo> {
    checkProfileId(profileId);
    let size: number;
    try {
      const stats = await stat(path);
      if (!stats.isFile()) throw new KeyError('The chosen path is not a file. Choose your key.pem file.');
      size = stats.size;
    } catch (error) {
      if (error instanceof KeyError) throw error;
      throw new KeyError(isMissing(error) ? 'The key file does not exist.' : 'The key file could not be read.');
    }
    if (size > MAX_KEY_FILE_BYTES) {
      throw new KeyError(`The file is ${Math.ceil(size / 1024)} KiB, too large to be a key (at most ${MAX_KEY_FILE_BYTES / 1024} KiB). Choose your key.pem file.`);
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      throw new KeyError('The key file could not be read.');
    }
    const text = bytes.toString('utf8');
    bytes.fill(0);
    if (!text.includes('-----BEGIN') && bytes.length > 0 && looksBinary(text)) {
      throw new KeyError('This looks like a binary (DER) key. Convert it to PEM with: openssl rsa -inform DER -in key.der -out key.pem');
    }
    return this.importPem(profileId, text);
  }

  /** What the renderer may know: present, fingerprint, bits, import time, warning. Reads only the file. */
  async info(profileId: string): Promise<KeyInfo> {
    checkProfileId(profileId);
    return this.serial(profileId, async () => {
      const stored = this.readStored(profileId);
      if (stored === 'missing') return { present: false, profileId };
      if (stored === 'damaged') return { present: true, profileId, warning: `The stored key file is damaged; ${REIMPORT}.` };
      return toInfo(stored);
    });
  }

  /** Deletes both parts: the encrypted file and the keychain entry. */
  async remove(profileId: string): Promise<KeyInfo> {
    checkProfileId(profileId);
    return this.serial(profileId, async () => {
      rmSync(this.keyFile(profileId), { force: true });
      try {
        await this.secrets.delete(this.service, profileId);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new Error(`The key file was deleted, but its keychain entry could not be removed: ${detail}`);
      }
      return { present: false, profileId };
    });
  }

  /** Decrypts the profile's key. KeyError ("…re-import the key") when a part is missing or was tampered with. */
  async loadPrivateKey(profileId: string): Promise<KeyObject> {
    checkProfileId(profileId);
    return this.serial(profileId, async () => {
      const stored = this.readStored(profileId);
      if (stored === 'missing') throw new KeyError('No key has been imported for this profile. Import your key.pem first.');
      if (stored === 'damaged') throw new KeyError(`The stored key file is damaged; ${REIMPORT}.`);

      const secret = await this.secrets.get(this.service, profileId);
      if (secret === null) throw new KeyError(`The key's secret is missing from the system keychain; ${REIMPORT}.`);
      const kek = Buffer.from(secret, 'base64');
      if (kek.length !== KEK_BYTES) throw new KeyError(`The key's secret in the system keychain is damaged; ${REIMPORT}.`);

      let key: KeyObject;
      try {
        const decipher = createDecipheriv(CIPHER, kek, Buffer.from(stored.iv, 'base64'));
        decipher.setAAD(additionalData(profileId));
        decipher.setAuthTag(Buffer.from(stored.tag, 'base64'));
        const der = Buffer.concat([decipher.update(Buffer.from(stored.ciphertext, 'base64')), decipher.final()]);
        key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
        der.fill(0);
      } catch {
        throw new KeyError(`The stored key could not be decrypted (the file was modified or does not match the keychain entry); ${REIMPORT}.`);
      } finally {
        kek.fill(0);
      }
      if (publicKeyFingerprint(key) !== stored.fingerprint) {
        throw new KeyError(`The stored key does not match its recorded fingerprint; ${REIMPORT}.`);
      }
      return key;
    });
  }

  /** A LoginSigner for the websocket login; the key stays inside the closure. */
  async signer(profileId: string, uid: string, apiKey: string): Promise<LoginSigner> {
    const key = await this.loadPrivateKey(profileId);
    return { uid, apiKey, sign: (nonce: number) => signLogin(key, nonce) };
  }

  private keyFile(profileId: string): string {
    return join(this.keysDir, `${profileId}.key.json`);
  }

  private ensureKeysDir(): void {
    mkdirSync(this.keysDir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32' && (statSync(this.keysDir).mode & 0o777) !== 0o700) chmodSync(this.keysDir, 0o700);
  }

  private readStored(profileId: string): StoredKey | 'missing' | 'damaged' {
    let text: string;
    try {
      text = readFileSync(this.keyFile(profileId), 'utf8');
    } catch (error) {
      if (isMissing(error)) return 'missing';
      return 'damaged';
    }
    try {
      const parsed = storedKeySchema.safeParse(JSON.parse(text));
      if (!parsed.success || parsed.data.profileId !== profileId) return 'damaged';
      return parsed.data;
    } catch {
      return 'damaged';
    }
  }

  private serial<T>(profileId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(profileId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.catch(() => undefined);
    this.queues.set(profileId, settled);
    void settled.then(() => {
      if (this.queues.get(profileId) === settled) this.queues.delete(profileId);
    });
    return run;
  }
}

function toInfo(stored: StoredKey): KeyInfo {
  return {
    present: true,
    profileId: stored.profileId,
    fingerprint: stored.fingerprint,
    bits: stored.bits,
    importedAt: stored.importedAt,
    ...(stored.warning ? { warning: stored.warning } : {}),
  };
}

/** A NUL or many replacement characters mean the bytes were not text. */
function looksBinary(text: string): boolean {
  return text.includes('\u0000') || (text.match(/\uFFFD/g)?.length ?? 0) > 4;
}
