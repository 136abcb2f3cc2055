// `npx tsx test/sandbox/startup-bench.ts [runs]`: how long startSandbox() takes with and without the start-up
// history (the app starts the sandbox in-process; test files start many). Prints the first (cold) start and
// the median of the warm ones for each setting. Figures only, no assertions.

import { startSandbox, type SandboxOptions } from '../../main/sandbox/index';

async function measure(label: string, options: SandboxOptions, runs: number): Promise<void> {
  const times: number[] = [];
  const cpu: number[] = [];
  let trades = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const sandbox = await startSandbox({ ...options, seed: i + 1 });
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
    trades = sandbox.exchange.trades().length;
    await sandbox.close();
  }
  const cold = times[0] ?? 0;
  const warm = times.slice(1).sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)] ?? cold;
  const coldCpu = cpu[0] ?? 0;
  console.log(
    `${label.padEnd(22)} cold ${cold.toFixed(1).padStart(6)} ms (cpu ${coldCpu.toFixed(0).padStart(4)} ms)   warm median ${median.toFixed(1).padStart(6)} ms   ${trades} trades`,
  );
}

async function main(): Promise<void> {
  const runs = Math.max(2, Number(process.argv[2] ?? 9));
  if (process.argv[3] === 'default') return measure('history 24 h (default)', {}, runs);
  // Each setting's first start is "cold" only for the first one measured; the order puts the default first.
  await measure('history 24 h (default)', {}, runs);
  await measure('history 0 h', { historyHours: 0 }, runs);
  await measure('history 1 h', { historyHours: 1 }, runs);
  await measure('history 168 h (max)', { historyHours: 168 }, 3);
}

void main();
