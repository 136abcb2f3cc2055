// The IPC table: one entry per channel, holding its argument schema, result type and preload verb. Everything
// else is derived from it: the contract types (InvokeMap, EventMap), the channel lists the preload transport and
// register.ts allow, the handlers' parsing (main/ipc/handlers.ts) and the verbs of createApi (preload/api.ts).
// Adding a channel = one entry here + its handler.

import { z } from 'zod';
import type {
  HistoryEntry,
  KeyInfo,
  KeyVerification,
  LogEntry,
  RawOutcome,
  ReplyEvent,
  RunOutcome,
  SessionStatus,
  Settings,
  UpdateStatus,
  WatchInfo,
  WatchTick,
} from './contract';
import type { OpenedScenario, ScenarioCheckResult, ScenarioEvent } from '../scenario/outline';
import type { ScenarioResult } from '../scenario/result';
import {
  choiceNumber,
  historyQuery,
  logQuery,
  none,
  profileId,
  profileName,
  profileUpdate,
  rawFields,
  rawFrameText,
  scenarioExportFormat,
  scenarioText,
  shortId,
  watchStart,
} from './schemas';
import { codeSave, sessionExport } from './session-file-schemas';
import type { ImportedSession } from '../session-file/imported';

/** A result or payload type carried by the table at the type level only (the value is never read). */
const type = <T>() => undefined as unknown as T;

/** renderer → main requests. `args` is the exact argument tuple (extra arguments are refused). */
export const INVOKE_TABLE = {
  'session:run': { verb: 'run', args: z.tuple([choiceNumber, rawFields]), result: type<RunOutcome>() },
  'session:status': { verb: 'status', args: none, result: type<SessionStatus>() },
  'session:connect': { verb: 'connect', args: none, result: type<SessionStatus>() },
  'key:info': { verb: 'keyInfo', args: none, result: type<KeyInfo>() },
  'key:import': { verb: 'importKey', args: none, result: type<KeyInfo>() }, // opens the file dialog in main
  'key:remove': { verb: 'removeKey', args: none, result: type<KeyInfo>() }, // main asks the person first
  'key:verify': { verb: 'verifyKey', args: none, result: type<KeyVerification>() },
  'settings:get': { verb: 'getSettings', args: none, result: type<Settings>() },
  'settings:updateProfile': { verb: 'updateProfile', args: z.tuple([profileUpdate]), result: type<Settings>() },
  'settings:addProfile': { verb: 'addProfile', args: z.tuple([profileName]), result: type<Settings>() },
  'settings:removeProfile': { verb: 'removeProfile', args: z.tuple([profileId]), result: type<Settings>() },
  'settings:selectProfile': { verb: 'selectProfile', args: z.tuple([profileId]), result: type<Settings>() },
  'log:query': { verb: 'queryLog', args: z.tuple([logQuery]), result: type<LogEntry[]>() },
  'log:reveal': { verb: 'revealLog', args: none, result: type<string>() }, // path shown in the file manager
  'log:export': { verb: 'exportLog', args: none, result: type<string | null>() }, // path written, null if cancelled
  'updates:status': { verb: 'updateStatus', args: none, result: type<UpdateStatus>() },
  'updates:check': { verb: 'checkForUpdates', args: none, result: type<UpdateStatus>() },
  'updates:download': { verb: 'downloadUpdate', args: none, result: type<UpdateStatus>() },
  'updates:install': { verb: 'restartToUpdate', args: none, result: type<UpdateStatus>() }, // restarts now, or waits and says why
  'updates:setAutoCheck': { verb: 'setAutoCheckForUpdates', args: z.tuple([z.boolean()]), result: type<UpdateStatus>() },
  'session:sendRaw': { verb: 'sendRaw', args: z.tuple([rawFrameText]), result: type<RawOutcome>() },
  'history:list': { verb: 'history', args: z.tuple([historyQuery]), result: type<HistoryEntry[]>() },
  'history:resend': { verb: 'resend', args: z.tuple([shortId]), result: type<RawOutcome>() }, // same rules as the first send
  'history:export': { verb: 'exportHistory', args: none, result: type<string | null>() }, // JSON lines; null if cancelled
  'watch:start': { verb: 'startWatch', args: z.tuple([watchStart]), result: type<WatchInfo>() },
  'watch:stop': { verb: 'stopWatch', args: z.tuple([shortId]), result: type<WatchInfo[]>() },
  'watch:list': { verb: 'watches', args: none, result: type<WatchInfo[]>() },
  'scenario:check': { verb: 'checkScenario', args: z.tuple([scenarioText]), result: type<ScenarioCheckResult>() },
  'scenario:open': { verb: 'openScenario', args: none, result: type<OpenedScenario | null>() }, // main's file dialog; null if cancelled
  'scenario:save': { verb: 'saveScenario', args: z.tuple([scenarioText, z.boolean()]), result: type<string | null>() }, // (text, saveAs): path written
  'scenario:run': { verb: 'runScenario', args: z.tuple([scenarioText]), result: type<ScenarioResult>() }, // order steps: one question in main first
  'scenario:stop': { verb: 'stopScenario', args: none, result: type<boolean>() },
  'scenario:export': { verb: 'exportScenarioResult', args: z.tuple([scenarioExportFormat]), result: type<string | null>() }, // the last run, JUnit or JSON
  'session:export': { verb: 'exportSession', args: z.tuple([sessionExport]), result: type<string | null>() }, // HAR/NDJSON; null if cancelled
  'session:import': { verb: 'importSession', args: none, result: type<ImportedSession | null>() }, // opens the file dialog in main
  'code:save': { verb: 'saveCode', args: z.tuple([codeSave]), result: type<string | null>() }, // main generates the program again
  'sandbox:reset': { verb: 'resetSandbox', args: none, result: type<string>() }, // main asks the person first; says what was done
} as const;

