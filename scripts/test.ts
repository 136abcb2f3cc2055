// `npm test`: every test, with one command on every machine. The keychain tests need a real Secret Service; on a
// headless Linux box (no D-Bus session) with dbus-run-session and gnome-keyring-daemon installed, this runs vitest
// inside a private D-Bus session with a gnome-keyring that keeps its keyrings in a throwaway folder, unlocked with
// a throwaway password — so an existing login.keyring (with another password) can neither prompt nor be touched.
// Elsewhere (a desktop session, macOS, Windows) vitest runs as is, against the user's own keychain;
// OCEANEX_PRIVATE_KEYRING=1 asks for the private one on Linux even inside a D-Bus session.
// Arguments are passed to `vitest run` (`npm test -- test/cli`).

import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const VITEST = resolve(__dirname, '..', 'node_modules', 'vitest', 'vitest.mjs');
const PASSWORD_ENV = 'OCEANEX_TEST_KEYRING_PASSWORD';

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export type KeyringPlan =
  | { readonly private: true; readonly why: string }
  | { readonly private: false; readonly note?: string };

/** Whether to give vitest a private Secret Service, and why (or what is missing for one). */
export function keyringPlan(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, has: (command: string) => boolean): KeyringPlan {
  if (platform !== 'linux' || env['OCEANEX_SKIP_KEYCHAIN'] === '1') return { private: false };
  const forced = env['OCEANEX_PRIVATE_KEYRING'] === '1';
  if (env['DBUS_SESSION_BUS_ADDRESS'] && !forced) return { private: false }; // a desktop (or a wrapper) provides one
  if (!has('dbus-run-session') || !has('gnome-keyring-daemon')) {
    return {
      private: false,
      note:
        'no D-Bus session and no dbus-run-session/gnome-keyring-daemon to make a private one; the keychain tests ' +
        'will say what is missing (apt-get install gnome-keyring dbus-x11, or OCEANEX_SKIP_KEYCHAIN=1)',
    };
  }
  return { private: true, why: forced ? 'OCEANEX_PRIVATE_KEYRING=1' : 'no D-Bus session' };
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
    process.on('SIGINT', forward).on('SIGTERM', forward);
    child.on('error', (error) => {
      process.stderr.write(`npm test: could not start ${command}: ${error.message}\n`);
      done(1);
    });
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward).off('SIGTERM', forward);
      done(code ?? (signal ? 1 : 0));
    });
  });
}

async function main(args: readonly string[]): Promise<number> {
  const vitest = [VITEST, 'run', ...args];
  const plan = keyringPlan(process.env, process.platform, onPath);
  if (!plan.private) {
    if (plan.note !== undefined) process.stderr.write(`npm test: ${plan.note}.\n`);
    return run(process.execPath, vitest, process.env);
  }

  const keyringHome = mkdtempSync(join(tmpdir(), 'oceanex-test-keyring-'));
  process.stderr.write(`npm test: ${plan.why}; using a private Secret Service (gnome-keyring, keyrings in ${keyringHome}).\n`);
  // The password travels in the environment, not on a command line other processes can read.
  const inner = `printf %s "$${PASSWORD_ENV}" | gnome-keyring-daemon --unlock --components=secrets >/dev/null && unset ${PASSWORD_ENV} && exec "$@"`;
  const env = { ...process.env, XDG_DATA_HOME: keyringHome, [PASSWORD_ENV]: randomBytes(16).toString('hex') };
  try {
    return await run('dbus-run-session', ['--', 'sh', '-c', inner, 'sh', process.execPath, ...vitest], env);
  } finally {
    rmSync(keyringHome, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === __filename) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
