import { describe, expect, it } from 'vitest';
import { connectCause, hostPort } from '../../main/app/connect-errors';

describe('connection errors in words (#19 item 5)', () => {
  it('names host and port, the default port too', () => {
    expect(hostPort('ws://127.0.0.1:45678/ws/v1')).toBe('127.0.0.1:45678');
    expect(hostPort('wss://ws.oceanex.pro/ws/v1')).toBe('ws.oceanex.pro:443');
    expect(hostPort('not a url')).toBe('not a url');
  });

  it('says what happened for the usual causes', () => {
    expect(connectCause('Could not connect to ws://127.0.0.1:1/ws/v1: connect ECONNREFUSED 127.0.0.1:1')).toMatch(/^connection refused \(ECONNREFUSED\)/);
    expect(connectCause('getaddrinfo ENOTFOUND nowhere.invalid')).toMatch(/^host not found/);
    expect(connectCause('Unexpected server response: 404')).toBe('the server answered HTTP 404, not a websocket');
    expect(connectCause('Could not connect to ws://h/ws: no complete handshake within 10 s')).toBe('no complete handshake within 10 s');
    expect(connectCause('Could not connect to ws://h/ws: something else')).toBe('something else');
  });

  it('reads a bounded part of a huge message', () => {
    const started = performance.now();
    expect(connectCause(`${'x'.repeat(1_000_000)} ECONNREFUSED`)).not.toMatch(/ECONNREFUSED/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
