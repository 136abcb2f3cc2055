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
  picks: { open: string | null; save: string | null };
}

let h: Harness;

beforeEach(() => {
  const confirm = new ScriptedConfirm();
  const events: ScenarioEvent[] = [];
  const session = fixture.keep(new Session({ url: fixture.sandbox.url, autoReconnect: false }));
  const picks: Harness['picks'] = { open: null, save: null };
  const host: ScenarioHost = {
    session: () => session,
    ensureConnected: async () => {
      if (session.state !== 'open') await session.connect();
    },
    signer: () => fixture.signer(),
    where: () => ({ profileName: 'Sandbox', endpoint: { kind: 'sandbox' }, url: fixture.sandbox.url }),
    ask: (question) => confirm.confirm(question),
    emit: (event) => events.push(event),
    pickOpenPath: async () => picks.open,
    pickSavePath: async () => picks.save,
    log: { info: () => undefined, warn: () => undefined },
    env: { SCENARIO_MARKET: 'vetusdt', HOME_SECRET: 'do-not-send' },
  };
  h = { service: new ScenarioService(host), confirm, events, session, picks };
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
    expect(result.steps[1]!.error).toBe('stopped while waiting for the reply (the run was stopped)');
    expect(h.service.stop()).toBe(false);
  });

  it('refuses text that cannot run with its first problem, without asking or sending', async () => {
    await expect(h.service.run('name: x\nsteps:\n  - { name: a, choice: 99 }\n')).rejects.toThrow('The scenario cannot run: line 3, column 24: steps[0].choice must be <= 17');
    expect(h.confirm.questions).toEqual([]);
    expect(h.events).toEqual([]);
  });

  it('opens and saves through main\'s dialogs only, and exports the last result as JUnit and JSON', async () => {
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, READ_ONLY);
    expect(await h.service.open()).toBeNull();
    h.picks.open = file;
    expect(await h.service.open()).toEqual({ path: file, name: 'mine.yaml', text: READ_ONLY });
    expect(await h.service.save(`${READ_ONLY}\n# edited\n`, false)).toBe(file);
    expect(readFileSync(file, 'utf8')).toMatch(/# edited\n$/);
    const copy = join(dir, 'copy.yaml');
    h.picks.save = copy;
    expect(await h.service.save('name: c\nsteps: [{ name: a, choice: 13 }]\n', true)).toBe(copy);

    await expect(h.service.exportResult('junit')).rejects.toThrow('There is no scenario result to export yet');
    const result = await h.service.run(READ_ONLY);
    expect(result.steps.filter((s) => s.status !== 'passed')).toEqual([]);
    h.picks.save = join(dir, 'out.xml');
    expect(await h.service.exportResult('junit')).toBe(h.picks.save);
    expect(readFileSync(h.picks.save, 'utf8')).toMatch(/<testsuite name="read-only choices" tests="18" failures="0"/);
    h.picks.save = join(dir, 'out.json');
    await h.service.exportResult('json');
    expect((JSON.parse(readFileSync(h.picks.save, 'utf8')) as { steps: unknown[] }).steps).toHaveLength(18);
    h.picks.save = null;
    expect(await h.service.exportResult('json')).toBeNull();
  });
});
