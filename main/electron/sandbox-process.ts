// The built-in sandbox's process in the app: Electron's utilityProcess (a Node child that Electron manages and
// ends with the app) behind the same SandboxProcess interface the tests' fork launcher gives.

import { utilityProcess } from 'electron';
import { isFromSandbox, type SandboxLauncher } from '../sandbox/process/protocol';

/** `entry`: the built child (out/main/sandbox-child.js, electron-vite's second main entry). */
export function utilitySandboxLauncher(entry: string): SandboxLauncher {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'OceanEx WS Client sandbox', stdio: 'inherit' });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: unknown) => isFromSandbox(message) && listener(message)),
      onExit: (listener) => child.once('exit', (code: number) => listener(`exit code ${code}`)),
      kill: () => void child.kill(),
    };
  };
}
