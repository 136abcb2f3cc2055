// Runs a Node CLI of the project (electron-vite, electron-builder) as a child process and collects its output,
// so a failure shows what the tool said.
import { spawn } from 'node:child_process';
import { PROJECT_DIR } from './builder-config';

export interface RunResult {
  code: number | null;
  output: string;
}

export function runNodeCli(script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: PROJECT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}
