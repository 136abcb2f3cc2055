// Benchmark (prints figures, asserts nothing): the old redaction / error-scrubbing rules against the linear ones on
// their worst cases. Doubling the text multiplies the old rules' time by 4–8 (quadratic, cubic) or far more
// (exponential); the linear ones' by about 2. Run: npm run bench -- linear-text

import { scrubSecrets } from '../../main/app/errors';
import { redactSecrets } from '../../main/services/redact';
import { oldRedact, oldScrub } from '../chaos/old-text-rules';

function ms(fn: (text: string) => unknown, text: string): number {
  const start = process.hrtime.bigint();
  fn(text);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Case {
  readonly name: string;
  readonly make: (size: number) => string;
  readonly old: (text: string) => unknown;
  readonly linear: (text: string) => unknown;
  /** Sizes the old rule finishes at in seconds. */
  readonly oldSizes: readonly number[];
}

const CASES: readonly Case[] = [
  { name: 'redaction, key=value on token-token-…', make: (n) => 'token-'.repeat(n / 6), old: oldRedact, linear: redactSecrets, oldSizes: [1_000, 2_000, 4_000] },
  { name: 'redaction, JWT rule on -eyJ-eyJ-…', make: (n) => '-eyJ'.repeat(n / 4), old: oldRedact, linear: redactSecrets, oldSizes: [8_000, 16_000, 32_000] },
  { name: 'error scrub, PEM rule on -----BEGIN A-----a: a: …', make: (n) => `-----BEGIN A-----${'a: '.repeat(Math.floor((n - 17) / 3))}`, old: oldScrub, linear: scrubSecrets, oldSizes: [62, 68, 74] },
];

export async function runLinearTextBench(): Promise<void> {
  for (const c of CASES) {
    c.linear(c.make(4_096)); // warm-up: V8 compiles the patterns on first use
    const old = c.oldSizes.map((n) => [n, ms(c.old, c.make(n))] as const);
    const linear = [16_384, 32_768, 65_536].map((n) => [n, ms(c.linear, c.make(n))] as const);
    const line = (label: string, rows: ReadonlyArray<readonly [number, number]>) =>
      `  ${label.padEnd(7)} ${rows.map(([n, t]) => `${n} chars ${t.toFixed(2)} ms`).join(' · ')}  (×${(rows[2]![1] / Math.max(rows[1]![1], 0.001)).toFixed(1)} for the last step)`;
    console.log(c.name);
    console.log(line('old', old));
    console.log(line('linear', linear));
    console.log(`  at ${old[2]![0]} chars the old rule takes ${(old[2]![1] / Math.max(ms(c.linear, c.make(old[2]![0])), 0.001)).toFixed(0)}× the linear one's time`);
  }
}

if (process.argv[1]?.endsWith('linear-text-bench.ts')) void runLinearTextBench();
