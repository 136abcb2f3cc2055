// The built-in sandbox as the person manages it: "Reset sandbox" in Settings forgets its balances, orders and
// trades, after main's native question. Channel: sandbox:reset.

import type { AppContext } from './app-context';
import { DECLINED } from './confirmation';
import { UserFacingError } from './errors';
import { resetSandboxQuestion } from './questions';
import { SandboxSupervisor } from '../sandbox/process/supervisor';

export class SandboxService {
  constructor(private readonly ctx: AppContext) {}

  /** Asks the person, then restarts the sandbox's process without its saved state. Returns what was done. */
  async reset(): Promise<string> {
    const { ctx } = this;
    ctx.assertOpen();
    const sandbox = ctx.sandbox;
    if (!(sandbox instanceof SandboxSupervisor) || sandbox.stateFile === undefined) {
      throw new UserFacingError('The built-in sandbox keeps no saved state in this run (it starts afresh each time), so there is nothing to reset.');
    }
    const stateFile = sandbox.stateFile;
    const yes = await ctx.gate.ask(async () => resetSandboxQuestion(stateFile), ctx.activeProfile().id, false);
    if (!yes) throw new UserFacingError(`${DECLINED} The sandbox keeps its balances and orders.`);
    ctx.log.info('Sandbox reset asked and confirmed');
    await sandbox.reset();
    return 'The built-in sandbox was reset: starting balances, no orders. The session reconnects by itself.';
  }
}
