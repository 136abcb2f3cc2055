// A request's result as the session resolves it. The sent text is derived when read, not kept per request: a
// burst of requests would otherwise hold every frame twice (object and text) until its reply, and most results
// (watches, scripts, the terminal client) never show it.

import type { Reply, RequestFrame } from '../../shared/oceanex/messages';
import type { RequestResult } from './session-api';

export class SentRequestResult implements RequestResult {
  constructor(
    readonly uuid: string,
    readonly frame: RequestFrame,
    readonly reply: Reply,
    readonly rttMs: number,
    readonly replyText: string,
  ) {}

  /** Byte-exact: the session wrote JSON.stringify(frame), and a sent frame is never changed (readonly throughout). */
  get sentText(): string {
    return JSON.stringify(this.frame);
  }
}
