// `npm run cli -- run FILE...` as CI runs it: a child process against a real sandbox exchange on loopback, the
// shipped examples included. Exit codes, what is printed, the JUnit file, and what reached the exchange.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../main/sandbox/index';
import { CliProcess, REPO_ROOT, startSandboxWithKeyFile, type CliResult, type SandboxWithKeyFile } from '../cli/cli-process';

let sandbox: Sandbox;
let dir: string;
let keyFile: string;
let uid: string;
let apiKey: string;

let fixture: SandboxWithKeyFile | undefined;

beforeAll(async () => {
  fixture = await startSandboxWithKeyFile({ seed: 11, historyHours: 1 }, 'oceanex-scenarios-');
  ({ sandbox, dir, keyFile, uid, apiKey } = fixture);
});

afterAll(() => fixture?.close());

afterEach(() => sandbox.faults.clear());

const EXAMPLES = join(REPO_ROOT, 'examples/scenarios');

function run(args: readonly string[], withKey = true): Promise<CliResult> {
  const key = withKey ? ['--uid', uid, '--api-key', apiKey, '--key-file', keyFile] : [];
  const cli = new CliProcess(['run', ...args, '--url', sandbox.url, ...key, '--log-file', join(dir, 'ws_client.log')], { OCEANEX_USER_DATA: join(dir, 'user-data') });
  return cli.end();
}

function scenarioFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const ordersOfAccount = (): number => sandbox.exchange.orders((o) => o.uid === uid).length;

