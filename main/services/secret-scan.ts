// Linear-time building blocks for finding secrets in text that a peer controls (frames, REST answers, error texts).
// A regular expression whose pieces can match the same characters in many ways (`[a-z.-]*token[a-z.-]*`, a lazy
// `[\s\S]*?` from every "-----BEGIN", `eyJ[\w-]*\.` from every "eyJ" of "-eyJ-eyJ-…") backtracks for each start
// over the rest of the text: quadratic or worse, seconds to hours on one 64 KiB frame. Here every pattern is used
// only where it cannot backtrack far, and each scan resumes past what it has already ruled out, so every character
// is looked at a bounded number of times.

/** One replacement decided for a match: the text from the match's start up to `end` becomes `replacement`. */
export interface Replacement {
  readonly end: number;
  readonly replacement: string;
}

/**
 * Replaces, left to right, what `decide` chooses at the matches of the global pattern `starts`. When `decide`
 * declines it may say where the search resumes (`resume`, default the next character); the matches of `starts`
 * themselves must not backtrack (a literal, or classes that cannot overlap what follows them).
 */
export function replaceEach(
  text: string,
  starts: RegExp,
  decide: (match: RegExpExecArray) => Replacement | { readonly resume: number } | undefined,
): string {
  let out = '';
  let copied = 0;
  let replaced = false;
  starts.lastIndex = 0;
  for (let match = starts.exec(text); match !== null; match = starts.exec(text)) {
    const verdict = decide(match);
    if (verdict !== undefined && 'replacement' in verdict) {
      out += text.slice(copied, match.index) + verdict.replacement;
      copied = verdict.end;
      replaced = true;
      starts.lastIndex = Math.max(verdict.end, match.index + 1);
    } else {
      starts.lastIndex = Math.max(verdict?.resume ?? match.index + 1, match.index + 1);
    }
  }
  return replaced ? out + text.slice(copied) : text;
}

/** The end of the run of characters matched by the sticky, star-quantified `run` that starts at `from`. */
export function runEnd(text: string, run: RegExp, from: number): number {
  run.lastIndex = from;
  return run.test(text) ? run.lastIndex : from;
}

const BASE64URL_RUN = /[A-Za-z0-9_-]*/y;

/**
 * Replaces JWT-shaped text (`eyJ<head>.<payload>.<signature>`, base64url parts) with `replacement`.
 * `wordStart`: only where "eyJ" starts a word (\b); `minHead`/`minPayload`: the least characters after "eyJ" and
 * in the payload. A failed candidate rules out every other "eyJ" in the same run: they share its ends.
 */
export function replaceJwts(text: string, replacement: string, options: { wordStart: boolean; minHead: number; minPayload: number }): string {
  return replaceEach(text, options.wordStart ? /\beyJ/g : /eyJ/g, (match) => {
    const headEnd = runEnd(text, BASE64URL_RUN, match.index + 3);
    if (headEnd - match.index - 3 < options.minHead || text[headEnd] !== '.') return { resume: headEnd };
    const payloadEnd = runEnd(text, BASE64URL_RUN, headEnd + 1);
    if (payloadEnd - headEnd - 1 < options.minPayload || text[payloadEnd] !== '.') return { resume: headEnd + 1 };
    return { end: runEnd(text, BASE64URL_RUN, payloadEnd + 1), replacement };
  });
}

/** A PEM header line's start: "-----BEGIN RSA PRIVATE KEY-----". The label cannot hold "-", so no backtracking. */
export const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]+-----/g;
const PEM_END = /-----END [A-Z0-9 ]+-----/y;

/**
 * Finds the first "-----END …-----" line (any label, or exactly `label`'s) at or after a position. Positions are
 * asked in any order, but a search's outcome is remembered, so the text is searched about once in all.
 */
export class PemEndFinder {
  private searchedFrom = Number.POSITIVE_INFINITY;
  /** The first END line at or after `searchedFrom` (its start and end), or undefined for none up to the text's end. */
  private found: { readonly start: number; readonly end: number } | undefined;

  constructor(
    private readonly text: string,
    private readonly label?: string,
  ) {}

  /** The end of the first END line starting at or after `from`, or -1 when there is none. */
  endAfter(from: number): number {
    if (!(from >= this.searchedFrom && (this.found === undefined || this.found.start >= from))) this.search(from);
    return this.found?.end ?? -1;
  }

  private search(from: number): void {
    this.searchedFrom = from;
    this.found = undefined;
    if (this.label !== undefined) {
      const line = `-----END ${this.label}-----`;
      const start = this.text.indexOf(line, from);
      if (start !== -1) this.found = { start, end: start + line.length };
      return;
    }
    for (let at = this.text.indexOf('-----END ', from); at !== -1; at = this.text.indexOf('-----END ', at + 1)) {
      PEM_END.lastIndex = at;
      if (PEM_END.test(this.text)) {
        this.found = { start: at, end: PEM_END.lastIndex };
        return;
      }
    }
  }
}
