// One handler per IPC channel. Each parses its `unknown` arguments with a schema, calls the controller and
// answers {ok:true,value} or {ok:false,error} in words a person understands. A handler never throws.
// Plain Node: register.ts wires these to ipcMain; the browser tests call them directly.

import { z } from 'zod';
import { LOG_LEVELS, type InvokeChannel, type InvokeMap, type Result } from '../../shared/ipc/contract';
import type { ConfirmPort } from '../app/confirmation';
import type { AppController } from '../app/controller';
import { clip, MAX_MESSAGE, scrubSecrets, userMessage } from '../app/errors';
import type { UpdateService } from '../services/updates/update-service';
import { MAX_RAW_FRAME_BYTES } from '../../shared/oceanex/raw-frame';
import { MAX_WATCH_INTERVAL_MS, MIN_WATCH_INTERVAL_MS } from '../services/watch-service';

/**
 * What main shows the person, outside the renderer's reach. `confirm` is the yes/no for everything irreversible;
 * the shell hands this same port to AppController.create, which asks it whoever calls (see main/app/confirmation.ts).
 */
export interface DialogPort extends ConfirmPort {
  /** `purpose` names the profile and the endpoint the key will be bound to. */
  pickKeyFile(purpose: string): Promise<string | null>;
  pickExportPath(defaultName: string): Promise<string | null>;
  revealFile(path: string): void;
}

export type Handlers = { [C in InvokeChannel]: (...args: unknown[]) => Promise<Result<InvokeMap[C]['result']>> };

const MAX_TEXT = 1_000;
const MAX_FIELDS = 32;

const profileId = z.string().min(1).max(64);
const profileName = z.string().trim().min(1, 'A profile name must not be empty.').max(100);
const credential = z.string().trim().max(200);
const MAX_URL = 256;
const parsedUrl = (text: string): URL | undefined => {
  try {
    return new URL(text.trim());
  } catch {
    return undefined;
  }
};
/**
 * A custom endpoint from the renderer: a plain ws(s)://host[:port]/path. No user:pass@ (credentials in a URL end
 * up in logs and questions), no query or fragment and a short length: main connects to this URL, so a long query
 * would be a channel out of the page past its CSP. The whole URL is shown in main's question, so it must read true.
 */
