// The terminal client as a child process with piped stdin, against the sandbox exchange over loopback.
// A few processes each run many commands: every choice 1–17, the refusals, bad arguments, EOF, --json, the log.

import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoAccount, type Sandbox } from '../../main/sandbox/index';
import { closedPort, CliProcess, outboundHandlers, runCli, startSandboxWithKeyFile, transcript, type SandboxWithKeyFile } from './cli-process';

const NOT_AUTH = 'Not Authenticated. Please Authenticate first';
const PROMPT = 'Prompt ("stop" "q" "quit" "exit" to quit, h or ? or \'help\' to Help):';

let sandbox: Sandbox;
let dir: string;
let keyFile: string;
let privateKeyPem: string;
let uid: string;
let apiKey: string;

let fixture: SandboxWithKeyFile | undefined;

beforeAll(async () => {
  fixture = await startSandboxWithKeyFile({ pingIntervalSeconds: 1, seed: 7 }, 'oceanex-cli-');
  ({ sandbox, dir, keyFile, privateKeyPem, uid, apiKey } = fixture);
});

afterAll(() => fixture?.close());

/** Never the user's real app folder. */
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ OCEANEX_USER_DATA: join(dir, 'user-data'), ...extra });
const withKey = (): string[] => ['--url', sandbox.url, '--uid', uid, '--api-key', apiKey, '--key-file', keyFile];

/** The base64 body of a PEM, line by line: none of it may ever be printed or logged. */
function pemBodyLines(pem: string): string[] {
  return pem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
}

