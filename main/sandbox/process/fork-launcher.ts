// Starts the sandbox's process with child_process.fork (tests and the terminal client; the app uses
// main/electron/sandbox-process.ts). From TypeScript sources the child runs under tsx, like `npm run sandbox`.

import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isFromSandbox, type SandboxLauncher } from './protocol';

export function forkSandboxLauncher(): SandboxLauncher {
  const built = join(__dirname, 'child.js');
  const entry = existsSync(built) ? built : join(__dirname, 'child.ts');
  const execArgv = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  return () => {
    const child = fork(entry, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
    return {
      pid: child.pid,
      send: (message) => {
        if (child.connected) child.send(message);
      },
      onMessage: (listener) => child.on('message', (m) => isFromSandbox(m) && listener(m)),
      onExit: (listener) => {
        let told = false;
        const tell = (how: string): void => {
          if (!told) listener(how);
          told = true;
        };
        child.once('exit', (code, signal) => tell(signal ? `signal ${signal}` : `exit code ${code ?? '?'}`));
        child.on('error', (error) => tell(`it could not run (${error.message})`)); // a spawn failure has no exit
      },
      kill: () => void child.kill('SIGKILL'),
    };
  };
}
