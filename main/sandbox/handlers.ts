// Frame → reply: parses one client frame and runs the matching handler against the exchange.
// Never throws on client input: bad frames become error replies or are ignored.

import { isRecord } from '../../shared/oceanex/messages';
import type { KeyRegistry } from './auth';
import { LOGIN_SCOPES } from './auth';
import { ARGUMENT_MISSING, BAD_REQUEST, ORDER_NOT_FOUND } from './codes';
import { ExchangeError, type Exchange, type OrderQuery, type Page, type Order } from './exchange';
import { buildKlines, DEFAULT_KLINE_LIMIT, KLINE_PERIODS_MINUTES, MAX_KLINE_LIMIT } from './klines';
import type { Market } from './markets';
import { formatAmount } from './money';
import { buildTickers } from './tickers';
import { accountView, feeView, marketView, orderView, orderWithTradesView } from './views';
import { idList, optionalEnum, optionalInt, optionalString, optionalStringList, requiredInt, type Args } from './args';

/** Handlers that need a logged-in connection; calling them before login gets the connection dropped. */
export const PRIVATE_HANDLERS: ReadonlySet<string> = new Set(['AccountHandler', 'OrderHandler', 'OrderHistoryHandler']);

export interface ReplyFrame {
  identifier: { handler: string };
  message: { action: string; code: number; data: unknown; uuid: string | undefined };
}

export interface Request {
  readonly handler: string;
  readonly action: string;
  readonly uuid: string | undefined;
  readonly args: Args;
  readonly header: unknown;
}

export type Inbound =
  | { kind: 'pong' }
  | { kind: 'request'; request: Request }
  /** Cannot be answered (no handler to echo): logged and dropped. */
  | { kind: 'ignored'; reason: string };

export function parseInbound(text: string): Inbound {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { kind: 'ignored', reason: 'not JSON' };
  }
  if (!isRecord(raw)) return { kind: 'ignored', reason: 'not a JSON object' };
  if (raw['command'] === 'pong') return { kind: 'pong' };
  const identifier = raw['identifier'];
  const handler = isRecord(identifier) ? identifier['handler'] : undefined;
  if (typeof handler !== 'string' || handler === '') return { kind: 'ignored', reason: 'no identifier.handler' };
  const data = isRecord(raw['data']) ? raw['data'] : {};
  const uuid = typeof data['uuid'] === 'string' || typeof data['uuid'] === 'number' ? String(data['uuid']) : undefined;
  return {
    kind: 'request',
    request: {
      handler,
      action: typeof data['action'] === 'string' ? data['action'] : '',
      uuid,
      args: isRecord(data['args']) ? data['args'] : {},
      header: data['header'],
    },
  };
}

export interface Connection {
  /** The logged-in uid, if any. */
  uid: string | undefined;
}

export interface HandlerContext {
  readonly exchange: Exchange;
  readonly keys: KeyRegistry;
  readonly log: (line: string) => void;
}

export type Outcome = { kind: 'reply'; reply: ReplyFrame } | { kind: 'unauthorized' };

export function reply(request: Request, code: number, data: unknown): ReplyFrame {
  return { identifier: { handler: request.handler }, message: { action: request.action, code, data, uuid: request.uuid } };
}

/** Runs one request. Private handlers on an unauthenticated connection → 'unauthorized' (the server disconnects). */
export function handleRequest(ctx: HandlerContext, conn: Connection, request: Request): Outcome {
  if (PRIVATE_HANDLERS.has(request.handler) && conn.uid === undefined) return { kind: 'unauthorized' };
  try {
    return { kind: 'reply', reply: reply(request, 0, dispatch(ctx, conn, request)) };
  } catch (e) {
    if (e instanceof ExchangeError) return { kind: 'reply', reply: reply(request, e.code, e.data ?? { message: e.message }) };
    ctx.log(`internal error in ${request.handler}/${request.action}: ${(e as Error).stack ?? String(e)}`);
    return { kind: 'reply', reply: reply(request, -1, { message: 'internal error' }) };
  }
}

type Action = (ctx: HandlerContext, conn: Connection, request: Request) => unknown;

const ROUTES: Readonly<Record<string, Action>> = {
  'AuthHandler/login': login,
  'TickerHandler/index': (ctx, _c, r) => {
    const ids = optionalStringList(r.args, 'market_ids', 'markets');
    return buildTickers(ctx.exchange, ids && ids.length > 0 ? ids : undefined); // an empty filter means all
  },
  'MarketsHandler/index': (ctx) => ctx.exchange.markets.map(marketView),
  'FeeHandler/trading_fee': (ctx) => ctx.exchange.markets.map(feeView),
  'ToolHandler/timestamp': (ctx) => Math.floor(ctx.exchange.now() / 1000),
  'OrderBookHandler/index': orderBook,
  'KlineHandler/index': kline,
  'AccountHandler/index': (ctx, c) => accountView(ctx.exchange, uidOf(c)),
  'OrderHandler/create': (ctx, c, r) => orderView(ctx.exchange, ctx.exchange.placeOrder(uidOf(c), r.args)),
  'OrderHandler/cancel': cancel,
  'OrderHandler/clear': (ctx, c) => ctx.exchange.clearOrders(uidOf(c)),
  'OrderHandler/index': (ctx, c, r) => page(ctx, ctx.exchange.openOrders(uidOf(c), orderQuery(ctx, r.args, false))),
  // Like history's show, the spec gives an open order's show its `trades` (a partly filled order has some).
  'OrderHandler/show': (ctx, c, r) => orderWithTradesView(ctx.exchange, ctx.exchange.openOrder(uidOf(c), requiredInt(r.args, 'id', 1))),
  'OrderHistoryHandler/index': (ctx, c, r) => page(ctx, ctx.exchange.historyOrders(uidOf(c), orderQuery(ctx, r.args, true))),
  'OrderHistoryHandler/show': (ctx, c, r) =>
    orderWithTradesView(ctx.exchange, ctx.exchange.historyOrder(uidOf(c), requiredInt(r.args, 'id', 1))),
};

