// What makes a scenario unable to run is found before anything is sent, each at its line and column.

import { describe, expect, it } from 'vitest';
import { checkScenario, orderSteps } from '../../shared/scenario/check';

const check = (text: string, env: Record<string, string> = {}) => checkScenario(text, { env });
const problems = (text: string, env: Record<string, string> = {}): string[] => {
  const r = check(text, env);
  return r.ok ? [] : r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
};

describe('checkScenario', () => {
  it('accepts the issue\'s example and lists its order step with values as written', () => {
    const r = check(`name: order lifecycle
vars: { market: vetusdt }
steps:
  - name: place
    choice: 6
    fields: { market: "\${market}", side: buy, price: "0.0101", volume: "150", ord_type: limit }
    expect:
      - { path: "$.message.code", equals: 0 }
      - { path: "$.message.data.state", matches: "^wait$" }
      - { path: "$.message.data", type: object }
      - { path: "$.message.data.price", exists: true }
      - { path: "$.message.data.volume", below: 1000 }
      - { rtt_ms: { below: 500 } }
      - schema: { type: object, required: [message] }
    save: { oid: "$.message.data.id" }
  - name: raw frame
    send: { identifier: { handler: ToolHandler }, command: message, data: { action: timestamp, uuid: "\${uuid}", args: {} } }
`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.steps.map((s) => s.orderChoice)).toEqual([6, undefined]);
    expect(r.scenario.steps[0]!.expect).toHaveLength(7);
    expect(orderSteps(r.scenario)).toEqual([
      { step: 0, name: 'place', choice: 6, via: 'choice', fields: { market: '${market}', side: 'buy', price: '0.0101', volume: '150', ord_type: 'limit' } },
    ]);
  });

  it('names unknown keys, unknown choices and a step without an action', () => {
    expect(problems('name: x\nstepz: []\nsteps: [{ name: a, choice: 13 }]\n')).toEqual(['2:1 unknown key "stepz" in the file (known keys: $schema, name, description, vars, timeout_ms, steps)']);
    expect(problems('name: x\nsteps:\n  - name: a\n    choice: 18\n')).toEqual(['4:13 steps[0].choice must be <= 17']);
    expect(problems('name: x\nsteps:\n  - name: a\n')).toEqual(['3:5 steps[0] needs either "choice" (1–17) or "send" (a raw frame), not both']);
    expect(problems('name: x\nsteps:\n  - { name: a, choice: 13, expect: [{ path: "$", equalz: 1 }] }\n')[0]).toMatch(/^3:50 unknown key "equalz" in steps\[0\]\.expect\[0\]/);
  });

  it('keeps odd names such as __proto__ as plain names, never as prototypes', () => {
    const r = check('name: x\nvars: { __proto__: { polluted: 1 } }\nsteps:\n  - { name: a, choice: 13, save: { __proto__: "$.message.data" } }\n  - { name: b, choice: 10, fields: { id: "${__proto__}" } }\n');
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.keys(r.scenario.steps[0]!.save)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('accepts JSON with a $schema key for editors', () => {
    expect(check('{"$schema": "../../shared/scenario/scenario.schema.json", "name": "j", "steps": [{"name": "a", "choice": 13}]}').ok).toBe(true);
  });

  it('checks fields against the catalogue', () => {
    expect(problems('name: x\nsteps:\n  - name: a\n    choice: 6\n    fields: { market: vetusdt, side: up, price: 0.75, volume: 10, colour: red }\n')).toEqual([
      '3:5 choice 6 (New Order) needs the field "ord_type" (example: limit)',
      '5:38 Side must be one of: buy, sell',
      '5:67 unknown field "colour" for choice 6 (New Order); its fields are: market, side, price, volume, ord_type',
    ]);
    expect(problems('name: x\nsteps:\n  - { name: a, choice: 13, fields: { market: vetusdt } }\n')[0]).toMatch(/choice 13 \(Get Timestamp\) takes no fields/);
  });

  it('requires every variable to be defined before use', () => {
    const text = 'name: x\nvars: { a: 1 }\nsteps:\n  - { name: s1, choice: 10, fields: { id: "${b}" }, save: { b: "$.message.data.id" } }\n  - { name: s2, choice: 10, fields: { id: "${b}" } }\n  - { name: s3, choice: 14, fields: { market: "${env.SCENARIO_MARKET}", level: "${a}", precision: 6 } }\n';
    expect(problems(text)).toEqual([
      '4:43 ${b} is not defined here: define it under vars, or save it in an earlier step',
      '6:47 ${env.SCENARIO_MARKET}: the environment variable SCENARIO_MARKET is not set',
    ]);
    expect(problems(text, { SCENARIO_MARKET: 'vetusdt' })).toHaveLength(1);
    expect(problems('name: x\nvars: { uuid: 1 }\nsteps: [{ name: a, choice: 13 }]\n')[0]).toMatch(/"uuid" is a built-in name/);
    expect(problems('name: x\nsteps: [{ name: a, choice: 10, fields: { id: "${oops" } }]\n')[0]).toMatch(/has no closing "}"/);
  });

  it('refuses regular expressions outside RE2 syntax and invalid embedded schemas', () => {
    expect(problems('name: x\nsteps: [{ name: a, choice: 13, expect: [{ path: "$.a", matches: "(?=x)" }] }]\n')[0]).toMatch(/not valid RE2 syntax/);
    expect(problems('name: x\nsteps: [{ name: a, choice: 13, expect: [{ schema: { type: 12 } }] }]\n')[0]).toMatch(/the schema is not a valid JSON Schema/);
    expect(problems('name: x\nsteps: [{ name: a, choice: 13, expect: [{ path: "$.a[", exists: true }] }]\n')[0]).toMatch(/path "\$\.a\[": expected an index/);
    expect(problems('name: x\nsteps: [{ name: a, choice: 13, expect: [{ equals: 1 }] }]\n')[0]).toMatch(/"equals" needs a path/);
  });

  it('keeps raw frames honest: no login, no ${…} in handler or action, no unknown order actions', () => {
    const send = (handler: string, action: string): string => `name: x\nsteps:\n  - name: a\n    send: { identifier: { handler: "${handler}" }, command: message, data: { action: "${action}" } }\n`;
    expect(problems(send('AuthHandler', 'login'))[0]).toMatch(/a login frame is never sent raw/);
    expect(problems(send('${h}', 'index'))[0]).toMatch(/written out, not \$\{…\}/);
    expect(problems(send('OrderHandler', 'destroy'))[0]).toMatch(/OrderHandler\/destroy is not a known action/);
    const r = check(send('OrderHandler', 'clear'));
    expect(r.ok && orderSteps(r.scenario)).toEqual([{ step: 0, name: 'a', choice: 8, via: 'raw frame', fields: {} }]);
  });

  it('refuses assertions on replies that do not exist (choices 16 and 17)', () => {
    expect(problems('name: x\nsteps: [{ name: a, choice: 16, expect: [{ path: "$.a", exists: true }] }]\n')[0]).toMatch(/choices 16 and 17 send no frame/);
    expect(check('name: x\nsteps: [{ name: a, choice: 17, expect: [{ rtt_ms: { below: 100 } }] }]\n').ok).toBe(true);
  });
});
