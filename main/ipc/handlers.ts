// One handler per IPC channel. Each parses its `unknown` arguments with a schema, calls the service of the app that
// owns the channel (main/app/app.ts) and answers {ok:true,value} or {ok:false,error} in words a person understands. A handler never throws.
// Plain Node: register.ts wires these to ipcMain; the browser tests call them directly.

import type { z } from 'zod';
import { INVOKE_TABLE, type InvokeChannel, type InvokeMap } from '../../shared/ipc/channels';
import type { Result } from '../../shared/ipc/contract';
import type { ConfirmPort } from '../app/confirmation';
import type { App } from '../app/app';
import { clip, MAX_MESSAGE, scrubSecrets, userMessage } from '../app/errors';
import type { SessionFileDialogs } from '../services/session-files';
import type { UpdateService } from '../services/updates/update-service';

/**
 * What main shows the person, outside the renderer's reach. `confirm` is the yes/no for everything irreversible;
 * the shell hands this same port to App.create, which asks it whoever calls (see main/app/confirmation.ts).
 */
export interface DialogPort extends ConfirmPort, SessionFileDialogs {
  /** `purpose` names the profile and the endpoint the key will be bound to. */
  pickKeyFile(purpose: string): Promise<string | null>;
  pickExportPath(defaultName: string): Promise<string | null>;
  /** An open dialog for a scenario file (YAML or JSON). */
  pickScenarioFile(): Promise<string | null>;
  revealFile(path: string): void;
}

export type Handlers = { [C in InvokeChannel]: (...args: unknown[]) => Promise<Result<InvokeMap[C]['result']>> };

type Args<C extends InvokeChannel> = InvokeMap[C]['parsed'];

/** A short, human explanation of the first schema problem. Never echoes the payload itself. */
function describeIssue(channel: InvokeChannel, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `The request to ${channel} was not understood.`;
  const where = issue.path.length > 0 ? ` (${issue.path.map(String).join('.')})` : '';
  return `The request to ${channel} was not understood${where}: ${issue.message}`;
}

function handler<C extends InvokeChannel>(
  channel: C,
  run: (args: Args<C>) => Promise<Result<InvokeMap[C]['result']>> | Result<InvokeMap[C]['result']>,
): (...args: unknown[]) => Promise<Result<InvokeMap[C]['result']>> {
  return async (...args: unknown[]) => {
    try {
      const parsed = INVOKE_TABLE[channel].args.safeParse(args);
      if (!parsed.success) return tidy({ ok: false, error: describeIssue(channel, parsed.error) });
      return tidy(await run(parsed.data as Args<C>));
    } catch (error) {
      return tidy(failure(error));
    }
  };
}

const MAX_FIELD_MESSAGE = 200;

/** Refusals quote what was sent, which can be anything: keep every message short and free of secrets. */
function tidy<T>(result: Result<T>): Result<T> {
  if (result.ok) return result;
  const error = clip(scrubSecrets(result.error), MAX_MESSAGE);
  if (!result.fieldErrors) return { ok: false, error };
  const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [clip(k, 64), clip(scrubSecrets(v), MAX_FIELD_MESSAGE)]));
  return { ok: false, error, fieldErrors };
}

