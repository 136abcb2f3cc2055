// Scenario files as text: YAML and JSON, positions in errors, and every limit refused with its place and its number
// — in bounded time at the size cap (worst cases: 100 000 "[", deep indentation, alias bombs, 10 000 steps).

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { checkScenario } from '../../shared/scenario/check';
import { MAX_DEPTH, MAX_SCENARIO_BYTES, MAX_STEPS } from '../../shared/scenario/limits';
import { parseScenarioSource } from '../../shared/scenario/source';

const env = {};
const messages = (text: string): string[] => {
  const r = checkScenario(text, { env });
  return r.ok ? [] : r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
};
/** Generous bound on a worst case: "seconds, not hours"; never a speed assertion. */
const timed = <T>(work: () => T): { value: T; ms: number } => {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
};

describe('scenario source', () => {
  it('reads YAML and JSON to the same value', () => {
    const yaml = parseScenarioSource('name: x\nsteps:\n  - { name: a, choice: 13 }\n');
    const json = parseScenarioSource('{\n\t"name": "x",\n\t"steps": [{"name": "a", "choice": 13}]\n}');
    expect(yaml.ok && json.ok).toBe(true);
    if (yaml.ok && json.ok) expect(json.source.value).toEqual(yaml.source.value);
  });

  it('reports syntax errors at line and column', () => {
    expect(messages('name: x\nsteps: [1, 2\n')[0]).toMatch(/^3:1 Flow sequence/);
    expect(messages('name: x\nname: y\nsteps: []\n')).toEqual(['2:1 Map keys must be unique']);
    expect(messages('name: x\n---\nsteps: []\n')[0]).toMatch(/^2:1 .*multiple documents/);
    expect(messages('name: !secret x\nsteps: []\n')).toEqual(['1:7 tags such as !name are not used in scenario files']);
    expect(messages('')).toEqual(['1:1 the file is empty']);
  });

  it('refuses a file over the size cap before parsing it', () => {
    const text = `name: big\ndescription: "${'x'.repeat(MAX_SCENARIO_BYTES)}"\nsteps: []\n`;
    const { value, ms } = timed(() => messages(text));
    expect(value[0]).toMatch(/the file is \d+ bytes; a scenario file holds at most 524288 bytes \(512 KiB\)/);
    expect(ms).toBeLessThan(2_000);
  });

  it('refuses deep flow nesting at the cap without recursing (100 000 "[")', () => {
    const n = Math.floor(MAX_SCENARIO_BYTES / 2) - 10;
    const { value, ms } = timed(() => messages(`${'['.repeat(n)}${']'.repeat(n)}`));
    expect(value).toEqual([`1:${MAX_DEPTH + 1} nesting is deeper than ${MAX_DEPTH} levels of [ ] or { }`]);
    expect(ms).toBeLessThan(2_000);
    expect(messages(`${'- '.repeat(20_000)}1\n`)[0]).toMatch(/more than 64 nested "-", "\?" or ":" on one line/);
  });

  it('refuses deep block nesting and wide indentation', () => {
    let deep = '';
    for (let i = 0; i < 100; i++) deep += `${' '.repeat(i * 2)}a:\n`;
    expect(messages(`${deep}${' '.repeat(200)}1\n`)).toEqual([`65:129 nesting is deeper than ${MAX_DEPTH} levels`]);
    expect(messages(`name: x\nsteps:\n${' '.repeat(300)}- 1\n`)[0]).toMatch(/^3:1 a line is indented by 300 columns; at most 256/);
  });

  it('refuses an alias bomb and accepts modest reuse', () => {
    let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    let prev = 'a';
    for (let i = 0; i < 9; i++) {
      bomb += `b${i}: &b${i} [${`*${prev},`.repeat(8)}*${prev}]\n`;
      prev = `b${i}`;
    }
    const { value, ms } = timed(() => messages(bomb));
    expect(value).toEqual(['1:1 the file\'s aliases (*name) expand too much (at most 100 uses, no multiplying of data)']);
    expect(ms).toBeLessThan(2_000);
    const reuse = 'name: x\nsteps:\n  - name: a\n    choice: 13\n    expect: &ok [{ path: "$.message.code", equals: 0 }]\n  - { name: b, choice: 3, expect: *ok }\n';
    const r = checkScenario(reuse, { env });
    expect(r.ok && r.scenario.steps[1]!.expect).toHaveLength(1);
  });

  it(`refuses more than ${MAX_STEPS} steps (10 000 steps)`, () => {
    const steps = Array.from({ length: 10_000 }, (_, i) => `  - {name: s${i}, choice: 13}`).join('\n');
    const { value, ms } = timed(() => messages(`name: many\nsteps:\n${steps}\n`));
    expect(value).toEqual([`3:3 steps has 10000 items; at most ${MAX_STEPS} are allowed`]);
    expect(ms).toBeLessThan(5_000);
  });

  it('ships a valid draft-07 JSON Schema that the checker uses', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, '../../shared/scenario/scenario.schema.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(schema)).toBe(true);
    const validate = ajv.compile(schema);
    for (const file of ['read-only.yaml', 'order-lifecycle.yaml']) {
      const parsed = parseScenarioSource(readFileSync(join(__dirname, '../../examples/scenarios', file), 'utf8'));
      expect(parsed.ok && validate(parsed.source.value)).toBe(true);
    }
  });
});
