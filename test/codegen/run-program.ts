// Runs a generated program the way its user would: Python with the system's websocket-client and cryptography,
// Node as an ES module next to a node_modules that resolves `ws` (the project's own).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CodeLanguage } from '../../shared/codegen/index';

/** Debian's python3 carries python3-websocket and python3-cryptography (a pyenv shim on PATH may not). */
export const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const REPO_ROOT = resolve(__dirname, '../..');
/** Guards against a hung child only. */
const WAIT_LIMIT_MS = 20_000;

export interface ProgramRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export class ProgramDir {
  readonly path = mkdtempSync(join(tmpdir(), 'oceanex-codegen-'));
  constructor() {
    mkdirSync(join(this.path, 'node_modules'));
    symlinkSync(join(REPO_ROOT, 'node_modules', 'ws'), join(this.path, 'node_modules', 'ws'), 'dir');
  }
  write(name: string, text: string): string {
    const file = join(this.path, name);
    writeFileSync(file, text, { mode: 0o600 });
    return file;
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

let count = 0;

export function runProgram(dir: ProgramDir, language: CodeLanguage, source: string, env: Readonly<Record<string, string>>): Promise<ProgramRun> {
  count += 1;
  const file = dir.write(language === 'python' ? `program${count}.py` : `program${count}.mjs`, source);
  const child = spawn(language === 'python' ? PYTHON : process.execPath, [file], {
    cwd: dir.path,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the ${language} program did not finish within ${WAIT_LIMIT_MS} ms; stderr: ${stderr}`));
    }, WAIT_LIMIT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
