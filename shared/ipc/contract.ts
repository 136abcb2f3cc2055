// The typed IPC contract between main and renderer: channel names, argument and result types, events.
// No Electron import: main, preload, renderer and the browser tests all share this file.

import type { RawFields } from '../oceanex/catalogue';
import type { Reply } from '../oceanex/messages';
import type { SessionState, UnknownOrder } from '../oceanex/session-state';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** Every handler answers with this: never a thrown error across the bridge. */
export type Result<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string; readonly fieldErrors?: Readonly<Record<string, string>> };

export type Endpoint =
  | { readonly kind: 'sandbox' }
  | { readonly kind: 'production' }
  | { readonly kind: 'custom'; readonly url: string };

export interface Profile {
  readonly id: string;
  readonly name: string;
  readonly endpoint: Endpoint;
  readonly uid: string;
  readonly apiKeyId: string;
  readonly requestTimeoutMs: number;
  readonly logLevel: LogLevel;
}

export interface Settings {
  readonly version: 1;
  readonly activeProfileId: string;
  readonly profiles: readonly Profile[];
  /** Check the release feed on start and every few hours. Absent (files written before it existed) means on. */
  readonly autoCheckForUpdates?: boolean;
}

/** Editable part of a profile; `id` picks which one. */
export type ProfileUpdate = { readonly id: string } & Partial<Omit<Profile, 'id'>>;

/** All the renderer may ever know about a key: never the key, never a signature. */
export interface KeyInfo {
  readonly present: boolean;
  readonly profileId: string;
  /** SHA-256 of the public key's DER (SPKI), hex pairs separated by colons. */
  readonly fingerprint?: string;
  readonly bits?: number;
  readonly importedAt?: string; // ISO 8601
  /** e.g. "RSA key under 2048 bits" */
  readonly warning?: string;
}

export interface KeyVerification {
  readonly ok: boolean;
  /** Plain words: "The key, uid and API key id match an OceanEx account." */
  readonly message: string;
  readonly code?: number;
}

export interface SessionStatus {
  readonly state: SessionState;
  readonly loggedIn: boolean;
  readonly endpoint: string; // URL
  readonly profileName: string;
  readonly lastHeartbeatAt?: number; // epoch ms
  readonly reconnectAt?: number; // epoch ms of the next automatic attempt
  readonly lastDisconnectReason?: string;
  readonly autoReconnect: boolean;
  readonly unknownOrders: readonly UnknownOrder[];
}

/** The outcome of running a choice. Server errors (code ≠ 0) are ok:true with the reply; local refusals are ok:false. */
export interface RunOutcome {
  readonly choice: number;
  readonly uuid?: string;
  /** The frame that was sent, secrets redacted. */
  readonly sent?: unknown;
  readonly reply?: Reply;
  readonly rttMs?: number;
  /** One line in the original client's words, e.g. "received order ack. order id: 31". */
  readonly summary: string;
}

export interface LogEntry {
  readonly seq: number;
  readonly time: number; // epoch ms
  readonly level: LogLevel;
  readonly text: string; // redacted
  readonly direction?: 'in' | 'out';
  readonly uuid?: string;
}

export interface LogQuery {
  readonly level?: LogLevel; // minimum level
  readonly text?: string; // case-insensitive substring
  readonly since?: number;
  readonly until?: number;
  readonly limit?: number; // newest N (default 10000)
}

export interface ReplyEvent {
  readonly choice: number;
  readonly uuid: string;
  readonly reply: Reply;
  readonly rttMs: number;
}

/** Where the self-updater is; `message` explains errors, refusals and "you have the latest version". */
export type UpdatePhase = 'idle' | 'checking' | 'up-to-date' | 'available' | 'downloading' | 'downloaded' | 'installing' | 'error' | 'unavailable';

export interface UpdateStatus {
  readonly phase: UpdatePhase;
  readonly currentVersion: string;
  readonly autoCheck: boolean;
  /** The newer version on offer (available, downloading, downloaded, installing; kept after a failed download). */
  readonly version?: string;
  readonly releaseNotes?: string; // plain text
  readonly releaseDate?: string; // ISO 8601
  readonly progress?: { readonly percent: number; readonly transferred: number; readonly total: number; readonly bytesPerSecond: number };
  readonly message?: string;
  readonly failure?: 'offline' | 'signature' | 'checksum' | 'feed' | 'other';
  /** Set while "Restart to update" waits, saying why (an order's outcome unknown, a request in flight). */
  readonly waitingFor?: string;
  readonly lastCheckedAt?: number; // epoch ms
}

/** The outcome of a raw composer frame: like a choice's, plus which choice an order frame was sent as. */
export interface RawOutcome extends RunOutcome {
  /** 6, 7 or 8 when an order frame was turned into that choice (confirmed in main, fresh uuid). */
  readonly via?: number;
  /** Plain words about what main changed, e.g. "The uuid was already used, so a fresh one was sent." */
  readonly note?: string;
}

/** One request sent (a choice or a raw frame), as kept in the per-profile request history. Never a signature. */
export interface HistoryEntry {
  readonly id: string;
  readonly at: number; // epoch ms
  readonly source: 'choice' | 'raw';
  /** The choice run, or for a raw frame the choice with the same handler/action (0 when none). */
  readonly choice: number;
  readonly handler: string;
  readonly action: string;
  readonly uuid?: string;
  /** The args sent (or that would have been sent, when refused before sending). */
  readonly args: unknown;
  /** What the person typed, for re-sending a choice. */
  readonly fields?: Readonly<Record<string, string>>;
  /** The frame text for re-sending a raw frame (redacted; never a header). */
  readonly frame?: string;
  readonly code?: number;
  readonly error?: string;
  readonly rttMs?: number;
  readonly summary?: string;
}

