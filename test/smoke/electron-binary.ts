// Finds the Electron executable the way the `electron` package does (path.txt, ELECTRON_OVERRIDE_DIST_PATH),
// without triggering its lazy download: require('electron') in Node would try to fetch the binary from GitHub.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronLookup = { readonly executable: string } | { readonly unavailable: string };

/** The executable inside an Electron distribution folder, as the electron package's install.js names it. */
function executableIn(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return platform === 'win32' ? 'electron.exe' : 'electron';
}

export function findElectron(projectDir: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ElectronLookup {
  const pkg = join(projectDir, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { unavailable: 'the electron package is not installed (npm ci)' };
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : override ? executableIn(platform) : undefined;
  if (!name) {
    return {
      unavailable:
        'the Electron binary was never downloaded (node_modules/electron/path.txt is missing); Electron fetches it from ' +
        'GitHub, so run `node node_modules/electron/install.js` on a machine that can reach it',
    };
  }
  const executable = join(override || join(pkg, 'dist'), name);
  if (!existsSync(executable)) return { unavailable: `the Electron binary is missing: ${executable}` };
  return { executable };
}

/** Why Electron cannot open a window here, or undefined when it can. */
export function displayProblem(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (platform !== 'linux' || env['DISPLAY'] || env['WAYLAND_DISPLAY']) return undefined;
  return 'no display (DISPLAY is unset); run the tests under xvfb-run';
}
