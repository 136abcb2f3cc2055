// The session's heartbeat watchdog over real loopback sockets: a server that announces a 1 s heartbeat and then
// goes silent is dropped and reconnected to (requests fail as for any drop, the login is redone); a server
// that pings keeps the connection, until it stops pinging. The tests run concurrently: each waits seconds.

import type { KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { choiceById } from '../../shared/oceanex/catalogue';
import { Session } from '../../main/oceanex/session';
import type { SessionOptions } from '../../main/oceanex/session-api';
import { verifyLogin } from '../../main/oceanex/signer';
import { handlerOf, startScriptedServer, type ScriptedServer } from './scripted-server';
import { delay, eventLog, keySigner, recordingLogger, rsaKeys, statesOf, waitForState } from './session-helpers';

const timestamp = choiceById('timestamp')!;
const newOrder = choiceById('newOrder')!;

let keys: { privateKey: KeyObject; publicKey: KeyObject };
beforeAll(() => {
  keys = rsaKeys();
});

/**
 * A scripted server that sends `welcome` (the frame's value, or nothing) on every connection and answers
 * logins; it never answers anything else and never pings unless the test does.
 */
async function silentServer(welcome: Record<string, unknown> | undefined): Promise<ScriptedServer> {
  const server = await startScriptedServer(false);
  void (async () => {
    for (let n = 1; ; n += 1) {
      const peer = await server.waitForConnection(n);
      if (welcome !== undefined) peer.send(welcome);
    }
  })();
  server.onRequest((peer, frame) => {
    if (handlerOf(frame) !== 'AuthHandler/login') return;
    const h = (frame['data'] as Record<string, unknown>)['header'] as Record<string, unknown>;
    peer.reply(frame, verifyLogin(keys.publicKey, h['nonce'] as number, h['signature'] as string) ? 0 : 1008, {});
  });
  return server;
}

function openSession(server: ScriptedServer, options: Partial<SessionOptions> = {}) {
  const logger = recordingLogger();
  const session = new Session({ url: server.url, requestTimeoutMs: 30_000, backoff: { initialMs: 10, maxMs: 50, jitter: 0 }, logger, ...options });
  return { session, logger, events: eventLog(session) };
}

describe.concurrent('Session: heartbeat watchdog', () => {
  it('drops a connection that stays silent for 3 announced intervals, fails what was pending, reconnects and logs in again', async () => {
    const server = await silentServer({ type: 'welcome', message: 1 });
    const { session, logger, events } = openSession(server);
    try {
      await session.connect();
      await session.login(keySigner(keys.privateKey));
      const connectedAt = performance.now();
      const pending = session.request(timestamp, {}).catch((e: unknown) => e);
      const order = session.request(newOrder, { market: 'vetusdt', side: 'buy', price: 0.75, volume: 1000, ord_type: 'limit' }).catch((e: unknown) => e);

      expect(await pending).toMatchObject({ code: 'connection-lost' });
      expect(await order).toMatchObject({ code: 'outcome-unknown' });
      const droppedAfterMs = performance.now() - connectedAt;
      expect(droppedAfterMs).toBeGreaterThanOrEqual(3_000); // never before 3 intervals of silence
      await server.waitForConnection(2);
      await waitForState(session, 'authenticated', 10_000);

      expect(statesOf(events)).toEqual(['connecting', 'open', 'authenticating', 'authenticated', 'closed', 'connecting', 'open', 'authenticating', 'authenticated']);
      expect(events.find((e) => e.type === 'reconnect-scheduled')).toMatchObject({ attempt: 1 });
      expect(logger.lines.find((l) => l.startsWith('warn No heartbeat'))).toMatch(/^warn No heartbeat from the server for [34] s \(announced every 1 s\)/);
      expect(logger.lines).toContainEqual(expect.stringMatching(/^warn Connection lost \(no heartbeat from the server for [34] s\)$/));
      expect(session.unknownOrders.map((o) => o.status)).toEqual(['unknown']);
      // The first socket was closed by the client: the server saw it go.
      expect(server.peers[0]?.socket.readyState).toBeGreaterThanOrEqual(2);
    } finally {
      await session.dispose();
      await server.close();
    }
  }, 20_000);

  it('stays connected while the server pings every interval, and drops once the pings stop', async () => {
    const server = await silentServer({ type: 'welcome', message: 1 });
    const { session, logger, events } = openSession(server);
    try {
      await session.connect();
      const peer = await server.waitForConnection(1);
      let pings = 0;
      const pinger = setInterval(() => {
        pings += 1;
        peer.send({ type: 'ping', message: 1583729664 + pings });
      }, 1_000);
      await delay(5_500); // well past 3 intervals + grace
      clearInterval(pinger);
      expect(pings).toBeGreaterThanOrEqual(4);
      await server.waitForFrames((f) => f.json?.['command'] === 'pong', pings);
      expect(session.state).toBe('open');
      expect(server.connectionCount()).toBe(1);
      expect(events.some((e) => e.type === 'reconnect-scheduled')).toBe(false);
      expect(logger.lines.filter((l) => l.startsWith('warn'))).toEqual([]);

      // The same watchdog was live all along: silence now drops the connection.
      await server.waitForConnection(2);
      expect(logger.lines).toContainEqual(expect.stringMatching(/^warn No heartbeat from the server/));
    } finally {
      await session.dispose();
      await server.close();
    }
  }, 20_000);

  it('uses the default interval when the welcome announces none or an unusable one', async () => {
    const welcomes = [undefined, { type: 'welcome' }, { type: 'welcome', message: 0 }, { type: 'welcome', message: 'soon' }];
    await Promise.all(
      welcomes.map(async (welcome) => {
        const server = await silentServer(welcome);
        // A 1 s default stands in for the real 60 s so that the test takes seconds, not minutes.
        const { session, logger } = openSession(server, { heartbeatSeconds: 1 });
        try {
          await session.connect();
          await server.waitForConnection(2);
          expect(logger.lines.find((l) => l.startsWith('warn No heartbeat'))).toMatch(/announced every 1 s/);
        } finally {
          await session.dispose();
          await server.close();
        }
      }),
    );
  }, 20_000);

  it('keeps the 60 s default without any option: no drop within a few seconds of silence', async () => {
    const server = await silentServer({ type: 'welcome' });
    const { session } = openSession(server);
    try {
      await session.connect();
      await delay(4_500);
      expect(session.state).toBe('open');
      expect(server.connectionCount()).toBe(1);
    } finally {
      await session.dispose();
      await server.close();
    }
  }, 20_000);
});
