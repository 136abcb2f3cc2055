// The electron-vite build (out/) that packaging and the Electron smoke test need. CI builds it before the tests;
// locally it is built here when missing (about 30 s).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_DIR } from './builder-config';
import { runNodeCli } from './run-node';

export const OUT_DIR = join(PROJECT_DIR, 'out');
const BUILT_MARKERS = ['main/index.js', 'preload/index.js', 'renderer/index.html'].map((file) => join(OUT_DIR, file));

export function isBuilt(): boolean {
  return BUILT_MARKERS.every((file) => existsSync(file));
}

export async function ensureBuilt(): Promise<void> {
  if (isBuilt()) return;
  const { code, output } = await runNodeCli(join(PROJECT_DIR, 'node_modules/electron-vite/bin/electron-vite.js'), ['build'], {
    ...process.env,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  });
  if (code !== 0 || !isBuilt()) {
    const said = output.split('\n').filter((line) => !/^\s+at /.test(line));
    throw new Error(`npm run build failed (exit ${code}):\n${said.slice(-30).join('\n')}`);
  }
}