function dispatch(ctx: HandlerContext, conn: Connection, request: Request): unknown {
  const route = ROUTES[`${request.handler}/${request.action}`];
  if (!route) throw new ExchangeError(BAD_REQUEST, `unknown handler/action ${request.handler}/${request.action}`);
  return route(ctx, conn, request);
}

function uidOf(conn: Connection): string {
  if (conn.uid === undefined) throw new Error('private handler reached without login');
  return conn.uid;
}

function login(ctx: HandlerContext, conn: Connection, request: Request): unknown {
  const result = ctx.keys.login(request.header);
  if (!result.ok) {
    ctx.log(`login refused (code ${result.code}): ${result.message}`);
    throw new ExchangeError(result.code, result.message);
  }
  conn.uid = result.uid;
  ctx.log(`login ok uid=${result.uid} api_key=${result.apiKey}`);
  return { scopes: LOGIN_SCOPES };
}

function requiredMarket(ctx: HandlerContext, args: Args): Market {
  const id = optionalString(args, 'market_id', 'market');
  if (id === undefined) throw new ExchangeError(ARGUMENT_MISSING, 'market is missing');
  const market = ctx.exchange.market(id);
  if (!market) throw new ExchangeError(BAD_REQUEST, 'market does not have a valid value');
  return market;
}

function orderBook(ctx: HandlerContext, _conn: Connection, request: Request): unknown {
  const market = requiredMarket(ctx, request.args);
  const level = optionalInt(request.args, 'level', 1, 1000) ?? 50;
  const precision = optionalInt(request.args, 'precision', 0, 18) ?? market.pricePrecision;
  const depth = ctx.exchange.book(market.id).depth(level, precision);
  const pairs = (side: Array<[bigint, bigint]>): string[][] => side.map(([p, v]) => [formatAmount(p), formatAmount(v)]);
  return { asks: pairs(depth.asks), bids: pairs(depth.bids) };
}

function kline(ctx: HandlerContext, _conn: Connection, request: Request): unknown {
  const market = requiredMarket(ctx, request.args);
  const period = optionalInt(request.args, 'period', 1) ?? 1;
  if (!(KLINE_PERIODS_MINUTES as readonly number[]).includes(period)) throw new ExchangeError(BAD_REQUEST, 'period does not have a valid value');
  const limit = optionalInt(request.args, 'limit', 1, MAX_KLINE_LIMIT) ?? DEFAULT_KLINE_LIMIT;
  const startTime = optionalInt(request.args, 'start_time', 0);
  const endTime = optionalInt(request.args, 'end_time', 0);
  return buildKlines(ctx.exchange.trades(market.id), { period, limit, startTime, endTime }, Math.floor(ctx.exchange.now() / 1000));
}

function cancel(ctx: HandlerContext, conn: Connection, request: Request): unknown {
  const ids = idList(request.args, request.args['ids'] !== undefined ? 'ids' : 'id');
  const cancelled = ctx.exchange.cancelOrders(uidOf(conn), ids);
  if (cancelled.length === 0) throw new ExchangeError(ORDER_NOT_FOUND, 'no open order of yours with these ids', { ids, message: 'no open order of yours with these ids' });
  return cancelled;
}

function orderQuery(ctx: HandlerContext, args: Args, history: boolean): OrderQuery {
  const marketId = optionalString(args, 'market', 'market_id');
  if (marketId !== undefined && !ctx.exchange.market(marketId)) throw new ExchangeError(BAD_REQUEST, 'market does not have a valid value');
  return {
    market: marketId,
    ordType: optionalEnum(args, 'ord_type', ['limit', 'market'] as const),
    state: history ? optionalEnum(args, 'state', ['done', 'cancel'] as const) : undefined,
    orderBy: optionalEnum(args, 'order_by', ['asc', 'desc'] as const),
    page: optionalInt(args, 'page', 1),
    per: optionalInt(args, 'per', 1, 1000),
    startTime: history ? optionalInt(args, 'start_time', 0) : undefined,
    endTime: history ? optionalInt(args, 'end_time', 0) : undefined,
  };
}

function page(ctx: HandlerContext, result: Page<Order>): unknown {
  return { resources: result.items.map((o) => orderView(ctx.exchange, o)), resources_count: result.total };
}
