// The sandbox's HTTP face against raw sockets: request targets a URL parser refuses ("//", also as an upgrade),
// and a TCP reset right after every kind of refused upgrade (404 path, 403 Origin, 503 cap). Once, each of these
// ended the process that held the sandbox (a throw outside any try; an 'error' event with no listener). Here the
// sandbox runs in the test's own process: an uncaught error would fail the run, and every case checks that the
// server still answers afterwards.

import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startSandbox, type Sandbox } from '../../main/sandbox/index';
import { isOwnLoopbackOrigin, requestPath } from '../../main/sandbox/server';

const MAX_CONNECTIONS = 2;
let sandbox: Sandbox;
const lines: string[] = [];
const uncaught: unknown[] = [];
const onUncaught = (e: unknown): void => void uncaught.push(e);

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  sandbox = await startSandbox({ marketMaker: false, maxConnections: MAX_CONNECTIONS, log: (l) => lines.push(l) });
});
afterAll(async () => {
  await sandbox.close();
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
});

/** Sends `request` on a raw TCP socket and collects what comes back until the server closes (or `until` is seen). */
async function raw(request: string, until?: string): Promise<{ socket: Socket; answer: string }> {
  const socket = connect(sandbox.port, '127.0.0.1');
  socket.on('error', () => undefined); // our own resets
  await once(socket, 'connect');
  socket.write(request);
  let answer = '';
  await new Promise<void>((resolve) => {
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      if (until !== undefined && answer.includes(until)) resolve();
    });
    socket.on('close', () => resolve());
  });
  return { socket, answer };
}

const upgrade = (target: string, extra = ''): string =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${sandbox.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;

/** The sandbox still serves: a websocket opens and gets its welcome. */
async function stillServes(): Promise<void> {
  const ws = new WebSocket(sandbox.url);
  const [data] = (await once(ws, 'message')) as [Buffer];
  expect(JSON.parse(data.toString())).toMatchObject({ type: 'welcome' });
  ws.close();
  await once(ws, 'close');
}

describe('chaos: raw requests to the sandbox', () => {
  it('answers a request target a URL parser refuses ("//", "*", absolute) with 400, and keeps serving', async () => {
    for (const target of ['//', '//x/y', '*', 'http://127.0.0.1/v1/key']) {
      const { answer } = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(answer, target).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain('the request target must be a path starting with /');
    }
    await stillServes();
    expect(uncaught).toEqual([]);
  });

  it('refuses "//" and other odd targets as an upgrade with 404, and keeps serving', async () => {
    for (const target of ['//', '//ws/v1', '*']) {
      const { answer } = await raw(upgrade(target));
      expect(answer, target).toMatch(/^HTTP\/1\.1 404 /);
    }
    await stillServes();
    expect(uncaught).toEqual([]);
  });

  it('survives a TCP reset right after each kind of refused upgrade (404, 403, 503)', async () => {
    const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, async () => {
      const ws = new WebSocket(sandbox.url);
      await once(ws, 'message');
      return ws;
    }));
    const refusals: Array<[string, string]> = [
      [upgrade('/nowhere'), '404'],
      [upgrade('//'), '404'],
      [upgrade('/ws/v1', 'Origin: https://evil.example\r\n'), '403'],
      [upgrade('/ws/v1'), '503'], // the cap is full
    ];
    for (let round = 0; round < 5; round += 1) {
      for (const [request, status] of refusals) {
        const { socket, answer } = await raw(request, '\r\n\r\n');
        expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
        socket.resetAndDestroy();
        // And a reset before the answer was even read.
        const early = connect(sandbox.port, '127.0.0.1');
        early.on('error', () => undefined);
        await once(early, 'connect');
        early.write(request);
        early.resetAndDestroy();
      }
    }
    await new Promise((r) => setTimeout(r, 200)); // let the resets arrive
    for (const ws of held) ws.close();
    await Promise.all(held.map((ws) => once(ws, 'close')));
    await stillServes();
    expect(uncaught).toEqual([]);
  });
});

describe('requestPath and isOwnLoopbackOrigin', () => {
  it('reads a path from an origin-form target only', () => {
    expect(requestPath('/ws/v1')).toBe('/ws/v1');
    expect(requestPath('/ws/v1?a=//b#c')).toBe('/ws/v1');
    for (const target of [undefined, '', '//', '//ws/v1', '*', 'http://127.0.0.1/ws/v1', 'ws/v1']) expect(requestPath(target)).toBeUndefined();
  });

  it('accepts only an Origin that is the request\'s own loopback host and port', () => {
    expect(isOwnLoopbackOrigin('http://127.0.0.1:5000', '127.0.0.1:5000', 5000)).toBe(true);
    expect(isOwnLoopbackOrigin('https://localhost:5000', 'LOCALHOST:5000', 5000)).toBe(true);
    expect(isOwnLoopbackOrigin('http://[::1]:5000', '[::1]:5000', 5000)).toBe(true);
    expect(isOwnLoopbackOrigin('http://127.0.0.1:5001', '127.0.0.1:5000', 5000)).toBe(false); // another local server's page
    expect(isOwnLoopbackOrigin('http://evil.example:5000', 'evil.example:5000', 5000)).toBe(false); // DNS rebinding
    expect(isOwnLoopbackOrigin('http://127.0.0.1:5000', '127.0.0.1:6000', 5000)).toBe(false);
    expect(isOwnLoopbackOrigin('null', '127.0.0.1:5000', 5000)).toBe(false); // a file:// page
    expect(isOwnLoopbackOrigin('http://127.0.0.1:5000', undefined, 5000)).toBe(false);
    expect(isOwnLoopbackOrigin('http://127.0.0.1', '127.0.0.1', 5000)).toBe(false);
  });
});
