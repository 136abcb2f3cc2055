// Limits on what a server may send: the largest frame the socket accepts, and how deeply a reply may nest.
// Pure functions; the session applies them before anything is parsed, logged or handed to the app.

/** Largest frame accepted (ws `maxPayload`): the largest real reply (1000 orders of history ≈ 0.5 MB) with room. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

/**
 * Deepest nesting of arrays/objects accepted in a reply. Real replies nest 4–5 levels. Much deeper values (10 000+)
 * overflow the stack of recursive code downstream (IPC's structured clone, JSON.stringify), so they are refused
 * here. 1000 also means a reply under 2000 characters (most of them) needs no scan.
 */
export const MAX_JSON_DEPTH = 1000;

const OPEN_BRACE = 0x7b; // {
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACE = 0x7d; // }
const CLOSE_BRACKET = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * True when JSON `text` nests arrays/objects deeper than `maxDepth` (brackets inside strings do not count).
 * Nesting d levels takes at least 2·d characters, so shorter texts (almost every reply) are not scanned at all.
 */
export function jsonDeeperThan(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  if (text.length <= 2 * maxDepth) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i += 1;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return false;
}

/** A byte count for messages: "16 MB", "1.5 kB", "200 bytes". */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} kB`;
  return `${bytes} bytes`;
}

/** What a refused frame looks like in 'malformed' events and warnings: its first 500 characters. */
export function frameHead(text: string): string {
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