describe('npm run cli -- run', () => {
  it('runs the shipped examples against the sandbox: every step passes, JUnit is written, no order is left open', async () => {
    const junit = join(dir, 'examples.xml');
    const report = join(dir, 'examples.json');
    const result = await run([join(EXAMPLES, 'read-only.yaml'), join(EXAMPLES, 'order-lifecycle.yaml'), '--allow-orders', '--junit', junit, '--report', report]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ {2}PASS {4}2 {2}authenticate \(choice 1\) +\d+\.\d ms {2}Authenticated\.$/m);
    expect(result.stdout).toMatch(/^ {2}PASS {4}2 {2}place +\d+\.\d ms {2}received order ack\. order id: \d+$/m);
    expect(result.stdout).not.toMatch(/FAIL|SKIP/);
    expect(result.stdout).toMatch(/^ {2}handler\/action +n +p50 +p95 +p99 +max$/m);
    expect(result.stdout).toMatch(/^ {2}OrderHandler\/create +2( +\d+\.\d){4}$/m);
    expect(result.stdout).toContain('All 2 scenarios passed.');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testsuites name="OceanEx scenarios" tests="27" failures="0" errors="0" skipped="0"/);
    expect(xml.match(/<testcase /g)).toHaveLength(27);
    const json = JSON.parse(readFileSync(report, 'utf8')) as Array<{ passed: boolean; steps: Array<{ sent?: { data?: { header?: { signature?: string } } } }> }>;
    expect(json.map((r) => r.passed)).toEqual([true, true]);
    // The login frame in the report carries no signature.
    expect(json[0]!.steps[1]!.sent?.data?.header?.signature).toBe('[REDACTED]');
    // Two orders were placed and both cancelled; none is open.
    const mine = sandbox.exchange.orders((o) => o.uid === uid);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine.filter((o) => o.state === 'wait')).toEqual([]);
  });

  it('refuses a file with order steps without --allow-orders, before anything is sent', async () => {
    const before = ordersOfAccount();
    const connections = sandbox.connectionCount();
    const result = await run([join(EXAMPLES, 'read-only.yaml'), join(EXAMPLES, 'order-lifecycle.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('these steps create, cancel or clear orders; run again with --allow-orders to send them. Nothing was sent.');
    expect(result.stderr).toMatch(/order-lifecycle\.yaml: step 2 "place": new order \(choice 6\) market=\$\{market\} side=buy price=\$\{price\}/);
    expect(result.stderr).toMatch(/step 7 "place again as a raw frame": new order \(choice 6, raw frame\)/);
    expect(result.stderr).toMatch(/step 8 "mass cancel": mass cancel \(every open order\) \(choice 8\)/);
    expect(result.stdout).not.toContain('Scenario');
    expect(ordersOfAccount()).toBe(before);
    expect(sandbox.connectionCount()).toBe(connections);
  });

  it('fails a step on a failed assertion, goes on, skips after stop_on_failure, and exits 1', async () => {
    const file = scenarioFile('failing.yaml', `name: failing
steps:
  - name: wrong code
    choice: 13
    expect:
      - { path: "$.message.code", equals: 1 }
      - { path: "$.message.data", type: string }
  - name: still runs
    choice: 3
    expect: [{ path: "$.message.code", equals: 0 }]
  - name: stops here
    choice: 4
    stop_on_failure: true
    expect: [{ path: "$.message.data", type: object }]
  - name: never runs
    choice: 13
`);
    const junit = join(dir, 'failing.xml');
    const result = await run([file, '--junit', junit], false);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL {4}1 {2}wrong code .*\n {8}✗ \$\.message\.code equals 1\n {12}expected: 1\n {12}actual: {3}0\n {8}✗ \$\.message\.data type string\n {12}expected: string\n {12}actual: {3}number \d+/);
    expect(result.stdout).toMatch(/PASS {4}2 {2}still runs/);
    expect(result.stdout).toMatch(/FAIL {4}3 {2}stops here[^\n]*\n {8}✗ \$\.message\.data type object\n {12}expected: object\n {12}actual: {3}array/);
    expect(result.stdout).toMatch(/SKIP {4}4 {2}never runs/);
    expect(result.stdout).toContain('FAILED: 1 passed, 2 failed, 1 skipped');
    expect(result.stdout).toContain('1 of 1 scenario failed.');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('failures="2" errors="0" skipped="1"');
    expect(xml).toContain('<failure message="$.message.code equals 1" type="assertion">$.message.code equals 1\n  expected: 1\n  actual:   0\n$.message.data type string');
  });

  it('fails a step whose reply never comes with the timeout, and carries on', async () => {
    sandbox.faults.silence('KlineHandler', 'index');
    const file = scenarioFile('timeout.yaml', `name: timeout
steps:
  - name: silent
    choice: 15
    timeout_ms: 300
    fields: { market: vetusdt, limit: 5, period: 1 }
  - name: answered
    choice: 13
    expect: [{ path: "$.message.code", equals: 0 }]
`);
    const result = await run([file], false);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL {4}1 {2}silent +\d+\.\d ms\n {8}no reply within 300 ms \(timeout\)/);
    expect(result.stdout).toMatch(/PASS {4}2 {2}answered/);
  });

  // Windows has no catchable SIGINT for a child process (kill terminates it): POSIX only.
  it.skipIf(process.platform === 'win32')('stops on Ctrl+C: the waiting step fails as stopped, the rest are skipped, and JUnit is still written', async () => {
    sandbox.faults.silence('KlineHandler', 'index');
    const file = scenarioFile('interrupted.yaml', 'name: interrupted\nsteps:\n  - { name: quick, choice: 13 }\n  - { name: silent, choice: 15, fields: { market: vetusdt, limit: 5, period: 1 } }\n  - { name: never, choice: 13 }\n');
    const junit = join(dir, 'interrupted.xml');
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', 'run', file, '--url', sandbox.url, '--timeout', '60', '--junit', junit, '--log-file', join(dir, 'int.log')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], OCEANEX_USER_DATA: join(dir, 'user-data') },
    });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!interrupted && stdout.includes('PASS    1  quick')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(1);
    expect(stderr).toContain('Stopping: the remaining steps are skipped; reports are still written.');
    expect(stdout).toMatch(/FAIL {4}2 {2}silent[^\n]*\n {8}stopped \(Stop was pressed while the step waited for its reply\)/);
    expect(stdout).toMatch(/SKIP {4}3 {2}never/);
    expect(readFileSync(junit, 'utf8')).toContain('tests="3" failures="1" errors="0" skipped="1"');
  });

  it('exits 2 with file:line:column for a file that cannot run, and for a login without credentials', async () => {
    const broken = scenarioFile('broken.yaml', 'name: broken\nsteps:\n  - name: a\n    choice: 13\n    expect: [{ path: "$.x", equals: "${nowhere}" }]\n');
    const unknown = scenarioFile('unknown.json', '{"name": "u", "steps": [{"name": "a", "choice": 99}]}');
    const result = await run([broken, unknown]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${broken}:5:37: \${nowhere} is not defined here: define it under vars, or save it in an earlier step`);
    expect(result.stderr).toContain(`${unknown}:1:49: steps[0].choice must be <= 17`);
    expect(result.stderr).toContain('scenario files cannot run; nothing was sent.');
    const login = await run([join(EXAMPLES, 'read-only.yaml')], false);
    expect(login.code).toBe(2);
    expect(login.stderr).toMatch(/logs in \(choice 1\), but no credentials were given/);
    const missing = await run([join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: no such file');
  });

  it('reports every step as not sent when the endpoint cannot be reached', async () => {
    const file = scenarioFile('offline.yaml', 'name: offline\nsteps:\n  - { name: time, choice: 13 }\n  - { name: raw, send: { identifier: { handler: ToolHandler }, command: message, data: { action: timestamp } } }\n');
    const cli = new CliProcess(['run', file, '--url', 'ws://127.0.0.1:9/ws/v1', '--log-file', join(dir, 'offline.log')], { OCEANEX_USER_DATA: join(dir, 'user-data') });
    const result = await cli.end();
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('could not connect to ws://127.0.0.1:9/ws/v1');
    expect(result.stdout).toMatch(/FAIL {4}1 {2}time[^\n]*\n {8}not sent: not connected to ws:\/\/127\.0\.0\.1:9\/ws\/v1/);
    expect(result.stdout).toMatch(/FAIL {4}2 {2}raw/);
  });
});
