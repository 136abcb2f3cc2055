// Profiles and settings, persisted as schema-validated JSON in <dir>/settings.json (written atomically).
// A file we cannot use is never silently reset: it is renamed to settings.json.corrupt-<timestamp> and
// load() returns a notice saying so.

import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS, type Endpoint, type LogLevel, type Profile, type ProfileUpdate, type Settings } from '../../shared/ipc/contract';
import { corruptAsidePath, writeFileAtomic } from './atomic-file';
import { clipText, showUnsafeCharacters, unsafeCharacterProblem } from '../../shared/plain-text';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  LOOPBACK_HOSTS,
  MAX_PROFILE_NAME,
  MAX_REQUEST_TIMEOUT_MS,
  MIN_REQUEST_TIMEOUT_MS,
  PROFILE_ID,
} from '../../shared/constants';

export const PRODUCTION_WS_URL = 'wss://ws.oceanex.pro/ws/v1';
export const SETTINGS_FILE = 'settings.json';
export const DEFAULT_LOG_LEVEL: LogLevel = 'info';
const DEFAULT_PROFILE_ID = 'sandbox';
const IDENTIFIER = /^[A-Za-z0-9]{1,64}$/;

/** A human message; `field` names the profile field at fault (for inline form errors). */
export class SettingsError extends Error {
  constructor(
    message: string,
    readonly field?: keyof Profile,
  ) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Error text for a custom endpoint URL, or undefined when it is acceptable. */
export function validateCustomUrl(url: string): string | undefined {
  if (typeof url !== 'string' || url.trim() === '') return 'Enter the websocket URL, e.g. wss://ws.oceanex.pro/ws/v1.';
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return 'This is not a valid URL. Example: wss://ws.oceanex.pro/ws/v1.';
  }
  if (parsed.protocol === 'ws:') {
    if (!LOOPBACK_HOSTS.has(parsed.hostname)) {
      return 'Use wss:// (encrypted). Unencrypted ws:// is allowed only for 127.0.0.1, localhost or [::1].';
    }
  } else if (parsed.protocol !== 'wss:') {
    return 'The URL must start with wss:// (or ws:// for 127.0.0.1, localhost or [::1]).';
  }
  if (parsed.hostname === '') return 'The URL needs a host name.';
  if (parsed.username !== '' || parsed.password !== '') return 'The URL must not contain a user name or password.';
  if (parsed.hash !== '') return 'The URL must not contain a "#" fragment.';
  return undefined;
}

/** The websocket URL a profile connects to. The sandbox URL is only known while the built-in sandbox runs. */
export function endpointUrl(endpoint: Endpoint, sandboxUrl: string | undefined): string {
  switch (endpoint.kind) {
    case 'production':
      return PRODUCTION_WS_URL;
    case 'custom':
      return endpoint.url;
    case 'sandbox':
      if (!sandboxUrl) throw new SettingsError('The built-in sandbox is not running.');
      return sandboxUrl;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Field validation with messages a person understands.

function identifierError(label: string, example: string, value: string): string | undefined {
  if (value === '') return `Enter your ${label} (e.g. ${example}).`;
  if (value.length > 64) return `The ${label} is too long (at most 64 characters).`;
  if (!IDENTIFIER.test(value)) return `The ${label} may contain only letters and digits (e.g. ${example}).`;
  return undefined;
}

export function validateUid(value: string): string | undefined {
  return identifierError('uid', 'ID4E5XXXXXX', value);
}

export function validateApiKeyId(value: string): string | undefined {
  return identifierError('API key id', 'KIDB7XXXXXX', value);
}

export function validateRequestTimeout(value: number): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'The request timeout must be a whole number of milliseconds.';
  if (value < MIN_REQUEST_TIMEOUT_MS || value > MAX_REQUEST_TIMEOUT_MS) {
    return `The request timeout must be between ${MIN_REQUEST_TIMEOUT_MS} and ${MAX_REQUEST_TIMEOUT_MS} ms.`;
  }
  return undefined;
}

export function validateProfileName(value: string): string | undefined {
  if (value === '') return 'Enter a profile name.';
  if (value.length > MAX_PROFILE_NAME) return `The profile name is too long (at most ${MAX_PROFILE_NAME} characters).`;
  // Names appear in main's questions: a line break or U+202E there could forge or hide a line.
  return unsafeCharacterProblem(value, 'A profile name');
}

// ---------------------------------------------------------------------------------------------------------------
// The file's schema (version 1). Empty uid / API key id mean "not set yet" (the first-run sandbox profile).

const message = (check: (v: string) => string | undefined) => (v: string) => check(v) === undefined;
const endpointSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sandbox') }).strict(),
  z.object({ kind: z.literal('production') }).strict(),
  z.object({ kind: z.literal('custom'), url: z.string().refine(message(validateCustomUrl), 'invalid custom URL') }).strict(),
]);
const optionalIdentifier = z.string().refine((v) => v === '' || IDENTIFIER.test(v), 'letters and digits only');
const profileSchema = z
  .object({
    id: z.string().regex(PROFILE_ID),
    // A name saved before such characters were refused is shown with them written out ("[U+202E]"), not refused.
    name: z.string().transform((name) => clipText(showUnsafeCharacters(name), MAX_PROFILE_NAME - 1)).refine(message(validateProfileName), 'invalid name'),
    endpoint: endpointSchema,
    uid: optionalIdentifier,
    apiKeyId: optionalIdentifier,
    requestTimeoutMs: z.number().int().min(MIN_REQUEST_TIMEOUT_MS).max(MAX_REQUEST_TIMEOUT_MS),
    logLevel: z.enum(LOG_LEVELS),
  })
  .strict();
