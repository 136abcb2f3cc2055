// Paths, ${…} with the typed whole-value rule, each kind of assertion, JUnit and the latency table.

import { describe, expect, it } from 'vitest';
import { evaluateAssertions, jsonEqual } from '../../shared/scenario/assert';
import { checkScenario } from '../../shared/scenario/check';
import { interpolateString, interpolateValue, type Lookup } from '../../shared/scenario/interpolate';
import { junitXml } from '../../shared/scenario/junit';
import { MAX_INTERPOLATED_CHARS, MAX_PATH_CHARS } from '../../shared/scenario/limits';
import { compileLinear } from '../../shared/scenario/linear-regex';
import type { Assertion } from '../../shared/scenario/model';
import { parsePath, valueAt } from '../../shared/scenario/path';
import { describeDuration, latencyTable, percentile, type ScenarioResult, type StepResult } from '../../shared/scenario/result';

const values: Record<string, unknown> = { oid: 42, market: 'vetusdt', list: [1, 2], obj: { a: 1 } };
const lookup: Lookup = (ref) => (ref in values ? { value: values[ref] } : undefined);

const reply = {
  identifier: { handler: 'OrderHandler' },
  message: { action: 'create', code: 0, uuid: 'u1', data: { id: 42, state: 'wait', price: '0.0101', volume: '150.0', scopes: { 'sell/buy': true }, list: [1, 2, 3] } },
};

function assertionsOf(expectYaml: string): Assertion[] {
  const r = checkScenario(`name: t\nvars: { oid: 42 }\nsteps:\n  - name: s\n    choice: 13\n    expect:\n${expectYaml}`, { env: {} });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return [...r.scenario.steps[0]!.expect];
}

