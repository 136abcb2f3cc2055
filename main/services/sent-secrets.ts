// The secrets this app has sent, so that a server echoing one back (an error quoting the request, a test server
// that mirrors frames) cannot put it into the log.
//
// Only outbound frames and the app's own messages can carry a secret the app holds: the login signature is made
// here, the private key and the REST user_jwt never go over the websocket, and OceanEx's replies hold no secret.
// So the redaction rules (redact.ts) run on those, and inbound frames — nearly all of the log's bytes — are only
// searched for the exact values the rules removed from outbound frames: a native substring search per write chunk
// (Boyer–Moore–Horspool over a 344-character signature: a fraction of a nanosecond per byte) instead of a
// word scan of every received character.

import { REDACTED } from './redact';

/** A removed value shorter than this is not remembered (a short value would redact ordinary words). */
const MIN_SECRET_CHARS = 12;
/** The most recent values remembered: one login per connection; a reconnect storm makes new ones. */
const MAX_SECRETS = 16;

export class SentSecrets {
  private values: string[] = [];
  private bytes: Buffer[] = [];

  get size(): number {
    return this.values.length;
  }

  /** Remembers the values the rules took out of `original` to make `redacted`. */
  learn(original: string, redacted: string): void {
    for (const value of removedValues(original, redacted)) {
      if (value.length < MIN_SECRET_CHARS || this.values.includes(value)) continue;
      this.values.push(value);
      this.bytes.push(Buffer.from(value, 'utf8'));
      if (this.values.length > MAX_SECRETS) {
        this.values.shift();
        this.bytes.shift();
      }
    }
  }

  /** True when `bytes` (UTF-8 text) holds a remembered value. */
  foundIn(bytes: Buffer): boolean {
    for (const secret of this.bytes) if (bytes.includes(secret)) return true;
    return false;
  }

  /** `text` with every remembered value replaced by "[REDACTED]". */
  redact(text: string): string {
    let result = text;
    for (const secret of this.values) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  }
}

/**
 * The substrings of `original` that became "[REDACTED]" in `redacted`. The rules only replace substrings, so
 * `redacted` is `original` with some pieces cut out: the text between two "[REDACTED]" marks is found again in
 * `original`, and what lies between the finds was removed. An original that itself holds the mark is skipped.
 */
export function removedValues(original: string, redacted: string): string[] {
  if (redacted === original || original.includes(REDACTED)) return [];
  const kept = redacted.split(REDACTED);
  const last = kept[kept.length - 1]!;
  if (!original.startsWith(kept[0]!) || !original.endsWith(last)) return [];
  const removed: string[] = [];
  let at = kept[0]!.length;
  for (let i = 1; i < kept.length; i += 1) {
    const next = i === kept.length - 1 ? original.length - last.length : original.indexOf(kept[i]!, at);
    if (next < at) return removed;
    removed.push(original.slice(at, next));
    at = next + kept[i]!.length;
  }
  return removed;
}
