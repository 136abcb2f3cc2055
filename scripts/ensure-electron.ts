// `npm start` / `npm run dev` run this first. Electron ≥ 45 fetches its binary lazily, on the first
// require('electron'), but electron-vite reads node_modules/electron/path.txt directly and never triggers that
// fetch — so a fresh `npm install && npm start` would end in "Error: Electron uninstall" and a stack trace.
// Here we run Electron's own installer (node_modules/electron/install.js) when the binary is missing, and when it
// cannot be fetched we say in plain words what is missing and what to do. Installing (`npm ci`) stays offline.

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ELECTRON_DIR = resolve(__dirname, '..', 'node_modules', 'electron');

/** The executable's path inside dist/, as Electron's install.js names it (it writes it to path.txt). */
function platformPath(platform: NodeJS.Platform | string): string {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * What electron-vite will find: ELECTRON_EXEC_PATH when set, otherwise what install.js itself checks before
 * downloading — dist/version is this package's version, path.txt names the platform's executable, and the
 * executable is in dist/ (electron-vite ignores ELECTRON_OVERRIDE_DIST_PATH, so we do too).
 */
export function electronInstalled(electronDir: string, env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): boolean {
  const execPath = env['ELECTRON_EXEC_PATH'];
  if (execPath) return existsSync(execPath);
  try {
    const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string };
    if (readFileSync(join(electronDir, 'dist', 'version'), 'utf8').trim().replace(/^v/, '') !== version) return false;
    const executable = platformPath(platform);
    if (readFileSync(join(electronDir, 'path.txt'), 'utf8') !== executable) return false;
    return existsSync(join(electronDir, 'dist', executable));
  } catch {
    return false;
  }
}

/** The installer's own words, reduced to the first line that names the problem (never its stack trace). */
export function failureCause(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at ') && !/^node:internal|^\^|^throw /.test(line));
  const named = lines.find((line) => /error|ENOTFOUND|ECONN|ETIMEDOUT|EAI_AGAIN|HTTP|status|checksum/i.test(line));
  let cause = (named ?? lines[0] ?? 'the installer gave no reason').replace(/[^\x20-\x7e]/g, '');
  if (cause.length > 300) cause = `${cause.slice(0, 300)}…`;
  // Node's fetch says only this when no connection could be made at all (its reason is not printed).
  return /fetch failed$/.test(cause) ? `${cause} (no connection: offline, blocked by a firewall or proxy, or the host is unreachable)` : cause;
}

export function missingElectronMessage(version: string, cause: string, env: NodeJS.ProcessEnv = process.env): string {
  const mirror = env['ELECTRON_MIRROR'] ? `ELECTRON_MIRROR=${env['ELECTRON_MIRROR']}` : 'GitHub (github.com/electron/electron/releases)';
  return [
    `Cannot start the app: Electron ${version}'s program files are not installed yet, and fetching them failed.`,
    `  Tried: ${mirror}`,
    `  Cause: ${cause}`,
    'What to do:',
    '  - Check that this machine can reach the internet, then run `npm start` again (the download, about',
    '    100 MB, happens once).',
    '  - Behind a firewall: set ELECTRON_MIRROR to a mirror you can reach (it must end with "/"), e.g.',
    '    ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start',
    '  - Behind a proxy: ELECTRON_GET_USE_PROXY=1 HTTPS_PROXY=http://proxy:port npm start',
    `  - Or set ELECTRON_EXEC_PATH to an Electron ${version} executable you already have.`,
    'The terminal client (`npm run cli`) and the tests (`npm test`) do not need Electron.',
  ].join('\n');
}

/** Runs install.js when needed. Resolves with the process exit code (0: ready to start). */
export async function ensureElectron(electronDir: string = ELECTRON_DIR, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (!existsSync(join(electronDir, 'install.js'))) {
    process.stderr.write('Cannot start the app: the electron package is not installed. Run `npm install` (or `npm ci`) first.\n');
    return 1;
  }
  const execPath = env['ELECTRON_EXEC_PATH'];
  if (execPath && !existsSync(execPath)) {
    process.stderr.write(`Cannot start the app: ELECTRON_EXEC_PATH is set to ${execPath}, which does not exist. Fix or unset it.\n`);
    return 1;
  }
  if (electronInstalled(electronDir, env)) return 0;
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string };
  process.stdout.write(`Fetching Electron ${version} (once, about 100 MB)…\n`);
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((done) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', (error) => done({ code: 1, stderr: error.message }));
    child.on('close', (exitCode) => done({ code: exitCode, stderr: err }));
  });
  if (code === 0 && electronInstalled(electronDir, env)) {
    process.stdout.write(`Electron ${version} is installed.\n`);
    return 0;
  }
  process.stderr.write(`${missingElectronMessage(version, failureCause(stderr), env)}\n`);
  return 1;
}

// Run as a script (npm's prestart/predev), not when a test imports it. An argument names another electron package
// folder (the tests use a copy, so they never download into or depend on the real one).
if (process.argv[1] !== undefined && resolve(process.argv[1]) === __filename) {
  void ensureElectron(process.argv[2] ? resolve(process.argv[2]) : ELECTRON_DIR).then((code) => process.exit(code));
}
