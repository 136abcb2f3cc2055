// Shaping text for the log: a cap per entry (keep the head, say how much was cut) and escaping of control
// characters so that one entry is always exactly one line of ws_client.log — a server cannot forge a line.

import { isAscii } from 'node:buffer';

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
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every control character written as an escape ("\n", "\r", "\t", "\u001b"): one line. */
export function escapeControls(text: string): string {
  return CONTROL.test(text) ? text.replace(CONTROL_ALL, escapeOne) : text;
}

/** Every control byte of UTF-8 text except "\n": C0 and DEL. */
const CONTROL_BYTES_BUT_NEWLINE = [...Array.from({ length: 0x20 }, (_, c) => c).filter((c) => c !== 0x0a), 0x7f];
const LINE_SEPARATOR = Buffer.from('\u2028', 'utf8');
const PARAGRAPH_SEPARATOR = Buffer.from('\u2029', 'utf8');

/**
 * True when `lines` lines of UTF-8 text, each ending in "\n", hold a control character of their own (what
 * escapeControls escapes). The log's hot path: every byte it writes passes here, so it uses only native searches
 * (memchr, ≈ 0.25 ns per byte in all; a regular-expression character class costs ≈ 0.9 ns per character): one
 * search per control byte, then one per line break, which must be exactly the `lines` line ends. Non-ASCII text
 * can also hold C1 controls (UTF-8 C2 80–C2 9F) and U+2028/U+2029: searched for only when the bytes are not ASCII.
 */
export function linesHaveControls(bytes: Buffer, lines: number): boolean {
  for (const c of CONTROL_BYTES_BUT_NEWLINE) if (bytes.indexOf(c) !== -1) return true;
  if (!isAscii(bytes) && hasNonAsciiControls(bytes)) return true;
  let at = -1;
  for (let n = 0; n < lines; n += 1) {
    at = bytes.indexOf(0x0a, at + 1);
    if (at === -1) return true; // fewer line ends than lines: cannot be our own lines
  }
  return at !== bytes.length - 1; // a "\n" beyond the lines' own ends
}

/** True when UTF-8 `bytes` hold a C1 control (C2 80–C2 9F) or U+2028/U+2029: native searches, linear. */
export function hasNonAsciiControls(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(0xc2); at !== -1; at = bytes.indexOf(0xc2, at + 1)) {
    const next = bytes[at + 1] ?? 0;
    if (next >= 0x80 && next <= 0x9f) return true;
  }
  return bytes.includes(LINE_SEPARATOR) || bytes.includes(PARAGRAPH_SEPARATOR);
}