const settingsSchema = z
  .object({
    version: z.literal(1),
    activeProfileId: z.string(),
    profiles: z.array(profileSchema).min(1),
    // Added without a version bump: optional, so every version-1 file still loads (absent = checks on).
    autoCheckForUpdates: z.boolean().optional(),
  })
  .strict()
  .refine((s) => new Set(s.profiles.map((p) => p.id)).size === s.profiles.length, 'two profiles share an id')
  .refine((s) => s.profiles.some((p) => p.id === s.activeProfileId), 'the active profile does not exist');

function newProfile(id: string, name: string): Profile {
  return { id, name, endpoint: { kind: 'sandbox' }, uid: '', apiKeyId: '', requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS, logLevel: DEFAULT_LOG_LEVEL };
}

export function defaultSettings(): Settings {
  return { version: 1, activeProfileId: DEFAULT_PROFILE_ID, profiles: [newProfile(DEFAULT_PROFILE_ID, 'Sandbox')] };
}

const UPDATABLE = new Set(['id', 'name', 'endpoint', 'uid', 'apiKeyId', 'requestTimeoutMs', 'logLevel']);

export interface SettingsStoreOptions {
  /** The app's data folder (Electron's userData). */
  readonly dir: string;
}

export class SettingsStore {
  readonly file: string;
  private readonly dir: string;
  private current: Settings | undefined;

  constructor(options: SettingsStoreOptions) {
    this.dir = options.dir;
    this.file = join(options.dir, SETTINGS_FILE);
  }

