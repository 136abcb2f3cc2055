// The app's scenario runs in main, on a real session against a real sandbox: one question before order steps
// ("no" sends nothing), steps announced as they finish, stop, files through main's dialogs, exports.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScenarioEvent } from '../../shared/scenario/outline';
import { ScenarioService, type ScenarioHost } from '../../main/app/scenario-service';
import { Session } from '../../main/oceanex/session';
import { sandboxForFile } from '../oceanex/sandbox-fixture';
import { recordingLogger } from '../oceanex/session-helpers';
import { ScriptedConfirm } from './scripted-confirm';

const fixture = sandboxForFile({ port: 0, seed: 5, historyHours: 0 });
const dir = mkdtempSync(join(tmpdir(), 'oceanex-scenario-service-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ORDERS = readFileSync(join(__dirname, '../../examples/scenarios/order-lifecycle.yaml'), 'utf8');
const READ_ONLY = readFileSync(join(__dirname, '../../examples/scenarios/read-only.yaml'), 'utf8');

interface Harness {
  service: ScenarioService;
  confirm: ScriptedConfirm;
  events: ScenarioEvent[];
  session: Session;
  /** The URL the active profile's endpoint shows; a test moves it while the question is open. */
  where: { url: string };
}

let h: Harness;

beforeEach(() => {
  const confirm = new ScriptedConfirm();
  const events: ScenarioEvent[] = [];
  const session = fixture.keep(new Session({ url: fixture.sandbox.url, autoReconnect: false, logger: recordingLogger() }));
  const where = { url: fixture.sandbox.url };
  const host: ScenarioHost = {
    session: () => session,
    ensureConnected: async () => {
      if (session.state !== 'open') await session.connect();
    },
    signer: () => fixture.signer(),
    where: () => ({ profileName: 'Sandbox', endpoint: { kind: 'sandbox' }, url: where.url }),
    ask: (question) => confirm.confirm(question),
    emit: (event) => events.push(event),
    log: { info: () => undefined, warn: () => undefined },
    env: { SCENARIO_MARKET: 'vetusdt', HOME_SECRET: 'do-not-send' },
  };
  h = { service: new ScenarioService(host), confirm, events, session, where };
});

const ordersOf = (): number => fixture.sandbox.exchange.orders((o) => o.uid === fixture.account.config.uid).length;

describe('ScenarioService', () => {
  it('asks once before a run with order steps, listing each; "no" sends nothing at all', async () => {
    const before = ordersOf();
    await expect(h.service.run(ORDERS)).rejects.toThrow('Nothing was run: the order steps were not confirmed.');
    expect(h.confirm.questions).toHaveLength(1);
    const text = h.confirm.lastText();
    expect(text).toContain('Run "order lifecycle" on Sandbox? 4 of its steps change orders.');
    expect(text).toContain(`Endpoint: Sandbox — the built-in Sandbox exchange (${fixture.sandbox.url})`);
    expect(text).toContain('Step 2 "place": new order — market ${market}, side buy, price ${price}, volume ${volume}, limit');
    expect(text).toContain('Step 5 "cancel": cancel orders ${oid}');
    expect(text).toContain('Step 7 "place again as a raw frame" (raw frame): new order — market ${market}, side sell, price 99, volume 10, limit');
    expect(text).toContain('Step 8 "mass cancel": mass cancel — every open order in every market');
    expect(h.events).toEqual([]);
    expect(h.session.state).toBe('idle');
    expect(ordersOf()).toBe(before);
  });

  it('runs nothing when the endpoint changed while the question was open', async () => {
    const before = ordersOf();
    const confirm = h.confirm.confirm.bind(h.confirm);
    h.confirm.confirm = async (question) => {
      h.where.url = 'ws://127.0.0.1:9/ws/v1';
      return confirm(question);
    };
    h.confirm.answer = 'yes';
    await expect(h.service.run(ORDERS)).rejects.toThrow('Nothing was run: the profile or its endpoint changed while the question was open.');
    expect(h.events).toEqual([]);
    expect(ordersOf()).toBe(before);
  });

  it('runs every step after one yes, announcing each as it ends', async () => {
    h.confirm.answer = 'yes';
    const result = await h.service.run(ORDERS);
    expect(h.confirm.questions).toHaveLength(1);
    expect(result.passed).toBe(true);
    expect(result.steps.map((s) => s.status)).toEqual(Array(9).fill('passed'));
    expect(h.events[0]).toMatchObject({ type: 'started', endpoint: fixture.sandbox.url, outline: { name: 'order lifecycle' } });
    expect(h.events.filter((e) => e.type === 'step-end')).toHaveLength(9);
    expect(h.events.at(-1)).toMatchObject({ type: 'finished', result: { passed: true } });
    expect(result.latency.map((r) => r.key)).toContain('OrderHandler/create');
    expect(fixture.sandbox.exchange.orders((o) => o.uid === fixture.account.config.uid && o.state === 'wait')).toEqual([]);
  });

  it('passes on only SCENARIO_* environment variables', () => {
    expect(h.service.check('name: e\nsteps: [{ name: a, choice: 14, fields: { market: "${env.SCENARIO_MARKET}", level: 1, precision: 6 } }]\n').diagnostics).toEqual([]);
    expect(h.service.check('name: e\nsteps: [{ name: a, choice: 14, fields: { market: "${env.HOME_SECRET}", level: 1, precision: 6 } }]\n').diagnostics[0]?.message).toBe(
      '${env.HOME_SECRET}: the environment variable HOME_SECRET is not set (the app passes on only variables whose names start with SCENARIO_)',
    );
  });

  it('stops a run: the waiting step fails as stopped and the rest are skipped', async () => {
    fixture.sandbox.faults.silence('KlineHandler', 'index');
    const running = h.service.run('name: s\nsteps:\n  - { name: quick, choice: 13 }\n  - { name: silent, choice: 15, fields: { market: vetusdt, limit: 5, period: 1 } }\n  - { name: after, choice: 13 }\n');
    await expect.poll(() => h.events.some((e) => e.type === 'step-start' && e.index === 1)).toBe(true);
    expect(h.service.isRunning).toBe(true);
    await expect(h.service.run(READ_ONLY)).rejects.toThrow('A scenario is already running');
    expect(h.service.stop()).toBe(true);
    const result = await running;
    expect(result.stopped).toBe('by-request');
    expect(result.steps.map((s) => s.status)).toEqual(['passed', 'failed', 'skipped']);
    expect(result.steps[1]!.error).toBe('stopped (Stop was pressed while the step waited for its reply)');
    expect(h.service.stop()).toBe(false);
  });

  it('refuses text that cannot run with its first problem, without asking or sending', async () => {
    await expect(h.service.run('name: x\nsteps:\n  - { name: a, choice: 99 }\n')).rejects.toThrow('The scenario cannot run: line 3, column 24: steps[0].choice must be <= 17');
    expect(h.confirm.questions).toEqual([]);
    expect(h.events).toEqual([]);
  });

  it('reads and writes the files main\'s dialogs picked, and exports the last result as JUnit and JSON', async () => {
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, READ_ONLY);
    expect(h.service.savePath).toBeUndefined();
    expect(h.service.saveName).toBe('scenario.yaml');
    await expect(h.service.open(join(dir, 'missing.yaml'))).rejects.toThrow('missing.yaml: no such file');
    expect(await h.service.open(file)).toEqual({ path: file, name: 'mine.yaml', text: READ_ONLY });
    expect(h.service.savePath).toBe(file);
    expect(h.service.save(`${READ_ONLY}\n# edited\n`, file)).toBe(file);
    expect(readFileSync(file, 'utf8')).toMatch(/# edited\n$/);
    expect(() => h.service.save('x', join(dir, 'no-such-dir', 'x.yaml'))).toThrow(/could not be saved/);

    expect(() => h.service.exportName('junit')).toThrow('There is no scenario result to export yet');
    const result = await h.service.run(READ_ONLY);
    expect(result.steps.filter((s) => s.status !== 'passed')).toEqual([]);
    expect(h.service.exportName('junit')).toBe('read-only-choices.junit.xml');
    const xml = join(dir, 'out.xml');
    h.service.exportResult('junit', xml);
    expect(readFileSync(xml, 'utf8')).toMatch(/<testsuite name="read-only choices" tests="18" failures="0"/);
    const json = join(dir, 'out.json');
    h.service.exportResult('json', json);
    expect((JSON.parse(readFileSync(json, 'utf8')) as { steps: unknown[] }).steps).toHaveLength(18);
  });
});
