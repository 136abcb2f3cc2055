// The argument schemas the IPC table (./channels.ts) is built from. Main parses every `unknown` argument with
// these before anything runs; the renderer gets the same types. Pure zod, no Node.

import { z } from 'zod';
import { MAX_RAW_FRAME_BYTES } from '../oceanex/raw-frame';
import { unsafeCharacterProblem } from '../plain-text';
import { MAX_SCENARIO_BYTES } from '../scenario/limits';
import { LOG_LEVELS, MAX_PROFILE_NAME, MAX_REQUEST_TIMEOUT_MS, MIN_REQUEST_TIMEOUT_MS } from '../constants';

export const MIN_WATCH_INTERVAL_MS = 1_000;
export const DEFAULT_WATCH_INTERVAL_MS = 5_000;
export const MAX_WATCH_INTERVAL_MS = 3_600_000;

export const choiceNumber = z.number().int().min(1).max(17);

const MAX_TEXT = 1_000;
const MAX_FIELDS = 32;

export const profileId = z.string().min(1).max(64);
export const profileName = z
  .string()
  .trim()
  .min(1, 'A profile name must not be empty.')
  .max(MAX_PROFILE_NAME, `A profile name may be at most ${MAX_PROFILE_NAME} characters.`)
  .superRefine((name, context) => {
    const problem = unsafeCharacterProblem(name, 'A profile name');
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  });
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

export const profileUpdate = z
  .object({
    id: profileId,
    name: profileName.optional(),
    endpoint: endpoint.optional(),
    uid: credential.optional(),
    apiKeyId: credential.optional(),
    requestTimeoutMs: z.number().int().min(MIN_REQUEST_TIMEOUT_MS).max(MAX_REQUEST_TIMEOUT_MS).optional(),
    logLevel: z.enum(LOG_LEVELS).optional(),
  })
  .strict();

/** Keys that could reach an object's prototype; a payload carrying them is refused outright. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Raw form text per field; values the UI leaves empty may be absent. Rebuilt as a fresh plain object. */
export const rawFields = z
  .custom<Record<string, unknown>>(
    (value) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype,
    'Fields must be an object of texts.',
  )
  .refine((fields) => !Object.keys(fields).some((key) => FORBIDDEN_KEYS.has(key)), 'Field names such as "__proto__" are not allowed.')
  .refine((fields) => Object.keys(fields).length <= MAX_FIELDS, 'Too many fields.')
  .pipe(z.record(z.string().max(64), z.string().max(MAX_TEXT).optional()))
  .transform((fields) => Object.fromEntries(Object.entries(fields)) as Record<string, string | undefined>);

export const logQuery = z
  .object({
    level: z.enum(LOG_LEVELS).optional(),
    text: z.string().max(MAX_TEXT).optional(),
    since: z.number().optional(),
    until: z.number().optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

export const none = z.tuple([]);

// The composer's text may be longer than the cap here, so that checkRawFrame can say by how much.
export const rawFrameText = z.string().max(MAX_RAW_FRAME_BYTES * 4);
export const historyQuery = z
  .object({
    text: z.string().max(MAX_TEXT).optional(),
    outcome: z.enum(['ok', 'failed']).optional(),
    source: z.enum(['choice', 'raw']).optional(),
    limit: z.number().int().min(1).max(5_000).optional(),
  })
  .strict();
export const shortId = z.string().min(1).max(64);
export const watchStart = z
  .object({
    choice: choiceNumber,
    fields: rawFields,
    intervalMs: z
      .number()
      .int()
      .min(MIN_WATCH_INTERVAL_MS, 'A watch repeats at most once a second.')
      .max(MAX_WATCH_INTERVAL_MS, 'A watch repeats at least once an hour.'),
    keepRunning: z.boolean(),
  })
  .strict();

/** Scenario text from the editor: at most the file limit (characters here; main checks the UTF-8 bytes again). */
export const scenarioText = z.string().max(MAX_SCENARIO_BYTES, `A scenario holds at most ${MAX_SCENARIO_BYTES / 1024} KiB.`);
export const scenarioExportFormat = z.enum(['junit', 'json']);
