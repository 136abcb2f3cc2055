// What an imported session file may hold, and the linear pre-scan that enforces it before anything is parsed:
// a file from a support case is outside text, so its size, nesting and frame count are bounded up front.

/** Big enough for a full export of the app's log (50 000 entries, up to 40 M characters of frames, escaped). */
export const MAX_SESSION_FILE_BYTES = 64 * 1024 * 1024;
export const MAX_SESSION_FRAMES = 200_000;
/** A frame longer than this is kept cut (the app's own log keeps 64 K characters per entry). */
export const MAX_FRAME_CHARS = 256 * 1024;
/** Nesting of the file's own structure (a Chrome HAR is about 6 deep) and of one frame's JSON. */
export const MAX_FILE_DEPTH = 64;
export const MAX_FRAME_DEPTH = 128;

export interface JsonShape {
  /** Deepest nesting of objects and arrays, outside strings. */
  readonly depth: number;
  /** Objects opened, outside strings. */
  readonly objects: number;
}

/** One pass over JSON text: nesting depth and object count, ignoring brackets inside strings. Never throws. */
export function jsonShape(text: string, stopAtDepth = Infinity): JsonShape {
  let depth = 0;
  let deepest = 0;
  let objects = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (c === 0x7b) objects++;
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stopAtDepth) break;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return { depth: deepest, objects };
}

/** Line breaks in `text` (NDJSON's frame count, before splitting). */
export function countLines(text: string): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

export function formatCount(n: number): string {
  // Groups of three digits from the right, without a look-ahead regex (lint: no super-linear patterns).
  const digits = String(n);
  let grouped = '';
  for (let end = digits.length; end > 0; end -= 3) grouped = digits.slice(Math.max(0, end - 3), end) + (grouped ? ` ${grouped}` : '');
  return grouped;
}