describe('paths', () => {
  it('walks keys, quoted keys and indexes (negative from the end)', () => {
    const at = (p: string): unknown => {
      const parsed = parsePath(p);
      if (!parsed.ok) throw new Error(parsed.error);
      return valueAt(reply, parsed.segments);
    };
    expect(at('$.message.data.id')).toEqual({ found: true, value: 42 });
    expect(at('$.message.data.scopes["sell/buy"]')).toEqual({ found: true, value: true });
    expect(at('$.message.data.list[-1]')).toEqual({ found: true, value: 3 });
    expect(at('$.message.data.list[3]')).toEqual({ found: false, value: undefined });
    expect(at('$.message.data.id.x')).toEqual({ found: false, value: undefined });
    expect(at('$.message.constructor')).toEqual({ found: false, value: undefined });
    expect(at('$')).toEqual({ found: true, value: reply });
  });

  it('refuses malformed paths with the place, and long ones at the cap in linear time', () => {
    expect(parsePath('message')).toMatchObject({ ok: false, error: expect.stringMatching(/must start with \$/) });
    expect(parsePath('$..a')).toMatchObject({ ok: false, error: expect.stringMatching(/expected a key after "\." .* at character 3/) });
    expect(parsePath('$["a')).toMatchObject({ ok: false, error: expect.stringMatching(/unterminated "/) });
    expect(parsePath(`$${'.a'.repeat(MAX_PATH_CHARS)}`)).toMatchObject({ ok: false, error: expect.stringMatching(/at most 512 characters/) });
    const longest = `$${'[0]'.repeat((MAX_PATH_CHARS - 1) / 3)}`;
    expect(parsePath(longest).ok).toBe(true);
  });
});

describe('interpolation', () => {
  it('keeps the JSON type of a whole-value reference and writes text inside longer strings', () => {
    expect(interpolateString('${oid}', lookup)).toBe(42);
    expect(interpolateString('${list}', lookup)).toEqual([1, 2]);
    expect(interpolateString('id-${oid}', lookup)).toBe('id-42');
    expect(interpolateString('${market}:${obj}', lookup)).toBe('vetusdt:{"a":1}');
    expect(interpolateString('$${oid} costs $5', lookup)).toBe('${oid} costs $5');
    expect(interpolateValue({ ids: ['${oid}'], n: 1 }, lookup)).toEqual({ ids: [42], n: 1 });
    expect(() => interpolateString('${nope}', lookup)).toThrow('${nope} has no value here');
  });

  it('bounds what a string can grow to', () => {
    const big: Lookup = () => ({ value: 'x'.repeat(40_000) });
    expect(() => interpolateString('${a}${a}', big)).toThrow(`grows past ${MAX_INTERPOLATED_CHARS} characters`);
  });
});

describe('assertions', () => {
  it('passes on a matching reply and reports expected vs actual on a failing one', () => {
    const all = assertionsOf(`      - { path: "$.message.code", equals: 0 }
      - { path: "$.message.data.id", equals: "\${oid}" }
      - { path: "$.message.data.state", matches: "^wait$" }
      - { path: "$.message.data", type: object }
      - { path: "$.message.data.price", exists: true }
      - { path: "$.message.data.volume", below: 1000, above: "149.99" }
      - { rtt_ms: { below: 500 } }
      - schema: { type: object, required: [message] }
`);
    expect(evaluateAssertions(all, reply, 12, lookup)).toEqual({ failures: [], checked: 9 });
    const bad = { ...reply, message: { ...reply.message, code: 2002, data: { ...reply.message.data, state: 'done', volume: 'lots', price: undefined } } };
    const { failures } = evaluateAssertions(all, JSON.parse(JSON.stringify(bad)) as unknown, 900, lookup);
    expect(failures).toEqual([
      { assertion: '$.message.code equals 0', expected: '0', actual: '2002' },
      { assertion: '$.message.data.state matches "^wait$"', expected: 'text matching "^wait$"', actual: '"done"' },
      { assertion: '$.message.data.price exists true', expected: 'present', actual: 'absent' },
      { assertion: '$.message.data.volume below 1000', expected: '< 1000', actual: 'string "lots" (not a number)' },
      { assertion: '$.message.data.volume above "149.99"', expected: '> "149.99"', actual: 'string "lots" (not a number)' },
      { assertion: 'rtt_ms below 500', expected: '< 500 ms', actual: '900 ms' },
    ]);
  });

  it('tells a string from a number in equals, and reports a missing value as missing', () => {
    const [a] = assertionsOf('      - { path: "$.message.data.price", equals: 0.0101 }\n');
    expect(evaluateAssertions([a!], reply, 1, lookup).failures).toEqual([{ assertion: '$.message.data.price equals 0.0101', expected: '0.0101', actual: '"0.0101"' }]);
    const [b] = assertionsOf('      - { path: "$.message.nothing", type: string }\n');
    expect(evaluateAssertions([b!], reply, 1, lookup).failures[0]).toMatchObject({ expected: 'string', actual: '(missing)' });
    const [c] = assertionsOf('      - { path: "$.message", schema: { type: object, properties: { code: { type: string } } } }\n');
    expect(evaluateAssertions([c!], reply, 1, lookup).failures[0]?.actual).toMatch(/\$\/code must be string/);
  });

  it('compares JSON values deeply regardless of key order', () => {
    expect(jsonEqual({ a: [1, { b: 2 }], c: null }, { c: null, a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(jsonEqual([1, 2], { 0: 1, 1: 2 })).toBe(false);
  });

  it('runs matches and schema patterns in linear time over a reply at the frame cap', () => {
    const [m] = assertionsOf('      - { path: "$.s", matches: "^(a+)+$" }\n');
    const [s] = assertionsOf('      - { path: "$", schema: { properties: { s: { pattern: "^(a|aa)+$" } } } }\n');
    const hostile = { s: `${'a'.repeat(4 * 1024 * 1024)}!` };
    const start = performance.now();
    expect(evaluateAssertions([m!, s!], hostile, 1, lookup).failures).toHaveLength(2);
    // A backtracking engine needs longer than the age of the universe here; RE2's automaton a few seconds at most.
    expect(performance.now() - start).toBeLessThan(20_000);
    expect(compileLinear('(a)\\1').ok).toBe(false);
  });
});

describe('reports', () => {
  const step = (over: Partial<StepResult>): StepResult => ({ index: 0, name: 's', status: 'passed', durationMs: 3, failures: [], checked: 1, ...over });

  it('says durations in ms under a second, in seconds above', () => {
    expect([describeDuration(3.4), describeDuration(999.4), describeDuration(1234)]).toEqual(['3 ms', '999 ms', '1.23 s']);
  });

  it('computes nearest-rank percentiles per handler/action', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    const steps = [1, 2, 3, 4].map((rtt, i) => step({ index: i, rttMs: rtt * 10, handler: i < 3 ? 'A' : 'B', action: 'x' }));
    expect(latencyTable([...steps, step({ index: 9 })])).toEqual([
      { key: 'A/x', n: 3, p50: 20, p95: 30, p99: 30, max: 30 },
      { key: 'B/x', n: 1, p50: 40, p95: 40, p99: 40, max: 40 },
    ]);
  });

  it('writes JUnit XML with escaped text, failures with expected vs actual, and skipped steps', () => {
    const result: ScenarioResult = {
      name: 'a <b> & "c"',
      file: 'x.yaml',
      startedAt: Date.UTC(2026, 11, 6, 7, 0, 0),
      durationMs: 1234,
      endpoint: 'ws://127.0.0.1:1/ws/v1',
      passed: false,
      stopped: 'on-failure',
      latency: [],
      steps: [
        step({ index: 0, name: 'ok', rttMs: 2.5, summary: 'received timestamp: 1' }),
        step({ index: 1, name: 'bad\u0001', status: 'failed', failures: [{ assertion: '$.a equals 1', expected: '1', actual: '"<2>"' }] }),
        step({ index: 2, name: 'later', status: 'skipped', durationMs: 0 }),
      ],
    };
    const xml = junitXml([result]);
    expect(xml).toContain('<testsuites name="OceanEx scenarios" tests="3" failures="1" errors="0" skipped="1" time="1.234">');
    expect(xml).toContain('<testsuite name="a &lt;b&gt; &amp; &quot;c&quot;" tests="3" failures="1" errors="0" skipped="1" time="1.234" timestamp="2026-12-06T07:00:00" file="x.yaml">');
    expect(xml).toContain('<testcase classname="a &lt;b&gt; &amp; &quot;c&quot;" name="01 ok" time="0.003">');
    expect(xml).toContain('<system-out>round trip 2.5 ms; received timestamp: 1</system-out>');
    expect(xml).toContain('name="02 bad\uFFFD"');
    expect(xml).toContain('<failure message="$.a equals 1" type="assertion">$.a equals 1\n  expected: 1\n  actual:   &quot;&lt;2&gt;&quot;</failure>');
    expect(xml).toContain('<skipped message="not run: an earlier step stopped the scenario"/>');
  });
});
