// Where "Verify key" sends its REST call for each kind of endpoint.

import { describe, expect, it } from 'vitest';
import { restBaseFor } from '../../main/app/rest-base';

const PRODUCTION = 'https://api.oceanex.pro';

describe('restBaseFor', () => {
  it('uses the production REST base for production and the sandbox REST base for the sandbox', () => {
    expect(restBaseFor({ kind: 'production' }, PRODUCTION, 'http://127.0.0.1:1234')).toBe(PRODUCTION);
    expect(restBaseFor({ kind: 'sandbox' }, PRODUCTION, 'http://127.0.0.1:1234')).toBe('http://127.0.0.1:1234');
  });

  it('refuses the sandbox when it is not running', () => {
    expect(() => restBaseFor({ kind: 'sandbox' }, PRODUCTION, undefined)).toThrow('The built-in sandbox is not running');
  });

  it.each([
    ['wss://ws.example.com/ws/v1', 'https://ws.example.com'],
    ['wss://ws.example.com:443/ws/v1', 'https://ws.example.com'],
    ['wss://ws.example.com:8443/ws/v1?x=1', 'https://ws.example.com:8443'],
    ['ws://127.0.0.1:9000/ws/v1', 'http://127.0.0.1:9000'],
    ['ws://localhost/ws/v1', 'http://localhost'],
    ['ws://[::1]:7000/ws/v1', 'http://[::1]:7000'],
  ])('derives http(s)://host[:port] from %s', (url, expected) => {
    expect(restBaseFor({ kind: 'custom', url }, PRODUCTION, undefined)).toBe(expected);
  });

  it('refuses custom URLs that are not websocket URLs', () => {
    expect(() => restBaseFor({ kind: 'custom', url: 'https://x.example' }, PRODUCTION, undefined)).toThrow('ws:// or wss://');
    expect(() => restBaseFor({ kind: 'custom', url: 'not a url' }, PRODUCTION, undefined)).toThrow('not a valid URL');
  });
});
