// The renderer the UI benchmarks measure: a production build (the renderer section of electron.vite.config.ts,
// as `npm run build` makes it) in a directory of the benchmark's own. The e2e harness's out/renderer is not
// used: built under vitest (NODE_ENV=test) it holds React's development build, several times slower to
// render, and another job may rebuild it while a benchmark serves it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type InlineConfig } from 'vite';
import electronViteConfig from '../../electron.vite.config';

/** A message only React's development build contains. */
const DEV_BUILD_MARKER = 'Each child in a list should have a unique';

export interface BuiltRenderer {
  readonly dir: string;
  remove(): void;
}

export async function buildProductionRenderer(): Promise<BuiltRenderer> {
  const dir = mkdtempSync(join(tmpdir(), 'oceanex-ui-bench-renderer-'));
  const renderer = (electronViteConfig as { renderer?: InlineConfig }).renderer ?? {};
  const previousNodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production'; // Vite lets NODE_ENV override the mode's React build
  try {
    await build({
      ...renderer,
      configFile: false,
      base: './',
      mode: 'production',
      logLevel: 'warn',
      build: { ...renderer.build, outDir: dir, emptyOutDir: true, modulePreload: { polyfill: false }, chunkSizeWarningLimit: 5000 },
    });
  } finally {
    if (previousNodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = previousNodeEnv;
  }
  const assets = join(dir, 'assets');
  for (const file of readdirSync(assets)) {
    if (file.endsWith('.js') && readFileSync(join(assets, file), 'utf8').includes(DEV_BUILD_MARKER)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`the renderer bundle ${file} is a development build; benchmarks must measure production code`);
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
