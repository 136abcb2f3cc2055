// Wire frames of the OceanEx websocket API v1: building requests and classifying what the server sends.
// Pure functions, no Node or Electron imports (the renderer uses the types and the classifier too).

import { buildArgs, type ChoiceSpec, type FieldValues } from './catalogue';
import { clipText } from '../plain-text';

export interface RequestFrame {
  readonly identifier: { readonly handler: string };
  readonly command: 'message';
  readonly data: {
    readonly action: string;
    readonly uuid: string;
    readonly args: Record<string, unknown>;
    readonly header?: LoginHeader;
  };
}

export interface LoginHeader {
  readonly uid: string;
  readonly api_key: string;
  readonly nonce: number;
  readonly verb: 'GET';
  readonly path: '/ws/v1';
  readonly signature: string;
}

export const PONG_FRAME = { command: 'pong' } as const;
export const LOGIN_VERB = 'GET';
export const LOGIN_PATH = '/ws/v1';

/** The exact string OceanEx expects to be signed for a websocket login. */
export function loginPayload(nonce: number): string {
  return `${LOGIN_VERB}|${LOGIN_PATH}|${nonce}|`;
}

export function newUuid(): string {
  return globalThis.crypto.randomUUID();
}

/** A request frame for one of the catalogue's request choices (2–15). */
export function buildRequest(choice: ChoiceSpec, values: FieldValues, uuid: string = newUuid()): RequestFrame {
  if (choice.kind !== 'request' || !choice.handler || !choice.action) {
    throw new Error(`Choice ${choice.number} (${choice.label}) is not a server request`);
  }
  return {
    identifier: { handler: choice.handler },
    command: 'message',
    data: { action: choice.action, uuid, args: buildArgs(choice, values) },
  };
}

