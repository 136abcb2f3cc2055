// Where the desktop app keeps its data and logs, computed in plain Node so the terminal client can find the
// app's settings, imported key and log folder without loading Electron. Mirrors Electron's app.getPath rules.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { LOG_FILE_NAME, PRODUCT_NAME, USER_DATA_ENV } from '../../shared/constants';


export interface PathEnvironment {
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  readonly home: string;
}

const current = (): PathEnvironment => ({ env: process.env, platform: process.platform, home: homedir() });

/** Electron's app.getPath('appData'). */
function appDataDir({ env, platform, home }: PathEnvironment): string {
  if (platform === 'win32') return env['APPDATA'] || join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  return env['XDG_CONFIG_HOME'] || join(home, '.config');
}

/** Electron's app.getPath('userData'), or OCEANEX_USER_DATA when set. */
export function userDataDir(environment: PathEnvironment = current()): string {
  const override = environment.env[USER_DATA_ENV];
  if (override) return override;
  return join(appDataDir(environment), PRODUCT_NAME);
}

/** Electron's app.getPath('logs'); with OCEANEX_USER_DATA set, `<userData>/logs` on every platform. */
export function logsDir(environment: PathEnvironment = current()): string {
  if (environment.platform === 'darwin' && !environment.env[USER_DATA_ENV]) {
    return join(environment.home, 'Library', 'Logs', PRODUCT_NAME);
  }
  return join(userDataDir(environment), 'logs');
}

/** The app's `ws_client.log`, which the terminal client appends to unless --log-file says otherwise. */
export function defaultLogFile(environment: PathEnvironment = current()): string {
  return join(logsDir(environment), LOG_FILE_NAME);
}
