// Where the login signature comes from: a key.pem given with --key-file, or the key the desktop app imported
// into the keychain for the profile whose uid matches. Either way the caller gets a LoginSigner only; the key
// stays inside its closure and no message here ever contains key material.

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoginSigner } from '../oceanex/session-api';
import { signLogin } from '../oceanex/signer';
import type { Endpoint } from '../../shared/ipc/contract';
import { describeOrigin, KeyBindings, mayKeySignFor, originOf, type KeyOrigin } from '../services/key-binding';
import { KeyStore, MAX_KEY_FILE_BYTES } from '../services/key-store';
import { KeyError, parsePrivateKeyPem } from '../services/key-validation';
import { keytarSecretStore, type SecretStore } from '../services/secret-store';
import { SETTINGS_FILE } from '../services/settings';

/** A problem with the credentials the user gave; the message is safe to print. */
export class CredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CredentialError';
  }
}

export interface KeySourceOptions {
  readonly uid: string | undefined;
  readonly apiKey: string | undefined;
  readonly keyFile: string | undefined;
  /** The app's userData folder (settings.json, keys/). */
  readonly userDataDir: string;
  /** The websocket URL the login will be sent to: the app's key signs only for the endpoint it is bound to. */
  readonly url: string;
  /** Defaults to the real OS keychain. */
  readonly secrets?: SecretStore;
}

export interface ResolvedSigner {
  readonly signer: LoginSigner;
  /** Where the key came from, for the log and the startup line ("key file …", "app profile …"). */
  readonly source: string;
  readonly warning?: string;
}

const NEED_IDS = 'pass --uid and --api-key (or set OCEANEX_UID and OCEANEX_API_KEY)';

/** Reads and checks a key.pem. Throws KeyError with a message safe to show. */
export async function signerFromKeyFile(path: string, uid: string, apiKey: string): Promise<ResolvedSigner> {
  let size: number;
  try {
    const stats = await stat(path);
    if (!stats.isFile()) throw new KeyError(`The key file ${path} is not a file.`);
    size = stats.size;
  } catch (error) {
    if (error instanceof KeyError) throw error;
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    throw new KeyError(missing ? `The key file ${path} does not exist.` : `The key file ${path} could not be read.`);
  }
  if (size > MAX_KEY_FILE_BYTES) {
    throw new KeyError(`The key file ${path} is ${Math.ceil(size / 1024)} KiB, too large to be a key.`);
  }
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch {
    throw new KeyError(`The key file ${path} could not be read.`);
  }
  const parsed = parsePrivateKeyPem(pem);
  const key = parsed.key;
  return {
    signer: { uid, apiKey, sign: (nonce: number) => signLogin(key, nonce) },
    source: `key file ${path} (RSA ${parsed.bits} bits, SHA-256 ${parsed.fingerprint})`,
    ...(parsed.warning ? { warning: parsed.warning } : {}),
  };
}

/** The parts of an app profile this client needs; read without validating (or touching) the rest. */
interface ProfileRef {
  readonly id: string;
  readonly name: string;
  readonly uid: string;
  readonly apiKeyId: string;
  readonly endpoint: Endpoint | undefined;
}

function endpointOf(value: unknown): Endpoint | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, url } = value as Record<string, unknown>;
  if (kind === 'sandbox' || kind === 'production') return { kind };
  return kind === 'custom' && typeof url === 'string' ? { kind, url } : undefined;
}

/**
 * Reads the app's settings.json read-only. SettingsStore.load() would create a missing file and move a damaged one
 * aside, which is the app's business, not a terminal client's.
 */
async function readProfiles(userDataDir: string): Promise<{ file: string; profiles: ProfileRef[] }> {
  const file = join(userDataDir, SETTINGS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as { code?: unknown }).code === 'ENOENT';
    throw new CredentialError(
      missing
        ? `The app has no settings at ${file}: import your key in the desktop app first, or pass --key-file key.pem.`
        : `The app's settings ${file} could not be read: ${(error as Error).message}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CredentialError(`The app's settings ${file} are not valid JSON; open the desktop app to repair them, or pass --key-file key.pem.`);
  }
  const list = typeof raw === 'object' && raw !== null ? (raw as { profiles?: unknown }).profiles : undefined;
  const profiles = (Array.isArray(list) ? list : []).flatMap((p: unknown): ProfileRef[] => {
    if (typeof p !== 'object' || p === null) return [];
    const { id, name, uid, apiKeyId, endpoint } = p as Record<string, unknown>;
    if (typeof id !== 'string' || typeof uid !== 'string') return [];
    return [{ id, uid, name: typeof name === 'string' ? name : id, apiKeyId: typeof apiKeyId === 'string' ? apiKeyId : '', endpoint: endpointOf(endpoint) }];
  });
  return { file, profiles };
}

