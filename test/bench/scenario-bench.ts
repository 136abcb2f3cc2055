// Scenario runner overhead: the same N timestamp requests sent directly through the session (baseline) and as an
// N-step scenario with three assertions each, on one loopback sandbox, alternating rounds; plus the time to check
// the largest files the limits allow. Prints figures; asserts nothing.

import { checkScenario } from '../../shared/scenario/check';
import { MAX_STEPS } from '../../shared/scenario/limits';
import { choiceByNumber } from '../../shared/oceanex/catalogue';
import { Session } from '../../main/oceanex/session';
import { startSandbox } from '../../main/sandbox/index';
import { runScenario } from '../../main/scenarios/runner';
import { fixed, median } from './stats';

const STEPS = 300;
const ROUNDS = 5;

function scenarioText(steps: number): string {
  const step = (i: number) => `  - name: t${i}\n    choice: 13\n    expect:\n      - { path: "$.message.code", equals: 0 }\n      - { path: "$.message.data", type: number }\n      - { rtt_ms: { below: 5000 } }\n`;
  return `name: bench\nsteps:\n${Array.from({ length: steps }, (_, i) => step(i)).join('')}`;
}

export async function runScenarioBench(): Promise<void> {
  const sandbox = await startSandbox({ port: 0, accounts: [], marketMaker: false });
  const session = new Session({ url: sandbox.url, autoReconnect: false });
  await session.connect();
  const timestamp = choiceByNumber(13)!;
  const checked = checkScenario(scenarioText(STEPS), { env: {} });
  if (!checked.ok) throw new Error(checked.diagnostics[0]!.message);
  const direct: number[] = [];
  const scenario: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    for (let i = 0; i < STEPS; i++) await session.request(timestamp, {});
    direct.push(performance.now() - start);
    start = performance.now();
    const result = await runScenario(checked.scenario, { session, signer: undefined, allowOrder: () => false, env: {} });
    scenario.push(performance.now() - start);
    if (!result.passed) throw new Error('the bench scenario failed');
  }
  await session.dispose();
  await sandbox.close();
  const d = median(direct);
  const s = median(scenario);
  console.log(`${STEPS} timestamp requests, median of ${ROUNDS} rounds: direct ${fixed(d, 1)} ms (${fixed((d / STEPS) * 1000, 0)} µs each), as a scenario with 3 assertions per step ${fixed(s, 1)} ms (${fixed((s / STEPS) * 1000, 0)} µs each); ratio ${fixed(s / d, 2)}`);

  const big = scenarioText(MAX_STEPS);
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    const r = checkScenario(big, { env: {} });
    times.push(performance.now() - start);
    if (!r.ok) throw new Error('the largest scenario did not check');
  }
  console.log(`checking a ${MAX_STEPS}-step file (${fixed(big.length / 1024, 0)} KiB): median ${fixed(median(times), 1)} ms`);
}

if (process.argv[1]?.endsWith('scenario-bench.ts')) {
  runScenarioBench().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