/** The login frame; `signature` comes from the signer (main process only). */
export function buildLogin(header: Omit<LoginHeader, 'verb' | 'path'>, uuid: string = newUuid()): RequestFrame {
  return {
    identifier: { handler: 'AuthHandler' },
    command: 'message',
    data: {
      action: 'login',
      uuid,
      args: {},
      header: { uid: header.uid, api_key: header.api_key, nonce: header.nonce, verb: LOGIN_VERB, path: LOGIN_PATH, signature: header.signature },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Inbound classification: the equivalent of the original client's callbacks.

/** What a reply means to a person, as the original client's callbacks named it. */
export type ReplyOutcome =
  | 'login'
  | 'login-failed'
  | 'tickers'
  | 'markets'
  | 'fees'
  | 'account'
  | 'order-ack'
  | 'order-rejected'
  | 'cancelled'
  | 'cancel-rejected'
  | 'mass-cancelled'
  | 'open-orders'
  | 'order-details'
  | 'history-order'
  | 'history-orders'
  | 'timestamp'
  | 'order-book'
  | 'kline'
  /** A success reply to a handler/action the 17 choices do not use (a frame sent from the raw composer). */
  | 'other'
  | 'error';

export interface Reply {
  readonly handler: string;
  readonly action: string;
  readonly code: number;
  readonly data: unknown;
  readonly uuid: string | undefined;
  /** Optional human message some servers include next to the code. */
  readonly message: string | undefined;
  readonly outcome: ReplyOutcome;
}

export type Inbound =
  | { readonly kind: 'welcome'; readonly heartbeatSeconds: number | undefined; readonly raw: unknown }
  | { readonly kind: 'ping'; readonly message: unknown; readonly raw: unknown }
  | { readonly kind: 'disconnect'; readonly reason: string; readonly reconnect: boolean; readonly raw: unknown }
  | { readonly kind: 'reply'; readonly reply: Reply; readonly raw: unknown }
  | { readonly kind: 'unknown'; readonly raw: unknown }
  | { readonly kind: 'malformed'; readonly text: string; readonly error: string };

/**
 * A routed reply's meaning; the failure outcome applies to any non-zero code. The route's own handler and action
 * strings go into the Reply (equal to the frame's, and shared: a reply kept for a while holds two strings fewer).
 */
interface Route {
  readonly handler: string;
  readonly action: string;
  readonly success: ReplyOutcome;
  readonly failure: ReplyOutcome;
}

/** handler → action → route. */
const ROUTES: ReadonlyMap<string, ReadonlyMap<string, Route>> = (() => {
  const routes = new Map<string, Map<string, Route>>();
  const route = (handler: string, action: string, success: ReplyOutcome, failure: ReplyOutcome = 'error'): void => {
    const actions = routes.get(handler) ?? new Map<string, Route>();
    actions.set(action, { handler, action, success, failure });
    routes.set(handler, actions);
  };
  route('AuthHandler', 'login', 'login', 'login-failed');
  route('TickerHandler', 'index', 'tickers');
  route('MarketsHandler', 'index', 'markets');
  route('FeeHandler', 'trading_fee', 'fees');
  route('AccountHandler', 'index', 'account');
  route('OrderHandler', 'create', 'order-ack', 'order-rejected');
  route('OrderHandler', 'cancel', 'cancelled', 'cancel-rejected');
  route('OrderHandler', 'clear', 'mass-cancelled');
  route('OrderHandler', 'index', 'open-orders');
  route('OrderHandler', 'show', 'order-details');
  route('OrderHistoryHandler', 'show', 'history-order');
  route('OrderHistoryHandler', 'index', 'history-orders');
  route('ToolHandler', 'timestamp', 'timestamp');
  route('OrderBookHandler', 'index', 'order-book');
  route('KlineHandler', 'index', 'kline');
  return routes;
})();

/** A JSON object (not an array, not null): the shape every frame and most payloads have. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses and classifies one text frame. Never throws: garbage becomes `malformed` or `unknown`. */
export function classifyFrame(text: string): Inbound {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { kind: 'malformed', text: clipText(text, 500), error: (e as Error).message }; // a copy: a slice would pin the frame
  }
  return classifyMessage(parsed);
}

/** Classifies an already parsed message. */
export function classifyMessage(raw: unknown): Inbound {
  if (!isRecord(raw)) return { kind: 'unknown', raw };
  switch (raw['type']) {
    case 'welcome':
      return { kind: 'welcome', heartbeatSeconds: typeof raw['message'] === 'number' ? raw['message'] : undefined, raw };
    case 'ping':
      return { kind: 'ping', message: raw['message'], raw };
    case 'disconnect':
      return {
        kind: 'disconnect',
        // Free text of the server's, kept in the session's status and shown: bounded like a reply summary.
        reason: typeof raw['reason'] === 'string' ? clipText(raw['reason'], MAX_SUMMARY_CHARS) : 'no reason given',
        reconnect: raw['reconnect'] === true,
        raw,
      };
  }
  const identifier = raw['identifier'];
  const message = raw['message'];
  if (!isRecord(identifier) || !isRecord(message)) return { kind: 'unknown', raw };
  const handler = identifier['handler'];
  const action = message['action'];
  const code = replyCode(message['code']);
  if (typeof handler !== 'string' || typeof action !== 'string' || typeof code !== 'number') return { kind: 'unknown', raw };
  const route = ROUTES.get(handler)?.get(action);
  if (route === undefined) return { kind: 'unknown', raw };
  const outcome = code === 0 ? route.success : route.failure;
  return {
    kind: 'reply',
    reply: {
      handler: route.handler,
      action: route.action,
      code,
      data: message['data'],
      uuid: typeof message['uuid'] === 'string' ? message['uuid'] : undefined,
      message: typeof message['message'] === 'string' ? message['message'] : undefined,
      outcome,
    },
    raw,
  };
}

/**
 * A reply the original callbacks did not route (classified 'unknown'), read as a reply anyway: the session uses it
 * only when its uuid answers a frame it sent (one from the raw composer); otherwise it stays an unknown message.
 */
export function unroutedReply(raw: unknown): Reply | undefined {
  if (!isRecord(raw) || !isRecord(raw['identifier']) || !isRecord(raw['message'])) return undefined;
  const handler = raw['identifier']['handler'];
  const message = raw['message'];
  const code = replyCode(message['code']);
  const { action, uuid } = message;
  if (typeof handler !== 'string' || typeof action !== 'string' || typeof code !== 'number' || typeof uuid !== 'string') return undefined;
  return {
    handler,
    action,
    code,
    data: message['data'],
    uuid,
    message: typeof message['message'] === 'string' ? message['message'] : undefined,
    outcome: code === 0 ? 'other' : 'error',
  };
}

/** The reply code as a number: some servers send it as a string of digits. */
function replyCode(code: unknown): unknown {
  return typeof code === 'string' && /^-?\d+$/.test(code) ? Number(code) : code;
}

/**
 * The longest reply summary: a server's reply (its handler, action, message and data are all the server's) may be
 * megabytes, and summaries are shown, kept in the request history and written to its file.
 */
export const MAX_SUMMARY_CHARS = 1_000;

/** One line a person reads for a reply, in the words of the original client, at most MAX_SUMMARY_CHARS long. */
export function describeReply(reply: Reply): string {
  return clipText(describeWhole(reply), MAX_SUMMARY_CHARS);
}

function describeWhole(reply: Reply): string {
  const data = reply.data;
  switch (reply.outcome) {
    case 'login':
      return 'Authenticated.';
    case 'login-failed':
      return `Authentication failed. code: ${reply.code}${detail(reply)}`;
    case 'order-ack':
      return `received order ack. order id: ${isRecord(data) ? String(data['id']) : '?'}`;
    case 'order-rejected':
      return `order rejected. code: ${reply.code}${detail(reply)}`;
    case 'cancelled':
      return `received cancel ack. cancelled ids: ${Array.isArray(data) ? data.join(',') : JSON.stringify(data)}`;
    case 'cancel-rejected':
      return `cancel rejected. code: ${reply.code}${detail(reply)}`;
    case 'mass-cancelled':
      return `received mass cancel ack. cancelled ids: ${Array.isArray(data) ? data.join(',') : JSON.stringify(data)}`;
    case 'tickers':
      return 'received tickers info.';
    case 'markets':
      return 'received markets info.';
    case 'fees':
      return 'received trading fee info.';
    case 'account':
      return 'received account info.';
    case 'open-orders':
      return 'received open orders.';
    case 'order-details':
      return 'received order details.';
    case 'history-order':
      return 'received history order.';
    case 'history-orders':
      return 'received history orders.';
    case 'timestamp':
      return `received timestamp: ${String(data)}`;
    case 'order-book':
      return 'received order book.';
    case 'kline':
      return 'received k-line.';
    case 'other':
      return `received ${reply.handler}/${reply.action} reply.`;
    case 'error':
      return `${reply.handler}/${reply.action} failed. code: ${reply.code}${detail(reply)}`;
  }
}

function detail(reply: Reply): string {
  const parts: string[] = [];
  if (reply.message) parts.push(clipText(reply.message, MAX_SUMMARY_CHARS));
  if (reply.data !== undefined && reply.data !== null) parts.push(clipText(typeof reply.data === 'string' ? reply.data : JSON.stringify(reply.data), MAX_SUMMARY_CHARS));
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}
