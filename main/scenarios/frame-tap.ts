// The exact text of reply frames while a scenario runs in the app, so its assertions read the frame as received
// (every key the exchange sent), as in the terminal client. Off when no scenario runs: one boolean test per frame.
// Bounded: a few frames, each at most MAX_TAPPED_CHARS; anything else falls back to the frame rebuilt from the reply.

import type { SessionLogger } from '../oceanex/session-api';

/** Replies kept at once: the step's own, plus the few other requests (screens, watches) answered meanwhile. */
const KEPT = 8;
export const MAX_TAPPED_CHARS = 4 * 1024 * 1024;

export class FrameTap {
  private frames: Map<string, string> | undefined;
  private users = 0;

  /** A logger that forwards everything to `log` and, while open, keeps inbound frames that carry a uuid. */
  wrap(log: SessionLogger): SessionLogger {
    return {
      frame: (direction, text, uuid) => {
        log.frame(direction, text, uuid);
        const frames = this.frames;
        if (frames === undefined || direction !== 'in' || uuid === undefined || text.length > MAX_TAPPED_CHARS) return;
        frames.delete(uuid);
        frames.set(uuid, text);
        if (frames.size > KEPT) frames.delete(frames.keys().next().value as string);
      },
      debug: (message) => log.debug(message),
      info: (message) => log.info(message),
      warn: (message) => log.warn(message),
      error: (message) => log.error(message),
    };
  }

  /** Starts keeping frames; every open() needs its close(). */
  open(): void {
    this.users++;
    this.frames ??= new Map();
  }

  close(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users === 0) this.frames = undefined;
  }

  /** The parsed frame received with this uuid (and forgets it), or undefined. */
  take(uuid: string): unknown {
    const text = this.frames?.get(uuid);
    if (text === undefined) return undefined;
    this.frames!.delete(uuid);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  /** How many frames are kept now (tests). */
  get size(): number {
    return this.frames?.size ?? 0;
  }
}
