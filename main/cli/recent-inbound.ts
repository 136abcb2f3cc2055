// The exact text of recent inbound replies by uuid, so the terminal client can print a reply the original showed
// whole ("Unknown message" + its JSON) from what was received rather than from a re-assembled copy.

import type { SessionLogger } from '../oceanex/session-api';

/** Replies are printed as they arrive; a few dozen kept is plenty even with many requests in flight. */
const KEPT = 64;

export class RecentInbound {
  private readonly byUuid = new Map<string, string>();

  /** A SessionLogger that forwards everything to `log` and remembers inbound frames that carry a uuid. */
  wrap(log: SessionLogger): SessionLogger {
    return {
      frame: (direction, text, uuid) => {
        log.frame(direction, text, uuid);
        if (direction !== 'in' || uuid === undefined) return;
        this.byUuid.delete(uuid);
        this.byUuid.set(uuid, text);
        if (this.byUuid.size > KEPT) this.byUuid.delete(this.byUuid.keys().next().value as string);
      },
      debug: (message) => log.debug(message),
      info: (message) => log.info(message),
      warn: (message) => log.warn(message),
      error: (message) => log.error(message),
    };
  }

  /** The parsed frame received with this uuid (and forgets it), or undefined. */
  take(uuid: string | undefined): unknown {
    if (uuid === undefined) return undefined;
    const text = this.byUuid.get(uuid);
    this.byUuid.delete(uuid);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }
}
