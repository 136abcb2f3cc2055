// A request's result as the session resolves it. Each pending request keeps only the text it wrote (one flat
// string, nothing for the garbage collector to trace), not the frame object it was built from: a burst of
// thousands of requests otherwise keeps thousands of small object graphs alive in the young generation, which every
// scavenge during the replies copies (the frame object measured ≈ 1 µs of GC per reply). The frame is read back
// from that text when asked for (scenarios, history), which is also exactly what went out.

import type { Reply, RequestFrame } from '../../shared/oceanex/messages';
import type { RequestResult } from './session-api';

export class SentRequestResult implements RequestResult {
  private parsedFrame: RequestFrame | undefined;

  constructor(
    readonly uuid: string,
    /** Byte-exact: the very string the session wrote to the socket. */
    readonly sentText: string,
    readonly reply: Reply,
    readonly rttMs: number,
    readonly replyText: string,
  ) {}

  /** The sent frame, parsed from the sent text on first read (the session wrote JSON.stringify(frame)). */
  get frame(): RequestFrame {
    this.parsedFrame ??= sentFrame(this.sentText);
    return this.parsedFrame;
  }
}

/** The frame a request's sent text holds (the session only ever writes JSON.stringify of a RequestFrame). */
export function sentFrame(text: string): RequestFrame {
  return JSON.parse(text) as RequestFrame;
}
