// Every generated program, in both languages, run for real: public and private choices against the sandbox over
// loopback, the login alone, refusals (bad market, wrong key, missing environment), and hostile field values
// against a recording peer that checks what arrives on the wire and that pings are answered.

import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { CODE_LANGUAGES, codeRequestForChoice, codeRequestFromFrame, generateProgram, type CodeLanguage, type CodeRequest } from '../../shared/codegen/index';
import { verifyLogin } from '../../main/oceanex/signer';
import { sandboxForFile } from '../oceanex/sandbox-fixture';
import { ProgramDir, runProgram } from './run-program';

const fixture = sandboxForFile({ pingIntervalSeconds: 60, historyHours: 0, seed: 7 });
let dir: ProgramDir;
let keyFile: string;
let env: Record<string, string>;

beforeAll(() => {
  dir = new ProgramDir();
  keyFile = dir.write('key.pem', fixture.account.privateKeyPem);
  env = { OCEANEX_WS_URL: fixture.sandbox.url, OCEANEX_UID: fixture.account.config.uid, OCEANEX_API_KEY: fixture.account.config.api_key, OCEANEX_KEY_FILE: keyFile };
});
afterAll(() => dir.remove());

function forChoice(choice: number, fields: Record<string, string> = {}): CodeRequest {
  const result = codeRequestForChoice(choice, fields);
  if (!result.ok) throw new Error(result.error);
  return result.request;
}

