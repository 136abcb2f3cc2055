// The Scenarios screen in real Chromium on the real handlers, services and built-in sandbox: live validation
// against the schema, open/save through main's dialogs, a run whose steps turn green/red live, the chart and the
// latency table, one native question before order steps ("no" runs nothing), stop, JUnit/JSON export.
// Screenshots: scenarios-invalid, scenarios-passed, scenarios-failed, scenarios-order-question, scenarios-stopped.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_TRADER_UID, MARKET_MAKER_UID } from '../../main/sandbox/index';
import { startHarness, type Harness } from './harness';
import { text, TIMEOUT, until, waitForText } from './ui';

let h: Harness;
let s: Locator;
const EXAMPLES = join(__dirname, '../../examples/scenarios');

beforeAll(async () => {
  h = await startHarness({ name: 'scenarios' });
  await waitForText(h.page.locator('[data-testid="sb-state"]'), /^Connected/);
  await h.page.locator('[data-view="scenarios"]').click();
  s = h.page.locator('[data-screen="scenarios"]');
  await s.waitFor({ timeout: TIMEOUT });
});

afterAll(async () => {
  await h?.close();
});

const editor = () => s.locator('[data-testid="scenario-text"]');
const rows = (status: string) => s.locator(`[data-testid="scenario-steps"] tr[data-status="${status}"]`);

