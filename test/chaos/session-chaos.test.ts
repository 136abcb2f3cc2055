// The session core against a hostile server: huge, binary and absurdly nested frames, ping floods, a server
// that accepts and drops, a dribbled handshake, a server that is not there at first. Every case asserts a
// bound (memory, connections, events, time) and a plain message.

import { afterEach, describe, expect, it } from 'vitest';
import { choiceById } from '../../shared/oceanex/catalogue';
import { Session } from '../../main/oceanex/session';
import type { SessionEvent, SessionOptions } from '../../main/oceanex/session-api';
import { delay, eventLog, keySigner, nextEvent, recordingLogger, rsaKeys, waitForState } from '../oceanex/session-helpers';
import { handlerAction, startDribblingServer, startHostileServer, type HostileServer } from './hostile-server';
import { MB, retainedHeap } from './memory';

const timestamp = choiceById('timestamp')!;
const keys = rsaKeys();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

function open(url: string, options: Partial<SessionOptions> = {}) {
  const logger = recordingLogger();
  const session = new Session({ url, requestTimeoutMs: 2_000, logger, ...options });
  cleanups.push(() => session.dispose());
  return { session, logger, events: eventLog(session) };
}

async function hostile(): Promise<HostileServer> {
  const server = await startHostileServer();
  cleanups.push(() => server.close());
  return server;
}

/** Answers timestamp and login correctly (a well-behaved server, until the test says otherwise). */
function answerCorrectly(server: HostileServer): void {
  server.onRequest((peer, request) => {
    if (handlerAction(request) === 'AuthHandler/login') peer.reply(request, { scopes: { query: true } });
    else peer.reply(request, 1_583_764_947);
  });
}

const messages = (events: readonly SessionEvent[]) => events.flatMap((e) => (e.type === 'error' || e.type === 'malformed' ? [e.type === 'error' ? e.message : e.error] : []));

describe('chaos: frames a server must not be able to send', () => {
  it('a frame over the 16 MB default drops the connection with a clear error; 20 of them leave the heap flat', async () => {
    const server = await hostile();
    answerCorrectly(server);
    // Built as bytes before the baseline (a repeated string would be flattened, 17 MB, on its first send).
    const huge = Buffer.from(`{"type":"flood","pad":"${'x'.repeat(17 * MB)}"}`);
    server.onConnection((peer) => peer.socket.send(huge, { binary: false })); // a text frame, on every connection
    const { session, events } = open(server.url, { backoff: { initialMs: 10, maxMs: 20, jitter: 0 } });
    const before = retainedHeap();
    await session.connect().catch(() => undefined);
    await expect.poll(() => events.filter((e) => e.type === 'error').length, { timeout: 40_000, interval: 50 }).toBeGreaterThanOrEqual(20);
    await session.disconnect();
    await server.close(); // the server shares this process: its own send buffers must not count
    const retained = retainedHeap() - before;
    expect(new Set(messages(events))).toEqual(new Set(['The server sent a frame larger than the 16 MB limit (maxPayloadBytes): dropping the connection']));
    // 20 × 17 MB were sent; the session kept none of it (ws refuses the frame from its header on).
    expect(retained).toBeLessThan(4 * MB);
  }, 60_000);

  it('a reply nested 100 000 deep is refused with a plain message, and everything emitted stays cloneable', async () => {
    const server = await hostile();
    let deep = false;
    server.onRequest((peer, request) => {
      if (!deep) return peer.reply(request, 1);
      const d = request['data'] as Record<string, unknown>;
      const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      peer.socket.send(`{"identifier":{"handler":"ToolHandler"},"message":{"action":"timestamp","code":0,"uuid":"${String(d['uuid'])}","data":${nested}}}`);
    });
    const { session, events, logger } = open(server.url, { requestTimeoutMs: 500 });
    await session.connect();
    deep = true;
    const malformed = nextEvent(session, 'malformed');
    const error = await session.request(timestamp, {}).catch((e: unknown) => e);
    expect((await malformed).error).toBe('nested deeper than 1000 levels');
    expect(logger.lines).toContain('warn A frame nested deeper than 1000 levels was refused');
    expect(String(error)).not.toMatch(/call stack/i);
    expect(error).toMatchObject({ code: 'timeout' });
    expect(() => structuredClone(events)).not.toThrow(); // what the app forwards over IPC
    deep = false;
    expect((await session.request(timestamp, {})).reply.data).toBe(1);
  });

  it('binary frames are refused, never decoded as text', async () => {
    const server = await hostile();
    answerCorrectly(server);
    server.onConnection((peer) => peer.socket.send(Buffer.from('{"type":"ping","message":1}'), { binary: true }));
    const { session, events, logger } = open(server.url);
    const malformed = nextEvent(session, 'malformed');
    await session.connect();
    expect(await malformed).toMatchObject({ text: '[binary frame, 27 bytes]', error: 'binary frame refused' });
    expect(logger.lines).toContain('warn A binary frame (27 bytes) was refused: OceanEx sends text frames only');
    expect(events.some((e) => e.type === 'heartbeat')).toBe(false); // its content was not acted on
    expect((await session.request(timestamp, {})).reply.data).toBe(1_583_764_947);
  });

  it('20 000 pings in a burst: every one answered, but only a few heartbeat events', async () => {
    const server = await hostile();
    answerCorrectly(server);
    let pongs = 0;
    server.onConnection((peer) => {
      peer.socket.on('message', (data) => {
        if (String(data) === '{"command":"pong"}') pongs += 1;
      });
      for (let i = 0; i < 20_000; i += 1) peer.socket.send(`{"type":"ping","message":${1_700_000_000 + i}}`);
    });
    const started = performance.now();
    const { session, events } = open(server.url);
    await session.connect();
    await expect.poll(() => pongs, { timeout: 15_000 }).toBe(20_000);
    await delay(300); // the trailing coalesced event
    const seconds = (performance.now() - started) / 1000;
    const heartbeats = events.filter((e) => e.type === 'heartbeat');
    expect(heartbeats.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 2);
    // The last one carries the newest server time: coalesced, not dropped.
    expect(heartbeats.at(-1)).toMatchObject({ serverTime: 1_700_019_999 });
  }, 30_000);
});


