// API keys registered with the sandbox and the websocket login check: signature (verifyLogin from the
// protocol core) against the key's public key, GET /ws/v1, and a fresh, strictly increasing nonce per key.

import { createPublicKey, type KeyObject } from 'node:crypto';
import { verifyLogin } from '../oceanex/signer';
import { LOGIN_PATH, LOGIN_VERB } from '../../shared/oceanex/messages';
import { API_KEY_NOT_FOUND, ARGUMENT_MISSING, AUTHENTICATION_FAILED, INVALID_NONCE, INVALID_SIGNATURE } from './codes';

export interface SandboxAccountConfig {
  uid: string;
  api_key: string;
  public_key_pem: string;
  balances: Record<string, string>;
}

export interface RegisteredKey {
  readonly uid: string;
  readonly apiKey: string;
  readonly publicKey: KeyObject;
}

export type LoginResult = { ok: true; uid: string; apiKey: string } | { ok: false; code: number; message: string };

/** Nonces (ms) older than this by the server clock are refused… */
export const NONCE_WINDOW_MS = 5 * 60 * 1000;
/**
 * …and nonces further ahead than this: a nonce far in the future would be accepted once and then block every
 * correct login (nonces must increase) until the clock caught up.
 */
export const NONCE_FUTURE_MS = 30 * 1000;
/** Failed logins per API key within FAILED_LOGIN_WINDOW_MS before further attempts are refused unchecked. */
export const MAX_FAILED_LOGINS = 5;
export const FAILED_LOGIN_WINDOW_MS = 60 * 1000;
export const LOGIN_SCOPES = { query: true, 'sell/buy': true, withdraw: true } as const;

export class KeyRegistry {
  private readonly byApiKey = new Map<string, RegisteredKey>();
  private readonly lastNonce = new Map<string, number>();
  /** Times of recent failed logins per registered API key (bounded: at most MAX_FAILED_LOGINS each). */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  register(config: SandboxAccountConfig): RegisteredKey {
    const publicKey = createPublicKey(config.public_key_pem);
    if (publicKey.asymmetricKeyType !== 'rsa') throw new Error(`public key of ${config.uid} is not an RSA key`);
    const key = { uid: config.uid, apiKey: config.api_key, publicKey };
    this.byApiKey.set(config.api_key, key);
    return key;
  }

  byUid(uid: string): RegisteredKey | undefined {
    for (const k of this.byApiKey.values()) if (k.uid === uid) return k;
    return undefined;
  }

  /** Checks an AuthHandler/login header. Only a successful login consumes the nonce. */
  login(header: unknown): LoginResult {
    if (typeof header !== 'object' || header === null) return fail(ARGUMENT_MISSING, 'header is missing');
    const h = header as Record<string, unknown>;
    for (const field of ['uid', 'api_key', 'nonce', 'verb', 'path', 'signature']) {
      if (h[field] === undefined || h[field] === null || h[field] === '') return fail(ARGUMENT_MISSING, `${field} is missing`);
    }
    const { uid, api_key: apiKey, verb, path, signature } = h;
    const nonce = typeof h['nonce'] === 'string' && /^\d+$/.test(h['nonce']) ? Number(h['nonce']) : h['nonce'];
    if (typeof uid !== 'string' || typeof apiKey !== 'string' || typeof signature !== 'string') {
      return fail(AUTHENTICATION_FAILED, 'uid, api_key and signature must be strings');
    }
    if (verb !== LOGIN_VERB || path !== LOGIN_PATH) return fail(AUTHENTICATION_FAILED, `verb and path must be ${LOGIN_VERB} ${LOGIN_PATH}`);
    if (typeof nonce !== 'number' || !Number.isSafeInteger(nonce)) return fail(INVALID_NONCE, 'nonce must be an integer (milliseconds)');
    const key = this.byApiKey.get(apiKey);
    if (!key || key.uid !== uid) return fail(API_KEY_NOT_FOUND, 'API key not found for this uid');
    const now = this.now();
    const waitMs = this.throttledFor(apiKey, now);
    if (waitMs > 0) return fail(AUTHENTICATION_FAILED, `too many failed logins for this API key: try again in ${Math.ceil(waitMs / 1000)} s`);
    const result = this.check(key, nonce, signature, now);
    if (!result.ok) this.recordFailure(apiKey, now);
    return result;
  }

  private check(key: RegisteredKey, nonce: number, signature: string, now: number): LoginResult {
    if (now - nonce > NONCE_WINDOW_MS) return fail(INVALID_NONCE, 'nonce is more than 5 minutes older than the server time');
    if (nonce - now > NONCE_FUTURE_MS) return fail(INVALID_NONCE, 'nonce is more than 30 s ahead of the server time');
    const last = this.lastNonce.get(key.apiKey);
    if (last !== undefined && nonce <= last) return fail(INVALID_NONCE, 'nonce must increase with every login');
    if (!verifyLogin(key.publicKey, nonce, signature)) return fail(INVALID_SIGNATURE, 'Invalid signature');
    this.lastNonce.set(key.apiKey, nonce);
    this.failures.delete(key.apiKey);
    return { ok: true, uid: key.uid, apiKey: key.apiKey };
  }

  /** How long logins for `apiKey` are still refused (0: not throttled). */
  private throttledFor(apiKey: string, now: number): number {
    const times = this.failures.get(apiKey);
    if (times === undefined || times.length < MAX_FAILED_LOGINS) return 0;
    return Math.max(0, times[0]! + FAILED_LOGIN_WINDOW_MS - now);
  }

  private recordFailure(apiKey: string, now: number): void {
    const recent = (this.failures.get(apiKey) ?? []).filter((t) => now - t < FAILED_LOGIN_WINDOW_MS);
    recent.push(now);
    this.failures.set(apiKey, recent.slice(-MAX_FAILED_LOGINS));
  }
}

function fail(code: number, message: string): LoginResult {
  return { ok: false, code, message };
}
