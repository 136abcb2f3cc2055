// "Verify key": asks OceanEx's REST API whether uid + API key id + private key belong together, the way that API
// authenticates: GET {restBase}/v1/key with a JSON body {"user_jwt": <RS256 JWT over {"uid": uid, "data": {}}>}.
// The JWT has no nonce or expiry (anyone holding it could replay it), so it travels only in the request body:
// never in the URL, a header, a log line or an error message. Node's fetch refuses a body on GET, so this uses
// node:http / node:https directly.

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { KeyVerification } from '../../shared/ipc/contract';
import { LOOPBACK_HOSTS } from '../../shared/constants';

export const PRODUCTION_REST_BASE = 'https://api.oceanex.pro';
export const KEY_CHECK_PATH = '/v1/key';
export const DEFAULT_VERIFY_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 256 * 1024;

export interface VerifyKeyOptions {
  readonly restBase: string;
  readonly uid: string;
  readonly apiKeyId: string;
  readonly privateKey: KeyObject;
  /**
   * An alternative transport for a fetch that allows a body on GET (the WHATWG fetch does not).
   * By default node:http / node:https are used directly.
   */
  readonly fetchImpl?: typeof fetch;
  readonly timeoutMs?: number;
}

interface Answer {
  readonly status: number;
  readonly text: string;
}

/** The signed token OceanEx's REST API expects; exactly {"uid", "data"} as OceanEx's samples sign it (no iat). */
export function restUserJwt(uid: string, privateKey: KeyObject, data: Record<string, unknown> = {}): string {
  return jwt.sign({ uid, data }, privateKey, { algorithm: 'RS256', noTimestamp: true });
}

export async function verifyKey(options: VerifyKeyOptions): Promise<KeyVerification> {
  const { restBase, uid, apiKeyId, privateKey } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;

  if (!uid) return { ok: false, message: 'Enter your uid in the profile before verifying the key.' };
  if (!apiKeyId) return { ok: false, message: 'Enter your API key id in the profile before verifying the key.' };
  let url: URL;
  try {
    url = new URL(restBase);
    url.pathname = `${url.pathname.replace(/(?<!\/)\/+$/, '')}${KEY_CHECK_PATH}`; // a base may carry a path prefix
  } catch {
    return { ok: false, message: `The REST address "${restBase}" is not a valid URL.` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    return { ok: false, message: `The REST address must use https:// (http:// only for 127.0.0.1, localhost or [::1]); got ${url.origin}.` };
  }

  let token: string;
  try {
    token = restUserJwt(uid, privateKey);
  } catch {
    return { ok: false, message: 'The key could not sign the verification request (it must be an RSA private key).' };
  }
  const body = JSON.stringify({ user_jwt: token });

  let answer: Answer;
  try {
    answer = options.fetchImpl ? await viaFetch(options.fetchImpl, url, body, timeoutMs) : await viaNodeHttp(url, body, timeoutMs);
  } catch (error) {
    return { ok: false, message: `Could not reach ${url.origin}: ${networkReason(error, timeoutMs)}.` };
  }
  return interpret(answer, url, uid, apiKeyId);
}

function interpret(answer: Answer, url: URL, uid: string, apiKeyId: string): KeyVerification {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    return { ok: false, message: `${url.origin} gave an unexpected answer (HTTP ${answer.status}, not JSON); is this an OceanEx REST address?` };
  }
  const record = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const code = record['code'];
  const serverMessage = typeof record['message'] === 'string' ? record['message'] : undefined;
  if (typeof code !== 'number') {
    return { ok: false, message: `${url.origin} gave an unexpected answer (HTTP ${answer.status}, no result code).` };
  }
  if (code !== 0) {
    return { ok: false, code, message: `OceanEx refused the key: ${serverMessage ?? 'no reason given'} (code ${code}).` };
  }

  // The JWT proves uid + key; the API key id is checked against what the server says the key is.
  const data = typeof record['data'] === 'object' && record['data'] !== null ? (record['data'] as Record<string, unknown>) : {};
  const serverUid = typeof data['uid'] === 'string' ? data['uid'] : undefined;
  const serverKeyId = typeof data['api_key'] === 'string' ? data['api_key'] : typeof data['api_key_id'] === 'string' ? data['api_key_id'] : undefined;
  if (serverUid !== undefined && serverUid !== uid) {
    return { ok: false, code, message: `OceanEx accepted the key, but for uid ${serverUid}, not ${uid} as set in this profile.` };
  }
  if (serverKeyId !== undefined && serverKeyId !== apiKeyId) {
    return { ok: false, code, message: `The uid and key are accepted by OceanEx, but the key's API key id is ${serverKeyId}, not ${apiKeyId} as set in this profile.` };
  }
  if (serverKeyId === undefined) {
    return { ok: true, code, message: `The uid and key are accepted by OceanEx (it did not report the API key id; check that ${apiKeyId} is the id shown with this key in your OceanEx account).` };
  }
  return { ok: true, code, message: 'The uid, API key id and key are accepted by OceanEx.' };
}

function viaNodeHttp(url: URL, body: string, timeoutMs: number): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, {
      method: 'GET',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'content-length': Buffer.byteLength(body),
        'user-agent': 'OceanEx-WS-Client',
      },
      timeout: timeoutMs,
    });
    const timer = setTimeout(() => req.destroy(new TimeoutError()), timeoutMs);
    req.on('timeout', () => req.destroy(new TimeoutError()));
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) req.destroy(new Error('the answer is too large'));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    req.end(body);
  });
}

async function viaFetch(fetchImpl: typeof fetch, url: URL, body: string, timeoutMs: number): Promise<Answer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetchImpl(url, { method: 'GET', headers: { 'content-type': 'application/json', accept: 'application/json' }, body, signal });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    if (signal.aborted) throw new TimeoutError();
    throw error;
  }
}

class TimeoutError extends Error {
  constructor() {
    super('timeout');
    this.name = 'TimeoutError';
  }
}

/** A short, token-free reason for a network failure. */
function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof TimeoutError) return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name could not be resolved (check the address and your internet connection)';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was closed unexpectedly';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `its TLS certificate is not trusted (${String(code)})`;
  }
  if (typeof code === 'string') return code;
  // Messages from node:http never contain the request body; still, keep only the first line.
  return error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : 'unknown error';
}
