// Flag/environment parsing, the app's folders per platform, and the banner built from the catalogue.
import { describe, expect, it } from 'vitest';
import { defaultLogFile, logsDir, userDataDir } from '../../main/cli/app-paths';
import { parseCommandLine } from '../../main/cli/args';
import { banner, choiceLine } from '../../main/cli/banner';
import { CHOICES } from '../../main/oceanex/catalogue';

describe('parseCommandLine', () => {
  it('reads every flag', () => {
    const parsed = parseCommandLine(
      ['--url', 'ws://127.0.0.1:9/ws/v1', '--uid', 'ID1', '--api-key', 'KID1', '--key-file', 'k.pem', '--log-level', 'DEBUG', '--log-file', 'x.log', '--json', '--timeout', '2.5'],
      {},
    );
    expect(parsed).toEqual({
      kind: 'run',
      options: { url: 'ws://127.0.0.1:9/ws/v1', uid: 'ID1', apiKey: 'KID1', keyFile: 'k.pem', logLevel: 'debug', logFile: 'x.log', json: true, timeoutMs: 2500 },
    });
  });

  it('defaults to production, info, no json, and takes uid/api key from the environment', () => {
    const parsed = parseCommandLine([], { OCEANEX_UID: 'IDENV', OCEANEX_API_KEY: 'KIDENV' });
    expect(parsed).toEqual({
      kind: 'run',
      options: { url: undefined, uid: 'IDENV', apiKey: 'KIDENV', keyFile: undefined, logLevel: 'info', logFile: undefined, json: false, timeoutMs: 10_000 },
    });
  });

  it('prefers flags over the environment', () => {
    const parsed = parseCommandLine(['--uid', 'IDFLAG'], { OCEANEX_UID: 'IDENV', OCEANEX_API_KEY: 'KIDENV' });
    expect(parsed.kind === 'run' && parsed.options.uid).toBe('IDFLAG');
    expect(parsed.kind === 'run' && parsed.options.apiKey).toBe('KIDENV');
  });

  it('recognises help', () => {
    expect(parseCommandLine(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-h'], {})).toEqual({ kind: 'help' });
  });

  it.each([
    [['--bogus'], /bogus/],
    [['positional'], /positional/],
    [['--uid'], /uid/],
    [['--log-level', 'loud'], /log-level/],
    [['--url', 'http://example.com'], /ws:\/\/ or wss:\/\//],
    [['--timeout', '0'], /timeout/],
    [['--timeout', 'soon'], /timeout/],
    [['--json=yes'], /json/],
  ])('rejects %j', (argv, message) => {
    const parsed = parseCommandLine(argv, {});
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(message);
  });
});

describe('app paths', () => {
  const home = '/home/u';
  it('match Electron per platform', () => {
    expect(userDataDir({ env: {}, platform: 'linux', home })).toBe('/home/u/.config/OceanEx WS Client');
    expect(userDataDir({ env: { XDG_CONFIG_HOME: '/x' }, platform: 'linux', home })).toBe('/x/OceanEx WS Client');
    expect(userDataDir({ env: {}, platform: 'darwin', home })).toBe('/home/u/Library/Application Support/OceanEx WS Client');
    expect(userDataDir({ env: { APPDATA: '/w/Roaming' }, platform: 'win32', home })).toMatch(/^\/w\/Roaming[\\/]OceanEx WS Client$/);
    expect(logsDir({ env: {}, platform: 'linux', home })).toBe('/home/u/.config/OceanEx WS Client/logs');
    expect(logsDir({ env: {}, platform: 'darwin', home })).toBe('/home/u/Library/Logs/OceanEx WS Client');
    expect(defaultLogFile({ env: {}, platform: 'linux', home })).toBe('/home/u/.config/OceanEx WS Client/logs/ws_client.log');
  });

  it('honour OCEANEX_USER_DATA on every platform', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const env = { OCEANEX_USER_DATA: '/tmp/ud' };
      expect(userDataDir({ env, platform, home })).toBe('/tmp/ud');
      expect(defaultLogFile({ env, platform, home })).toBe('/tmp/ud/logs/ws_client.log');
    }
  });
});

describe('banner', () => {
  it('lists the 17 choices from the catalogue, numbered, inside the original star box', () => {
    const lines = banner().split('\n');
    expect(lines[0]).toContain('OCEANEX INTERACTIVE CLIENT');
    for (const line of lines) expect(line).toHaveLength(104);
    for (const choice of CHOICES) expect(lines.some((l) => l.includes(choiceLine(choice)))).toBe(true);
    expect(CHOICES).toHaveLength(17);
    expect(banner()).toContain('   1: Authenticate');
    expect(banner()).toContain('  17: Reconnect');
    expect(banner()).toContain('   6: New Order: MARKET_ID,SIDE,PRICE,VOLUME,ORD_TYPE');
    expect(banner()).toContain('   9: List Open Orders: MARKET_ID,ORD_TYPE');
  });
});
