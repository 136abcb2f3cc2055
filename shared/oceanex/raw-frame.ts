// The raw frame composer's rules, as pure functions (main decides with them; the renderer builds templates with
// them): size cap, JSON and envelope checks, and what a frame is allowed to become. A frame that creates, cancels
// or clears orders is turned into the equivalent choice (6, 7, 8) so it gets main's confirmation like the form
// would; it must match what that choice would send exactly, or it is refused. Login frames are never sent raw:
// signing is a main-only act. No Node imports (the renderer bundles this file).

import { CHOICES, validateFields, type ChoiceSpec, type RawFields } from './catalogue';
import { buildRequest, isRecord, newUuid, type RequestFrame } from './messages';

/** Largest frame the composer sends (UTF-8 bytes). The biggest real request (a cancel of many ids) is far smaller. */
export const MAX_RAW_FRAME_BYTES = 16 * 1024;
/** What a uuid the person typed may look like to be kept as written. */
const UUID_RE = /^[A-Za-z0-9_-]{1,64}$/;
/** OrderHandler actions that change nothing, so a raw frame may carry them as written. */
const READ_ONLY_ORDER_ACTIONS: ReadonlySet<string> = new Set(['index', 'show']);
/** OrderHandler actions that change orders, and the choice whose confirmation they must go through. */
const ORDER_CHANGING: Readonly<Record<string, number>> = { create: 6, cancel: 7, clear: 8 };
/** Handlers that need a logged-in connection (OceanEx disconnects a session that calls them before login). */
export const PRIVATE_HANDLERS: ReadonlySet<string> = new Set(CHOICES.filter((c) => c.private && c.handler).map((c) => c.handler!));

export type RawPlan =
  /** An order-changing frame, turned into the fields of choice 6, 7 or 8 (sent through SessionService.run). */
  | { readonly kind: 'order'; readonly choice: number; readonly fields: RawFields }
  /** A read-only frame, sent as written. `choice` is the catalogue choice with the same handler/action, else 0. */
  | {
      readonly kind: 'read';
      readonly choice: number;
      readonly frame: RequestFrame;
      /** The uuid as typed when it is usable; undefined means main picks a fresh one. */
      readonly uuid: string | undefined;
      readonly private: boolean;
    };

