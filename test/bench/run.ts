// `npm run bench`: runs every benchmark in turn and prints its figures. Add a benchmark by adding an entry
// to BENCHES (name + a function that prints its lines). `npm run bench -- session` runs only the named ones.

import { runLinearTextBench } from './linear-text-bench';
import { runScenarioBench } from './scenario-bench';
import { runSessionBench } from './session-bench';
import { runSessionFileBench } from './session-file-bench';
import { runSoakBench } from './soak-bench';
import { runUiBench } from './ui-bench';
import { runLogInstructions } from './log-instructions';

interface Bench {
  readonly name: string;
  readonly run: () => Promise<unknown>;
}

const BENCHES: readonly Bench[] = [
  { name: 'session', run: () => runSessionBench() },
  { name: 'ui', run: () => runUiBench() },
  { name: 'soak', run: () => runSoakBench() },
  { name: 'scenario', run: () => runScenarioBench() },
  { name: 'session-file', run: () => runSessionFileBench() },
  { name: 'linear-text', run: () => runLinearTextBench() },
  { name: 'log-instructions', run: () => runLogInstructions() },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const selected = wanted.length === 0 ? BENCHES : BENCHES.filter((b) => wanted.includes(b.name));
  if (selected.length === 0) throw new Error(`no benchmark named ${wanted.join(', ')}; known: ${BENCHES.map((b) => b.name).join(', ')}`);
  for (const bench of selected) {
    console.log(`== ${bench.name} ==`);
    await bench.run();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
