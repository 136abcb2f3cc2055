// The main process's last line of defence: a real Node process with the guards keeps running after an uncaught
// exception and unhandled rejections, and says what happened in plain words (secrets removed); a loop of
// failures is reported at most MAX_REPORTS_PER_MINUTE times a minute.

import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installProcessGuards, MAX_REPORTS_PER_MINUTE, type GuardedProcess } from '../../main/electron/process-guard';

describe('process guards', () => {
  it('a real process keeps running after an uncaught exception and unhandled rejections, and says so plainly', async () => {
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['--import', 'tsx', join(__dirname, 'process-guard-child.ts')], { timeout: 30_000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
      );
    });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { report?: string; alive?: boolean });
    expect(lines.at(-1)).toEqual({ alive: true });
    const reports = lines.flatMap((l) => (l.report ? [l.report] : []));
    expect(reports).toHaveLength(3);
    expect(reports[0]).toMatch(/^Unexpected error in the main process \(the app keeps running; please report it\): Error: boom from a timer\n\s+at /);
    expect(reports[1]).toMatch(/^Unexpected promise rejection in the main process .*: Error: rejected with user_jwt=\[token removed\]/);
    expect(reports[1]).not.toContain('c2lnbmF0dXJl');
    expect(reports[2]).toMatch(/: a plain string$/);
  });

  it(`reports at most ${MAX_REPORTS_PER_MINUTE} a minute, then how many it left out`, () => {
    const target = new EventEmitter() as EventEmitter & GuardedProcess;
    let t = 0;
    const reports: string[] = [];
    const remove = installProcessGuards(target, (m) => reports.push(m), () => t);
    for (let i = 0; i < 100; i += 1) target.emit('uncaughtException', new Error(`e${i}`));
    expect(reports).toHaveLength(MAX_REPORTS_PER_MINUTE);
    t = 60_000;
    target.emit('unhandledRejection', new Error('later'));
    expect(reports.slice(-2)).toEqual([`${100 - MAX_REPORTS_PER_MINUTE} more unexpected error(s) in the main process were not written out in the last minute.`, expect.stringContaining('Error: later')]);
    remove();
    expect(target.listenerCount('uncaughtException')).toBe(0);
    expect(target.listenerCount('unhandledRejection')).toBe(0);
  });

  it('a report that throws is swallowed, not re-thrown from the handler', () => {
    const target = new EventEmitter() as EventEmitter & GuardedProcess;
    installProcessGuards(target, () => {
      throw new Error('log is closed');
    });
    expect(() => target.emit('uncaughtException', new Error('x'))).not.toThrow();
  });
});
