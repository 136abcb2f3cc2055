// Flag/environment parsing, the app's folders per platform, and the original banner.
import { describe, expect, it } from 'vitest';
import { defaultLogFile, logsDir, userDataDir } from '../../main/cli/app-paths';
import { parseCommandLine } from '../../main/cli/args';
import { banner, choiceLine } from '../../main/cli/banner';
import { printable } from '../../main/cli/printable';
import { CHOICES } from '../../shared/oceanex/catalogue';

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

  it('takes ws_client.py\'s -l/--logLevel in either case, INFO by default', () => {
    const level = (argv: string[]): unknown => {
      const parsed = parseCommandLine(argv, {});
      return parsed.kind === 'run' ? parsed.options.logLevel : parsed.kind === 'error' ? parsed.message : 'help';
    };
    expect(level([])).toBe('info');
    expect(level(['-l', 'DEBUG'])).toBe('debug');
    expect(level(['-l', 'warn'])).toBe('warn');
    expect(level(['--logLevel', 'ERROR'])).toBe('error');
    expect(level(['--logLevel=INFO'])).toBe('info');
    expect(level(['-lDEBUG'])).toBe('debug');
    expect(level(['--log-level', 'Warn'])).toBe('warn');
  });

  it('never echoes control characters or a huge value back in an error', () => {
    const parsed = parseCommandLine(['--url', `\x1b[2J${'x'.repeat(100_000)}`], {});
    expect(parsed.kind).toBe('error');
    const message = parsed.kind === 'error' ? parsed.message : '';
    expect(message).not.toContain('\x1b[2J');
    expect(message).toContain('\\x1b[2J');
    expect(message.length).toBeLessThan(400);
    expect(printable('a\u0007b\tc')).toBe('a\\x07b c');
  });

  it('recognises help', () => {
    expect(parseCommandLine(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseCommandLine(['-h'], {})).toEqual({ kind: 'help' });
  });

  it.each([
    [['--bogus'], /bogus/],
    [['positional'], /positional/],
    [['--uid'], /uid/],
    [['--log-level', 'loud'], /-l\/--logLevel must be one of INFO, DEBUG, WARN, ERROR \(either case\), got "loud"/],
    [['-l', 'verbose'], /-l\/--logLevel must be one of/],
    [['-l', 'debug', '--log-level', 'error'], /disagree/],
    [['--url', 'http://example.com'], /ws:\/\/ or wss:\/\//],
    [['--timeout', '0'], /^--timeout must be a number of seconds, more than 0 and at most 3600; got "0"$/],
    [['--timeout', '3601'], /more than 0 and at most 3600/],
    [['--timeout', ''], /more than 0 and at most 3600/],
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
  // ws_client.py's banner() as published (src/ws_client.py), typos included.
  const ORIGINAL = [
    '*********************************OCEANEX INTERACTIVE CLIENT*********************************************',
    '*                                                                                                      *',
    '*  Type cls or clear to clear the screen and display banner again.                                     *',
    "*  Type banner or lhelp to display this 'banner' again.                                                *",
    "*  Type h or ? or 'help'to get help on all commands for this Session.                                  *",
    '*  Type q or Q to exit.                                                                                *',
    '*                                                                                                      *',
    '*                                                                                                      *',
    '*                                                                                                      *',
    '*  INPUT CHOICES:                                                                                      *',
    '*        Choice:  1)  Authenticate                                                                     *',
    '*        Choice:  2)  Get All Tickers                                                                  *',
    '*        Choice:  3)  Get All Markets                                                                  *',
    '*        Choice:  4)  Get All TradingFee                                                               *',
    '*        Choice:  5)  Get Account                                                                      *',
    '*        Choice:  6)  Enter New Order:MARKET_ID,SIDE,PRICE,VOLUME,ORD_TYPE                             *',
    '*        Choice:  7)  Cancel Multiple Orders:OIDs                                                      *',
    '*        Choice:  8)  Mass Cancel All                                                                  *',
    '*        Choice:  9)  List Open Orders:MARKET_ID,ORD_TYPE                                              *',
    '*        Choice: 10)  Display Order Details:OID                                                        *',
    '*        Choice: 11)  Display History Order:OID                                                        *',
    '*        Choice: 12)  Display All Hisotry Orders:MARKET_ID                                             *',
    '*        Choice: 13)  Get Timestamp                                                                    *',
    '*        Choice: 14)  Get OrderBook: MARKET_ID,LEVEL,PRECISION                                         *',
    '*        Choice: 15)  Get K-line: MARKET_ID,LIMIT,PERIOD                                               *',
    '*        Choice: 16)  Disconnect                                                                       *',
    '*        Choice: 17)  Reconnect                                                                        *',
    '*                                                                                                      *',
    '*                                                                                                      *',
    '********************************************************************************************************',
  ];

  it('is the original banner line for line, with only its typos fixed', () => {
    const fixed = ORIGINAL.map((line) =>
      line
        .replace("banner or lhelp to display this 'banner' again. ", "banner or help to display this 'banner' again.  ")
        .replace("'help'to get help on all commands for this Session. ", "'help' to get help on all commands for this Session.")
        .replace('Hisotry', 'History'),
    );
    expect(banner().split('\n')).toEqual(fixed);
  });

  it('numbers its rows like the catalogue', () => {
    expect(CHOICES).toHaveLength(17);
    for (const choice of CHOICES) {
      expect(banner()).toContain(choiceLine(choice.number));
      const label = choiceLine(choice.number).split(')  ')[1] ?? '';
      const catalogueWords = choice.label.replace(/^New Order$/, 'Enter New Order');
      expect(label.startsWith(catalogueWords)).toBe(true);
    }
  });
});
