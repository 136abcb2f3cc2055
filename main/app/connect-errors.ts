// Why a connection attempt failed, in words a person reads: what happened and where (host:port), from the socket
// library's error text ("connect ECONNREFUSED 127.0.0.1:45678", "getaddrinfo ENOTFOUND example.invalid",
// "Unexpected server response: 404"). Pure; bounded input (the message is cut before it is searched).

const CODES: ReadonlyArray<[RegExp, string]> = [
  [/ECONNREFUSED/, 'connection refused (ECONNREFUSED): nothing accepts connections there'],
  [/ENOTFOUND|EAI_AGAIN/, 'host not found (ENOTFOUND): the name does not resolve'],
  [/ETIMEDOUT/, 'no answer (ETIMEDOUT)'],
  [/ECONNRESET/, 'the connection was reset (ECONNRESET)'],
  [/EHOSTUNREACH|ENETUNREACH/, 'the host cannot be reached (EHOSTUNREACH)'],
  [/CERT|certificate|self.signed|SSL|TLS/i, 'the TLS certificate was refused'],
];

/** "host:port" of a ws(s) URL (the default port named), or the URL itself when it does not parse. */
export function hostPort(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'wss:' ? '443' : '80')}`;
  } catch {
    return url;
  }
}

/** The cause in words: "connection refused (ECONNREFUSED): …", "the server answered HTTP 404, not a websocket". */
export function connectCause(message: string): string {
  const text = message.slice(0, 500);
  for (const [pattern, words] of CODES) if (pattern.test(text)) return words;
  const http = /Unexpected server response: (\d{3})/.exec(text);
  if (http) return `the server answered HTTP ${http[1]}, not a websocket`;
  if (text.includes('no complete handshake')) return text.slice(text.indexOf('no complete handshake'));
  // The socket library's own words, without the URL it repeats.
  return text.replace(/^Could not connect to \S+: /, '');
}
