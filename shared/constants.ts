// Names and limits that more than one part of the app must agree on (main, the terminal client, the renderer).
// Defined once here; pure values, no Node.

/** package.json productName: the window title, and Electron names the userData folder after it. */
export const PRODUCT_NAME = 'OceanEx WS Client';
/** Overrides the userData folder, for the app and the terminal client alike (tests, portable installs). */
export const USER_DATA_ENV = 'OCEANEX_USER_DATA';
/** The original program's log file name, kept so people find it where they expect. */
export const LOG_FILE_NAME = 'ws_client.log';

/** The original's `--logLevel` levels, lowest first. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Hosts where unencrypted ws:// / http:// is acceptable: they never leave the machine. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** A profile id: also a file name (key, binding, history) and a keychain account, so a safe alphabet only. */
export const PROFILE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** How long a request waits for its reply unless the profile says otherwise, and the limits a profile may set. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const MIN_REQUEST_TIMEOUT_MS = 1_000;
export const MAX_REQUEST_TIMEOUT_MS = 120_000;
/** The longest profile name (the settings file and the IPC schema both hold profiles to it). */
export const MAX_PROFILE_NAME = 60;

/** The original program's refusal of a private choice before login, word for word (the app says it too). */
export const NOT_AUTHENTICATED = 'Not Authenticated. Please Authenticate first';
