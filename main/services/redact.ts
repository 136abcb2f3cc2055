// Removes secrets from text before it is logged or shown: login signatures, tokens and JWTs (user_jwt),
// passwords, private keys (PEM blocks) and Authorization credentials become "[REDACTED]".
// JSON stays valid JSON (a redacted value is the string "[REDACTED]"), so callers may parse the result.
// Identifiers (uid, api_key id) and nonces stay: they are not secret and are needed to diagnose a login.

export const REDACTED = '[REDACTED]';

/** JSON keys whose values are secret, matched anywhere in the key: "signature", "user_jwt", "access_token", … */
const SECRET_KEY = String.raw`[A-Za-z0-9_.-]*(?:signature|jwt|token|secret|password|passphrase|private_?key|authorization|credential)[A-Za-z0-9_.-]*`;

const RULES: ReadonlyArray<readonly [RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  // A whole PEM block (also inside a JSON string, where newlines are "\n" escapes).
  [/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g, REDACTED],
  // A cut-off private key block: everything that still looks like its base64 body.
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[A-Za-z0-9+/=\s]|\\[nr])*/g, REDACTED],
  // "secret_key": "value" | number | true/false → "secret_key": "[REDACTED]"
  [
    new RegExp(String.raw`("${SECRET_KEY}"\s*:\s*)(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false)`, 'gi'),
    (_match, prefix) => `${prefix}"${REDACTED}"`,
  ],
  // Authorization schemes in headers or text.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]+=*/gi, (_match, scheme) => `${scheme} ${REDACTED}`],
  // Any JWT (header.payload.signature, base64url; the header always starts with {" → eyJ).
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, REDACTED],
  // key=value / key: value outside JSON, e.g. a query string or a header line.
  [
    new RegExp(String.raw`\b(${SECRET_KEY})(\s*[=:]\s*)(?!\s*"|\[REDACTED\]|Bearer |Basic )([^\s&,;"'}\]]+)`, 'gi'),
    (_match, key, separator) => `${key}${separator}${REDACTED}`,
  ],
];

/**
 * Cheap test that lets almost every market-data frame skip the rules entirely (the log's hot path).
 * Spelled with [sS]-style classes instead of the /i flag: V8 scans such a pattern about three times faster.
 */
const TRIGGER_WORDS = ['signature', 'jwt', 'token', 'secret', 'passw', 'passphrase', 'private', 'authorization', 'credential', 'bearer', 'basic'];
const caseless = (word: string) => [...word].map((c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).join('');
const MAY_HOLD_SECRET = new RegExp([...TRIGGER_WORDS.map(caseless), '-----BEGIN', 'eyJ'].join('|'));

export function redactFrameText(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  let result = text;
  for (const [pattern, replacement] of RULES) {
    result = typeof replacement === 'string' ? result.replace(pattern, replacement) : result.replace(pattern, replacement);
  }
  return result;
}
