// The exact text of recent inbound replies by uuid, so the terminal client can print a reply the original showed
// whole ("Unknown message" + its JSON) from what was received rather than from a re-assembled copy.

import { DEFAULT_MAX_PAYLOAD_BYTES } from '../oceanex/frame-limits';
import type { SessionLogger } from '../oceanex/session-api';

/** Replies are printed as they arrive; a few dozen kept is plenty even with many requests in flight. */
const KEPT = 64;
/**
 * And at most two of the largest frames' worth of text (32 Mi characters, ≤ 64 MB even as two-byte strings) in
 * all, whatever a peer sends: 64 hostile 16 MB frames would otherwise be ≈ 1 GB. The newest frame is always
 * kept (it is the one about to be printed), so the bound is this or one frame, whichever is larger.
 */
export const KEPT_CHARS = 2 * DEFAULT_MAX_PAYLOAD_BYTES;

export class RecentInbound {
  private readonly byUuid = new Map<string, string>();
  private chars = 0;

  /** Characters of frame text held now (for the bound's test). */
  get heldChars(): number {
    return this.chars;
  }

  /** A SessionLogger that forwards everything to `log` and remembers inbound frames that carry a uuid. */
  wrap(log: SessionLogger): SessionLogger {
    return {
      frame: (direction, text, uuid) => {
        log.frame(direction, text, uuid);
        if (direction !== 'in' || uuid === undefined) return;
        this.forget(uuid);
        this.byUuid.set(uuid, text);
        this.chars += text.length;
        while (this.byUuid.size > KEPT || (this.chars > KEPT_CHARS && this.byUuid.size > 1)) this.forget(this.byUuid.keys().next().value as string);
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
    this.forget(uuid);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  private forget(uuid: string): void {
    const text = this.byUuid.get(uuid);
    if (text === undefined) return;
    this.chars -= text.length;
    this.byUuid.delete(uuid);
  }
}
