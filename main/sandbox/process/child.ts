// The sandbox's own process: plain Node, started by main with child_process.fork (tests, the terminal client) or
// Electron's utilityProcess (the app). Whatever a client does to it — or a bug in it — ends at most this process;
// main notices, says so and starts it again, and the snapshot file gives it back its balances and orders.

import { startSandbox, type Sandbox } from '../index';
import type { FromSandbox, ToSandbox } from './protocol';

interface ParentChannel {
  send(message: FromSandbox): void;
  onMessage(listener: (message: ToSandbox) => void): void;
}

/** utilityProcess gives the child `process.parentPort`; fork gives it `process.send`. */
function parentChannel(): ParentChannel {
  const parentPort = (process as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (event: { data: unknown }) => void): void } }).parentPort;
  if (parentPort) return { send: (m) => parentPort.postMessage(m), onMessage: (l) => parentPort.on('message', (event) => l(event.data as ToSandbox)) };
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error('The sandbox process is started by the app (fork or utilityProcess), not directly.');
  // Without its parent there is nobody to serve: a fork's channel closing means main is gone.
  process.on('disconnect', () => process.exit(0));
  return { send: (m) => void send(m), onMessage: (l) => process.on('message', (m) => l(m as ToSandbox)) };
}

const parent = parentChannel();
let sandbox: Sandbox | undefined;

parent.onMessage((message) => {
  if (message.type === 'start' && sandbox === undefined) {
    startSandbox({ ...message.options, accounts: [...message.options.accounts], log: (line) => parent.send({ type: 'log', line }) }).then(
      (started) => {
        sandbox = started;
        parent.send({ type: 'ready', port: started.port });
      },
      (error: unknown) => {
        parent.send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
        setImmediate(() => process.exit(1));
      },
    );
  } else if (message.type === 'stop') {
    void (sandbox?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
