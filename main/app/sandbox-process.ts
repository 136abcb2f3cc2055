// The app's built-in sandbox in its own process: started under a supervisor that restarts it after any death,
// and whose changes of phase the person hears about (a notice) and the log keeps. Its state lives in userData.

import type { ChildSandboxOptions, SandboxLauncher } from '../sandbox/process/protocol';
import { SandboxSupervisor, type SandboxPhase } from '../sandbox/process/supervisor';
import type { AppLog } from '../services/app-log';
import type { Emit } from './app-context';

/** Balances, orders and trades of the built-in sandbox, kept across its restarts and the app's. */
export const SANDBOX_STATE_FILE = 'sandbox-state.json';

/** What the person reads when the sandbox's process changes phase (undefined: nothing worth a notice). */
export function phaseNotice(phase: SandboxPhase, restarted: boolean, where: string): { level: 'info' | 'warn'; message: string } | undefined {
  if (phase.phase === 'restarting') {
    return {
      level: 'warn',
      message: `The built-in sandbox (${where}) stopped: ${phase.reason}. Starting it again in ${(phase.inMs / 1000).toFixed(1)} s (attempt ${phase.attempt}); its balances and orders are kept.`,
    };
  }
  if (phase.phase === 'running' && restarted) return { level: 'info', message: 'The built-in sandbox is running again with its balances and orders; the session reconnects by itself.' };
  return undefined;
}

/** Starts the supervised sandbox process; resolves once it serves (rejects, with the reason, if it cannot). */
export async function startSandboxProcess(launch: SandboxLauncher, options: ChildSandboxOptions, log: AppLog, emit: Emit): Promise<SandboxSupervisor> {
  let restarted = false;
  const supervisor: SandboxSupervisor = new SandboxSupervisor({
    launch,
    options,
    // Its own per-request lines go to the debug level; its deaths and restarts are worth a warning.
    log: (line) => (line.startsWith('sandbox: ') ? log.debug(line) : line.startsWith('the sandbox process ended') ? log.warn(line) : log.info(line)),
    onPhase: (phase) => {
      const notice = phaseNotice(phase, restarted, `127.0.0.1:${supervisor.port}`);
      if (notice) emit('event:notice', notice);
      if (phase.phase === 'restarting') restarted = true;
      if (phase.phase === 'running') restarted = false;
    },
  });
  await supervisor.start();
  return supervisor;
}