/** The one line a program prints, parsed. */
function replyLine(stdout: string): { identifier: { handler: string }; message: { action: string; code: number; data: unknown; uuid: string } } {
  const lines = stdout.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

describe.each(CODE_LANGUAGES)('the %s program against the sandbox', (language: CodeLanguage) => {
  it('runs a public choice (order book) and prints the reply as one JSON line, exit 0', async () => {
    const run = await runProgram(dir, language, generateProgram(language, forChoice(14, { market: 'vetusdt', level: '2', precision: '6' })), { OCEANEX_WS_URL: env.OCEANEX_WS_URL! });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const reply = replyLine(run.stdout);
    expect(reply.identifier.handler).toBe('OrderBookHandler');
    expect(reply.message.code).toBe(0);
    expect(reply.message.uuid).toMatch(/^[0-9a-f-]{36}$/);
    const book = reply.message.data as { asks: string[][]; bids: string[][] };
    expect(book.asks.length).toBeGreaterThan(0);
    expect(book.asks.length).toBeLessThanOrEqual(2);
  });

  it('signs the login and runs a private choice (account), exit 0', async () => {
    const run = await runProgram(dir, language, generateProgram(language, forChoice(5)), env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const reply = replyLine(run.stdout);
    expect(reply.identifier.handler).toBe('AccountHandler');
    const accounts = (reply.message.data as { accounts: Array<{ currency: string; balance: string }> }).accounts;
    expect(Number(accounts.find((a) => a.currency === 'usdt')?.balance)).toBeGreaterThan(99_000); // less what orders lock
  });

  it('places an order (a private choice that changes state) that the exchange then holds', async () => {
    const run = await runProgram(dir, language, generateProgram(language, forChoice(6, { market: 'vetusdt', side: 'buy', price: '0.001', volume: '100', ord_type: 'limit' })), env);
    expect(run.code).toBe(0);
    const order = replyLine(run.stdout).message.data as { id: number; price: string; state: string };
    expect(order).toMatchObject({ price: '0.001', state: 'wait' });
    const open = fixture.sandbox.exchange.openOrders(fixture.account.config.uid, {});
    expect(open.items.map((o) => o.id)).toContain(order.id);
  });

  it('runs the login alone (choice 1) and prints its reply', async () => {
    const run = await runProgram(dir, language, generateProgram(language, forChoice(1)), env);
    expect(run.code).toBe(0);
    const reply = replyLine(run.stdout);
    expect(reply.identifier.handler).toBe('AuthHandler');
    expect(reply.message.data).toEqual({ scopes: { query: true, 'sell/buy': true, withdraw: true } });
  });

  it('exits 1 and prints the reply when its code is not 0', async () => {
    const run = await runProgram(dir, language, generateProgram(language, forChoice(14, { market: 'zzzusdt', level: '2', precision: '6' })), env);
    expect(run.code).toBe(1);
    expect(replyLine(run.stdout).message.code).not.toBe(0);
  });

  it('exits 1 with the failed login reply when the key is not the account\'s', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const run = await runProgram(dir, language, generateProgram(language, forChoice(5)), { ...env, OCEANEX_KEY_FILE: dir.write(`other-${language}.pem`, other.privateKey) });
    expect(run.code).toBe(1);
    const reply = replyLine(run.stdout);
    expect(reply.identifier.handler).toBe('AuthHandler');
    expect(reply.message.code).not.toBe(0);
    expect(run.stdout + run.stderr).not.toContain('PRIVATE KEY');
  });

  it('names what is missing: the environment and an unreadable key file', async () => {
    const noUid = await runProgram(dir, language, generateProgram(language, forChoice(5)), { ...env, OCEANEX_UID: '' });
    expect(noUid.code).toBe(1);
    expect(noUid.stderr).toContain('Set OCEANEX_UID');
    const noUrl = await runProgram(dir, language, generateProgram(language, forChoice(13)), {});
    expect(noUrl.code).toBe(1);
    expect(noUrl.stderr).toContain('Set OCEANEX_WS_URL');
    const badKey = await runProgram(dir, language, generateProgram(language, forChoice(5)), { ...env, OCEANEX_KEY_FILE: dir.write(`bad-${language}.pem`, 'not a key') });
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain('Cannot use the key in OCEANEX_KEY_FILE');
    expect(badKey.stdout).toBe('');
  });

  it('says so when nothing listens at OCEANEX_WS_URL, or it is no websocket URL', async () => {
    const run = await runProgram(dir, language, generateProgram(language, forChoice(13)), { OCEANEX_WS_URL: 'ws://127.0.0.1:9/ws/v1' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/127\.0\.0\.1:9/);
    const bad = await runProgram(dir, language, generateProgram(language, forChoice(13)), { OCEANEX_WS_URL: 'not a url' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Could not connect to not a url: /);
    expect(bad.stderr).not.toMatch(/Traceback|    at /); // a sentence, not a stack
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Hostile values: whatever a field or a composer frame holds arrives byte-exact and never becomes code.

const HOSTILE = [
  `'; process.exit(7); '`,
  `"); import os; os._exit(7); ("`,
  "\\'\\\"\\\\\\n",
  "line\nbreak\r\nand\u2028separators\u2029\u0085",
  '*/ """ \'\'\' ` ${process.exit(7)} #{7} %s {0} </script>',
  'nul\u0000bell\u0007esc\u001bdel\u007f',
  'emoji 😀 astral 𝄞 lone \ud800 surrogate \udfff',
  '\\u0027 \\x27 \\U00000027 \\N{APOSTROPHE}',
];

interface Recorded {
  readonly frames: Array<Record<string, unknown>>;
  pongs: number;
}

/** A peer that pings first, answers only after the pong, verifies the login signature and echoes args back. */
async function recordingPeer(publicKeyPem: string): Promise<{ url: string; recorded: Recorded; close: () => Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((done) => server.once('listening', () => done()));
  const recorded: Recorded = { frames: [], pongs: 0 };
  server.on('connection', (socket: WebSocket) => {
    const waiting: Array<Record<string, unknown>> = [];
    socket.send(JSON.stringify({ type: 'welcome', message: 60 }));
    socket.send(JSON.stringify({ type: 'ping', message: 1583729664 }));
    socket.send('not json at all'); // skipped, like any frame the program does not wait for
    socket.send(JSON.stringify({ identifier: { handler: 'X' }, message: { action: 'y', code: 0, uuid: 'someone-else' } }));
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      if (frame['command'] === 'pong') recorded.pongs += 1;
      else {
        recorded.frames.push(frame);
        waiting.push(frame);
      }
      // Nothing is answered before the ping is: a program that never pongs never gets its reply.
      if (recorded.pongs > 0) for (const request of waiting.splice(0)) answer(socket, request);
    });
  });
  const answer = (socket: WebSocket, frame: Record<string, unknown>): void => {
    const body = frame['data'] as { action: string; uuid: string; args: unknown; header?: { nonce: number; signature: string } };
    const handler = (frame['identifier'] as { handler: string }).handler;
    const code = body.header === undefined || verifyLogin(publicKeyPem, body.header.nonce, body.header.signature) ? 0 : 2001;
    socket.send(JSON.stringify({ identifier: { handler }, message: { action: body.action, code, data: { echo: body.args }, uuid: body.uuid } }));
  };
  return {
    url: `ws://127.0.0.1:${(server.address() as { port: number }).port}/ws/v1`,
    recorded,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

describe.each(CODE_LANGUAGES)('hostile values in a %s program', (language: CodeLanguage) => {
  it('arrive exactly as written, after the ping was answered, and never break out of their literal', async () => {
    const args: Record<string, unknown> = { nested: { list: [...HOSTILE, 1.5, -0, 1e21, null, true] } };
    HOSTILE.forEach((value, i) => (args[value] = i));
    const frame = JSON.stringify({ identifier: { handler: `Account'Handler"\n` }, command: 'message', data: { action: HOSTILE[0], uuid: 'x', args } });
    // __proto__ as a key must stay a key (JSON.parse keeps it; an object literal would not).
    const withProto = frame.replace('{"nested"', '{"__proto__":{"polluted":1},"nested"');
    const parsed = codeRequestFromFrame(withProto);
    if (!parsed.ok) throw new Error(parsed.error);
    const source = generateProgram(language, parsed.request);
    expect(source).toMatch(/^[\x20-\x7e\n]*$/); // plain ASCII: nothing can hide in it
    for (const value of HOSTILE) expect(source).not.toContain(value);

    const peer = await recordingPeer(fixture.account.config.public_key_pem);
    try {
      const run = await runProgram(dir, language, source, { ...env, OCEANEX_WS_URL: peer.url });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0); // 7 would mean a value ran as code
      // `Account'Handler"\n` is not a private handler, so the request goes alone.
      expect(peer.recorded.frames).toHaveLength(1);
      expect(peer.recorded.pongs).toBe(1);
      const sent = peer.recorded.frames[0]!;
      expect((sent['identifier'] as { handler: string }).handler).toBe(`Account'Handler"\n`);
      const data = sent['data'] as { action: string; args: Record<string, unknown> };
      expect(data.action).toBe(HOSTILE[0]);
      expect(data.args).toEqual(JSON.parse(withProto).data.args);
      expect(Object.keys(data.args)).toContain('__proto__');
      expect(replyLine(run.stdout).message.data).toEqual({ echo: JSON.parse(withProto).data.args });
    } finally {
      await peer.close();
    }
  });

  it('a private request logs in with a valid signature over GET|/ws/v1|nonce| before the request', async () => {
    const peer = await recordingPeer(fixture.account.config.public_key_pem);
    try {
      const run = await runProgram(dir, language, generateProgram(language, forChoice(10, { id: '23' })), { ...env, OCEANEX_WS_URL: peer.url });
      expect(run.code).toBe(0);
      const [login, request] = peer.recorded.frames as Array<{ identifier: { handler: string }; command: string; data: Record<string, unknown> }>;
      expect(login).toMatchObject({ identifier: { handler: 'AuthHandler' }, command: 'message', data: { action: 'login', args: {} } });
      const header = login!.data['header'] as Record<string, unknown>;
      expect(Object.keys(header)).toEqual(['uid', 'api_key', 'nonce', 'verb', 'path', 'signature']);
      expect(header).toMatchObject({ uid: env.OCEANEX_UID, api_key: env.OCEANEX_API_KEY, verb: 'GET', path: '/ws/v1' });
      expect(Number.isInteger(header['nonce'])).toBe(true);
      expect(Math.abs((header['nonce'] as number) - Date.now())).toBeLessThan(60_000); // milliseconds, like the app
      expect(verifyLogin(fixture.account.config.public_key_pem, header['nonce'] as number, header['signature'] as string)).toBe(true);
      expect(request).toMatchObject({ identifier: { handler: 'OrderHandler' }, command: 'message', data: { action: 'show', args: { id: 23 } } });
      expect(request!.data['uuid']).not.toBe(login!.data['uuid']);
    } finally {
      await peer.close();
    }
  });
});