/**
 * The key store's messages end with advice for the app ("Import your key.pem first.", "…; re-import the key.");
 * here the advice names what a terminal user can do: pass --key-file, or import the key in the app.
 */
export function forTerminal(message: string, profileName: string): string {
  const problem = message
    .replace(/ Import your key\.pem first\.$/, '')
    .replace(/; re-import the key\.$/, '.')
    .replace('this profile', `the app's profile "${profileName}"`);
  return `${problem} Pass --key-file key.pem, or import the key again in the desktop app (Settings → Import key…).`;
}

/** The endpoint the app's key for this profile is bound to (as the app would bind a key from before bindings). */
function boundOrigin(userDataDir: string, profile: ProfileRef): KeyOrigin | undefined {
  const bound = new KeyBindings(userDataDir).get(profile.id);
  if (bound !== undefined) return bound;
  try {
    return profile.endpoint ? originOf(profile.endpoint) : undefined;
  } catch {
    return undefined;
  }
}

/** The key the desktop app imported for the profile with this uid, if it may sign for `url`. */
export async function signerFromApp(
  uid: string,
  apiKey: string | undefined,
  userDataDir: string,
  url: string,
  secrets: SecretStore = keytarSecretStore(),
): Promise<ResolvedSigner> {
  const { file, profiles } = await readProfiles(userDataDir);
  const profile = profiles.find((p) => p.uid === uid);
  if (profile === undefined) {
    throw new CredentialError(
      `No profile with uid ${uid} in the app's settings (${file}). ` +
        'Import the key for that uid in the desktop app, or pass --key-file key.pem.',
    );
  }
  const kid = apiKey ?? (profile.apiKeyId !== '' ? profile.apiKeyId : undefined);
  if (kid === undefined) {
    throw new CredentialError(`The app's profile "${profile.name}" has no API key id; pass --api-key (or set OCEANEX_API_KEY).`);
  }
  // A key signs only for the endpoint it was imported for: a login signature handed to another host could be
  // replayed on the real exchange (see key-binding.ts). Checked before the keychain is even opened.
  const origin = boundOrigin(userDataDir, profile);
  if (origin === undefined || !mayKeySignFor(origin, url)) {
    throw new CredentialError(
      `The app's key for profile "${profile.name}" signs only for ${origin ? describeOrigin(origin) : 'the endpoint it was imported for'}, ` +
        `not for ${url}. Pass --key-file key.pem to log in there with a key file.`,
    );
  }
  const keys = new KeyStore({ dir: userDataDir, secrets });
  let signer: LoginSigner;
  try {
    signer = await keys.signer(profile.id, uid, kid);
  } catch (error) {
    if (error instanceof KeyError) throw new KeyError(forTerminal(error.message, profile.name));
    throw error;
  }
  return { signer, source: `the app's profile "${profile.name}" (key from the system keychain)` };
}

/**
 * Resolves the signer for choice 1. Undefined when no credentials were given at all (public choices still work).
 * Throws KeyError or CredentialError (both safe to print) when what was given cannot work.
 */
export async function resolveSigner(options: KeySourceOptions): Promise<ResolvedSigner | undefined> {
  const { uid, apiKey, keyFile } = options;
  if (keyFile !== undefined) {
    if (uid === undefined || apiKey === undefined) throw new CredentialError(`--key-file needs the uid and API key id: ${NEED_IDS}.`);
    return signerFromKeyFile(keyFile, uid, apiKey);
  }
  if (uid === undefined) {
    if (apiKey !== undefined) throw new CredentialError('An API key id was given without a uid: pass --uid (or set OCEANEX_UID).');
    return undefined;
  }
  return signerFromApp(uid, apiKey, options.userDataDir, options.url, options.secrets);
}