/** A settings error that names its field also marks that field in the form. */
function failure(error: unknown): { ok: false; error: string; fieldErrors?: Record<string, string> } {
  const message = userMessage(error);
  const field = error instanceof Error && error.name === 'SettingsError' ? (error as { field?: unknown }).field : undefined;
  return typeof field === 'string' ? { ok: false, error: message, fieldErrors: { [field]: message } } : { ok: false, error: message };
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** The self-updater (main/services/updates/update-service.ts); absent where the app cannot update itself. */
export type UpdatePort = Pick<UpdateService, 'status' | 'check' | 'download' | 'restart' | 'setAutoCheck'>;
const NO_UPDATER = 'Automatic updates are not available in this build.';

export function createHandlers(app: App, dialogs: DialogPort, updates?: UpdatePort): Handlers {
  const { session, keys, profiles, requests, logs, scenarios } = app;
  const updater = <T>(run: (port: UpdatePort) => T | Promise<T>) => async (): Promise<Result<Awaited<T>>> =>
    updates ? ok(await run(updates)) : { ok: false, error: NO_UPDATER };
  return {
    // SessionService (session:run goes through RequestTools, which records it in the history)
    'session:run': handler('session:run', ([choice, fields]) => requests.runRecorded(choice, fields)),
    'session:status': handler('session:status', () => ok(session.status())),
    'session:connect': handler('session:connect', async () => ok(await session.connect())),
    // KeyService
    'key:info': handler('key:info', async () => ok(await keys.keyInfo())),
    'key:import': handler('key:import', async () => {
      // The profile and endpoint are fixed before the dialog opens: the key is bound to what the dialog named.
      const target = keys.keyImportTarget();
      const path = await dialogs.pickKeyFile(target.description);
      // Cancelling the dialog is not an error: the key stays as it was.
      return ok(path === null ? await keys.keyInfo() : await keys.importKeyFile(path, target));
    }),
    'key:remove': handler('key:remove', async () => ok(await keys.removeKey())),
    'key:verify': handler('key:verify', async () => ok(await keys.verifyKey())),
    // ProfileService
    'settings:get': handler('settings:get', () => ok(profiles.getSettings())),
    'settings:updateProfile': handler('settings:updateProfile', async ([update]) => ok(await profiles.updateProfile(update))),
    'settings:addProfile': handler('settings:addProfile', async ([name]) => ok(await profiles.addProfile(name))),
    'settings:removeProfile': handler('settings:removeProfile', async ([id]) => ok(await profiles.removeProfile(id))),
    'settings:selectProfile': handler('settings:selectProfile', async ([id]) => ok(await profiles.selectProfile(id))),
    // LogService
    'log:query': handler('log:query', ([query]) => ok(logs.queryLog(query))),
    'log:reveal': handler('log:reveal', () => {
      dialogs.revealFile(logs.logFile);
      return ok(logs.logFile);
    }),
    'log:export': handler('log:export', async () => {
      const path = await dialogs.pickExportPath('ws_client.log');
      return ok(path === null ? null : await logs.exportLog(path));
    }),
    // The updater (main/services/updates), outside the app object: the Electron shell builds it
    'updates:status': handler('updates:status', updater((u) => u.status())),
    'updates:check': handler('updates:check', updater((u) => u.check('manual'))),
    'updates:download': handler('updates:download', updater((u) => u.download())),
    'updates:install': handler('updates:install', updater((u) => u.restart())),
    'updates:setAutoCheck': handler('updates:setAutoCheck', ([on]) => updater((u) => u.setAutoCheck(on))()),
    // RequestTools
    'session:sendRaw': handler('session:sendRaw', ([text]) => requests.sendRaw(text)),
    'history:list': handler('history:list', ([query]) => ok(requests.listHistory(query))),
    'history:resend': handler('history:resend', ([id]) => requests.resendHistory(id)),
    'history:export': handler('history:export', async () => {
      const path = await dialogs.pickExportPath('request-history.jsonl');
      return ok(path === null ? null : requests.exportHistory(path));
    }),
    'watch:start': handler('watch:start', ([start]) => ok(requests.startWatch(start))),
    'watch:stop': handler('watch:stop', ([id]) => ok(requests.stopWatch(id))),
    'watch:list': handler('watch:list', () => ok(requests.listWatches())),
    // ScenarioService: the dialogs pick every path; the renderer never names one
    'scenario:check': handler('scenario:check', ([text]) => ok(scenarios.check(text))),
    'scenario:open': handler('scenario:open', async () => {
      const path = await dialogs.pickScenarioFile();
      return ok(path === null ? null : await scenarios.open(path));
    }),
    'scenario:save': handler('scenario:save', async ([text, saveAs]) => {
      const path = !saveAs && scenarios.savePath !== undefined ? scenarios.savePath : await dialogs.pickSavePath(scenarios.saveName, 'scenario');
      return ok(path === null ? null : scenarios.save(text, path));
    }),
    'scenario:run': handler('scenario:run', async ([text]) => ok(await scenarios.run(text))),
    'scenario:stop': handler('scenario:stop', () => ok(scenarios.stop())),
    'scenario:export': handler('scenario:export', async ([format]) => {
      const path = await dialogs.pickSavePath(scenarios.exportName(format), format);
      return ok(path === null ? null : scenarios.exportResult(format, path));
    }),
    // SessionFiles (main/services/session-files.ts): each file is prepared before its dialog opens
    'session:export': handler('session:export', async ([request]) => ok(await app.sessionFiles.exportSession(request, dialogs))),
    'session:import': handler('session:import', async () => ok(await app.sessionFiles.openSession(dialogs))),
    'code:save': handler('code:save', async ([request]) => ok(await app.sessionFiles.saveCode(request, dialogs))),
    // SandboxService
    'sandbox:reset': handler('sandbox:reset', async () => ok(await app.sandbox.reset())),
  };
}
