// Instructions per logged reply, counted by valgrind's callgrind: repeatable on a machine shared with other work,
// where elapsed time is not (`npm run bench -- log-instructions`; needs `valgrind`).
// The six replies of the session bench's mix (MIX) are recorded from the real sandbox, then log-replay.ts (bundled
// with esbuild) runs under callgrind with 1 and with 1 + ROUNDS rounds, for the core's hot path alone and with the
// app's AppLog; the difference divided by the frames is the cost per frame (start-up and warm-up cancel out).
// V8 runs with --single-threaded-gc so that the collector's helper threads do not add spinning that varies.

import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import WebSocket from 'ws';
import { choiceById } from '../../shared/oceanex/catalogue';
import { buildRequest } from '../../shared/oceanex/messages';
import { startSandbox } from '../../main/sandbox/index';
import { MIX } from './session-bench';

const ROUNDS = 4;
/** Rounds in both runs, so that warm-up (V8 compiling the code) cancels out with start-up. */
const WARM_UP_ROUNDS = 1;
const FRAMES_PER_ROUND = 5_000;

async function recordReplies(): Promise<Array<{ text: string; uuid: string }>> {
  const sandbox = await startSandbox({ seed: 11, pingIntervalSeconds: 600 });
  const ws = new WebSocket(sandbox.url, { perMessageDeflate: false });
  const texts: string[] = [];
  let wake: () => void = () => {};
  ws.on('message', (data: Buffer) => {
    texts.push(data.toString('utf8'));
    wake();
  });
  const next = async (): Promise<string> => {
    while (texts.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return texts.shift()!;
  };
  await next(); // welcome
  const out: Array<{ text: string; uuid: string }> = [];
  for (const { id, values } of MIX) {
    const uuid = randomUUID();
    ws.send(JSON.stringify(buildRequest(choiceById(id)!, values, uuid)));
    let text = await next();
    while (!text.includes(uuid)) text = await next(); // a ping in between
    out.push({ text, uuid });
  }
  ws.close();
  await sandbox.close();
  return out;
}

function instructions(bundle: string, templates: string, rounds: number, variant: string, dir: string): number {
  const run = spawnSync(
    'valgrind',
    ['--tool=callgrind', `--callgrind-out-file=${join(dir, `cg.${variant}.${rounds}`)}`, '--smc-check=all-non-file', process.execPath, '--single-threaded-gc', bundle, templates, String(FRAMES_PER_ROUND), String(rounds), variant],
    { encoding: 'utf8' },
  );
  const collected = /Collected\s*:\s*(\d+)/.exec(run.stderr);
  if (run.status !== 0 || !collected) throw new Error(`callgrind failed: ${run.stderr.slice(-2000)}`);
  return Number(collected[1]);
}

export async function runLogInstructions(print: (line: string) => void = console.log): Promise<void> {
  try {
    execFileSync('valgrind', ['--version']);
  } catch {
    print('valgrind is not installed: no instruction counts (apt-get install valgrind)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-log-instructions-'));
  try {
    const templates = join(dir, 'replies.json');
    const replies = await recordReplies();
    writeFileSync(templates, JSON.stringify(replies));
    const bundle = join(dir, 'log-replay.cjs');
    await build({ entryPoints: [fileURLToPath(new URL('./log-replay.ts', import.meta.url))], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'error' });
    print(`log instructions (callgrind): ${ROUNDS} × ${FRAMES_PER_ROUND} replayed replies of ${replies.map((r) => r.text.length).join('/')} characters`);
    const perFrame: Record<string, number> = {};
    for (const variant of ['none', 'applog']) {
      const base = instructions(bundle, templates, WARM_UP_ROUNDS, variant, dir);
      const full = instructions(bundle, templates, WARM_UP_ROUNDS + ROUNDS, variant, dir);
      perFrame[variant] = (full - base) / (ROUNDS * FRAMES_PER_ROUND);
      print(`  ${variant === 'none' ? 'core hot path, no logger' : 'core hot path + AppLog'}: ${Math.round(perFrame[variant]!).toLocaleString('en')} instructions per reply`);
    }
    print(`  AppLog's share: ${Math.round(perFrame['applog']! - perFrame['none']!).toLocaleString('en')} instructions per reply (callgrind files in ${dir})`);
  } finally {
    if (!process.env['KEEP_CALLGRIND']) rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) void runLogInstructions();
