// The last line of defence of the main process, which holds the key and the session: an exception nothing caught
// or a promise rejection nothing handled is logged in plain words and the app keeps running (Node's default is to
// end the process, taking the window, the session and any order in flight with it). No known path reaches these
// handlers — every peer-facing error is handled where it happens (test/chaos/) — so a report here is a bug to fix.
// Plain Node (no Electron import), so the terminal client and tests use it as the app does.

import { scrubSecrets } from '../app/errors';
import { clipText } from '../../shared/plain-text';

/** The part of `process` the guard needs (a stand-in in tests). */
export interface GuardedProcess {
  on(event: 'uncaughtException', listener: (error: unknown) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/** Reports written per minute at most: a failure in a loop must not flood the log. */
export const MAX_REPORTS_PER_MINUTE = 20;
const MAX_REPORT_CHARS = 2_000;

function describe(kind: string, error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}` : ''}` : String(error);
  return clipText(scrubSecrets(`Unexpected ${kind} in the main process (the app keeps running; please report it): ${text}`), MAX_REPORT_CHARS);
}

/**
 * Installs the handlers; `report` gets one plain message per failure (the app's log, a notice). Returns a function
 * that removes them. `now` is injectable for tests of the rate limit.
 */
export function installProcessGuards(target: GuardedProcess, report: (message: string) => void, now: () => number = Date.now): () => void {
  let windowStart = now();
  let reported = 0;
  let suppressed = 0;
  const handle = (kind: string) => (error: unknown) => {
    try {
      if (now() - windowStart >= 60_000) {
        if (suppressed > 0) report(`${suppressed} more unexpected error(s) in the main process were not written out in the last minute.`);
        windowStart = now();
        reported = 0;
        suppressed = 0;
      }
      if (reported >= MAX_REPORTS_PER_MINUTE) {
        suppressed += 1;
        return;
      }
      reported += 1;
      report(describe(kind, error));
    } catch {
      // Reporting must never throw from here: that would end the process after all.
    }
  };
  const onException = handle('error');
  const onRejection = handle('promise rejection');
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
