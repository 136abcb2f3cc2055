// `--replay`: a session recorded against the sandbox (by the app's own session, exported as HAR and NDJSON) is
// served back by a second sandbox: same handler/action, same args where recorded, recorded replies in turn, the
// new request's uuid; what was never recorded is answered in words; private calls before login still disconnect.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/ipc/contract';
import { choiceById, validateFields, type ChoiceId, type RawFields } from '../../shared/oceanex/catalogue';
import { sessionFromLog, toHar, toNdjson } from '../../shared/session-file/index';
import { Session } from '../../main/oceanex/session';
import type { SessionLogger } from '../../main/oceanex/session-api';
import { startSandbox, type Sandbox } from '../../main/sandbox/index';
import { loadReplayFile, ReplayFileError } from '../../main/sandbox/replay';
import { sandboxForFile } from '../oceanex/sandbox-fixture';
import { TestClient } from './ws-client';

const fixture = sandboxForFile({ pingIntervalSeconds: 60, seed: 3, historyHours: 1 });
const dir = mkdtempSync(join(tmpdir(), 'oceanex-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The log entries a session writes (what the app's log holds and exports). */
function entryLogger(entries: LogEntry[]): SessionLogger {
  const add = (level: LogEntry['level'], text: string, direction?: 'in' | 'out', uuid?: string) =>
    entries.push({ seq: entries.length + 1, time: Date.now(), level, text, ...(direction ? { direction } : {}), ...(uuid ? { uuid } : {}) });
  return { frame: (direction, text, uuid) => add('info', text, direction, uuid), debug: (m) => add('debug', m), info: (m) => add('info', m), warn: (m) => add('warn', m), error: (m) => add('error', m) };
}

async function run(session: Session, id: ChoiceId, raw: RawFields = {}) {
  const choice = choiceById(id)!;
  const validated = validateFields(choice, raw);
  if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
  return (await session.request(choice, validated.values)).reply;
}

const BOOK = (market: string, level: string) => ({ market, level, precision: '6' });
let recorded: Record<string, unknown>;
let harFile: string;
let ndjsonFile: string;

beforeAll(async () => {
  const entries: LogEntry[] = [];
  const session = fixture.keep(new Session({ url: fixture.sandbox.url, requestTimeoutMs: 3_000, logger: entryLogger(entries) }));
  await session.connect();
  recorded = {
    timestamp1: (await run(session, 'timestamp')).data,
    vetBook: (await run(session, 'orderBook', BOOK('vetusdt', '2'))).data,
    ethBook: (await run(session, 'orderBook', BOOK('ethusdt', '3'))).data,
  };
  await new Promise((r) => setTimeout(r, 1100)); // a second timestamp that differs
  recorded['timestamp2'] = (await run(session, 'timestamp')).data;
  expect((await session.login(fixture.signer())).reply.code).toBe(0);
  recorded['account'] = (await run(session, 'account')).data;
  const sessionFile = sessionFromLog(entries, fixture.sandbox.url);
  harFile = join(dir, 'session.har');
  ndjsonFile = join(dir, 'session.ndjson');
  writeFileSync(harFile, toHar(sessionFile, { name: 'test', version: '0' }));
  writeFileSync(ndjsonFile, toNdjson(sessionFile));
});

describe.each(['har', 'ndjson'])('replaying a %s session', (format) => {
  let replay: Sandbox;
  beforeAll(async () => {
    const book = loadReplayFile(format === 'har' ? harFile : ndjsonFile);
    expect(Object.fromEntries(book.routes)).toEqual({ 'ToolHandler/timestamp': 2, 'OrderBookHandler/index': 2, 'AuthHandler/login': 1, 'AccountHandler/index': 1 });
    replay = await startSandbox({ marketMaker: false, historyHours: 0, answer: book.answer });
  });
  afterAll(() => replay.close());

  it('answers each request with the recorded reply for its handler/action and args, under the new uuid', async () => {
    const session = fixture.keep(new Session({ url: replay.url, requestTimeoutMs: 3_000, logger: entryLogger([]) }));
    await session.connect();
    const eth = await run(session, 'orderBook', BOOK('ethusdt', '3'));
    expect(eth.data).toEqual(recorded['ethBook']);
    expect(eth.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect((await run(session, 'orderBook', BOOK('vetusdt', '2'))).data).toEqual(recorded['vetBook']);
    // Args never recorded: a recorded reply of the same handler/action, in turn.
    expect((await run(session, 'orderBook', BOOK('btcusdt', '9'))).data).toEqual(recorded['vetBook']);
    expect((await run(session, 'orderBook', BOOK('btcusdt', '9'))).data).toEqual(recorded['ethBook']);
    // Several recorded replies to the same request are served in recorded order, then again from the first.
    expect((await run(session, 'timestamp')).data).toEqual(recorded['timestamp1']);
    expect((await run(session, 'timestamp')).data).toEqual(recorded['timestamp2']);
    expect((await run(session, 'timestamp')).data).toEqual(recorded['timestamp1']);
  });

  it('says what it never recorded, and serves private replies only after a login', async () => {
    const client = await TestClient.connect(replay.url);
    try {
      const markets = await client.request('MarketsHandler', 'index');
      expect(markets).toMatchObject({ code: 1001, data: { message: 'the replayed session has no reply to MarketsHandler/index' } });
      const login = await client.login('IDANYONE', 'KIDANYONE', fixture.account.privateKeyPem);
      expect(login.code).toBe(0);
      const account = await client.request('AccountHandler', 'index');
      expect(account.data).toEqual(recorded['account']);
    } finally {
      client.close();
    }
    const early = await TestClient.connect(replay.url);
    early.sendJson({ identifier: { handler: 'AccountHandler' }, command: 'message', data: { action: 'index', uuid: 'u1', args: {} } });
    expect(await early.waitFor((f) => f.type === 'disconnect')).toMatchObject({ reason: 'unauthorized', reconnect: false });
    early.close();
  });
});

describe('loading a replay file', () => {
  it('refuses what cannot be replayed, in words', () => {
    const bad = join(dir, 'bad.har');
    writeFileSync(bad, '{"log":{"entries":{}}}');
    expect(() => loadReplayFile(bad)).toThrow(new ReplayFileError('bad.har: This is not a HAR file: log.entries must be a list.'));
    expect(() => loadReplayFile(join(dir, 'missing.har'))).toThrow('Cannot read missing.har: ENOENT.');
    const lonely = join(dir, 'lonely.ndjson');
    writeFileSync(lonely, '{"direction":"in","epochMs":1,"data":"{\\"type\\":\\"welcome\\",\\"message\\":60}"}\n');
    expect(() => loadReplayFile(lonely)).toThrow(/holds no request with its reply/);
  });

  it('npm run sandbox -- --replay FILE serves the file; a bad file exits 2 with the reason', async () => {
    const root = resolve(__dirname, '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--replay', harFile, '--no-market-maker', '--history-hours', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    try {
      const url = await new Promise<string>((done, fail) => {
        const timer = setInterval(() => {
          const m = /listening on (ws:\/\/127\.0\.0\.1:\d+\/ws\/v1)/.exec(out);
          if (m) {
            clearInterval(timer);
            done(m[1]!);
          }
        }, 50);
        void exited.then(() => fail(new Error(`exited: ${out}`)));
      });
      expect(out).toContain('replaying 6 recorded replies to ToolHandler/timestamp, OrderBookHandler/index, AuthHandler/login, AccountHandler/index');
      const client = await TestClient.connect(url);
      expect((await client.request('ToolHandler', 'timestamp')).data).toEqual(recorded['timestamp1']);
      client.close();
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
    const bad = spawn(process.execPath, ['--import', 'tsx', 'main/sandbox/cli.ts', '--replay', join(dir, 'missing.har')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    bad.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await new Promise((done) => bad.on('close', done))).toBe(2);
    expect(err).toMatch(/^error: Cannot read missing\.har: ENOENT\./);
  });
});
