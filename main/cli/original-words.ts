// What OceanEx's ws_client.py printed, word for word (its case, punctuation and spelling), so a script written
// against its output keeps working. The terminal client prints these first and its own summary on the next lines.
// Source: github.com/OceanEx/ocean-websocket-client, src/ws_client.py (its print() calls and callback routing).

import { NOT_AUTHENTICATED } from '../../shared/constants';
import type { Reply } from '../../shared/oceanex/messages';

export const ORIGINAL = {
  sessionUp: 'Session up',
  disconnecting: 'disconnecting...',
  disconnected: 'Disconnected',
  sessionDown: 'Session Down',
  notConnected: 'not connected',
  notAuthenticated: NOT_AUTHENTICATED,
  noCredentials: 'Please set uid and kid first',
  unrecognised: 'can not regonize choice',
  stars: '*************************************',
  /** Its last line, after quitting (trailing space included). */
  end: 'end.... ',
} as const;

/** "ERROD: Expected 3 args but received 2" — the original's argument-count message (its typo included). */
export function originalArgCountLine(expected: number, received: number): string {
  return `ERROD: Expected ${expected} args but received ${received}`;
}

/** Python's str() of a JSON value, as the original's "%s" formatting printed lists of ids: "[102, 103]". */
export function pythonStr(value: unknown, nested = false): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return nested ? pythonStringRepr(value) : value;
  if (Array.isArray(value)) return `[${value.map((v) => pythonStr(v, true)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonStringRepr(k)}: ${pythonStr(v, true)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const body = text.replace(/\\/g, '\\\\').replace(quote === "'" ? /'/g : /"/g, `\\${quote}`);
  return `${quote}${body}${quote}`;
}

/** json.dumps(data, sort_keys=True, indent=2, separators=(',', ': ')) with Python's default ensure_ascii. */
export function pythonJsonDump(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return (JSON.stringify(sorted(value), null, 2) ?? 'null').replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The original's "any message" callback: the whole message, framed by stars. */
export function originalUnknownMessage(raw: unknown): string {
  return [ORIGINAL.stars, `Unknown message \n${pythonJsonDump(raw)}`, ORIGINAL.stars].join('\n');
}

/**
 * The original's console line for a reply, following its callback routing (handler, action and code), framed by
 * stars where it framed them. 'unknown' where it fell through to the "any message" callback (errors of orders and
 * history). One deliberate difference: a failed login gets no "Authenticated." (the original printed it for any
 * AuthHandler reply), because a script that trusts it would go on to trade.
 */
export function originalReplyLine(reply: Reply): string | 'unknown' | undefined {
  const data = reply.data;
  const field = (name: string): unknown => (typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>)[name] : undefined);
  const framed = (line: string): string => [ORIGINAL.stars, line, ORIGINAL.stars].join('\n');
  const ok = reply.code === 0;
  switch (`${reply.handler}/${reply.action}`) {
    case 'AuthHandler/login':
      return ok ? 'Authenticated.' : undefined;
    case 'TickerHandler/index':
      return 'received tickers info.';
    case 'MarketsHandler/index':
      return 'received markets info';
    case 'AccountHandler/index':
      return 'received account info';
    case 'ToolHandler/timestamp':
      return 'received timestamp info';
    case 'FeeHandler/trading_fee':
      return 'received trading fee info';
    case 'OrderBookHandler/index':
      return 'received Orderbook info';
    case 'KlineHandler/index':
      return 'received K-Line info';
    case 'OrderHandler/create':
      return ok ? framed(`received order ack. order id: ${pythonStr(field('id'))}`) : 'unknown';
    case 'OrderHandler/cancel':
      return ok
        ? framed(`received order id ${pythonStr(data)} cancelled.`)
        : framed(`received order cancel err code [${reply.code}] id ${pythonStr(field('ids'))} rejected.`);
    case 'OrderHandler/clear':
      return ok ? framed(`received mass order ids ${pythonStr(data)} cancelled.`) : 'unknown';
    case 'OrderHandler/index':
      return 'received list open order info';
    case 'OrderHandler/show':
      return ok ? 'received order info' : 'unknown';
    case 'OrderHistoryHandler/show':
      return ok ? 'received history order info' : 'unknown';
    case 'OrderHistoryHandler/index':
      return ok ? 'all received history order info' : 'unknown';
    default:
      return 'unknown';
  }
}
