// Scripts written for OceanEx's ws_client.py, piped into the terminal client (a real child process) against the
// sandbox over loopback: each must consume exactly the lines the original consumed, print the original's line
// first, and send what the original sent (read off ws_client.log). What the original did, for reference:
// - it asked for a private choice's argument line whenever its `authenticated` flag was set — by any login reply,
//   and never cleared (its close callback set a misspelt `authenticatd`) — and then printed "not connected" from
//   its send function when the socket was down; before any login reply it printed "Not Authenticated…" and read
//   nothing; public choices 14 and 15 always read their line;
// - it removed every space from an argument line, split it at commas, printed "ERROD: Expected N args but received
//   M" for a wrong count, and sent market ids, order types and order ids as the text typed; int() failures sent
//   nothing; choice 7 printed each id as it read it;
// - an unknown or empty menu line got "can not regonize choice" and the banner; a failed connect printed
//   "Disconnected" / "Session Down" and kept the menu (17 tried again); quitting printed "end.... " last.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../main/sandbox/index';
import { closedPort, CliProcess, outboundFrames, outboundHandlers, runCli, startSandboxWithKeyFile, transcript, type CliResult, type SandboxWithKeyFile } from './cli-process';

/** After the echo's line break, the original's blank line and its words. */
const NOT_AUTH = '\n\nNot Authenticated\\. Please Authenticate first\n';
const ENDING = /disconnecting\.\.\.\n(?:Disconnected\nSession Down\n)?end\.\.\.\. \n$/;

let sandbox: Sandbox;
let dir: string;
let keyFile: string;
let uid: string;
let apiKey: string;

let fixture: SandboxWithKeyFile | undefined;

beforeAll(async () => {
  fixture = await startSandboxWithKeyFile({ seed: 11 }, 'oceanex-piped-');
  ({ sandbox, dir, keyFile, uid, apiKey } = fixture);
});

afterAll(() => fixture?.close());

const env = (): NodeJS.ProcessEnv => ({ OCEANEX_USER_DATA: join(dir, 'user-data') });
const logOf = (name: string): string => join(dir, `${name}.log`);
const args = (name: string, url = sandbox.url, key = apiKey): string[] => ['--url', url, '--uid', uid, '--api-key', key, '--key-file', keyFile, '--log-file', logOf(name)];
const run = (name: string, script: readonly string[], url?: string, key?: string): Promise<CliResult> => runCli(args(name, url, key), env(), `${script.join('\n')}\n`);
const sent = (name: string): string[] => outboundHandlers(readFileSync(logOf(name), 'utf8'));

/**
 * Asserts the script's lines were consumed one by one, in order (each echoed as "> line" when read), and that what
 * was printed after each matches: `expected[i]` is a pattern for the output after line i, up to the next line read.
 */
function expectSteps(result: CliResult, script: readonly string[], expected: Readonly<Record<number, RegExp>>): void {
  expect(result.stderr).toBe('');
  const steps = transcript(result.stdout);
  expect(steps.map((s) => s.input)).toEqual(script);
  for (const [i, pattern] of Object.entries(expected)) expect(steps[Number(i)]?.output, `after line ${i} "${script[Number(i)]}"`).toMatch(pattern);
}