describe('chaos: reconnects stay calm', () => {
  it('a server that accepts and drops gets growing delays, not a storm of "attempt 1" logins', async () => {
    const server = await hostile();
    answerCorrectly(server);
    const { session, events } = open(server.url, { backoff: { initialMs: 100, maxMs: 1_000, jitter: 0.3 } });
    await session.connect();
    await session.login(keySigner(keys.privateKey));
    // From now on every connection is welcomed, its login answered, and dropped 20 ms later.
    server.onConnection((peer) => {
      peer.socket.send(JSON.stringify({ type: 'welcome', message: 60 }));
      setTimeout(() => peer.socket.terminate(), 20);
    });
    const start = performance.now();
    server.peers[0]!.socket.terminate();
    await delay(4_000);
    const connections = server.accepted.filter((t) => t >= start).length;
    const attempts = events.flatMap((e) => (e.type === 'reconnect-scheduled' ? [e.attempt] : []));
    // Delays 70–100, 140–200, 280–400, 560–800 ms, then 0.7–1 s each: at most 7 connections in 4 s. Before,
    // every open reset the count: a connection (and a signed login) every ~100 ms, about 35 in 4 s.
    expect(connections).toBeLessThanOrEqual(7);
    expect(connections).toBeGreaterThanOrEqual(3);
    expect(attempts.slice(0, 4)).toEqual([1, 2, 3, 4]);
    const logins = server.requests.filter((r) => handlerAction(r) === 'AuthHandler/login').length;
    expect(logins).toBeLessThanOrEqual(connections + 1);
  }, 20_000);

  it('the back-off starts over only after a connection was healthy for healthyAfterMs', async () => {
    const server = await hostile();
    answerCorrectly(server);
    const { session, events } = open(server.url, { backoff: { initialMs: 50, maxMs: 400, jitter: 0 }, healthyAfterMs: 300 });
    await session.connect();
    await session.request(timestamp, {}); // answered: healthy from now on
    // Dropped right after being healthy: not long enough, the count goes on.
    const dropAndReconnect = async (): Promise<void> => {
      const count = server.accepted.length;
      server.peers.at(-1)!.socket.terminate();
      await expect.poll(() => server.accepted.length, { timeout: 5_000 }).toBe(count + 1);
      await waitForState(session, 'open');
    };
    await dropAndReconnect();
    await dropAndReconnect();
    await session.request(timestamp, {});
    await delay(400); // healthy for longer than healthyAfterMs
    server.peers.at(-1)!.socket.terminate();
    const fresh = await nextEvent(session, 'reconnect-scheduled', (e) => e.attempt === 1 && events.filter((x) => x.type === 'reconnect-scheduled').length >= 3);
    expect(fresh.attempt).toBe(1);
    expect(events.flatMap((e) => (e.type === 'reconnect-scheduled' ? [e.attempt] : []))).toEqual([1, 2, 1]);
  });

  it('a handshake dribbled a byte at a time cannot hold "connecting" past the connect deadline', async () => {
    const dribbler = await startDribblingServer(100);
    cleanups.push(() => dribbler.close());
    const { session, events } = open(dribbler.url, { connectTimeoutMs: 1_000 });
    const started = performance.now();
    const error = await session.connect().catch((e: unknown) => e);
    const took = performance.now() - started;
    expect(error).toMatchObject({ code: 'not-connected', message: `Could not connect to ${dribbler.url}: no complete handshake within 1 s` });
    expect(took).toBeGreaterThanOrEqual(950);
    expect(took).toBeLessThan(2_500);
    expect(session.state).toBe('closed');
    expect(events.some((e) => e.type === 'reconnect-scheduled')).toBe(false); // the terminal client's way: no retry
  });

  it('retryFirstConnect (the app): a failed first connect retries with the back-off until the server is there', async () => {
    const probe = await startHostileServer();
    const port = probe.port;
    await probe.close(); // nothing listens on this port now
    const { session, events } = open(`ws://127.0.0.1:${port}/ws/v1`, { retryFirstConnect: true, backoff: { initialMs: 100, maxMs: 400, jitter: 0 } });
    await expect(session.connect()).rejects.toMatchObject({ code: 'not-connected' });
    await nextEvent(session, 'reconnect-scheduled', (e) => e.attempt === 3);
    expect(events.flatMap((e) => (e.type === 'reconnect-scheduled' ? [e.delayMs] : []))).toEqual([100, 200, 400]);
    const server = await startHostileServer(port);
    cleanups.push(() => server.close());
    answerCorrectly(server);
    await waitForState(session, 'open', 5_000);
    expect((await session.request(timestamp, {})).reply.code).toBe(0);
  });
});
