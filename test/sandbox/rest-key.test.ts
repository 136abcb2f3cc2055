// GET /v1/key over real HTTP: the JWT in a JSON body, a user_jwt header or a Bearer header.

import { request } from 'node:http';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccount, startSandbox, type Sandbox } from '../../main/sandbox/index';

const alice = createDemoAccount();
const mallory = createDemoAccount();
let sandbox: Sandbox;
const logs: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ accounts: [alice.config], marketMaker: false, log: (l) => logs.push(l) });
});
afterAll(async () => {
  await sandbox.close();
});

/** fetch() refuses GET with a body, so plain node:http. */
function get(path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${sandbox.restBase}${path}`, { method: 'GET', headers: { ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const token = (uid: string, key: string): string => jwt.sign({ uid, data: {} }, key, { algorithm: 'RS256' });

describe('GET /v1/key', () => {
  const ok = { code: 0, message: 'Operation successful', data: { uid: alice.config.uid, api_key: alice.config.api_key, scopes: ['query', 'sell/buy', 'withdraw'] } };

  it('accepts a JWT signed with the registered key, from the body, the user_jwt header or a Bearer header', async () => {
    const t = token(alice.config.uid, alice.privateKeyPem);
    expect(await get('/v1/key', JSON.stringify({ user_jwt: t }))).toEqual({ status: 200, json: ok });
    expect(await get('/v1/key', undefined, { user_jwt: t })).toEqual({ status: 200, json: ok });
    expect(await get('/v1/key', undefined, { authorization: `Bearer ${t}` })).toEqual({ status: 200, json: ok });
    expect(logs.some((l) => l.includes(t))).toBe(false);
  });

  it('refuses a JWT signed with another key, a missing one, an unknown uid, and garbage', async () => {
    expect(await get('/v1/key', JSON.stringify({ user_jwt: token(alice.config.uid, mallory.privateKeyPem) }))).toEqual({ status: 401, json: { code: 1008, message: 'Invalid signature' } });
    expect(await get('/v1/key')).toEqual({ status: 400, json: { code: 1004, message: 'argument missing' } });
    expect((await get('/v1/key', JSON.stringify({ user_jwt: token('IDNOBODY', mallory.privateKeyPem) }))).status).toBe(401);
    expect((await get('/v1/key', 'not json at all')).json['code']).toBe(1004);
    expect((await get('/v1/key', JSON.stringify({ user_jwt: 'a.b.c' }))).status).toBe(400);
    const hs256 = jwt.sign({ uid: alice.config.uid, data: {} }, 'shared-secret', { algorithm: 'HS256' });
    expect(await get('/v1/key', undefined, { user_jwt: hs256 })).toEqual({ status: 401, json: { code: 1008, message: 'Invalid signature' } });
  });

  it('answers 404 elsewhere', async () => {
    expect((await get('/v1/nothing')).status).toBe(404);
  });
});