describe('piped ws_client.py scripts', () => {
  it("after 1 and 16 a private choice still reads its line (the original's flag stays set), then says not connected", async () => {
    const short = ['1', '16', '10', '17', '5', 'q'];
    const long = ['1', '16', '6', 'vetusdt, buy, 0.001, 10, limit', '7', '5', '8', '9', 'vetusdt, limit', '11', '5', '12', 'vetusdt',
      '14', 'vetusdt, 2, 6', '15', 'vetusdt, 30, 5', '13', '2', '17', '5'];
    const [a, b] = await Promise.all([run('after-16', short), run('after-16-every-choice', long)]);

    // `printf '1\n16\n10\n17\n5\nq\n'`: 10 takes "17" as its order id, so 17 never reconnects and 5 is not connected.
    expectSteps(a, short, {
      0: /^\nAuthenticated\.\nLogged in/,
      1: /^\ndisconnecting\.\.\.\nDisconnected\nSession Down\nPrompt/,
      2: /^\nOID \(example: 23\)\n$/,
      3: /^\nnot connected\nNot connected: "Display Order Details" was not sent\. Type 17 to reconnect\.\nPrompt/,
      4: /^\nnot connected\nNot connected: "Get Account" was not sent\. Type 17 to reconnect\.\nPrompt/,
      5: /^\ndisconnecting\.\.\.\nend\.\.\.\. \n$/,
    });
    expect(a.code).toBe(0);
    expect(a.stdout.match(/^Session up$/gm)).toHaveLength(1);
    expect(sent('after-16')).toEqual(['AuthHandler/login']);

    const NOT_CONNECTED = /^\nnot connected\nNot connected: "[^"]+" was not sent\. Type 17 to reconnect\.\nPrompt/;
    expectSteps(b, long, {
      2: /^\nMARKET_ID,SIDE,PRICE,VOLUME,ORD_TYPE \(example: vetusdt, buy, 0\.75, 1000, limit\)\n$/,
      3: NOT_CONNECTED,
      4: /^\nOIDs \(example:18,19,23\)\n$/,
      5: /^\n5\nnot connected\nNot connected: "Cancel Multiple Orders" was not sent/, // the id echoed, as the original printed it
      6: NOT_CONNECTED,
      8: NOT_CONNECTED,
      10: NOT_CONNECTED,
      12: NOT_CONNECTED,
      14: NOT_CONNECTED,
      16: NOT_CONNECTED,
      17: NOT_CONNECTED,
      18: NOT_CONNECTED,
      19: /^\nSession up\nAuthenticated\.\n/, // 17 reconnects and logs in again by itself (the original did not)
      20: /^\nreceived account info\n\d+ currencies/,
    });
    expect(sent('after-16-every-choice')).toEqual(['AuthHandler/login', 'AuthHandler/login', 'AccountHandler/index']);
  });

  it('before any login a private choice reads nothing; public prompts read theirs even while disconnected', async () => {
    const script = ['5', '6', '10', '12', '14', 'vetusdt,2,6', '16', '15', 'vetusdt,30,5', '10', '9', 'q'];
    const result = await run('before-login', script);
    const refused = (label: string, how: string): RegExp => new RegExp(`^${NOT_AUTH}"${label}" needs a login: type ${how}\\. Nothing was sent\\.\\nPrompt`);
    expectSteps(result, script, {
      0: refused('Get Account', '1 to authenticate'),
      1: refused('New Order', '1 to authenticate'), // the next line, "10", is read as a choice
      2: refused('Display Order Details', '1 to authenticate'),
      3: refused('Display All History Orders', '1 to authenticate'),
      5: /^\nreceived Orderbook info\norder book: /,
      7: /^\nMARKET_ID,LIMIT,PERIOD \(example: vetusdt, 30, 5\)\n$/,
      8: /^\nnot connected\nNot connected: "Get K-line" was not sent\. Type 17 to reconnect\./,
      9: refused('Display Order Details', '17 to reconnect, then 1 to authenticate'),
      10: refused('List Open Orders', '17 to reconnect, then 1 to authenticate'),
      11: /^\ndisconnecting\.\.\.\nend\.\.\.\. \n$/,
    });
    expect(sent('before-login')).toEqual(['OrderBookHandler/index']);
  });

  it('a failed login sets the flag too: 10 reads its line, and nothing private is sent', async () => {
    const script = ['1', '10', '23', '5', 'q'];
    const result = await run('failed-login', script, sandbox.url, 'KIDNOTREGISTERED');
    expectSteps(result, script, {
      0: /^\nAuthentication failed\. code: 1010/, // no "Authenticated." (the original printed it for any login reply)
      1: /^\nOID \(example: 23\)\n$/,
      2: new RegExp(`^${NOT_AUTH}"Display Order Details" needs a login: type 1 to authenticate\\. Nothing was sent\\.`),
      3: new RegExp(`^${NOT_AUTH}"Get Account" needs a login`),
    });
    expect(result.stdout).not.toContain('Authenticated.\n');
    expect(sent('failed-login')).toEqual(['AuthHandler/login']);
  });

  it('reads wrong input like the original: counts, empty lines, spaces, values it sent and values it could not convert', async () => {
    const script = [
      'nonsense', '', '  ', // 0–2: not choices
      '14', 'vetusdt, two, 6', // 3–4: int() failed: nothing sent
      '15', '', // 5–6: an empty line is one value
      '15', 'vetusdt, 30', // 7–8
      '14', 'vet usdt, 0, 6', // 9–10: sent as the original sent it: the exchange refuses level 0
      '15', 'vetusdt,30,7', // 11–12: period 7, sent
      '15', 'VETUSDT, 030, 5', // 13–14: fine
      '15', 'vetusdt, 99999999999999999999, 5', // 15–16: too large to send exactly
      '1', // 17
      '12', '', // 18–19: an empty market, sent: every market's history
      '9', 'vetusdt, stop', // 20–21
      '10', 'abc', // 22–23: the original sent the text
      '10', '23, 24', // 24–25
      '7', ',,,', // 26–27: no id at all: refused, never "ids": []
      '7', '', // 28–29
      '7', '18, x', // 30–31
      '7', '99999999999999999999', // 32–33
      '6', 'vetusdt, buy, , 10, market', // 34–35
      '6', 'vetusdt, buy, 0.75, 1000', // 36–37
      '6', 'vetusdt, buy, 0, 10, limit', // 38–39
      '6', 'vetusdt, buy, 1 5, 10, limit', // 40–41
    ];
    const result = await run('wrong-input', script);
    const nothing = (lines: string): RegExp => new RegExp(`^\\n${lines}\\nNothing was sent\\.\\nPrompt`);
    expectSteps(result, script, {
      0: /^\ncan not regonize choice\n"nonsense" is not a choice: type a number from 1 to 17, h for this list, q to quit\.\n\*+OCEANEX INTERACTIVE CLIENT/,
      1: /^\ncan not regonize choice\nAn empty line is not a choice: type a number from 1 to 17[^\n]*\n\*+OCEANEX INTERACTIVE CLIENT/,
      2: /^\ncan not regonize choice\nAn empty line is not a choice/,
      4: nothing('ERROR: Level \\(depth\\): "two" is not a whole number \\(example: 2\\)'),
      6: /^\nERROD: Expected 3 args but received 1\nERROR: Expected 3 values separated by commas, got 1 \(an empty line\): MARKET_ID,LIMIT,PERIOD \(example: vetusdt, 30, 5\)\. Nothing was sent\.\nPrompt/,
      8: /^\nERROD: Expected 3 args but received 2\nERROR: Expected 3 values separated by commas, got 2: /,
      10: /^\nwarning: Level \(depth\) must be at least 1; sent as ws_client\.py sent it, for the exchange to decide\.\nreceived Orderbook info\nOrderBookHandler\/index failed\. code: 1001 .*level does not have a valid value/,
      12: /^\nwarning: Period \(minutes\) must be one of: 1, 5, [^\n]*\nreceived K-Line info\nKlineHandler\/index failed\. code: 1001 .*period/,
      14: /^\nreceived K-Line info\n30 candles/,
      16: nothing('ERROR: Limit \\(candles\\): 99999999999999999999 is too large \\(at most 9007199254740991\\)'),
      17: /^\nAuthenticated\./,
      19: /^\nwarning: Market is required \(example: vetusdt\); sent as ws_client\.py sent it[^\n]*\nall received history order info\n\d+ orders? in history/,
      21: /^\nwarning: Order type must be one of: limit, market; [^\n]*\nreceived list open order info\nOrderHandler\/index failed\. code: 1001/,
      23: /^\nwarning: Order id: "abc" is not a whole number \(example: 23\); [^\n]*\n\*{37}\nUnknown message \n[\s\S]*"code": 1001[\s\S]*\*{37}\nOrderHandler\/show failed\. code: 1001/,
      25: /^\nERROD: Expected 1 args but received 2\nERROR: Expected one value, without commas, got 2: OID \(example: 23\)\. Nothing was sent\./,
      27: nothing('\\nERROR: Order ids: ",,," holds no order id \\(example: 18,19,23\\)'), // the original printed '' and stopped
      29: nothing('\\nERROR: Order ids is required \\(example: 18,19,23\\)'),
      31: nothing('18\\nx\\nERROR: Order ids: "x" is not an order id \\(example: 18,19,23\\)'),
      33: nothing('99999999999999999999\\nERROR: Order ids: 99999999999999999999 is too large to be an order id \\(at most 9007199254740991\\)'),
      35: nothing('ERROR: Price is required \\(example: 0\\.75\\)'), // not "got 4": the count (5) was right
      37: /^\nERROD: Expected 5 args but received 4\nERROR: Expected 5 values separated by commas, got 4: /,
      39: nothing('ERROR: Price must be greater than zero for a limit order \\(0 is for market orders only\\)'),
      41: nothing('ERROR: Price: "1 5" is not a plain decimal number \\(example: 0\\.75\\)'),
    });
    expect(result.stdout).toMatch(ENDING);

    // What went out: the original's values where it sent them, nothing where it could not convert them.
    const frames = outboundFrames(readFileSync(logOf('wrong-input'), 'utf8'));
    expect(frames).toEqual([
      { route: 'OrderBookHandler/index', args: { market_id: 'vetusdt', market: 'vetusdt', level: 0, precision: 6 } },
      { route: 'KlineHandler/index', args: { market_id: 'vetusdt', market: 'vetusdt', limit: 30, period: 7 } },
      { route: 'KlineHandler/index', args: { market_id: 'vetusdt', market: 'vetusdt', limit: 30, period: 5 } },
      { route: 'AuthHandler/login', args: {} },
      { route: 'OrderHistoryHandler/index', args: { market: '' } },
      { route: 'OrderHandler/index', args: { market: 'vetusdt', ord_type: 'stop' } },
      { route: 'OrderHandler/show', args: { id: 'abc' } },
    ]);
  });

  it('a market order at price 0 is placed; a partial cancel reports both ids; a cancel of a cancelled order is rejected', async () => {
    const placed = sandbox.exchange.placeOrder(uid, { market: 'vetusdt', side: 'buy', price: '0.001', volume: '100', ord_type: 'limit' });
    const script = ['1', '7', `${placed.id}, 999998`, '6', 'vetusdt, buy, 0, 10, market', '7', `${placed.id}`];
    const result = await run('cancels', script);
    expectSteps(result, script, {
      2: new RegExp(
        `^\\n${placed.id}\\n999998\\n\\*{37}\\nreceived order id \\[${placed.id}\\] cancelled\\.\\n\\*{37}\\ncancelled order ids: ${placed.id}\\n` +
          'not cancelled: 999998 \\(not an open order of yours: unknown, already filled or already cancelled\\)\\nPrompt',
      ),
      4: /^\n\*{37}\nreceived order ack\. order id: \d+\n\*{37}\nplaced order \d+: buy 10\.0 vetusdt at market price \(market\), state (done|cancel)/,
      6: new RegExp(`^\\n${placed.id}\\n\\*{37}\\nreceived order cancel err code \\[2004\\] id \\[${placed.id}\\] rejected\\.\\n\\*{37}\\ncancel rejected\\. code: 2004`),
    });
    expect(sandbox.exchange.order(placed.id)).toMatchObject({ state: 'cancel' });
    const frames = outboundFrames(readFileSync(logOf('cancels'), 'utf8'));
    expect(frames.slice(1)).toEqual([
      { route: 'OrderHandler/cancel', args: { ids: [placed.id, 999998] } },
      { route: 'OrderHandler/create', args: { market: 'vetusdt', side: 'buy', price: 0, volume: 10, ord_type: 'market' } },
      { route: 'OrderHandler/cancel', args: { ids: [placed.id] } },
    ]);
  });

  it('ends cleanly at end of input (Ctrl-D): at the menu, at a choice prompt, and after a last line without a newline', async () => {
    const [empty, atPrompt, unterminated] = await Promise.all([
      runCli(args('eof-empty'), env(), ''),
      runCli(args('eof-prompt'), env(), '1\n6\n'),
      runCli(args('eof-unterminated'), env(), '13'),
    ]);
    for (const result of [empty, atPrompt, unterminated]) {
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/disconnecting\.\.\.\nDisconnected\nSession Down\nend\.\.\.\. \n$/);
    }
    expect(sent('eof-empty')).toEqual([]);
    // The order prompt was shown, its line never came: nothing was sent after the login.
    expect(atPrompt.stdout).toMatch(/MARKET_ID,SIDE,PRICE,VOLUME,ORD_TYPE \(example: vetusdt, buy, 0\.75, 1000, limit\)\ndisconnecting/);
    expect(sent('eof-prompt')).toEqual(['AuthHandler/login']);
    // Like Python's input(), the last line counts even without its newline.
    expect(unterminated.stdout).toMatch(/> 13\nreceived timestamp info\n/);
  });

  it('a failed first connect keeps the menu: every choice says why, 17 retries, and a run that never connected exits 1', async () => {
    const script = ['13', '1', '5', '14', 'vetusdt,2,6', '17', '16', 'q'];
    const down = 'ws://127.0.0.1:1/ws/v1'; // loopback, nothing listens there
    const result = await run('never-up', script, down);
    expect(result.stdout).toMatch(new RegExp(`\\nDisconnected\\nSession Down\\nCould not connect to ${down}: [^\\n]+\\. Type 17 to try again\\.\\nPrompt`));
    expectSteps(result, script, {
      0: /^\nnot connected\nNot connected: "Get Timestamp" was not sent\. Type 17 to reconnect\./,
      1: /^\nnot connected\nNot connected: the login was not sent\./,
      2: new RegExp(`^${NOT_AUTH}"Get Account" needs a login: type 17 to reconnect, then 1 to authenticate`),
      4: /^\nnot connected\n/,
      5: new RegExp(`^\\nDisconnected\\nSession Down\\nCould not connect to ${down}: [^\\n]+\\. Type 17 to try again\\.\\nPrompt`),
      6: /^\ndisconnecting\.\.\.\nAlready disconnected; type 17 to reconnect\.\nPrompt/,
      7: /^\ndisconnecting\.\.\.\nend\.\.\.\. \n$/,
    });
    expect(result.stdout).not.toContain('Session up');
    expect(result.code).toBe(1);

    // The exchange comes up later on that port: 17 connects, and the run ends with exit 0.
    const port = await closedPort();
    const url = `ws://127.0.0.1:${port}/ws/v1`;
    const cli = new CliProcess(args('later-up', url), env());
    let late: Sandbox | undefined;
    try {
      await cli.waitFor(/Type 17 to try again\.\nPrompt/);
      late = await startSandbox({ port, accounts: [], marketMaker: false });
      expect(await cli.step('17')).toMatch(/^> 17\nSession up\nPrompt/);
      expect(await cli.step('13')).toContain('received timestamp info\n');
      expect(await cli.end()).toMatchObject({ code: 0, stderr: '' });
    } finally {
      cli.kill();
      await late?.close();
    }
  });

  it('while it reconnects by itself it says so instead of "Type 17"; 16 stops that', async () => {
    const own = await startSandbox({ port: 0, accounts: [], marketMaker: false });
    const cli = new CliProcess(args('reconnecting', own.url), env());
    try {
      await cli.waitFor(/Session up\nPrompt/);
      const from = cli.stdout.length;
      await own.close(); // an unexpected drop: the client retries with back-off, against a port that refuses
      await cli.waitFor(/Disconnected\nSession Down\n[\s\S]*Connection lost; reconnecting in [\d.]+ s \(attempt 1\)/, from);
      const meanwhile = await cli.step('13');
      expect(meanwhile).toMatch(/> 13\nnot connected\nNot connected: "Get Timestamp" was not sent; the client is reconnecting by itself\.\n/);
      expect(meanwhile).not.toContain('Type 17');
      // Between attempts it says it stopped; during one, closing the attempt says nothing more.
      expect(await cli.step('16')).toMatch(/> 16\ndisconnecting\.\.\.\n(?:Stopped reconnecting; type 17 to reconnect\.\n)?Prompt/);
      const stopped = cli.stdout.length;
      expect(await cli.step('13')).toContain('Not connected: "Get Timestamp" was not sent. Type 17 to reconnect.');
      await new Promise((done) => setTimeout(done, 1_500)); // longer than the first back-off delays
      expect(cli.stdout.slice(stopped)).not.toMatch(/reconnecting in|Session up/);
      expect(await cli.end()).toMatchObject({ code: 0, stderr: '' });
    } finally {
      cli.kill();
    }
  });

  it('-l debug keeps one frame per log line, readable JSON as on the wire', async () => {
    const result = await runCli([...args('debug'), '-l', 'debug'], env(), '13\n1\n5\n');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const lines = readFileSync(logOf('debug'), 'utf8').trimEnd().split('\n');
    expect(lines.some((line) => line.includes('[debug] '))).toBe(true);
    for (const line of lines) expect(line).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[(debug|info|warn|error)\] /);
    const frames = lines.filter((line) => / (>>|<<) \{/.test(line));
    expect(frames.length).toBeGreaterThanOrEqual(6); // welcome, 3 requests and their replies
    for (const frame of frames) {
      expect(frame).not.toContain('\\n');
      expect(() => JSON.parse(frame.slice(frame.indexOf('{')))).not.toThrow();
    }
  });
});
