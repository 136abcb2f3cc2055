// The redaction and error-scrubbing rules as they were before #18 (super-linear on hostile text), kept as the
// reference: the linear rules must remove exactly what these removed (test/chaos/linear-text.test.ts), and the
// benchmark shows how their cost grew (test/bench/linear-text-bench.ts). Never used by the app.

const OLD_SECRET_KEY = String.raw`[A-Za-z0-9_.-]*(?:signature|jwt|token|secret|password|passphrase|private_?key|authorization|credential)[A-Za-z0-9_.-]*`;
const OLD_REDACT_RULES: ReadonlyArray<readonly [RegExp, string | ((match: string, ...groups: string[]) => string)]> = [
  [/-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/g, '[REDACTED]'],
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[A-Za-z0-9+/=\s]|\\[nr])*/g, '[REDACTED]'],
  [new RegExp(String.raw`("${OLD_SECRET_KEY}"\s*:\s*)(?:"(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false)`, 'gi'), (_m, prefix) => `${prefix}"[REDACTED]"`],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]+=*/gi, (_m, scheme) => `${scheme} [REDACTED]`],
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, '[REDACTED]'],
  [new RegExp(String.raw`\b(${OLD_SECRET_KEY})(\s*[=:]\s*)(?!\s*"|\[REDACTED\]|Bearer |Basic )([^\s&,;"'}\]]+)`, 'gi'), (_m, key, sep) => `${key}${sep}[REDACTED]`],
];
export function oldRedact(text: string): string {
  let result = text;
  for (const [pattern, replacement] of OLD_REDACT_RULES) {
    result = typeof replacement === 'string' ? result.replace(pattern, replacement) : result.replace(pattern, replacement);
  }
  return result;
}
export function oldScrub(text: string): string {
  return text
    .replace(/-----BEGIN [A-Z0-9 ]+-----(?=(?:\s*[A-Za-z-]+:[^\n]*)*\s*[A-Za-z0-9+/=]{16})[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g, '[key material removed]')
    .replace(/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '[token removed]')
    .replace(/[A-Za-z0-9+/]{80,}={0,2}/g, '[data removed]');
}

