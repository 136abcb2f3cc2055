// The websocket login signature: RSASSA-PKCS1-v1_5 with SHA-256 over "GET|/ws/v1|{nonce}|", base64.
// Runs only in the main process (and the terminal client): the private key never leaves it.

import { sign, verify, type KeyObject } from 'node:crypto';
import { buildLogin, loginPayload, newUuid, type RequestFrame } from '../../shared/oceanex/messages';

export interface Credentials {
  readonly uid: string;
  readonly apiKey: string;
}

/** Signs the login payload for `nonce` (milliseconds, as the original client sent). */
export function signLogin(privateKey: KeyObject | string, nonce: number): string {
  return sign('sha256', Buffer.from(loginPayload(nonce), 'utf8'), privateKey).toString('base64');
}

/** Verifies a login signature against a public key (the sandbox's check, and our tests'). */
export function verifyLogin(publicKey: KeyObject | string, nonce: number, signature: string): boolean {
  try {
    return verify('sha256', Buffer.from(loginPayload(nonce), 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A complete, signed login frame. `now` is injectable for tests. */
export function signedLoginFrame(
  credentials: Credentials,
  privateKey: KeyObject | string,
  now: () => number = Date.now,
  uuid: string = newUuid(),
): RequestFrame {
  const nonce = Math.floor(now());
  return buildLogin({ uid: credentials.uid, api_key: credentials.apiKey, nonce, signature: signLogin(privateKey, nonce) }, uuid);
}