export type RawCheck = { readonly ok: true; readonly plan: RawPlan } | { readonly ok: false; readonly error: string };

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Decides what a composed frame may become. Never throws; every refusal says what to change. */
export function checkRawFrame(text: string): RawCheck {
  const bytes = utf8Length(text);
  if (bytes > MAX_RAW_FRAME_BYTES) return refuse(`The frame is ${bytes} bytes; at most ${MAX_RAW_FRAME_BYTES} bytes can be sent.`);
  if (text.trim() === '') return refuse('The frame is empty. Pick a template or type a JSON request frame.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return refuse(`The frame is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(parsed)) return refuse('The frame must be a JSON object: {"identifier":{"handler":…},"command":"message","data":{…}}.');
  const identifier = parsed['identifier'];
  const data = parsed['data'];
  if (!isRecord(identifier) || typeof identifier['handler'] !== 'string' || identifier['handler'] === '') {
    return refuse('identifier.handler must be a handler name, e.g. "TickerHandler".');
  }
  if (parsed['command'] !== 'message') return refuse('command must be "message" (the only request command; pong is sent by main).');
  if (!isRecord(data)) return refuse('data must be an object holding action, uuid and args.');
  if (typeof data['action'] !== 'string' || data['action'] === '') return refuse('data.action must be an action name, e.g. "index".');
  if (!isRecord(data['args'])) return refuse('data.args must be an object (use {} when there are none).');
  const handler = identifier['handler'];
  const action = data['action'];
  if (handler === 'AuthHandler') {
    return refuse('A login frame cannot be sent raw: the login is signed in the main process only. Use choice 1 (Authenticate).');
  }
  if (data['header'] !== undefined) return refuse('data.header belongs to the login frame only; remove it.');
  const typedUuid = typeof data['uuid'] === 'string' && UUID_RE.test(data['uuid']) ? data['uuid'] : undefined;

  if (handler === 'OrderHandler' && ORDER_CHANGING[action] !== undefined) {
    return orderPlan(CHOICES.find((c) => c.number === ORDER_CHANGING[action])!, parsed);
  }
  if (handler === 'OrderHandler' && !READ_ONLY_ORDER_ACTIONS.has(action)) {
    return refuse(
      `OrderHandler/${action} is not a known action. Orders are changed only by create, cancel and clear (each confirmed in main); index and show only read.`,
    );
  }
  const match = CHOICES.find((c) => c.kind === 'request' && c.handler === handler && c.action === action);
  return {
    ok: true,
    plan: { kind: 'read', choice: match?.number ?? 0, frame: parsed as unknown as RequestFrame, uuid: typedUuid, private: PRIVATE_HANDLERS.has(handler) },
  };
}

/** The same frame with another uuid (everything else exactly as written). */
export function withUuid(frame: RequestFrame, uuid: string): RequestFrame {
  return { ...frame, data: { ...frame.data, uuid } };
}

/**
 * The fields a person would type in choice 6/7/8 to make this frame. Refused unless the choice, given those
 * fields, would send exactly this frame (apart from the uuid): no extra keys, no strings for numbers, no duplicates.
 */
function orderPlan(choice: ChoiceSpec, frame: Record<string, unknown>): RawCheck {
  const args = (frame['data'] as Record<string, unknown>)['args'] as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const field of choice.fields) {
    const value = args[field.name];
    if (value === undefined) continue;
    const text = fieldText(value);
    if (text === undefined) return refuse(`${choice.label}: args.${field.name} has a type choice ${choice.number} never sends (${JSON.stringify(value)}).`);
    fields[field.name] = text;
  }
  const validation = validateFields(choice, fields);
  if (!validation.ok) return refuse(`${choice.label} (choice ${choice.number}): ${Object.values(validation.errors).join(' ')}`);
  const expected = buildRequest(choice, validation.values, 'uuid');
  const given = { ...frame, data: { ...(frame['data'] as Record<string, unknown>), uuid: 'uuid' } };
  if (canonicalJson(expected) !== canonicalJson(given)) {
    return refuse(
      `This frame does not map exactly onto choice ${choice.number} (${choice.label}), which would send args ${JSON.stringify(expected.data.args)}. ` +
        'Edit the frame to match, or use that choice\'s screen.',
    );
  }
  return { ok: true, plan: { kind: 'order', choice: choice.number, fields } };
}

function fieldText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v))) return value.join(',');
  return undefined;
}

/** JSON with object keys sorted at every level: equal text means equal frames. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortKeys(value[k])]),
  );
}

function refuse(error: string): RawCheck {
  return { ok: false, error };
}

// ---------------------------------------------------------------------------------------------------------------
// Templates: the exact frame each choice sends with the original prompt's example values.

/** The example of every required field, as a person would type it in the choice's form. */
export function exampleFields(choice: ChoiceSpec): RawFields {
  return Object.fromEntries(choice.fields.filter((f) => f.required).map((f) => [f.name, f.example]));
}

export type Template =
  | { readonly choice: ChoiceSpec; readonly frame: RequestFrame; readonly note?: undefined }
  | { readonly choice: ChoiceSpec; readonly frame?: undefined; readonly note: string };

/** The frame choice N sends with its examples (fresh uuid), or why the choice has no raw template. */
export function templateFor(choice: ChoiceSpec, uuid: string = newUuid()): Template {
  if (choice.kind === 'login') return { choice, note: 'The login is signed in main only; use choice 1 (Authenticate).' };
  if (choice.kind !== 'request') return { choice, note: `${choice.label} closes or opens the socket; it sends no frame.` };
  const validation = validateFields(choice, exampleFields(choice));
  if (!validation.ok) throw new Error(`catalogue examples of choice ${choice.number} do not validate`);
  return { choice, frame: buildRequest(choice, validation.values, uuid) };
}
