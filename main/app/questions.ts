// The words of main's confirmation questions, built from validated arguments only. Pure functions: the
// services gather the facts (profile, endpoint, open orders, fingerprint), these turn them into a question.
// Every text that came from the renderer or a server (a profile name, a market's display name, an error) is shown
// on one line, bounded, with invisible and direction-changing characters written out ("[U+202E]"): it cannot add
// or hide a line. What will happen (the order's own figures) comes first, where a forged line cannot push it away.

import type { Endpoint } from '../../shared/ipc/contract';
import { formatAmount, mul, parseAmount } from '../sandbox/money';
import type { ConfirmQuestion } from './confirmation';
import { oneLine } from '../../shared/plain-text';

/** The most characters of one outside text in a question. */
const MAX_NAME = 60;
const MAX_URL = 256;
const MAX_REASON = 200;
const MAX_IDS = 400;

/** The profile and the endpoint every question names. */
export interface Where {
  readonly profileName: string;
  readonly endpoint: Endpoint;
  /** The websocket URL the profile connects to. */
  readonly url: string;
}

/** "Sandbox", "Production" or the custom host: the short name used in the question itself. */
export function endpointName(endpoint: Endpoint, url: string): string {
  switch (endpoint.kind) {
    case 'sandbox':
      return 'Sandbox';
    case 'production':
      return 'Production';
    case 'custom':
      return oneLine(hostOf(url), MAX_URL);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function whereLines(where: Where): string[] {
  const kind = where.endpoint.kind === 'sandbox' ? 'the built-in Sandbox exchange' : where.endpoint.kind === 'production' ? 'OceanEx Production' : 'a custom host';
  return [`Profile: ${oneLine(where.profileName, MAX_NAME)}`, `Endpoint: ${endpointName(where.endpoint, where.url)} — ${kind} (${oneLine(where.url, MAX_URL)})`];
}

export interface OrderFacts {
  readonly market: string;
  /** "VET/USDT" when the exchange's market list names it; its quote currency is then known. */
  readonly marketName?: string;
  readonly side: string;
  readonly price: unknown;
  readonly volume: unknown;
  readonly ordType: string;
}

/** price × volume exactly (decimal, not floating point), or undefined when either is not a plain decimal. */
export function notional(price: unknown, volume: unknown): string | undefined {
  const p = parseAmount(price);
  const v = parseAmount(volume);
  if (p === undefined || v === undefined) return undefined;
  return formatAmount(mul(p, v)).replace(/\.0$/, '');
}

export function newOrderQuestion(where: Where, order: OrderFacts): ConfirmQuestion {
  // The display name is the server's: only a plain currency code after its "/" names the quote currency.
  const quote = /^[A-Za-z0-9]{1,20}$/.exec(order.marketName?.split('/')[1] ?? '')?.[0];
  const total = notional(order.price, order.volume);
  // A market order may carry price 0 (ws_client.py sent one): the exchange ignores it, so no notional is known.
  const atMarketPrice = order.ordType === 'market' && Number(order.price) === 0;
  const notionalLine = atMarketPrice
    ? 'Notional: not known in advance (a market order at price 0 fills at the book)'
    : total === undefined
      ? 'Notional: could not be computed'
      : `Notional: ${total} ${quote ?? "(in the market's quote currency; the market list could not be read)"}${order.ordType === 'market' ? ' at the given price (a market order fills at the book)' : ''}`;
  return {
    title: 'New order',
    message: `Place this ${oneLine(order.side, MAX_NAME)} order on ${endpointName(where.endpoint, where.url)}?`,
    detail: [
      `Market: ${oneLine(order.market, MAX_NAME)}${order.marketName ? ` (${oneLine(order.marketName, MAX_NAME)})` : ''}`,
      `Side: ${oneLine(order.side, MAX_NAME)}`,
      `Price: ${oneLine(String(order.price), MAX_NAME)}`,
      `Volume: ${oneLine(String(order.volume), MAX_NAME)}`,
      `Order type: ${oneLine(order.ordType, MAX_NAME)}`,
      notionalLine,
      ...whereLines(where),
    ].join('\n'),
    yesLabel: 'Place order',
  };
}

export function cancelQuestion(where: Where, ids: readonly number[]): ConfirmQuestion {
  const count = ids.length === 1 ? 'this order' : `these ${ids.length} orders`;
  return {
    title: 'Cancel orders',
    message: `Cancel ${count} on ${endpointName(where.endpoint, where.url)}?`,
    detail: [`Order ids: ${oneLine(ids.join(', '), MAX_IDS)}`, ...whereLines(where)].join('\n'),
    yesLabel: 'Cancel orders',
  };
}

/** `openOrders` is what the exchange reported just before asking, or why it could not be found out. */
export function massCancelQuestion(where: Where, openOrders: { readonly count: number; readonly atLeast: boolean } | { readonly unknown: string }): ConfirmQuestion {
  const found =
    'count' in openOrders
      ? `Open orders the exchange reports now: ${openOrders.atLeast ? 'at least ' : ''}${openOrders.count}`
      : `Open orders: could not find out (${oneLine(openOrders.unknown, MAX_REASON)})`;
  return {
    title: 'Mass cancel',
    message: `Cancel ALL open orders of this account on ${endpointName(where.endpoint, where.url)}?`,
    detail: [found, 'Every open order in every market is cancelled.', ...whereLines(where)].join('\n'),
    yesLabel: 'Cancel all orders',
  };
}

export interface KeyFacts {
  readonly fingerprint: string;
  /** In words, e.g. "the built-in Sandbox". */
  readonly boundTo: string;
}

export function removeKeyQuestion(where: Where, key: KeyFacts): ConfirmQuestion {
  return {
    title: 'Delete key',
    message: `Delete the key of profile "${oneLine(where.profileName, MAX_NAME)}"?`,
    detail: [
      ...whereLines(where),
      `Key fingerprint (SHA-256): ${key.fingerprint}`,
      `Signs for: ${key.boundTo}`,
      'It is removed from the system keychain and the disk; to use it again you need your key.pem.',
    ].join('\n'),
    yesLabel: 'Delete key',
  };
}

export function removeProfileQuestion(where: Where, key: KeyFacts | undefined): ConfirmQuestion {
  return {
    title: 'Remove profile',
    message: `Remove profile "${oneLine(where.profileName, MAX_NAME)}"${key ? ' and delete its key' : ''}?`,
    detail: [
      ...whereLines(where),
      key ? `Key fingerprint (SHA-256): ${key.fingerprint} — deleted with the profile` : 'Key: none',
    ].join('\n'),
    yesLabel: 'Remove profile',
  };
}

/** The whole new URL is shown: a look-alike host or an odd path must be visible to the person deciding. */
export function endpointChangeQuestion(where: Where, next: { readonly endpoint: Endpoint; readonly url: string }, key: KeyFacts): ConfirmQuestion {
  return {
    title: 'Change endpoint',
    message: `Let the key of profile "${oneLine(where.profileName, MAX_NAME)}" sign for ${endpointName(next.endpoint, next.url)}?`,
    detail: [
      `New endpoint URL: ${oneLine(next.url, MAX_URL)}`,
      `Profile: ${oneLine(where.profileName, MAX_NAME)}`,
      `Current endpoint: ${endpointName(where.endpoint, where.url)} (${oneLine(where.url, MAX_URL)})`,
      `Key fingerprint (SHA-256): ${key.fingerprint}`,
      `The key signs only for ${key.boundTo} now. After yes it signs logins and key checks only for the new endpoint.`,
      'Choose Cancel if you did not ask for this change: the settings stay as they are.',
    ].join('\n'),
    yesLabel: 'Change endpoint',
  };
}

/** Forgetting the built-in sandbox's balances, orders and trades (nothing on a real exchange is touched). */
export function resetSandboxQuestion(stateFile: string): ConfirmQuestion {
  return {
    title: 'Reset sandbox',
    message: 'Reset the built-in sandbox exchange?',
    detail: [
      'Every balance, order and trade of the built-in sandbox is forgotten: the demo account starts again with its',
      'starting balances and no orders, and the market history is made afresh. Sessions to it reconnect by themselves.',
      'Nothing on OceanEx or any other exchange is touched; your keys and profiles stay as they are.',
      `Saved state: ${oneLine(stateFile, MAX_URL)}`,
    ].join('\n'),
    yesLabel: 'Reset sandbox',
  };
}
