// What a crash costs the log: a child process logs frames and is killed (SIGKILL: no flush, no exit handler) after
// one batch was written by the timer and while the next is queued. Every written line is whole, every frame of the
// written batch is there, and what is lost is exactly the queued batch (README: "Where the log is").

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const CHILD = join(__dirname, 'app-log-crash-child.ts');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function runChild(args: string[]): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve(signal));
  });
}

describe('AppLog when the app crashes', () => {
  it('keeps every line of the batches already written, each whole; loses only the batch still queued', async () => {
    dir = mkdtempSync(join(tmpdir(), 'oceanex-log-crash-'));
    const file = join(dir, 'ws_client.log');
    expect(await runChild([file, '3000', '500'])).toBe('SIGKILL');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe(''); // the file ends with a whole line
    expect(lines).toHaveLength(3000);
    lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\] \\[info\\]  << \\{.*"data":\\{"n":${i}\\},"uuid":"u-${i}"\\}\\}$`)));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }, 30_000);
});
