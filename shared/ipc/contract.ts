// The data that crosses IPC between main and renderer: results, profiles, settings, key info, session status,
// log entries, updates, history and watches. The channels themselves (names, argument schemas, verbs) are the
// table in ./channels.ts, which builds on these types (this file imports nothing from it: no circle). No Electron
// import: main, preload, renderer and the browser tests all share this file.

import type { Reply } from '../oceanex/messages';
import type { SessionState, UnknownOrder } from '../oceanex/session-state';
import type { LogLevel } from '../constants';

export { LOG_LEVELS, type LogLevel } from '../constants';

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
