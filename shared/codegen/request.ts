// What a generated program sends: handler, action and args, taken from a choice and its fields, a composer frame
// or a history entry. Pure; the app, the renderer and the terminal client all derive their requests here.

import { buildArgs, choiceByNumber, CHOICES, validateFields, type ChoiceSpec, type RawFields } from '../oceanex/catalogue';
import { isRecord } from '../oceanex/messages';
import { MAX_RAW_FRAME_BYTES, PRIVATE_HANDLERS, utf8Length } from '../oceanex/raw-frame';

export const CODE_LANGUAGES = ['python', 'node'] as const;
export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

export interface CodeRequest {
  readonly handler: string;
  readonly action: string;
  readonly args: Readonly<Record<string, unknown>>;
}

export type CodeRequestResult =
  | { readonly ok: true; readonly request: CodeRequest }
  | { readonly ok: false; readonly error: string; readonly fieldErrors?: Readonly<Record<string, string>> };

const LOGIN = { handler: 'AuthHandler', action: 'login' } as const;

/** The login itself: the program signs it and prints its reply. */
export function isLoginRequest(request: Pick<CodeRequest, 'handler' | 'action'>): boolean {
  return request.handler === LOGIN.handler && request.action === LOGIN.action;
}

/** Whether the program must log in first (the handler is private) or sends nothing but the login. */
export function needsLogin(request: Pick<CodeRequest, 'handler' | 'action'>): boolean {
  return isLoginRequest(request) || PRIVATE_HANDLERS.has(request.handler);
}

/** The catalogue choice sending this handler/action, if any (for the program's description). */
export function matchingChoice(request: Pick<CodeRequest, 'handler' | 'action'>): ChoiceSpec | undefined {
  return CHOICES.find((c) => c.handler === request.handler && c.action === request.action);
}

/** A choice with the fields a person typed: validated exactly as the app validates them before sending. */
export function codeRequestForChoice(choiceNumber: number, fields: RawFields): CodeRequestResult {
  const choice = choiceByNumber(choiceNumber);
  if (choice === undefined) return { ok: false, error: `There is no choice ${choiceNumber}; the choices are 1 to ${CHOICES.length}.` };
  if (choice.kind === 'login') return { ok: true, request: { ...LOGIN, args: {} } };
  if (choice.kind !== 'request' || choice.handler === undefined || choice.action === undefined) {
    return { ok: false, error: `${choice.label} (choice ${choice.number}) opens or closes the socket on this side; it sends no frame to copy.` };
  }
  const unknown = Object.keys(fields).filter((name) => !choice.fields.some((f) => f.name === name));
  if (unknown.length > 0) {
    const known = choice.fields.map((f) => f.name).join(', ') || 'none';
    return { ok: false, error: `${choice.label} has no field ${unknown.map((n) => `"${n}"`).join(', ')} (its fields: ${known}).` };
  }
  const validation = validateFields(choice, fields);
  if (!validation.ok) return { ok: false, error: Object.values(validation.errors).join(' '), fieldErrors: validation.errors };
  return { ok: true, request: { handler: choice.handler, action: choice.action, args: buildArgs(choice, validation.values) } };
}

/**
 * A request frame as written in the composer or kept in the history. Unlike sending it, any handler/action may be
 * turned into code (orders too: the program is the person's to run). A login frame becomes a program that signs
 * its own login: a header in the frame (a nonce, a signature) is never carried over.
 */
export function codeRequestFromFrame(text: string): CodeRequestResult {
  const bytes = utf8Length(text);
  if (bytes > MAX_RAW_FRAME_BYTES) return { ok: false, error: `The frame is ${bytes} bytes; at most ${MAX_RAW_FRAME_BYTES} bytes can be turned into code.` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The frame is not valid JSON: ${(error as Error).message}` };
  }
  if (!isRecord(parsed) || !isRecord(parsed['identifier']) || !isRecord(parsed['data'])) {
    return { ok: false, error: 'The frame must look like {"identifier":{"handler":…},"command":"message","data":{"action":…,"args":{…}}}.' };
  }
  const handler = parsed['identifier']['handler'];
  const action = parsed['data']['action'];
  const args = parsed['data']['args'] ?? {};
  if (typeof handler !== 'string' || handler === '') return { ok: false, error: 'identifier.handler must be a handler name, e.g. "TickerHandler".' };
  if (typeof action !== 'string' || action === '') return { ok: false, error: 'data.action must be an action name, e.g. "index".' };
  if (!isRecord(args)) return { ok: false, error: 'data.args must be an object (use {} when there are none).' };
  return { ok: true, request: { handler, action, args: isLoginRequest({ handler, action }) ? {} : args } };
}

/** A file name for the program: oceanex_orderbookhandler_index.py / .mjs (only [a-z0-9_], whatever the frame said). */
export function programFileName(language: CodeLanguage, request: Pick<CodeRequest, 'handler' | 'action'>): string {
  const words = `${request.handler}_${request.action}`.toLowerCase().split(/[^a-z0-9]/);
  const slug = words.filter((word) => word !== '').join('_').slice(0, 60);
  return `oceanex_${slug || 'request'}.${language === 'python' ? 'py' : 'mjs'}`;
}
