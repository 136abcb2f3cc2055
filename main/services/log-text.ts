// Shaping text for the log: a cap per entry (keep the head, say how much was cut) and escaping of control
// characters so that one entry is always exactly one line of ws_client.log — a server cannot forge a line.

/** Longest entry text kept in the ring, the file and the UI's batches (characters). */
export const DEFAULT_MAX_ENTRY_CHARS = 64 * 1024;

/**
 * The head of `text` with "[… N bytes cut]" (N in UTF-8 bytes) when it is longer than `maxChars`. The head is
 * copied out: a slice would keep the whole (possibly 16 MB) original alive for as long as the entry lives.
 */
export function capText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = Buffer.from(text.slice(0, maxChars), 'utf8').toString('utf8');
  const cut = Buffer.byteLength(text, 'utf8') - Buffer.byteLength(head, 'utf8');
  return `${head}[… ${cut} bytes cut]`;
}

/** Any control character (C0, DEL, C1) or Unicode line/paragraph separator, line breaks included. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** The same without "\n", for a chunk of lines joined by "\n" (the joins are counted separately). */
const CONTROL_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control character written as an escape ("\n", "\r", "\t", "\u001b"): one line. */
export function escapeControls(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROL_ALL, escapeOne) : text;
}

/** Every control character an ASCII text can hold, except "\n": C0 and DEL, one string each. */
const ASCII_CONTROLS_BUT_NEWLINE = [...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => c !== 0x0a), 0x7f].map((c) => String.fromCharCode(c));

/**
 * True when `chunk`, made of `lines` lines joined by "\n", holds a control character of its own (one scan of the
 * chunk plus one native search per join, instead of a scan per line).
 *
 * The scan is the log's hot path (every frame passes through it). A regular-expression character class costs
 * ≈ 0.9 ns per character; instead, a chunk whose UTF-8 length equals its length is ASCII (no C1 controls, no
 * U+2028/U+2029: both are non-ASCII) and is searched for its 32 possible control characters one at a time, each
 * search a native memchr (≈ 0.5 ns per character in all). Other chunks take the regular expression.
 */
export function chunkHasControls(chunk: string, lines: number): boolean {
  if (Buffer.byteLength(chunk, 'utf8') === chunk.length) {
    for (const c of ASCII_CONTROLS_BUT_NEWLINE) if (chunk.includes(c)) return true;
  } else if (CONTROL_BUT_NEWLINE.test(chunk)) {
    return true;
  }
  let at = -1;
  for (let joins = 0; joins < lines; joins += 1) {
    at = chunk.indexOf('\n', at + 1);
    if (at === -1) return false;
  }
  return true; // a "\n" beyond the lines - 1 joins
}
