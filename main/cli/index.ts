// `npm run cli`: the terminal client. Parses flags, resolves the login key, opens the app's log and runs the loop.

import { Session } from '../oceanex/session';
import { AppLog } from '../services/app-log';
import { KeyError } from '../services/key-validation';
import { KeychainUnavailableError } from '../services/secret-store';
import { PRODUCTION_WS_URL } from '../services/settings';
import { defaultLogFile, userDataDir } from './app-paths';
import { parseCommandLine, USAGE } from './args';
import { runCodeCommand } from './code-command';
import { CredentialError, resolveSigner, type ResolvedSigner } from './key-source';
import { echoInboundFrames } from './json-echo';
import { printable } from './printable';
import { Repl } from './repl';
import { runScenariosCommand } from './run-command';
import { Terminal } from './terminal';

/** Exit codes: 0 done, 1 never connected during the run (or crashed), 2 bad flags or credentials (nothing was sent). */
async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'run') return runScenariosCommand(argv.slice(1));
  if (argv[0] === 'code') return runCodeCommand(argv.slice(1), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
  const command = parseCommandLine(argv);
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command.kind === 'error') {
    process.stderr.write(`error: ${command.message}\n\n${USAGE}`);
    return 2;
  }
  const options = command.options;

  let resolved: ResolvedSigner | undefined;
  try {
    resolved = await resolveSigner({
      uid: options.uid,
      apiKey: options.apiKey,
      keyFile: options.keyFile,
      userDataDir: userDataDir(),
      url: options.url ?? PRODUCTION_WS_URL,
    });
  } catch (error) {
    if (error instanceof KeyError || error instanceof CredentialError || error instanceof KeychainUnavailableError) {
      process.stderr.write(`error: ${printable(error.message, 500)}\n`);
      return 2;
    }
    throw error;
  }

  const log = new AppLog({ file: options.logFile ?? defaultLogFile(), level: options.logLevel });
  const terminal = new Terminal({ input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY === true });
  const session = new Session({
    url: options.url ?? PRODUCTION_WS_URL,
    requestTimeoutMs: options.timeoutMs,
    logger: options.json ? echoInboundFrames(log, (line) => terminal.say(line)) : log,
  });
  log.info(`Terminal client started for ${session.url}${resolved ? `; login key from ${resolved.source}` : '; no login key'}`);
  if (resolved !== undefined) terminal.say(`Login key: ${resolved.source}`);
  if (resolved?.warning !== undefined) terminal.say(`warning: ${resolved.warning}`);

  const stop = (): void => terminal.close();
  process.once('SIGTERM', stop);
  const code = await new Repl({ session, terminal, signer: resolved?.signer }).run();
  process.off('SIGTERM', stop);
  log.info('Terminal client stopped');
  await log.flush();
  await log.close();
  await terminal.drain();
  return code;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`error: ${printable(error instanceof Error ? error.message : String(error), 500)}\n`);
    process.exit(1);
  },
);