describe('Scenarios screen', () => {
  it('checks the text as it is typed, each problem at its line and column', async () => {
    await waitForText(s.locator('[data-testid="scenario-check"]'), /Ready: 3 steps, 0 of them change orders/);
    await editor().fill('name: broken\nsteps:\n  - name: a\n    choice: 6\n    fields: { market: vetusdt, side: up, colour: red }\n  - name: b\n    choice: 13\n    expect: [{ path: "$.x", equals: "${nowhere}" }]\n');
    await waitForText(s.locator('[data-testid="scenario-check"]'), /problems: the scenario cannot run yet/);
    const list = await text(s.locator('[data-testid="scenario-diagnostics"]'));
    expect(list).toContain('Line 5, column 38: Side must be one of: buy, sell');
    expect(list).toContain('Line 5, column 42: unknown field "colour" for choice 6 (New Order)');
    expect(list).toContain('Line 8, column 37: ${nowhere} is not defined here');
    expect(await s.locator('[data-testid="scenario-run"]').isDisabled()).toBe(true);
    await s.getByRole('button', { name: 'Line 5, column 38' }).click();
    expect(await editor().evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionStart + 2))).toBe('up');
    await h.screenshot('scenarios-invalid');
    // One of a thing is worded in the singular.
    const check = s.locator('[data-testid="scenario-check"]');
    await editor().fill('name: one\nsteps:\n  - name: a\n    choice: 6\n    fields: { market: vetusdt, side: up, price: 1, volume: 1, ord_type: limit }\n');
    await waitForText(check, /^1 problem: the scenario cannot run yet\.$/);
    await editor().fill('name: one\nsteps:\n  - name: a\n    choice: 13\n');
    await waitForText(check, /^Ready: 1 step, 0 of them change orders\.$/);
  });

  it('opens a file through main\'s dialog and runs it: every step turns green, with the chart and the latency table', async () => {
    const file = join(h.dir, 'read-only.yaml');
    writeFileSync(file, readFileSync(join(EXAMPLES, 'read-only.yaml'), 'utf8'));
    h.dialogs.scenarioFile = file;
    await s.locator('[data-testid="scenario-open"]').click(); // unsaved edits: asks first
    await waitForText(s, 'The editor has unsaved edits');
    await s.locator('[data-testid="scenario-open"]').click();
    await waitForText(s.locator('[data-testid="scenario-file"]'), 'read-only.yaml');
    await waitForText(s.locator('[data-testid="scenario-check"]'), 'Ready: 18 steps, 0 of them change orders.');
    await s.locator('[data-testid="scenario-run"]').click();
    await waitForText(s.locator('[data-testid="scenario-message"]'), /Passed: 18 passed, 0 failed, 0 skipped in (\d+ ms|\d+\.\d\d s)\./);
    await until(async () => (await rows('passed').count()) === 18, 'every step green');
    expect(await s.locator('[data-testid="rtt-chart"] rect.rtt-bar').count()).toBe(16);
    expect(await s.locator('[data-testid="rtt-chart"]').getAttribute('aria-label')).toMatch(/^Round trip per step: 16 of 18 steps answered, slowest step \d+ ".*" at \d+\.\d ms$/);
    expect(await text(s.locator('[data-testid="latency-table"]'))).toMatch(/OrderBookHandler\/index\s*2(\s*\d+\.\d){4}/);
    expect(h.dialogs.questions).toEqual([]);
    await h.screenshot('scenarios-passed');
    await s.locator('[data-testid="latency-table"]').scrollIntoViewIfNeeded();
    await h.screenshot('scenarios-chart');

    h.dialogs.savePath = join(h.dir, 'result.xml');
    await s.getByRole('button', { name: 'Export JUnit…' }).click();
    await waitForText(s.locator('[data-testid="scenario-message"]'), `Exported to ${h.dialogs.savePath}`);
    expect(readFileSync(h.dialogs.savePath, 'utf8')).toContain('<testsuite name="read-only choices" tests="18" failures="0"');
    // Well-formed XML, read by a real XML parser (Chromium's): 18 testcases, no parse error.
    const parsed = await h.page.evaluate((xml: string) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      return { errors: doc.getElementsByTagName('parsererror').length, cases: doc.getElementsByTagName('testcase').length };
    }, readFileSync(h.dialogs.savePath, 'utf8'));
    expect(parsed).toEqual({ errors: 0, cases: 18 });
    h.dialogs.savePath = join(h.dir, 'result.json');
    await s.getByRole('button', { name: 'Export JSON…' }).click();
    await waitForText(s.locator('[data-testid="scenario-message"]'), 'Exported to');
    expect((JSON.parse(readFileSync(h.dialogs.savePath, 'utf8')) as { passed: boolean }).passed).toBe(true);

    await editor().fill(`${await editor().inputValue()}\n# checked again\n`);
    await s.locator('[data-testid="scenario-save"]').click();
    await waitForText(s.locator('[data-testid="scenario-message"]'), `Saved to ${file}`);
    expect(readFileSync(file, 'utf8')).toMatch(/# checked again\n$/);
  });

  it('shows a failing step in red with expected vs actual', async () => {
    // New over unsaved edits asks first; a new scenario has no file, so its Save asks where.
    await editor().fill(`${await editor().inputValue()}# more\n`);
    await s.locator('[data-testid="scenario-new"]').click();
    await waitForText(s, 'The editor has unsaved edits');
    await s.locator('[data-testid="scenario-new"]').click();
    await waitForText(s.locator('[data-testid="scenario-file"]'), 'New scenario');
    expect(await editor().inputValue()).toMatch(/^# A scenario: steps run in order/);
    await editor().fill('name: failing\nsteps:\n  - name: wrong code\n    choice: 13\n    expect: [{ path: "$.message.code", equals: 7 }]\n  - name: fine\n    choice: 3\n');
    await waitForText(s.locator('[data-testid="scenario-check"]'), 'Ready: 2 steps');
    await s.locator('[data-testid="scenario-run"]').click();
    await waitForText(s.locator('[data-testid="scenario-message"]'), 'Failed: 1 passed, 1 failed, 0 skipped');
    await until(async () => (await rows('failed').count()) === 1, 'the failing step red');
    expect(await text(rows('failed'))).toContain('$.message.code equals 7 — expected 7, actual 0');
    await until(async () => (await rows('passed').count()) === 1, 'the second step green');
    await h.screenshot('scenarios-failed');
  });

  it('asks once before order steps, listing each; "no" runs nothing, "yes" runs them all', async () => {
    const sandbox = h.controller.builtInSandbox!;
    const customerOrders = () => sandbox.exchange.orders((o) => o.uid !== MARKET_MAKER_UID && o.uid !== HISTORY_TRADER_UID).length;
    const ordersBefore = customerOrders();
    await editor().fill(readFileSync(join(EXAMPLES, 'order-lifecycle.yaml'), 'utf8'));
    await waitForText(s.locator('[data-testid="scenario-orders"]'), 'Step 2 “place”: choice 6');
    const asked = h.dialogs.holdNext();
    await s.locator('[data-testid="scenario-run"]').click();
    const question = await asked;
    expect(question.message).toBe('Run "order lifecycle" on Sandbox? 4 of its steps change orders.');
    expect(question.detail).toContain('Step 8 "mass cancel": mass cancel — every open order in every market');
    await h.screenshot('scenarios-order-question');
    const before = h.dialogs.questions.length;
    h.dialogs.decide('no');
    await waitForText(s.locator('[data-testid="scenario-message"]'), 'Nothing was run: the order steps were not confirmed.');
    expect(customerOrders()).toBe(ordersBefore);
    expect(h.dialogs.questions.length).toBe(before);

    h.dialogs.answer = 'yes';
    await s.locator('[data-testid="scenario-run"]').click();
    await waitForText(s.locator('[data-testid="scenario-message"]'), 'Passed: 9 passed');
    expect(h.dialogs.questions.length).toBe(before + 1);
    await until(async () => (await rows('passed').count()) === 9, 'every order step green');
  });

  it('stops a run: the waiting step fails as stopped, the rest are skipped', async () => {
    h.controller.builtInSandbox!.faults.silence('KlineHandler', 'index');
    try {
      await editor().fill('name: slow\nsteps:\n  - { name: quick, choice: 13 }\n  - { name: silent, choice: 15, fields: { market: vetusdt, limit: 5, period: 1 } }\n  - { name: after, choice: 13 }\n');
      await waitForText(s.locator('[data-testid="scenario-check"]'), 'Ready: 3 steps');
      await s.locator('[data-testid="scenario-run"]').click();
      await until(async () => (await rows('running').count()) === 1, 'the silent step running');
      await s.locator('[data-testid="scenario-stop"]').click();
      await waitForText(s.locator('[data-testid="scenario-message"]'), 'Stopped: 1 passed, 1 failed, 1 skipped');
      await until(async () => (await rows('skipped').count()) === 1, 'the last step skipped');
      expect(await text(rows('failed'))).toContain('stopped (Stop was pressed while the step waited for its reply)');
      await h.screenshot('scenarios-stopped');
    } finally {
      h.controller.builtInSandbox!.faults.clear();
    }
    expect(h.pageProblems).toEqual([]);
  });
});
