// `npx tsx test/sandbox/startup-bench.ts [runs]`: how long startSandbox() takes with and without the start-up
// history (the app starts the sandbox in-process once; test files start many). Each setting runs in a fresh
// process, so its first start is truly cold (JIT not warmed); then the median of the warm starts. Figures only.

import { spawnSync } from 'node:child_process';
import { startSandbox } from '../../main/sandbox/index';

const SETTINGS: ReadonlyArray<{ label: string; hours: number | undefined }> = [
  { label: 'history 24 h (default)', hours: undefined },
  { label: 'history 0 h', hours: 0 },
  { label: 'history 1 h', hours: 1 },
  { label: 'history 168 h (max)', hours: 168 },
];

/** In the child: start `runs` sandboxes and print one line. */
async function measure(label: string, hours: number | undefined, runs: number): Promise<void> {
  const times: number[] = [];
  let cpuCold = 0;
  let trades = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const sandbox = await startSandbox({ seed: i + 1, ...(hours === undefined ? {} : { historyHours: hours }) });
    times.push(performance.now() - started);
    if (i === 0) {
      const used = process.cpuUsage(cpuBefore);
      cpuCold = (used.user + used.system) / 1000;
    }
    trades = sandbox.exchange.trades().length;
    await sandbox.close();
  }
  const cold = times[0] ?? 0;
  const warm = times.slice(1).sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)] ?? cold;
  console.log(
    `${label.padEnd(22)} cold ${cold.toFixed(1).padStart(6)} ms (cpu ${cpuCold.toFixed(0).padStart(4)} ms)   warm median ${median.toFixed(1).padStart(6)} ms   ${trades} trades`,
  );
}

async function main(): Promise<void> {
  const [, script, mode, labelIndex, runsText] = process.argv;
  if (mode === 'child') {
    const setting = SETTINGS[Number(labelIndex)];
    if (setting) await measure(setting.label, setting.hours, Number(runsText));
    return;
  }
  const runs = Math.max(2, Number(mode ?? 9) || 9);
  for (const [i, setting] of SETTINGS.entries()) {
    const child = spawnSync(process.execPath, [...process.execArgv, script ?? __filename, 'child', String(i), String(setting.hours === 168 ? 3 : runs)], {
      encoding: 'utf8',
    });
    process.stdout.write(child.stdout);
    if (child.status !== 0) throw new Error(`${setting.label}: ${child.stderr}`);
  }
}

void main();
