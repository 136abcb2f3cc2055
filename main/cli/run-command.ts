// `npm run cli -- run FILE...`: checks every file first (a file that cannot run, or order steps without
// --allow-orders, exit 2 before anything is sent), then runs each on its own connection, printing every step as it
// finishes, and ends with the latency table. Exit 0 when every step passed, 1 when any failed.

import { access, constants, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { orderSteps } from '../../shared/scenario/check';
import { junitXml } from '../../shared/scenario/junit';
import { latencyTable, type ScenarioResult } from '../../shared/scenario/result';
import type { Scenario } from '../../shared/scenario/model';
import { Session } from '../oceanex/session';
import { loadScenarioFile } from '../scenarios/load';
import { runScenario } from '../scenarios/runner';
import { latencyLines, orderStepLines, stepLines, summaryLine } from '../scenarios/text-report';
import { AppLog } from '../services/app-log';
import { KeyError } from '../services/key-validation';
import { KeychainUnavailableError } from '../services/secret-store';
import { PRODUCTION_WS_URL } from '../services/settings';
import { defaultLogFile, userDataDir } from './app-paths';
import { CredentialError, resolveSigner, type ResolvedSigner } from './key-source';
import { printable } from './printable';
import { parseRunCommandLine, RUN_USAGE } from './run-args';

const say = (line: string): void => void process.stdout.write(`${line}\n`);
const complain = (line: string): void => void process.stderr.write(`${line}\n`);

async function writable(path: string): Promise<boolean> {
  try {
    await access(dirname(resolve(path)), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export async function runScenariosCommand(argv: readonly string[]): Promise<number> {
  const parsed = parseRunCommandLine(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(RUN_USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    complain(`error: ${parsed.message}\n\n${RUN_USAGE}`);
    return 2;
  }
  const { files, junit, report, allowOrders, client } = parsed.options;
  const url = client.url ?? PRODUCTION_WS_URL;

  const loaded = await Promise.all(files.map((file) => loadScenarioFile(file, { env: process.env })));
  const problems = loaded.flatMap((l) => (l.ok ? [] : l.problems));
  if (problems.length > 0) {
    for (const p of problems) complain(printable(p, 1000));
    complain(`error: ${problems.length === 1 ? 'a scenario file cannot run' : 'scenario files cannot run'}; nothing was sent.`);
    return 2;
  }
  const scenarios = loaded.map((l) => l as Extract<typeof l, { ok: true }>);
  const orders = scenarios.flatMap((l) => orderStepLines(l.file, orderSteps(l.scenario)));
  if (orders.length > 0 && !allowOrders) {
    complain('error: these steps create, cancel or clear orders; run again with --allow-orders to send them. Nothing was sent.');
    for (const line of orders) complain(line);
    return 2;
  }
  for (const path of [junit, report]) {
    if (path !== undefined && !(await writable(path))) {
      complain(`error: cannot write ${path}: its folder does not exist or is not writable. Nothing was sent.`);
      return 2;
    }
  }
  let resolved: ResolvedSigner | undefined;
  try {
    resolved = await resolveSigner({ uid: client.uid, apiKey: client.apiKey, keyFile: client.keyFile, userDataDir: userDataDir(), url });
  } catch (error) {
    if (error instanceof KeyError || error instanceof CredentialError || error instanceof KeychainUnavailableError) {
      complain(`error: ${printable(error.message, 500)}`);
      return 2;
    }
    throw error;
  }
  const needsLogin = scenarios.filter((l) => l.scenario.steps.some((s) => s.action.kind === 'choice' && s.action.choice === 1));
  if (needsLogin.length > 0 && resolved === undefined) {
    complain(`error: ${needsLogin.map((l) => l.file).join(', ')} ${needsLogin.length === 1 ? 'logs' : 'log'} in (choice 1), but no credentials were given: pass --uid and --api-key (and --key-file, or use the key imported into the app). Nothing was sent.`);
    return 2;
  }

  const log = new AppLog({ file: client.logFile ?? defaultLogFile(), level: client.logLevel });
  if (resolved !== undefined) say(`Login key: ${resolved.source}`);
  const results: ScenarioResult[] = [];
  // Ctrl+C or a CI timeout's SIGTERM stops the run after (or while waiting for) the current step; the reports are
  // still written, with the steps not run marked skipped.
  const interrupted = new AbortController();
  const stop = (): void => {
    if (!interrupted.signal.aborted) complain('Stopping: the remaining steps are skipped; reports are still written.');
    interrupted.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    for (const { file, scenario } of scenarios) results.push(await runOne(file, scenario, url, client.timeoutMs, resolved, log, interrupted.signal));
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await log.flush();
    await log.close();
  }
  say('');
  for (const line of latencyLines(latencyTable(results.flatMap((r) => r.steps)))) say(line);
  const failed = results.filter((r) => !r.passed).length;
  say(failed === 0 ? `All ${results.length} scenario${results.length === 1 ? '' : 's'} passed.` : `${failed} of ${results.length} scenario${results.length === 1 ? '' : 's'} failed.`);
  let code = failed === 0 ? 0 : 1;
  for (const [path, text] of [[junit, () => junitXml(results)], [report, () => `${JSON.stringify(results, null, 2)}\n`]] as const) {
    if (path === undefined) continue;
    try {
      await writeFile(path, text(), 'utf8');
      say(`Wrote ${path}`);
    } catch (error) {
      complain(`error: could not write ${path}: ${(error as Error).message}`);
      code = Math.max(code, 1);
    }
  }
  return code;
}

async function runOne(file: string, scenario: Scenario, url: string, timeoutMs: number, resolved: ResolvedSigner | undefined, log: AppLog, signal: AbortSignal): Promise<ScenarioResult> {
  const session = new Session({ url, requestTimeoutMs: timeoutMs, logger: log });
  say(`\nScenario "${printable(scenario.name, 100)}" (${file}) on ${url}`);
  log.info(`Scenario "${scenario.name}" (${file}) started on ${url}`);
  try {
    if (!signal.aborted) await session.connect();
  } catch (error) {
    say(`  could not connect to ${url}: ${printable((error as Error).message, 300)}`);
  }
  try {
    const result = await runScenario(scenario, {
      session,
      signer: resolved ? () => resolved.signer : undefined,
      // Order steps reach here only with --allow-orders (checked above, before anything was sent).
      allowOrder: () => true,
      env: process.env,
      file,
      signal,
      onEvent: (event) => {
        if (event.type === 'step-end') for (const line of stepLines(event.result)) say(line);
      },
    });
    say(summaryLine(result));
    log.info(`Scenario "${scenario.name}" ${result.passed ? 'passed' : 'failed'}`);
    return result;
  } finally {
    await session.dispose();
  }
}
