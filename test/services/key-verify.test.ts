// verifyKey against the real sandbox exchange's GET /v1/key, and against a tiny recording server of our own.

import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccount, startSandbox, type Sandbox } from '../../main/sandbox/index';
import { PRODUCTION_REST_BASE, verifyKey } from '../../main/services/key-verify';

describe('verifyKey against the sandbox exchange', () => {
  let sandbox: Sandbox;
  const demo = createDemoAccount();
  const key = createPrivateKey(demo.privateKeyPem);

  beforeAll(async () => {
    sandbox = await startSandbox({ accounts: [demo.config], marketMaker: false });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('ok: uid, API key id and key are accepted', async () => {
    const result = await verifyKey({ restBase: sandbox.restBase, uid: demo.config.uid, apiKeyId: demo.config.api_key, privateKey: key });
    expect(result).toEqual({ ok: true, code: 0, message: 'The uid, API key id and key are accepted by OceanEx.' });
  });

  it('a wrong key: the server says why, with its code', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const result = await verifyKey({ restBase: sandbox.restBase, uid: demo.config.uid, apiKeyId: demo.config.api_key, privateKey: other });
    expect(result.ok).toBe(false);
    expect(result.code).not.toBe(0);
    expect(result.message).toBe(`OceanEx refused the key: Invalid signature (code ${result.code}).`);
  });

  it('an unknown uid: refused with the server message', async () => {
    const result = await verifyKey({ restBase: sandbox.restBase, uid: 'ID0000000000', apiKeyId: demo.config.api_key, privateKey: key });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^OceanEx refused the key: API key not found \(code -?\d+\)\.$/);
  });

  it('a different API key id than the key belongs to is reported', async () => {
    const result = await verifyKey({ restBase: `${sandbox.restBase}/`, uid: demo.config.uid, apiKeyId: 'KIDWRONG1', privateKey: key });
    expect(result.ok).toBe(false);
    expect(result.message).toBe(`The uid and key are accepted by OceanEx, but the key's API key id is ${demo.config.api_key}, not KIDWRONG1 as set in this profile.`);
  });
});

describe('verifyKey on the wire (recording server)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let server: Server | undefined;
  const seen: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> = [];

  afterEach(async () => {
    if (server) await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    seen.length = 0;
  });

  async function serve(answer: (res: ServerResponse) => void): Promise<string> {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`;
  }

  const run = (restBase: string, extra: { timeoutMs?: number; privateKey?: KeyObject } = {}) =>
    verifyKey({ restBase, uid: 'ID4E5ABC', apiKeyId: 'KIDB7XYZ', privateKey: extra.privateKey ?? privateKey, timeoutMs: extra.timeoutMs });

  it('sends GET /v1/key with the RS256 JWT over exactly {uid, data:{}} in the JSON body only', async () => {
    const base = await serve((res) => res.end('{"code":0,"message":"Operation successful","data":{"uid":"ID4E5ABC","api_key":"KIDB7XYZ"}}'));
    const result = await run(`${base}/`);
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(1);
    const request = seen[0] as (typeof seen)[number];
    expect(request.method).toBe('GET');
    expect(request.url).toBe('/v1/key');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user_jwt']).toBeUndefined();
    expect(request.headers.authorization).toBeUndefined();
    const body = JSON.parse(request.body) as { user_jwt: string };
    expect(Object.keys(body)).toEqual(['user_jwt']);
    const decoded = jwt.decode(body.user_jwt, { complete: true });
    expect(decoded?.header.alg).toBe('RS256');
    expect(decoded?.payload).toEqual({ uid: 'ID4E5ABC', data: {} });
    expect(jwt.verify(body.user_jwt, publicKey, { algorithms: ['RS256'] })).toEqual({ uid: 'ID4E5ABC', data: {} });
    expect(result.message).not.toContain(body.user_jwt.split('.')[2] as string);
  });

  it('keeps a path prefix of the REST base', async () => {
    const base = await serve((res) => res.end('{"code":0,"message":"ok","data":{}}'));
    await run(`${base}/api`);
    expect(seen[0]?.url).toBe('/api/v1/key');
  });

  it('ok without an API key id in the answer says what could not be checked', async () => {
    const base = await serve((res) => res.end('{"code":0,"message":"Operation successful","data":{}}'));
    const result = await run(base);
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(/uid and key are accepted by OceanEx \(it did not report the API key id; check that KIDB7XYZ/);
  });

  it('a non-zero code with an HTTP error status reports the server message and code', async () => {
    const base = await serve((res) => {
      res.statusCode = 401;
      res.end('{"code":1010,"message":"Authentication failed"}');
    });
    expect(await run(base)).toEqual({ ok: false, code: 1010, message: 'OceanEx refused the key: Authentication failed (code 1010).' });
  });

  it('an answer that is not OceanEx JSON is called unexpected', async () => {
    const base = await serve((res) => {
      res.statusCode = 502;
      res.end('<html>Bad gateway</html>');
    });
    const result = await run(base);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/unexpected answer \(HTTP 502, not JSON\)/);
  });

  it('no answer within the timeout: "could not reach …"', async () => {
    const base = await serve(() => undefined); // never answers
    const result = await run(base, { timeoutMs: 300 });
    expect(result).toEqual({ ok: false, message: `Could not reach ${base}: no answer within 0.3 s.` });
  });

  it('unreachable: "could not reach …" with the reason', async () => {
    const base = await serve((res) => res.end());
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    expect(await run(base)).toEqual({ ok: false, message: `Could not reach ${base}: the connection was refused.` });
  });

  it('refuses plain http to a remote host, a bad address, and missing uid / API key id without sending anything', async () => {
    expect((await run('http://api.oceanex.pro')).message).toMatch(/must use https:\/\//);
    expect((await run('not a url')).message).toMatch(/not a valid URL/);
    expect((await verifyKey({ restBase: PRODUCTION_REST_BASE, uid: '', apiKeyId: 'KID1', privateKey })).message).toMatch(/Enter your uid/);
    expect((await verifyKey({ restBase: PRODUCTION_REST_BASE, uid: 'ID1', apiKeyId: '', privateKey })).message).toMatch(/Enter your API key id/);
    expect(PRODUCTION_REST_BASE).toBe('https://api.oceanex.pro');
  });
});
