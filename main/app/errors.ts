// Turning any failure into one sentence a person can act on, without ever leaking key material.

import { clipText } from '../../shared/plain-text';
import { PEM_BEGIN, PemEndFinder, replaceEach, replaceJwts, runEnd } from '../services/secret-scan';

/** An error whose message is written for the person using the app; handlers pass it through unchanged. */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}

/** Errors from our own services whose messages are already written for people (matched by name: no imports needed). */
const USER_FACING_NAMES = new Set(['UserFacingError', 'KeyError', 'SettingsError', 'SessionError', 'KeychainUnavailableError', 'SessionFileError']);

/** Longest message handed to the UI; errors may quote what was typed, and that can be anything. */
export const MAX_MESSAGE = 500;

/** Defence in depth: whatever an error says, key blocks, JWTs and long base64 runs (signatures) never pass. */
export function scrubSecrets(text: string): string {
  return replaceJwts(removeKeyBlocks(text), '[token removed]', { wordStart: false, minHead: 4, minPayload: 4 })
    .replace(/[A-Za-z0-9+/]{80,}={0,2}/g, '[data removed]'); // linear: a run shorter than 80 is tried at most 79 times
}

/**
 * A PEM header is key material only when data follows it (base64, after optional Proc-Type/DEK-Info lines): a
 * message that merely names the header ("Expected text starting with -----BEGIN …") stays readable. The block is
 * removed up to its END line, or to the end of the text when it was cut off.
 */
function removeKeyBlocks(text: string): string {
  if (!text.includes('-----BEGIN ')) return text;
  const ends = new PemEndFinder(text);
  const material = new KeyMaterialCheck(text);
  return replaceEach(text, PEM_BEGIN, (match) => {
    const headerEnd = match.index + match[0].length;
    if (!material.follows(headerEnd)) return undefined;
    const end = ends.endAfter(headerEnd);
    return { end: end === -1 ? text.length : end, replacement: '[key material removed]' };
  });
}

const WHITESPACE = /\s*/y;
const BASE64_16 = /[A-Za-z0-9+/=]{16}/y;
const HEADER_NAME = /[A-Za-z-]+:/y;
/** The first place where 16 base64 characters start, or the line ends. */
const BASE64_16_OR_NEWLINE = /[A-Za-z0-9+/=]{16}|\n/g;

/**
 * Does base64 follow a PEM header, after optional "Name: value" lines (anywhere after a header line's colon, or at
 * the start of a following line)? Answers are remembered per line start and per line, so many headers in one
 * text (a hostile "-----BEGIN A-----a:-----BEGIN A-----a:…") cost one pass, not one pass each.
 */
class KeyMaterialCheck {
  private readonly noMaterialFrom = new Set<number>();
  /** Places known to be a hit (sorted), each with the earliest place from which it is the first hit. */
  private readonly hits: number[] = [];
  private readonly firstHitFrom = new Map<number, number>();
  /** No hit from here to the end of the text. */
  private noHitFrom = Number.POSITIVE_INFINITY;

  constructor(private readonly text: string) {}

  follows(afterHeader: number): boolean {
    const visited: number[] = [];
    for (let at = afterHeader; ; ) {
      at = runEnd(this.text, WHITESPACE, at);
      if (this.noMaterialFrom.has(at)) break;
      visited.push(at);
      BASE64_16.lastIndex = at;
      if (BASE64_16.test(this.text)) return true;
      const valueStart = runEnd(this.text, HEADER_NAME, at);
      if (valueStart === at) break; // neither base64 nor a header line
      const hit = this.firstHit(valueStart);
      if (hit === -1) break;
      if (this.text[hit] !== '\n') return true;
      at = hit;
    }
    for (const at of visited) this.noMaterialFrom.add(at);
    return false;
  }

  /** The first base64 run or line end at or after `from` (-1: none), searching each stretch of text once. */
  private firstHit(from: number): number {
    if (from >= this.noHitFrom) return -1;
    const known = this.hits[firstAtOrAfter(this.hits, from)];
    if (known !== undefined && (this.firstHitFrom.get(known) as number) <= from) return known;
    BASE64_16_OR_NEWLINE.lastIndex = from;
    const found = BASE64_16_OR_NEWLINE.exec(this.text);
    if (found === null) {
      this.noHitFrom = from;
      return -1;
    }
    const hit = found.index;
    if (!this.firstHitFrom.has(hit)) this.hits.splice(firstAtOrAfter(this.hits, hit), 0, hit);
    this.firstHitFrom.set(hit, Math.min(from, this.firstHitFrom.get(hit) ?? from));
    return hit;
  }
}

/** The index of the first element ≥ `value` in the ascending `sorted` (its length when there is none). */
function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function userMessage(error: unknown): string {
  if (error instanceof Error) {
    const text = USER_FACING_NAMES.has(error.name) ? error.message : `Unexpected error: ${error.message}`;
    return clip(scrubSecrets(text));
  }
  return clip(scrubSecrets(`Unexpected error: ${String(error)}`));
}

/** Cuts `text` to at most `max` characters (plus "…") without splitting a surrogate pair. */
export function clip(text: string, max = MAX_MESSAGE): string {
  return clipText(text, max);
}