const wsUrl = z
  .string()
  .max(MAX_URL, `A custom endpoint URL may be at most ${MAX_URL} characters.`)
  .refine((text) => {
    const url = parsedUrl(text);
    return url !== undefined && (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '';
  }, 'A custom endpoint must be a ws:// or wss:// URL, e.g. wss://ws.oceanex.pro/ws/v1.')
  .refine((text) => {
    const url = parsedUrl(text);
    return url === undefined || (url.username === '' && url.password === '');
  }, 'A custom endpoint URL must not contain a user name or password (user:pass@).')
  .refine((text) => !/[?#]/.test(text), 'A custom endpoint URL must not contain a query (?…) or a fragment (#…).')
  // Printable ASCII only: no control or direction-changing characters, no look-alike letters that could make the
  // URL in main's question read as another host (an international host name goes in its xn-- form).
  .refine((text) => /^[\x21-\x7e]*$/.test(text.trim()), 'A custom endpoint URL must be plain ASCII without spaces (an international host name in its xn-- form).');

const endpoint = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sandbox') }).strict(),
  z.object({ kind: z.literal('production') }).strict(),
  z.object({ kind: z.literal('custom'), url: wsUrl }).strict(),
]);

const profileUpdate = z
  .object({
    id: profileId,
    name: profileName.optional(),
    endpoint: endpoint.optional(),
    uid: credential.optional(),
    apiKeyId: credential.optional(),
    requestTimeoutMs: z.number().int().min(1_000).max(600_000).optional(),
    logLevel: z.enum(LOG_LEVELS as [string, ...string[]]).optional(),
  })
  .strict();

/** Keys that could reach an object's prototype; a payload carrying them is refused outright. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Raw form text per field; values the UI leaves empty may be absent. Rebuilt as a fresh plain object. */
const rawFields = z
  .custom<Record<string, unknown>>(
    (value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype,
    'Fields must be an object of texts.',
  )
  .refine((fields) => !Object.keys(fields).some((key) => FORBIDDEN_KEYS.has(key)), 'Field names such as "__proto__" are not allowed.')
  .refine((fields) => Object.keys(fields).length <= MAX_FIELDS, 'Too many fields.')
  .pipe(z.record(z.string().max(64), z.string().max(MAX_TEXT).optional()))
  .transform((fields) => Object.fromEntries(Object.entries(fields)) as Record<string, string | undefined>);

const logQuery = z
  .object({
    level: z.enum(LOG_LEVELS as [string, ...string[]]).optional(),
    text: z.string().max(MAX_TEXT).optional(),
    since: z.number().optional(),
    until: z.number().optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

const none = z.tuple([]);

// The composer's text may be longer than the cap here, so that checkRawFrame can say by how much.
const rawFrameText = z.string().max(MAX_RAW_FRAME_BYTES * 4);
const historyQuery = z
  .object({
    text: z.string().max(MAX_TEXT).optional(),
    outcome: z.enum(['ok', 'failed']).optional(),
    source: z.enum(['choice', 'raw']).optional(),
    limit: z.number().int().min(1).max(5_000).optional(),
  })
  .strict();
const shortId = z.string().min(1).max(64);
const watchStart = z
  .object({
    choice: z.number().int().min(1).max(17),
    fields: rawFields,
    intervalMs: z
      .number()
      .int()
      .min(MIN_WATCH_INTERVAL_MS, 'A watch repeats at most once a second.')
      .max(MAX_WATCH_INTERVAL_MS, 'A watch repeats at least once an hour.'),
    keepRunning: z.boolean(),
  })
  .strict();

/** The argument tuple each channel accepts (exact arity: extra arguments are refused). */
export const ARGUMENT_SCHEMAS = {
  'session:run': z.tuple([z.number().int().min(1).max(17), rawFields]),
  'session:status': none,
  'session:connect': none,
  'key:info': none,
  'key:import': none,
  'key:remove': none,
  'key:verify': none,
  'settings:get': none,
  'settings:updateProfile': z.tuple([profileUpdate]),
  'settings:addProfile': z.tuple([profileName]),
  'settings:removeProfile': z.tuple([profileId]),
  'settings:selectProfile': z.tuple([profileId]),
  'log:query': z.tuple([logQuery]),
  'log:reveal': none,
  'log:export': none,
  'updates:status': none,
  'updates:check': none,
  'updates:download': none,
  'updates:install': none,
  'updates:setAutoCheck': z.tuple([z.boolean()]),
  'session:sendRaw': z.tuple([rawFrameText]),
  'history:list': z.tuple([historyQuery]),
  'history:resend': z.tuple([shortId]),
  'history:export': none,
  'watch:start': z.tuple([watchStart]),
  'watch:stop': z.tuple([shortId]),
  'watch:list': none,
} satisfies Record<InvokeChannel, z.ZodType>;

type Args<C extends InvokeChannel> = z.infer<(typeof ARGUMENT_SCHEMAS)[C]>;

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
      const parsed = ARGUMENT_SCHEMAS[channel].safeParse(args);
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

export function createHandlers(controller: AppController, dialogs: DialogPort, updates?: UpdatePort): Handlers {
  const updater = <T>(run: (port: UpdatePort) => T | Promise<T>) => async (): Promise<Result<Awaited<T>>> =>
    updates ? ok(await run(updates)) : { ok: false, error: NO_UPDATER };
  return {
    'session:run': handler('session:run', ([choice, fields]) => controller.runRecorded(choice, fields)),
    'session:status': handler('session:status', () => ok(controller.status())),
    'session:connect': handler('session:connect', async () => ok(await controller.connect())),
    'key:info': handler('key:info', async () => ok(await controller.keyInfo())),
    'key:import': handler('key:import', async () => {
      // The profile and endpoint are fixed before the dialog opens: the key is bound to what the dialog named.
      const target = controller.keyImportTarget();
      const path = await dialogs.pickKeyFile(target.description);
      // Cancelling the dialog is not an error: the key stays as it was.
      return ok(path === null ? await controller.keyInfo() : await controller.importKeyFile(path, target));
    }),
    'key:remove': handler('key:remove', async () => ok(await controller.removeKey())),
    'key:verify': handler('key:verify', async () => ok(await controller.verifyKey())),
    'settings:get': handler('settings:get', () => ok(controller.getSettings())),
    'settings:updateProfile': handler('settings:updateProfile', async ([update]) =>
      ok(await controller.updateProfile(update as InvokeMap['settings:updateProfile']['args'][0])),
    ),
    'settings:addProfile': handler('settings:addProfile', async ([name]) => ok(await controller.addProfile(name))),
    'settings:removeProfile': handler('settings:removeProfile', async ([id]) => ok(await controller.removeProfile(id))),
    'settings:selectProfile': handler('settings:selectProfile', async ([id]) => ok(await controller.selectProfile(id))),
    'log:query': handler('log:query', ([query]) => ok(controller.queryLog(query as InvokeMap['log:query']['args'][0]))),
    'log:reveal': handler('log:reveal', () => {
      dialogs.revealFile(controller.logFile);
      return ok(controller.logFile);
    }),
    'log:export': handler('log:export', async () => {
      const path = await dialogs.pickExportPath('ws_client.log');
      return ok(path === null ? null : await controller.exportLog(path));
    }),
    'updates:status': handler('updates:status', updater((u) => u.status())),
    'updates:check': handler('updates:check', updater((u) => u.check('manual'))),
    'updates:download': handler('updates:download', updater((u) => u.download())),
    'updates:install': handler('updates:install', updater((u) => u.restart())),
    'updates:setAutoCheck': handler('updates:setAutoCheck', ([on]) => updater((u) => u.setAutoCheck(on))()),
    'session:sendRaw': handler('session:sendRaw', ([text]) => controller.sendRaw(text)),
    'history:list': handler('history:list', ([query]) => ok(controller.listHistory(query as InvokeMap['history:list']['args'][0]))),
    'history:resend': handler('history:resend', ([id]) => controller.resendHistory(id)),
    'history:export': handler('history:export', async () => {
      const path = await dialogs.pickExportPath('request-history.jsonl');
      return ok(path === null ? null : controller.exportHistory(path));
    }),
    'watch:start': handler('watch:start', ([start]) => ok(controller.startWatch(start as InvokeMap['watch:start']['args'][0]))),
    'watch:stop': handler('watch:stop', ([id]) => ok(controller.stopWatch(id))),
    'watch:list': handler('watch:list', () => ok(controller.listWatches())),
  };
}
