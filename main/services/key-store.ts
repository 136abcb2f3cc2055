// Keeps each profile's RSA private key safe at rest.
// Windows Credential Manager caps a secret at 2560 bytes (a 4096-bit PEM does not fit), so the keychain holds
// only a random 256-bit key-encryption key (one entry per profile, account = profile id) and the key itself
// lives in <dir>/keys/<profileId>.key.json, encrypted with AES-256-GCM with the profile id bound as AAD.
// Nothing here returns key material: callers get KeyInfo, a KeyObject (main process only) or a LoginSigner.
//
// Crash safety of a re-import (the keychain slot is one per profile, so it cannot be switched atomically with
// the file): 1. the file gains the new key as `pending` beside the current one (atomic rename); 2. the keychain
// gets the new key-encryption key; 3. the file is rewritten with the new key alone. A crash before 2 leaves the
// old key usable (its secret is still in the keychain), after 2 the new one (the `pending` entry decrypts with
// the new secret); the next start finishes or undoes step 3 (recover()) and removes orphaned temp files.

import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { KeyInfo } from '../../shared/ipc/contract';
import type { LoginSigner } from '../oceanex/session-api';
import { signLogin } from '../oceanex/signer';
import { commitTemp, discardTemp, TEMP_MARKER, writeTemp } from './atomic-file';
import { KeyError, parsePrivateKeyPem, publicKeyFingerprint } from './key-validation';
import type { SecretStore } from './secret-store';
import { PROFILE_ID } from '../../shared/constants';

export const DEFAULT_KEYCHAIN_SERVICE = 'OceanEx WS Client';
/** A PEM of a 16384-bit RSA key is ~12 KiB; anything far larger is not a key file. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

const KEK_BYTES = 32;
const IV_BYTES = 12;
const CIPHER = 'aes-256-gcm';
/** GCM tags are pinned to the full 16 bytes: a shortened tag would make forgeries easier. */
const TAG_BYTES = 16;

const REIMPORT = 're-import the key';

/** One encrypted key with what may be shown about it. Further metadata fields can be added (all optional). */
const encryptedKeySchema = z.object({
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
  fingerprint: z.string(),
  bits: z.number().int().positive(),
  importedAt: z.string(),
  warning: z.string().optional(),
});
type EncryptedKey = z.infer<typeof encryptedKeySchema>;

/** The file: the current key at the top level; `pending` only while a re-import is in progress (see above). */
const storedKeySchema = encryptedKeySchema.extend({
  version: z.literal(1),
  profileId: z.string(),
  algorithm: z.literal(CIPHER),
  pending: encryptedKeySchema.optional(),
});
type StoredKey = z.infer<typeof storedKeySchema>;

/** The points between the writes of an import, in order (a test kills a process at each of them). */
export const IMPORT_STEPS = ['pending-temp-written', 'pending-committed', 'keychain-set', 'final-temp-written', 'final-committed'] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

export interface KeyStoreOptions {
  /** The app's data folder (Electron's userData). */
  readonly dir: string;
  readonly secrets: SecretStore;
  /** Keychain service name; tests use a unique one per run. */
  readonly service?: string;
  /** Called after each step of an import (tests only: the crash-safety test kills its process there). */
  readonly afterImportStep?: (step: ImportStep) => void;
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
  private readonly afterImportStep: (step: ImportStep) => void;
  /** Start-up cleanup (orphaned temp files, interrupted imports); every operation waits for it. */
  private readonly recovered: Promise<void>;

  constructor(options: KeyStoreOptions) {
    this.keysDir = join(options.dir, 'keys');
    this.secrets = options.secrets;
    this.service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
    this.afterImportStep = options.afterImportStep ?? (() => undefined);
    this.recovered = this.recover();
  }

