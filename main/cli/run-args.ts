// Flags of `npm run cli -- run FILE...`: the scenario runner's own (--junit, --report, --allow-orders) plus the
// connection and key flags of the interactive client, which are parsed by the same code as there (args.ts).

import { parseCommandLine, type CliOptions } from './args';

export interface RunOptions {
  readonly files: readonly string[];
  readonly junit: string | undefined;
  readonly report: string | undefined;
  readonly allowOrders: boolean;
  readonly client: CliOptions;
}

export type ParsedRun = { readonly kind: 'run'; readonly options: RunOptions } | { readonly kind: 'help' } | { readonly kind: 'error'; readonly message: string };

export const RUN_USAGE = `Usage: npm run cli -- run FILE... [options]

Runs scenario files (YAML or JSON): each step is one of the 17 choices or a raw frame, its reply is checked
against the step's assertions, and values can be saved for later steps. See README.md, "Scenarios".

Options:
  --url URL               websocket endpoint (default: OceanEx production, wss://ws.oceanex.pro/ws/v1)
  --uid UID, --api-key KID, --key-file PATH
                          login credentials, as for the interactive client (a step with choice: 1 logs in)
  --junit PATH            also write the results as JUnit XML (one testcase per step)
  --report PATH           also write the results as JSON
  --allow-orders          run steps that create, cancel or clear orders (choices 6, 7, 8 and raw
                          OrderHandler create/cancel/clear frames); without it such a file is refused
  --timeout SECONDS       how long each request waits for its reply (default: 10; a step's timeout_ms wins)
  -l, --logLevel LEVEL    log level for ws_client.log; --log-file PATH moves it
  -h, --help              show this help

Exit status: 0 every assertion passed; 1 a step failed; 2 a file cannot run (nothing was sent).
`;

/** Flags of the interactive client that take a value (so the value is not mistaken for a file). */
const VALUE_FLAGS = new Set(['--url', '--uid', '--api-key', '--key-file', '--log-level', '--logLevel', '-l', '--log-file', '--timeout']);

export function parseRunCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedRun {
  const files: string[] = [];
  const rest: string[] = [];
  let junit: string | undefined;
  let report: string | undefined;
  let allowOrders = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--junit' || flag === '--report') {
      const value = inline ?? argv[++i];
      if (value === undefined || value.trim() === '' || (inline === undefined && value.startsWith('-'))) return { kind: 'error', message: `${flag} needs a file path` };
      if (flag === '--junit') junit = value;
      else report = value;
    } else if (flag === '--allow-orders') {
      if (inline !== undefined) return { kind: 'error', message: '--allow-orders takes no value' };
      allowOrders = true;
    } else if (flag === '--json') {
      return { kind: 'error', message: '--json belongs to the interactive client; use --report PATH for the results as JSON' };
    } else if (flag === '-h' || flag === '--help') {
      return { kind: 'help' };
    } else if (arg.startsWith('-') && arg !== '-') {
      rest.push(arg);
      if (inline === undefined && VALUE_FLAGS.has(arg) && i + 1 < argv.length) rest.push(argv[++i]!);
    } else {
      files.push(arg);
    }
  }
  const client = parseCommandLine(rest, env);
  if (client.kind === 'error') return client;
  if (client.kind === 'help') return { kind: 'help' };
  if (files.length === 0) return { kind: 'error', message: 'name at least one scenario file: npm run cli -- run FILE...' };
  return { kind: 'run', options: { files, junit, report, allowOrders, client: client.options } };
}
