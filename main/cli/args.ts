// Command-line flags and environment variables of the terminal client, and its usage text.

import { parseArgs } from 'node:util';
import { LOG_LEVELS, type LogLevel } from '../../shared/constants';
import { printable } from './printable';

export const DEFAULT_TIMEOUT_SECONDS = 10;
export const MAX_TIMEOUT_SECONDS = 3600;

export interface CliOptions {
  /** Websocket endpoint; undefined means OceanEx production. */
  readonly url: string | undefined;
  readonly uid: string | undefined;
  readonly apiKey: string | undefined;
  readonly keyFile: string | undefined;
  readonly logLevel: LogLevel;
  /** Undefined means the app's ws_client.log. */
  readonly logFile: string | undefined;
  readonly json: boolean;
  /** Per-request reply timeout in milliseconds. */
  readonly timeoutMs: number;
}

export type ParsedCommandLine =
  | { readonly kind: 'run'; readonly options: CliOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

export const USAGE = `Usage: npm run cli -- [options]

The OceanEx websocket terminal client: the 17 choices of OceanEx's ws_client.py on the desktop app's core.

Options:
  --url URL               websocket endpoint (default: OceanEx production, wss://ws.oceanex.pro/ws/v1)
  --uid UID               OceanEx user id, e.g. ID4E5XXXXXX        (or env OCEANEX_UID)
  --api-key KID           API key id, e.g. KIDB7XXXXXX             (or env OCEANEX_API_KEY)
  --key-file PATH         RSA private key (key.pem) to sign the login with; without it the key
                          imported into the desktop app for that uid is used (from the keychain)
  -l, --logLevel LEVEL    log level for ws_client.log, as in ws_client.py: INFO (default), DEBUG,
                          WARN or ERROR, either case (--log-level is the same)
  --log-file PATH         log file (default: ws_client.log in the app's logs folder)
  --timeout SECONDS       how long to wait for each reply, more than 0 and at most 3600 (default: 10)
  --json                  also print every inbound message as one JSON line
  -h, --help              show this help

Scenarios: npm run cli -- run FILE... runs scenario files (npm run cli -- run --help).

Environment: OCEANEX_USER_DATA overrides the app's data folder (settings and imported keys).
Copy as code: npm run cli -- code --help prints a standalone Python or Node program for a choice.
Piped input runs one command per line, each waiting for its reply; end of input disconnects.
Exit status: 0 after quit or end of input, 1 when no connection could be made during the whole run,
2 for bad flags or credentials (nothing was sent).
`;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/** Parses argv (without node and script) and the environment. Never throws. */
export function parseCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedCommandLine {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        uid: { type: 'string' },
        'api-key': { type: 'string' },
        'key-file': { type: 'string' },
        'log-level': { type: 'string' },
        // ws_client.py's own spelling of the same option.
        logLevel: { type: 'string', short: 'l' },
        'log-file': { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    return { kind: 'error', message: printable((error as Error).message) };
  }
  if (values.help) return { kind: 'help' };

  const url = nonEmpty(values.url);
  if (values.url !== undefined) {
    if (url === undefined || !/^wss?:\/\/[^\s/]+/i.test(url)) {
      return { kind: 'error', message: `--url must be a ws:// or wss:// address, got "${printable(values.url ?? '')}"` };
    }
  }
  if (values['log-level'] !== undefined && values.logLevel !== undefined && values['log-level'].toLowerCase() !== values.logLevel.toLowerCase()) {
    return { kind: 'error', message: '-l/--logLevel and --log-level disagree; give one of them' };
  }
  const givenLevel = values.logLevel ?? values['log-level'];
  const logLevel = (givenLevel ?? 'info').toLowerCase();
  if (!isLogLevel(logLevel)) {
    return { kind: 'error', message: `-l/--logLevel must be one of INFO, DEBUG, WARN, ERROR (either case), got "${printable(givenLevel ?? '')}"` };
  }
  const timeoutSeconds = values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
  if (values.timeout?.trim() === '' || !Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
    return { kind: 'error', message: `--timeout must be a number of seconds, more than 0 and at most ${MAX_TIMEOUT_SECONDS}; got "${printable(values.timeout ?? '')}"` };
  }
  for (const flag of ['uid', 'api-key', 'key-file', 'log-file'] as const) {
    if (values[flag] !== undefined && nonEmpty(values[flag]) === undefined) {
      return { kind: 'error', message: `--${flag} needs a value` };
    }
  }
  return {
    kind: 'run',
    options: {
      url,
      uid: nonEmpty(values.uid) ?? nonEmpty(env['OCEANEX_UID']),
      apiKey: nonEmpty(values['api-key']) ?? nonEmpty(env['OCEANEX_API_KEY']),
      keyFile: nonEmpty(values['key-file']),
      logLevel,
      logFile: nonEmpty(values['log-file']),
      json: values.json ?? false,
      timeoutMs: Math.round(timeoutSeconds * 1000),
    },
  };
}