  /** Reads settings.json (first run: writes the defaults). A file we cannot use is kept aside, with a notice. */
  load(): { settings: Settings; notice?: string } {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') {
        this.current = defaultSettings();
        const reason = error instanceof Error ? error.message : String(error);
        return { settings: this.current, notice: `Your settings file ${this.file} could not be read (${reason}); default settings are in use for now.` };
      }
      this.current = defaultSettings();
      this.save(this.current);
      return { settings: this.current };
    }

    const parsed = parseSettingsText(text);
    if ('settings' in parsed) {
      this.current = parsed.settings;
      return { settings: parsed.settings };
    }
    const problem = parsed.problem;

    const aside = corruptAsidePath(this.file);
    renameSync(this.file, aside);
    this.current = defaultSettings();
    this.save(this.current);
    return {
      settings: this.current,
      notice: `Your settings file ${problem}. It was kept as ${aside} and default settings are in use; your old settings are still in that file.`,
    };
  }

  get(): Settings {
    if (!this.current) this.load();
    return this.current as Settings;
  }

  activeProfile(): Profile {
    const settings = this.get();
    return settings.profiles.find((p) => p.id === settings.activeProfileId) as Profile;
  }

  updateProfile(update: ProfileUpdate): Settings {
    const settings = this.get();
    if (typeof update !== 'object' || update === null) throw new SettingsError('Nothing to update.');
    const existing = this.profile(update.id);
    for (const key of Object.keys(update)) {
      if (!UPDATABLE.has(key)) throw new SettingsError(`Unknown setting "${key}".`);
    }
    const next: { -readonly [K in keyof Profile]: Profile[K] } = { ...existing };
    if (update.name !== undefined) {
      const name = asText(update.name, 'name').trim();
      fail(validateProfileName(name), 'name');
      if (settings.profiles.some((p) => p.id !== existing.id && p.name.toLowerCase() === name.toLowerCase())) {
        throw new SettingsError(`A profile named "${name}" already exists.`, 'name');
      }
      next.name = name;
    }
    if (update.endpoint !== undefined) next.endpoint = checkedEndpoint(update.endpoint);
    if (update.uid !== undefined) {
      next.uid = asText(update.uid, 'uid').trim();
      fail(validateUid(next.uid), 'uid');
    }
    if (update.apiKeyId !== undefined) {
      next.apiKeyId = asText(update.apiKeyId, 'apiKeyId').trim();
      fail(validateApiKeyId(next.apiKeyId), 'apiKeyId');
    }
    if (update.requestTimeoutMs !== undefined) {
      fail(validateRequestTimeout(update.requestTimeoutMs), 'requestTimeoutMs');
      next.requestTimeoutMs = update.requestTimeoutMs;
    }
    if (update.logLevel !== undefined) {
      if (!LOG_LEVELS.includes(update.logLevel)) throw new SettingsError(`The log level must be one of ${LOG_LEVELS.join(', ')}.`, 'logLevel');
      next.logLevel = update.logLevel;
    }
    return this.commit({ ...settings, profiles: settings.profiles.map((p) => (p.id === existing.id ? next : p)) });
  }

  /** Adds a sandbox profile with default settings (it does not become active). */
  addProfile(name: string): Settings {
    const settings = this.get();
    const trimmed = asText(name, 'name').trim();
    fail(validateProfileName(trimmed), 'name');
    if (settings.profiles.some((p) => p.name.toLowerCase() === trimmed.toLowerCase())) {
      throw new SettingsError(`A profile named "${trimmed}" already exists.`, 'name');
    }
    const id = `p-${randomUUID()}`;
    return this.commit({ ...settings, profiles: [...settings.profiles, newProfile(id, trimmed)] });
  }

  /** Removes a profile (not the last one). Removing the active one activates the first remaining profile. */
  removeProfile(id: string): Settings {
    const settings = this.get();
    this.profile(id);
    if (settings.profiles.length === 1) throw new SettingsError('The last profile cannot be removed.');
    const profiles = settings.profiles.filter((p) => p.id !== id);
    const activeProfileId = settings.activeProfileId === id ? (profiles[0] as Profile).id : settings.activeProfileId;
    return this.commit({ ...settings, activeProfileId, profiles });
  }

  selectProfile(id: string): Settings {
    const settings = this.get();
    this.profile(id);
    return this.commit({ ...settings, activeProfileId: id });
  }

  /** Turns the automatic update checks on or off (persisted; the "Check for Updates…" menu item always works). */
  setAutoCheckForUpdates(on: boolean): Settings {
    if (typeof on !== 'boolean') throw new SettingsError('Automatic update checks are either on or off.');
    return this.commit({ ...this.get(), autoCheckForUpdates: on });
  }

  private profile(id: unknown): Profile {
    const found = typeof id === 'string' ? this.get().profiles.find((p) => p.id === id) : undefined;
    if (!found) throw new SettingsError('That profile does not exist (it may have been removed).');
    return found;
  }

  private commit(settings: Settings): Settings {
    this.save(settings);
    this.current = settings;
    return settings;
  }

  private save(settings: Settings): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomic(this.file, `${JSON.stringify(settings, null, 2)}\n`, 0o600);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SettingsError(`The settings could not be saved to ${this.file}: ${reason}`);
    }
  }
}

/** The settings in `text`, or what is wrong with it, worded for the user's notice. */
function parseSettingsText(text: string): { settings: Settings } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { problem: 'is not valid JSON (it may have been damaged)' };
  }
  const version = typeof raw === 'object' && raw !== null ? (raw as { version?: unknown }).version : undefined;
  if (version !== 1) {
    return {
      problem:
        typeof version === 'number'
          ? `was written by another version of the app (settings version ${version}, this app reads version 1)`
          : 'has no settings version (it is not a settings file of this app)',
    };
  }
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return { problem: `has invalid content${where}: ${issue?.message ?? 'unknown problem'}` };
  }
  return { settings: parsed.data as Settings };
}

function fail(error: string | undefined, field: keyof Profile): void {
  if (error !== undefined) throw new SettingsError(error, field);
}

/** Arguments may come from the renderer: never trust their types. */
function asText(value: unknown, field: keyof Profile): string {
  if (typeof value !== 'string') throw new SettingsError(`The ${field} must be text.`, field);
  return value;
}

function checkedEndpoint(value: unknown): Endpoint {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (kind === 'sandbox' || kind === 'production') return { kind };
  if (kind === 'custom') {
    const url = asText((value as { url?: unknown }).url, 'endpoint').trim();
    fail(validateCustomUrl(url), 'endpoint');
    return { kind: 'custom', url };
  }
  throw new SettingsError('Choose an endpoint: Sandbox, OceanEx production or a custom URL.', 'endpoint');
}
