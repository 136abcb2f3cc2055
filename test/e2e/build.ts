// Builds what the browser tests need: the production renderer (out/renderer, the same config as `npm run build`)
// when it is missing or older than its sources, and the real preload createApi bundled as an IIFE string.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type InlineConfig, type Rollup } from 'vite';
import electronViteConfig from '../../electron.vite.config';

export const ROOT = resolve(__dirname, '../..');
export const RENDERER_OUT = join(ROOT, 'out/renderer');
const INDEX = join(RENDERER_OUT, 'index.html');
/** Everything the renderer bundle is made of. */
const SOURCES = ['renderer', 'preload', 'shared', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const abs = join(ROOT, path);
  if (!existsSync(abs)) return 0;
  const st = statSync(abs);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(abs)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function rendererIsStale(): boolean {
  if (!existsSync(INDEX)) return true;
  const built = statSync(INDEX).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

type ElectronViteConfig = { renderer?: InlineConfig };

/**
 * Builds the renderer into `outDir` with electron.vite.config.ts's renderer section, as `npm run build` does.
 * NODE_ENV is forced to production for the build: under vitest it is "test", and Vite lets it pick React's
 * development build, which is several times slower and not what users run.
 */
export async function buildRenderer(outDir: string): Promise<void> {
  const renderer = (electronViteConfig as ElectronViteConfig).renderer ?? {};
  const previousNodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      ...renderer,
      configFile: false,
      base: './',
      mode: 'production',
      logLevel: 'warn',
      // Chromium preloads modules natively; electron-vite leaves the polyfill out as well.
      build: { ...renderer.build, outDir, emptyOutDir: true, modulePreload: { polyfill: false }, chunkSizeWarningLimit: 5000 },
    });
  } finally {
    if (previousNodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = previousNodeEnv;
  }
}

/** Builds out/renderer when it is missing or older than its sources. */
export async function ensureRendererBuilt(): Promise<void> {
  if (!rendererIsStale()) return;
  const started = Date.now();
  await buildRenderer(RENDERER_OUT);
  console.log(`[e2e] built out/renderer in ${Date.now() - started} ms`);
}

let apiBundle: Promise<string> | undefined;

/** preload/api.ts as an IIFE that defines `OceanexPreload.createApi`: the real code, not a copy. */
export function preloadApiIife(): Promise<string> {
  apiBundle ??= (async () => {
    const out = (await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        write: false,
        minify: false,
        emptyOutDir: false,
        lib: { entry: join(ROOT, 'preload/api.ts'), formats: ['iife'], name: 'OceanexPreload', fileName: () => 'preload-api.js' },
      },
    })) as Rollup.RollupOutput | Rollup.RollupOutput[];
    const first = Array.isArray(out) ? out[0] : out;
    const chunk = first?.output.find((o): o is Rollup.OutputChunk => o.type === 'chunk');
    if (!chunk) throw new Error('bundling preload/api.ts produced no chunk');
    return chunk.code;
  })();
  return apiBundle;
}