describe('terminal client', () => {
  it('prints usage for --help, refuses bad flags and bad keys with exit 2 before connecting', async () => {
    const publicKeyFile = join(dir, 'public.pem');
    const ecKeyFile = join(dir, 'ec.pem');
    const ecPem = generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
    writeFileSync(publicKeyFile, createDemoAccount(undefined, 1024).config.public_key_pem);
    writeFileSync(ecKeyFile, ecPem);
    const badKeyLog = join(dir, 'bad-key.log');
    const port = await closedPort();
    const [help, bogus, badLevel, publicKey, ecKey, noUid, unreachable] = await Promise.all([
      runCli(['--help'], env()),
      runCli(['--bogus'], env()),
      runCli(['--log-level', 'loud'], env()),
      runCli(['--url', sandbox.url, '--uid', uid, '--api-key', apiKey, '--key-file', publicKeyFile, '--log-file', badKeyLog], env(), '2\n'),
      runCli(['--url', sandbox.url, '--uid', uid, '--api-key', apiKey, '--key-file', ecKeyFile, '--log-file', badKeyLog], env(), '2\n'),
      runCli(['--url', sandbox.url, '--key-file', keyFile], env(), '2\n'),
      runCli(['--url', `ws://127.0.0.1:${port}/ws/v1`, '--log-file', join(dir, 'unreachable.log')], env(), '2\n'),
    ]);

    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: npm run cli -- [options]');
    for (const flag of ['--url', '--uid', '--api-key', '--key-file', '--log-level', '--log-file', '--json', 'OCEANEX_UID', 'OCEANEX_API_KEY']) {
      expect(help.stdout).toContain(flag);
    }

    for (const bad of [bogus, badLevel]) {
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toContain('Usage: npm run cli');
    }
    expect(bogus.stderr).toMatch(/Unknown option '--bogus'/);
    expect(badLevel.stderr).toMatch(/-l\/--logLevel must be one of INFO, DEBUG, WARN, ERROR \(either case\), got "loud"/);

    expect(publicKey.code).toBe(2);
    expect(publicKey.stderr).toMatch(/holds a public key/);
    expect(ecKey.code).toBe(2);
    expect(ecKey.stderr).toMatch(/type EC; OceanEx needs an RSA key/);
    expect(noUid.code).toBe(2);
    expect(noUid.stderr).toMatch(/--key-file needs the uid and API key id/);
    for (const refused of [publicKey, ecKey, noUid]) {
      expect(refused.stdout).toBe(''); // no banner: it never connected, so nothing was sent
      for (const line of [...pemBodyLines(ecPem), ...pemBodyLines(privateKeyPem)]) expect(refused.stderr).not.toContain(line);
    }
    expect(existsSync(badKeyLog)).toBe(false);

    // A failed first connect keeps the menu (the script goes on); a run that never connected exits 1.
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toContain(`Disconnected\nSession Down\nCould not connect to ws://127.0.0.1:${port}/ws/v1`);
    expect(unreachable.stdout).not.toMatch(/Could not connect to [\s\S]*Could not connect to/); // said once
    expect(unreachable.stdout).not.toContain('Session up');
    expect(unreachable.stdout).toMatch(/> 2\nnot connected\n/);
  });

  it('runs a piped script in order: every public choice, refusals, bad arguments, help, login and private choices, --json, EOF', async () => {
    const logFile = join(dir, 'script.log');
    const script = [
      '5', // private before login
      '12', // private before login: refused before its prompt
      '2',
      '3',
      '4',
      '13',
      '14', 'vetusdt, 2, 6',
      '15', 'vetusdt,30,5',
      '14', 'vetusdt, two, 6', // wrong type
      '15', 'vetusdt, 30', // wrong count
      '6', // private before login
      '1',
      '5',
      '6', 'vetusdt, buy, abc, 100, limit', // wrong type
      '6', 'vetusdt, buy, 0.02, 100000000, limit', // more than the balance: rejected by the exchange
      '7', '18, x', // not an id
      '9', 'vetusdt, limit',
      '12', 'vetusdt',
      '10', '999999', // no such order: an error code
      'h',
      'banner',
      'cls',
      'nonsense',
      '16',
      '5', // logged out by the disconnect
      '17',
      '5', // re-login after the reconnect
      '9', // EOF at its prompt: nothing sent
    ];
    const { code, stdout, stderr } = await runCli([...withKey(), '--json', '--log-file', logFile], env(), `${script.join('\n')}\n`);
    expect(stderr).toBe('');
    expect(code).toBe(0);

    const head = stdout.slice(0, stdout.indexOf(PROMPT));
    expect(head).toContain('OCEANEX INTERACTIVE CLIENT');
    expect(head).toContain('*        Choice:  1)  Authenticate ');
    expect(head).toContain('*        Choice: 17)  Reconnect ');
    expect(head).toContain('Session up');

    const steps = transcript(stdout);
    expect(steps.map((s) => s.input)).toEqual(script);
    const out = (i: number): string => steps[i]?.output ?? '';
    // What was printed after input line i (from the line after the echo), without --json's JSON lines.
    const human = (i: number): string => out(i).replace(/^\n/, '').split('\n').filter((l) => !l.startsWith('{"')).join('\n');

    // Each outcome: ws_client.py's own line first, word for word, then ours.
    expect(human(0)).toContain(`\n${NOT_AUTH}\n"Get Account" needs a login: type 1 to authenticate. Nothing was sent.`);
    expect(human(1)).toContain(NOT_AUTH);
    expect(human(1)).not.toContain('MARKET_ID (example: vetusdt)');
    expect(human(2)).toMatch(/^received tickers info\.\n\d+ tickers: vetusdt last [\d.]+/);
    expect(human(3)).toMatch(/^received markets info\n\d+ markets: vetusdt/);
    expect(human(4)).toMatch(/^received trading fee info\nfees for \d+ markets: vetusdt ask [\d.]+ bid [\d.]+/);
    expect(human(5)).toMatch(/^received timestamp info\nreceived timestamp: \d{10} \(\d{4}-\d\d-\d\dT/);
    expect(human(6)).toContain('MARKET_ID,LEVEL,PRECISION (example: vetusdt, 2, 6)');
    expect(human(7)).toMatch(/^received Orderbook info\norder book: best ask [\d.]+ \(volume [\d.]+\), best bid [\d.]+ \(volume [\d.]+\); 2 ask levels, 2 bid levels\n/);
    expect(human(8)).toContain('MARKET_ID,LIMIT,PERIOD (example: vetusdt, 30, 5)');
    expect(human(9)).toMatch(/^received K-Line info\n30 candles; last close [\d.]+ at /);
    expect(human(11)).toContain('ERROR: Level (depth): "two" is not a whole number (example: 2)');
    expect(human(11)).toContain('Nothing was sent.');
    expect(human(13)).toMatch(/^ERROD: Expected 3 args but received 2\nERROR: Expected 3 values separated by commas, got 2: MARKET_ID,LIMIT,PERIOD .*\. Nothing was sent\./);
    expect(human(14)).toContain(NOT_AUTH);
    expect(human(15)).toMatch(/^Authenticated\.\nLogged in/);
    expect(human(16)).toMatch(/^received account info\n\d+ currencies, \d+ with a balance: /);
    expect(human(18)).toContain('ERROR: Price: "abc" is not a plain decimal number');
    // A rejected order fell through to the original's "any message" callback: the reply whole, then our line.
    expect(human(20)).toMatch(/^\*{37}\nUnknown message \n\{\n  "identifier": \{\n    "handler": "OrderHandler"\n  \},[\s\S]*"code": [1-9]\d*,[\s\S]*\n\*{37}\norder rejected\. code: \d+ /);
    expect(human(22)).toContain('ERROR: Order ids: "x" is not an order id');
    expect(human(24)).toMatch(/^received list open order info\n\d+ open orders?[:.]/);
    expect(human(26)).toMatch(/^all received history order info\n\d+ orders? in history/);
    expect(human(28)).toMatch(/Unknown message [\s\S]*"code": 2004[\s\S]*\*{37}\nOrderHandler\/show failed\. code: 2004/);
    for (const i of [29, 30, 31, 32]) expect(human(i)).toContain('*        Choice:  6)  Enter New Order:MARKET_ID,SIDE,PRICE,VOLUME,ORD_TYPE ');
    expect(human(32)).toMatch(/^can not regonize choice\n"nonsense" is not a choice/);
    expect(human(33)).toMatch(/^disconnecting\.\.\.\nDisconnected\nSession Down\n/);
    // After a disconnect the session is down, not merely logged out (the original said "not connected" too).
    expect(human(34)).toMatch(/^not connected\nNot connected: "Get Account" was not sent\. Type 17 to reconnect\./);
    expect(human(35)).toMatch(/^Session up\nAuthenticated\.\n/);
    expect(human(36)).toMatch(/^received account info\n/);
    expect(human(37)).toContain('MARKET_ID, ORD_TYPE (example: vetusdt, limit)');
    expect(stdout.trimEnd()).toMatch(/disconnecting\.\.\.\nDisconnected\nSession Down\nend\.\.\.\.$/);
    // Up twice (connect, 17), down twice (16, end of input): never "Session Down" twice in a row.
    expect(stdout.match(/^Session up$/gm)).toHaveLength(2);
    expect(stdout.match(/^Session Down$/gm)).toHaveLength(2);

    // --json: every inbound message is one parseable line, printed with the reply it belongs to.
    const jsonLines = stdout.split('\n').filter((l) => l.startsWith('{"'));
    const messages = jsonLines.map((l) => JSON.parse(l) as { type?: string; identifier?: { handler?: string } });
    expect(messages.filter((m) => m.type === 'welcome')).toHaveLength(2); // connect + reconnect
    const timestampJson = out(5).split('\n').find((l) => l.startsWith('{"'));
    expect(JSON.parse(timestampJson ?? '{}')).toMatchObject({ identifier: { handler: 'ToolHandler' }, message: { action: 'timestamp', code: 0 } });

    // What went out: nothing for refusals, bad arguments or the unanswered last prompt.
    const log = readFileSync(logFile, 'utf8');
    const sent = outboundHandlers(log);
    expect(sent).toEqual([
      'TickerHandler/index',
      'MarketsHandler/index',
      'FeeHandler/trading_fee',
      'ToolHandler/timestamp',
      'OrderBookHandler/index',
      'KlineHandler/index',
      'AuthHandler/login',
      'AccountHandler/index',
      'OrderHandler/create',
      'OrderHandler/index',
      'OrderHistoryHandler/index',
      'OrderHandler/show',
      'AuthHandler/login',
      'AccountHandler/index',
    ]);
    expectRedacted(log);
  });

  it('follows an order through show, cancel, rejection, history and mass cancel; prints unknown messages and timeouts; keeps answering pings', async () => {
    const logFile = join(dir, 'orders.log');
    const cli = new CliProcess([...withKey(), '--log-file', logFile, '--timeout', '1'], env());
    try {
      await cli.waitFor(/Session up[\s\S]*Prompt \(/);
      expect(await cli.step('1')).toContain('Authenticated.');

      const ack = await cli.step('6', 'vetusdt, buy, 0.001, 100, limit');
      const id = /\*{37}\nreceived order ack\. order id: (\d+)\n\*{37}/.exec(ack)?.[1];
      expect(id).toBeDefined();
      expect(sandbox.exchange.order(Number(id))).toMatchObject({ uid, market: 'vetusdt', side: 'bid', state: 'wait' });
      expect(await cli.step('10', `${id}`)).toMatch(new RegExp(`received order info\\norder ${id}: buy 100\\.0 vetusdt at 0\\.001 \\(limit\\), state wait`));
      expect(await cli.step('7', `${id}`)).toContain(`*\nreceived order id [${id}] cancelled.\n*************************************\ncancelled order ids: ${id}\n`);
      expect(await cli.step('7', `${id}`)).toMatch(
        new RegExp(`\\*\\nreceived order cancel err code \\[2004\\] id \\[${id}\\] rejected\\.\\n\\*{37}\\ncancel rejected\\. code: 2004 .*"ids":\\[${id}\\]`),
      );
      expect(await cli.step('11', `${id}`)).toMatch(new RegExp(`received history order info\\norder ${id}: .*state cancel`));

      const second = /order id: (\d+)/.exec(await cli.step('6', 'vetusdt, buy, 0.001, 100, limit'))?.[1];
      const third = /order id: (\d+)/.exec(await cli.step('6', 'vetusdt, sell, 99, 1, limit'))?.[1];
      const cleared = await cli.step('8');
      const clearedIds = /\*\nreceived mass order ids \[([\d, ]+)\] cancelled\.\n\*{37}\ncancelled every open order: [\d, ]+\n/.exec(cleared)?.[1]?.split(', ') ?? [];
      expect(clearedIds).toEqual(expect.arrayContaining([second, third]));
      // Nothing left: the original's "[]" and a plain sentence, not "cancelled ids: " with nothing after it.
      expect(await cli.step('8')).toContain('received mass order ids [] cancelled.\n*************************************\nthere were no open orders to cancel.\n');

      // A message no handler expects is shown whole, as the original's "any message" callback did.
      const before = cli.stdout.length;
      sandbox.faults.sendRaw('{"surprise":{"answer":42}}');
      await cli.waitFor(/\*{37}\nUnknown message \n\{\n  "surprise": \{\n    "answer": 42/, before);

      // A request with no reply: the script waits for its timeout, then goes on.
      sandbox.faults.silence('ToolHandler', 'timestamp');
      expect(await cli.step('13')).toContain('ERROR: No reply within 1 s');
      sandbox.faults.clear();
      expect(await cli.step('13')).toMatch(/received timestamp info\nreceived timestamp: \d+/);

      // Its reply comes after all: shown as the reply it is (not as an unknown message), marked late.
      const lateUuid = lastOutboundUuid(readFileSync(logFile, 'utf8'), 'ToolHandler', 2);
      const lateFrom = cli.stdout.length;
      sandbox.faults.sendRaw(JSON.stringify({ identifier: { handler: 'ToolHandler' }, message: { action: 'timestamp', code: 0, data: 1796083200, uuid: lateUuid } }));
      await cli.waitFor(new RegExp(`received timestamp info\\nreceived timestamp: 1796083200 .*\\n\\(a late reply: its request ${lateUuid} had already timed out\\)`), lateFrom);
      expect(cli.stdout.slice(lateFrom)).not.toContain('Unknown message');

      // The connection drops after the exchange took the order: the outcome is reported unknown, the client
      // reconnects and logs in by itself, then finds the order among the open ones. Never resent.
      sandbox.faults.dropOnNext('OrderHandler', 'create', true);
      const dropped = await cli.step('6', 'vetusdt, buy, 0.002, 50, limit');
      expect(dropped).toMatch(/WARNING: .*outcome is unknown.*\(request [0-9a-f-]{36}\)/);
      const afterDrop = cli.stdout.length - dropped.length;
      await cli.waitFor(
        /Order request [0-9a-f-]{36} \(buy 50 vetusdt at 0\.002\), whose outcome was unknown, is now checked: it was placed — order \d+: buy 50\.0 vetusdt at 0\.002 \(limit\), state wait\./,
        afterDrop,
      );
      expect(cli.stdout.slice(afterDrop)).toMatch(/Session Down[\s\S]*Session up[\s\S]*Authenticated\./);
      // The client's own look-ups (open orders, history) are not printed as if someone had asked for them.
      expect(cli.stdout.slice(afterDrop)).not.toContain('received list open order info');
      expect(sandbox.exchange.orders((o) => o.uid === uid && o.state === 'wait' && o.price !== undefined)).toHaveLength(1);

      // Heartbeats (every second here) are answered while the client sits idle at its prompt.
      const pongsBefore = countPongs(logFile);
      const idleFrom = cli.stdout.length;
      await new Promise((done) => setTimeout(done, 3_500));
      expect(await cli.step('3')).toContain('received markets info\n');
      expect(cli.stdout.slice(idleFrom)).not.toContain('Session Down');

      const result = await cli.end();
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.stdout.trimEnd()).toMatch(/Session Down\nend\.\.\.\.$/);
      expect(countPongs(logFile)).toBeGreaterThanOrEqual(pongsBefore + 3);
      expect(result.stdout.split('\n').some((l) => l.startsWith('{"'))).toBe(false); // no --json, no JSON lines
    } finally {
      cli.kill();
    }
  });

  it('takes the uid and API key from the environment; without credentials choice 1 explains what to pass', async () => {
    const [fromEnv, anonymous] = await Promise.all([
      runCli(['--url', sandbox.url, '--key-file', keyFile, '--log-file', join(dir, 'env.log')], env({ OCEANEX_UID: uid, OCEANEX_API_KEY: apiKey }), '1\n5\n'),
      runCli(['--url', sandbox.url, '--log-file', join(dir, 'anonymous.log')], env(), '1\n2\n14\n'),
    ]);
    expect(fromEnv).toMatchObject({ code: 0, stderr: '' });
    expect(fromEnv.stdout).toMatch(/> 1\nAuthenticated\.[\s\S]*> 5\nreceived account info\n/);
    expect(anonymous).toMatchObject({ code: 0, stderr: '' });
    expect(anonymous.stdout).toMatch(/> 1\nPlease set uid and kid first\nNo credentials to authenticate with: pass --uid and --api-key/);
    expect(anonymous.stdout).toMatch(/> 2\nreceived tickers info\.\n/);
    expect(anonymous.stdout).toMatch(/MARKET_ID,LEVEL,PRECISION \(example: vetusdt, 2, 6\)\ndisconnecting\.\.\.\nDisconnected\nSession Down\nend\.\.\.\. \n$/);
    expect(outboundHandlers(readFileSync(join(dir, 'anonymous.log'), 'utf8'))).toEqual(['TickerHandler/index']);
  });

  it('refuses a 100 kB line unread and shows escape sequences as text; -l/--logLevel chooses what ws_client.log keeps', async () => {
    const huge = `14\n${'x'.repeat(100_000)}\n\u001b[2J\u001b]0;pwned\u0007\n13\n`;
    const [debug, errorsOnly] = await Promise.all([
      runCli(['--url', sandbox.url, '-l', 'DEBUG', '--log-file', join(dir, 'debug.log')], env(), huge),
      runCli(['--url', sandbox.url, '--logLevel', 'error', '--log-file', join(dir, 'error.log')], env(), '13\n'),
    ]);
    expect(debug).toMatchObject({ code: 0, stderr: '' });
    expect(debug.stdout).not.toContain('\u001b');
    expect(debug.stdout).not.toContain('x'.repeat(1000));
    expect(debug.stdout).toContain('ERROR: that line is 100000 characters long; at most 4096 are read. Nothing was sent.');
    expect(debug.stdout).toContain('can not regonize choice\n"\\x1b[2J\\x1b]0;pwned\\x07" is not a choice');
    expect(debug.stdout).toMatch(/> 13\nreceived timestamp info\n/);

    // DEBUG keeps debug lines and every frame; ERROR keeps neither (as the original's logger.setLevel did).
    const debugLog = readFileSync(join(dir, 'debug.log'), 'utf8');
    expect(debugLog).toMatch(/\[debug\] /);
    expect(debugLog).toContain('"ToolHandler"');
    expect(debugLog).not.toContain('OrderBookHandler'); // choice 14's argument line was refused: nothing sent
    expect(errorsOnly).toMatchObject({ code: 0, stderr: '' });
    expect(errorsOnly.stdout).toMatch(/> 13\nreceived timestamp info\n/);
    const errorLog = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : '';
    expect(errorLog).not.toMatch(/\[(debug|info)\]/);
    expect(errorLog).not.toContain('"ToolHandler"');
  });
});

/** The uuid of the `nth` (1-based) outbound request to `handler` in the log. */
function lastOutboundUuid(log: string, handler: string, nth: number): string {
  const uuids = log
    .split('\n')
    .map((line) => / >> (\{.*\})$/.exec(line)?.[1])
    .filter((frame): frame is string => frame !== undefined)
    .map((frame) => JSON.parse(frame) as { identifier?: { handler?: string }; data?: { uuid?: string } })
    .filter((frame) => frame.identifier?.handler === handler)
    .map((frame) => frame.data?.uuid ?? '');
  return uuids[nth - 1] ?? '';
}

function countPongs(logFile: string): number {
  return readFileSync(logFile, 'utf8').split('\n').filter((l) => l.endsWith('>> {"command":"pong"}')).length;
}

/** Login frames are logged, but never with their signature. */
export function expectRedacted(log: string): void {
  const logins = log.split('\n').filter((l) => l.includes('"AuthHandler"') && l.includes('"header"'));
  expect(logins.length).toBeGreaterThan(0);
  for (const line of logins) {
    const signature = /"signature":\s*"([^"]*)"/.exec(line)?.[1];
    expect(signature).toBeDefined();
    expect(signature).not.toMatch(/^[A-Za-z0-9+/]{40,}={0,2}$/);
  }
}
