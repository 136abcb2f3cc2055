// GET /v1/key: the REST key check the app's "Verify key" uses. The JWT (RS256, payload {uid, data}) comes in
// a JSON body {"user_jwt": ...}, a `user_jwt` header or `Authorization: Bearer`. It is never logged.

import type { IncomingMessage } from 'node:http';
import jwt from 'jsonwebtoken';
import type { KeyRegistry } from './auth';
import { API_KEY_NOT_FOUND, ARGUMENT_MISSING, BAD_REQUEST, INVALID_SIGNATURE, OK } from './codes';

export interface RestAnswer {
  status: number;
  body: { code: number; message: string; data?: unknown };
}

const KEY_SCOPES = ['query', 'sell/buy', 'withdraw'];
const MAX_BODY = 64 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tokenFrom(req: IncomingMessage, body: string): string | undefined {
  if (body.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed === 'object' && parsed !== null) {
        const t = (parsed as Record<string, unknown>)['user_jwt'];
        if (typeof t === 'string' && t !== '') return t;
      }
    } catch {
      // Not JSON: fall through to the headers.
    }
  }
  const header = req.headers['user_jwt'];
  if (typeof header === 'string' && header !== '') return header;
  const auth = req.headers.authorization;
  if (auth && /^Bearer\s+\S/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  return undefined;
}

export function checkKey(keys: KeyRegistry, req: IncomingMessage, body: string): RestAnswer {
  const token = tokenFrom(req, body);
  if (!token) return { status: 400, body: { code: ARGUMENT_MISSING, message: 'argument missing' } };
  const decoded = jwt.decode(token);
  const uid = typeof decoded === 'object' && decoded !== null ? decoded['uid'] : undefined;
  if (typeof uid !== 'string') return { status: 400, body: { code: BAD_REQUEST, message: 'user_jwt has no uid' } };
  const key = keys.byUid(uid);
  if (!key) return { status: 401, body: { code: API_KEY_NOT_FOUND, message: 'API key not found' } };
  try {
    const payload = jwt.verify(token, key.publicKey, { algorithms: ['RS256'] });
    if (typeof payload !== 'object' || payload['uid'] !== uid) throw new Error('payload mismatch');
  } catch {
    return { status: 401, body: { code: INVALID_SIGNATURE, message: 'Invalid signature' } };
  }
  return {
    status: 200,
    body: { code: OK, message: 'Operation successful', data: { uid, api_key: key.apiKey, scopes: KEY_SCOPES } },
  };
}