  /** Validates the PEM and replaces any key the profile had. */
  async importPem(profileId: string, pem: string): Promise<KeyInfo> {
    checkProfileId(profileId);
    return this.serial(profileId, async () => {
      const parsed = parsePrivateKeyPem(pem);
      const kek = randomBytes(KEK_BYTES);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(CIPHER, kek, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(additionalData(profileId));
      const der = parsed.key.export({ type: 'pkcs8', format: 'der' });
      const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
      der.fill(0);
      const fresh: EncryptedKey = {
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64'),
        fingerprint: parsed.fingerprint,
        bits: parsed.bits,
        importedAt: new Date().toISOString(),
        ...(parsed.warning ? { warning: parsed.warning } : {}),
      };
      const stored: StoredKey = { version: 1, profileId, algorithm: CIPHER, ...fresh };
      this.ensureKeysDir();
      const file = this.keyFile(profileId);
      const previous = this.readStored(profileId);
      const step = this.afterImportStep;
      try {
        if (typeof previous === 'object') {
          // 1. The new key waits in the file beside the current one, which its keychain secret still opens.
          this.writeStored(file, { ...withoutPending(previous), pending: fresh }, () => step('pending-temp-written'));
          step('pending-committed');
          try {
            await this.secrets.set(this.service, profileId, kek.toString('base64'));
          } catch (error) {
            this.writeStored(file, withoutPending(previous)); // undo 1: the old key stays as it was
            throw error;
          }
          step('keychain-set');
          this.writeStored(file, stored, () => step('final-temp-written'));
        } else {
          // First import: until the file is renamed into place there is no key, before or after a crash.
          const temp = writeTemp(file, serialise(stored), 0o600);
          try {
            step('pending-temp-written');
            await this.secrets.set(this.service, profileId, kek.toString('base64'));
            step('keychain-set');
            commitTemp(temp, file);
          } catch (error) {
            discardTemp(temp);
            throw error;
          }
        }
        step('final-committed');
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

      try {
        // While a re-import is in progress the keychain opens either the pending key or the current one.
        if (stored.pending !== undefined) {
          const key = decryptKey(stored.pending, kek, profileId);
          if (key !== undefined) {
            this.finishImport(profileId, { ...withoutPending(stored), ...stored.pending });
            return key;
          }
        }
        const key = decryptKey(stored, kek, profileId);
        if (key === undefined) {
          throw new KeyError(`The stored key could not be decrypted (the file was modified or does not match the keychain entry); ${REIMPORT}.`);
        }
        if (stored.pending !== undefined) this.finishImport(profileId, withoutPending(stored));
        return key;
      } finally {
        kek.fill(0);
      }
    });
  }

  /** A LoginSigner for the websocket login; the key stays inside the closure. */
  async signer(profileId: string, uid: string, apiKey: string): Promise<LoginSigner> {
    const key = await this.loadPrivateKey(profileId);
    return { uid, apiKey, sign: (nonce: number) => signLogin(key, nonce) };
  }

  /** Rewrites the file with the one key that the keychain opens (an interrupted import, finished or undone). */
  private finishImport(profileId: string, stored: StoredKey): void {
    try {
      this.writeStored(this.keyFile(profileId), stored);
    } catch {
      // the key is usable as it is; the next load tries again
    }
  }

  private writeStored(file: string, stored: StoredKey, afterTemp: () => void = () => undefined): void {
    const temp = writeTemp(file, serialise(stored), 0o600);
    try {
      afterTemp();
      commitTemp(temp, file);
    } catch (error) {
      discardTemp(temp);
      throw error;
    }
  }

  /**
   * At start: removes temp files left by a process that died mid-write, and settles files left with a pending
   * key (loading decides which key the keychain opens and rewrites the file).
   */
  private async recover(): Promise<void> {
    let names: string[];
    try {
      names = readdirSync(this.keysDir);
    } catch {
      return; // no keys yet
    }
    const own = `${TEMP_MARKER}${process.pid}-`;
    for (const name of names) {
      if (name.includes(TEMP_MARKER) && !name.includes(own)) rmSync(join(this.keysDir, name), { force: true });
    }
    for (const name of names) {
      const profileId = name.endsWith('.key.json') && !name.startsWith('.') ? name.slice(0, -'.key.json'.length) : undefined;
      if (profileId === undefined || !PROFILE_ID.test(profileId)) continue;
      const stored = this.readStored(profileId);
      if (typeof stored !== 'object' || stored.pending === undefined) continue;
      const secret = await this.secrets.get(this.service, profileId).catch(() => null);
      if (secret === null) continue;
      const kek = Buffer.from(secret, 'base64');
      if (decryptKey(stored.pending, kek, profileId) !== undefined) this.finishImport(profileId, { ...withoutPending(stored), ...stored.pending });
      else if (decryptKey(stored, kek, profileId) !== undefined) this.finishImport(profileId, withoutPending(stored));
      kek.fill(0);
    }
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
    const previous = this.queues.get(profileId) ?? this.recovered;
    const run = previous.then(task, task);
    const settled = run.catch(() => undefined);
    this.queues.set(profileId, settled);
    void settled.then(() => {
      if (this.queues.get(profileId) === settled) this.queues.delete(profileId);
    });
    return run;
  }
}

function serialise(stored: StoredKey): string {
  return `${JSON.stringify(stored, null, 2)}\n`;
}

function withoutPending(stored: StoredKey): StoredKey {
  const { pending: _pending, ...rest } = stored;
  return rest;
}

/** The key if `kek` opens `entry` and it matches its recorded fingerprint; undefined otherwise. */
function decryptKey(entry: EncryptedKey, kek: Buffer, profileId: string): KeyObject | undefined {
  const tag = Buffer.from(entry.tag, 'base64');
  if (tag.length !== TAG_BYTES || kek.length !== KEK_BYTES) return undefined; // a cut tag is refused, not trusted
  let key: KeyObject;
  try {
    const decipher = createDecipheriv(CIPHER, kek, Buffer.from(entry.iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(profileId));
    decipher.setAuthTag(tag);
    const der = Buffer.concat([decipher.update(Buffer.from(entry.ciphertext, 'base64')), decipher.final()]);
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    der.fill(0);
  } catch {
    return undefined;
  }
  return publicKeyFingerprint(key) === entry.fingerprint ? key : undefined;
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
