// Removes secrets from text before it is logged or shown: login signatures, tokens and JWTs (user_jwt),
// passwords, private keys (PEM blocks) and Authorization credentials become "[REDACTED]".
// JSON stays valid JSON (a redacted value is the string "[REDACTED]"), so callers may parse the result.
// Identifiers (uid, api_key id) and nonces stay: they are not secret and are needed to diagnose a login.

import { PEM_BEGIN, PemEndFinder, replaceEach, replaceJwts, runEnd } from './secret-scan';

export const REDACTED = '[REDACTED]';

/** A key is secret when it holds one of these words anywhere (any letter case): "signature", "user_jwt", "access_token", … */
const SECRET_WORD = /signature|jwt|token|secret|password|passphrase|private_?key|authorization|credential/i;

// Every rule below is linear in the text (see secret-scan.ts): a key is read whole as one run of key characters
// and then tested for a secret word, never matched as "[key chars]*word[key chars]*", which backtracks.

/** A whole PEM block (also inside a JSON string, where newlines are "\n" escapes). */
function redactPemBlocks(text: string): string {
  const ends = new PemEndFinder(text);
  return replaceEach(text, PEM_BEGIN, (match) => {
    const end = ends.endAfter(match.index + match[0].length);
    return end === -1 ? { resume: text.length } : { end, replacement: REDACTED }; // no END after this one: none after later ones
  });
}

/** A cut-off private key block: everything that still looks like its base64 body. */
const CUT_OFF_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[A-Za-z0-9+/=\s]|\\[nr])*/g;

const JSON_KEY = /"([A-Za-z0-9_.-]+)"\s*:\s*/g;
const JSON_SCALAR = /"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false/iy;

/** "secret_key": "value" | number | true/false → "secret_key": "[REDACTED]" */
function redactJsonValues(text: string): string {
  let unclosedFrom = Number.POSITIVE_INFINITY; // a string opened here never closes, nor does one opened later
  return replaceEach(text, JSON_KEY, (match) => {
    const valueStart = match.index + match[0].length;
    if (!SECRET_WORD.test(match[1] as string) || valueStart > unclosedFrom) return undefined;
    JSON_SCALAR.lastIndex = valueStart;
    if (JSON_SCALAR.test(text)) return { end: JSON_SCALAR.lastIndex, replacement: `${match[0]}"${REDACTED}"` };
    if (text[valueStart] === '"') unclosedFrom = valueStart;
    return undefined;
  });
}

/** Authorization schemes in headers or text. */
const AUTHORIZATION = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]+=*/gi;

const KEY_RUN = /[A-Za-z0-9_.-]+/g;
const SEPARATOR = /\s*[=:]\s*/y;
const NOT_A_VALUE = /"|\[REDACTED\]|Bearer |Basic /iy;
const VALUE = /[^\s&,;"'}\]]*/y;

/** key=value / key: value outside JSON, e.g. a query string or a header line. */
function redactKeyValues(text: string): string {
  return replaceEach(text, KEY_RUN, (match) => {
    const keyEnd = match.index + match[0].length;
    if (!SECRET_WORD.test(match[0])) return { resume: keyEnd };
    const valueStart = runEnd(text, SEPARATOR, keyEnd);
    NOT_A_VALUE.lastIndex = valueStart;
    if (valueStart === keyEnd || NOT_A_VALUE.test(text)) return { resume: keyEnd };
    const valueEnd = runEnd(text, VALUE, valueStart);
    if (valueEnd === valueStart) return { resume: keyEnd };
    return { end: valueEnd, replacement: `${text.slice(match.index, valueStart)}${REDACTED}` };
  });
}

const RULES: ReadonlyArray<(text: string) => string> = [
  redactPemBlocks,
  (text) => text.replace(CUT_OFF_PRIVATE_KEY, REDACTED),
  redactJsonValues,
  (text) => text.replace(AUTHORIZATION, (_match, scheme: string) => `${scheme} ${REDACTED}`),
  // Any JWT (header.payload.signature, base64url; the header always starts with {" → eyJ).
  (text) => replaceJwts(text, REDACTED, { wordStart: true, minHead: 0, minPayload: 1 }),
  redactKeyValues,
];

/**
 * The pre-check that lets almost every market-data frame skip the rules (the log's hot path). It is a superset
 * of the rules: every text a rule could change contains, in any letter case, one of these words, "-----BEGIN"
 * or "eyJ". The text is lower-cased first (one fast pass) so that the pattern is plain lower-case literals,
 * which V8 scans at well under 1 ns per character, about three times faster than the /i flag.
 */
const MAY_HOLD_SECRET = /signature|jwt|token|secret|passw|passphrase|private|authorization|credential|bearer|basic|-----begin|eyj/;

// V8 compiles a pattern to machine code on its second use and tunes that code (where to look ahead) to the text
// it is running on at that moment; tuned on some texts — a short timestamp reply, a single letter — the scan
// runs about three times slower on everything afterwards. So its first two uses are on a typical log line.
const TYPICAL_LINE =
  '[2026-01-01 00:00:00.000] [info]  << {"identifier":{"handler":"tickerhandler"},"message":{"action":"index","code":0,' +
  '"data":{"vetusdt":{"at":1700000000,"name":"vet/usdt","buy":"0.024937","sell":"0.025063","last":"0.0","volume":"0.0"}},' +
  '"uuid":"2f1c6a4e-8d1b-4c7a-9e3f-5b6d7c8e9f00"}}';
MAY_HOLD_SECRET.test(TYPICAL_LINE);
MAY_HOLD_SECRET.test(TYPICAL_LINE);

/**
 * False only when no redaction rule can apply anywhere in `text`. Because it looks for words, it may be run
 * once over many texts joined with line breaks: false for the whole means false for each of them.
 */
export function mayHoldSecret(text: string): boolean {
  return MAY_HOLD_SECRET.test(text.toLowerCase());
}

/** Applies every rule, without the pre-check (for tests of the pre-check; callers use redactFrameText). */
export function redactSecrets(text: string): string {
  return RULES.reduce((result, rule) => rule(result), text);
}

export function redactFrameText(text: string): string {
  return mayHoldSecret(text) ? redactSecrets(text) : text;
}