export interface HistoryQuery {
  readonly text?: string; // case-insensitive substring of handler/action/args/summary/error
  readonly outcome?: 'ok' | 'failed';
  readonly source?: 'choice' | 'raw';
  readonly limit?: number; // newest N
}

export interface WatchStart {
  readonly choice: number;
  readonly fields: Readonly<Record<string, string | undefined>>;
  readonly intervalMs: number;
  /** Keep watching after the screen closes. */
  readonly keepRunning: boolean;
}

export interface WatchInfo extends WatchStart {
  readonly id: string;
  readonly label: string;
  /** running: a request is in flight or the next is scheduled; paused: waiting for the connection. */
  readonly state: 'running' | 'paused';
  readonly runs: number;
  readonly startedAt: number;
  readonly lastAt?: number;
}

/** One re-run of a watch. */
export interface WatchTick {
  readonly id: string;
  readonly choice: number;
  readonly at: number;
  readonly outcome?: RunOutcome;
  readonly error?: string;
}

/** renderer → main request channels and their argument tuples / results. */
export interface InvokeMap {
  'session:run': { args: [choice: number, fields: RawFields]; result: RunOutcome };
  'session:status': { args: []; result: SessionStatus };
  'session:connect': { args: []; result: SessionStatus };
  'key:info': { args: []; result: KeyInfo };
  'key:import': { args: []; result: KeyInfo }; // opens the file dialog in main
  'key:remove': { args: []; result: KeyInfo };
  'key:verify': { args: []; result: KeyVerification };
  'settings:get': { args: []; result: Settings };
  'settings:updateProfile': { args: [update: ProfileUpdate]; result: Settings };
  'settings:addProfile': { args: [name: string]; result: Settings };
  'settings:removeProfile': { args: [id: string]; result: Settings };
  'settings:selectProfile': { args: [id: string]; result: Settings };
  'log:query': { args: [query: LogQuery]; result: LogEntry[] };
  'log:reveal': { args: []; result: string }; // path shown in the file manager
  'log:export': { args: []; result: string | null }; // path written, null if cancelled
  'updates:status': { args: []; result: UpdateStatus };
  'updates:check': { args: []; result: UpdateStatus };
  'updates:download': { args: []; result: UpdateStatus };
  'updates:install': { args: []; result: UpdateStatus }; // restarts now, or waits and says why
  'updates:setAutoCheck': { args: [on: boolean]; result: UpdateStatus };
  'session:sendRaw': { args: [frameText: string]; result: RawOutcome };
  'history:list': { args: [query: HistoryQuery]; result: HistoryEntry[] };
  'history:resend': { args: [id: string]; result: RawOutcome }; // same rules as the first send
  'history:export': { args: []; result: string | null }; // JSON lines; path written, null if cancelled
  'watch:start': { args: [start: WatchStart]; result: WatchInfo };
  'watch:stop': { args: [id: string]; result: WatchInfo[] };
  'watch:list': { args: []; result: WatchInfo[] };
}
export type InvokeChannel = keyof InvokeMap;

/** main → renderer events and their payloads. */
export interface EventMap {
  'event:session': SessionStatus;
  'event:heartbeat': { readonly at: number };
  'event:reply': ReplyEvent;
  'event:log': readonly LogEntry[]; // batched, never one message per frame
  'event:key': KeyInfo;
  'event:settings': Settings;
  /** The application menu asks the renderer to show a choice's screen (or 'settings' / 'log'). */
  'event:navigate': number | 'settings' | 'log';
  /** A notice for the user (e.g. settings file was corrupt and kept aside). */
  'event:notice': { readonly level: 'info' | 'warn' | 'error'; readonly message: string };
  'event:update': UpdateStatus;
  /** A request was added to the active profile's history. */
  'event:history': HistoryEntry;
  /** The set of watches or their state changed. */
  'event:watches': readonly WatchInfo[];
  /** A watch re-ran. */
  'event:watch': WatchTick;
}
export type EventChannel = keyof EventMap;

export const INVOKE_CHANNELS: readonly InvokeChannel[] = [
  'session:run', 'session:status', 'session:connect',
  'key:info', 'key:import', 'key:remove', 'key:verify',
  'settings:get', 'settings:updateProfile', 'settings:addProfile', 'settings:removeProfile', 'settings:selectProfile',
  'log:query', 'log:reveal', 'log:export',
  'updates:status', 'updates:check', 'updates:download', 'updates:install', 'updates:setAutoCheck',
  'session:sendRaw', 'history:list', 'history:resend', 'history:export', 'watch:start', 'watch:stop', 'watch:list',
];
export const EVENT_CHANNELS: readonly EventChannel[] = [
  'event:session', 'event:heartbeat', 'event:reply', 'event:log', 'event:key', 'event:settings', 'event:navigate', 'event:notice',
  'event:update',
  'event:history', 'event:watches', 'event:watch',
];

/** How createApi reaches main: Electron's ipcRenderer in the app, a direct call into the handlers in browser tests. */
export interface Transport {
  invoke(channel: InvokeChannel, ...args: unknown[]): Promise<unknown>;
  /** Listener gets the payload only (never an Electron event); returns unsubscribe. */
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}