/** main → renderer events. */
export const EVENT_TABLE = {
  'event:session': { verb: 'onSession', payload: type<SessionStatus>() },
  'event:heartbeat': { verb: 'onHeartbeat', payload: type<{ readonly at: number }>() }, // coalesced by the session
  'event:reply': { verb: 'onReply', payload: type<ReplyEvent>() }, // the one path of replies into the screens
  'event:log': { verb: 'onLog', payload: type<readonly LogEntry[]>() }, // batched, never one message per frame
  'event:key': { verb: 'onKey', payload: type<KeyInfo>() },
  'event:settings': { verb: 'onSettings', payload: type<Settings>() },
  /** The application menu asks the renderer to show a choice's screen (or 'settings' / 'log'). */
  'event:navigate': { verb: 'onNavigate', payload: type<number | 'settings' | 'log'>() },
  /** A notice for the person (e.g. the settings file was corrupt and kept aside). */
  'event:notice': { verb: 'onNotice', payload: type<{ readonly level: 'info' | 'warn' | 'error'; readonly message: string }>() },
  'event:update': { verb: 'onUpdate', payload: type<UpdateStatus>() },
  /** A request was added to the active profile's history. */
  'event:history': { verb: 'onHistory', payload: type<HistoryEntry>() },
  /** The set of watches or their state changed. */
  'event:watches': { verb: 'onWatches', payload: type<readonly WatchInfo[]>() },
  /** A watch re-ran. */
  'event:watch': { verb: 'onWatchTick', payload: type<WatchTick>() },
  /** A scenario run started, a step started or ended, the run finished. */
  'event:scenario': { verb: 'onScenario', payload: type<ScenarioEvent>() },
} as const;

export type InvokeChannel = keyof typeof INVOKE_TABLE;
export type EventChannel = keyof typeof EVENT_TABLE;

export type InvokeMap = {
  [C in InvokeChannel]: {
    /** What the renderer passes. */
    args: z.input<(typeof INVOKE_TABLE)[C]['args']>;
    /** What the handler receives after parsing. */
    parsed: z.output<(typeof INVOKE_TABLE)[C]['args']>;
    result: (typeof INVOKE_TABLE)[C]['result'];
  };
};
export type EventMap = { [C in EventChannel]: (typeof EVENT_TABLE)[C]['payload'] };

export const INVOKE_CHANNELS = Object.keys(INVOKE_TABLE) as readonly InvokeChannel[];
export const EVENT_CHANNELS = Object.keys(EVENT_TABLE) as readonly EventChannel[];

/** How createApi reaches main: Electron's ipcRenderer in the app, a direct call into the handlers in browser tests. */
export interface Transport {
  invoke(channel: InvokeChannel, ...args: unknown[]): Promise<unknown>;
  /** Listener gets the payload only (never an Electron event); returns unsubscribe. */
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}
