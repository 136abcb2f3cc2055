// The renderer the UI benchmarks measure: the same production build as the e2e tests' (buildRenderer), in a
// directory of the benchmark's own, since another job may rebuild out/renderer while a benchmark serves it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRenderer } from '../e2e/build';

/** A message only React's development build contains. */
const DEV_BUILD_MARKER = 'Each child in a list should have a unique';

export interface BuiltRenderer {
  readonly dir: string;
  remove(): void;
}

export async function buildProductionRenderer(): Promise<BuiltRenderer> {
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-ui-bench-renderer-'));
  await buildRenderer(dir);
  // Guard the guarantee the numbers rest on: a development bundle would make every figure meaningless.
  const assets = join(dir, 'assets');
  for (const file of readdirSync(assets)) {
    if (file.endsWith('.js') && readFileSync(join(assets, file), 'utf8').includes(DEV_BUILD_MARKER)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`the renderer bundle ${file} is a development build; benchmarks must measure production code`);
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
