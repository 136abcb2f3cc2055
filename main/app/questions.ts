// The words of main's confirmation questions, built from validated arguments only. Pure functions: the
// services gather the facts (profile, endpoint, open orders, fingerprint), these turn them into a question.

import type { Endpoint } from '../../shared/ipc/contract';
import { formatAmount, mul, parseAmount } from '../sandbox/money';
import type { ConfirmQuestion } from './confirmation';

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
      return hostOf(url);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function whereLines(where: Where): string[] {
  const kind = where.endpoint.kind === 'sandbox' ? 'the built-in Sandbox exchange' : where.endpoint.kind === 'production' ? 'OceanEx Production' : 'a custom host';
  return [`Profile: ${where.profileName}`, `Endpoint: ${endpointName(where.endpoint, where.url)} — ${kind} (${where.url})`];
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
  const quote = order.marketName?.split('/')[1];
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
    message: `Place this ${order.side} order on ${endpointName(where.endpoint, where.url)}?`,
    detail: [
      ...whereLines(where),
      `Market: ${order.market}${order.marketName ? ` (${order.marketName})` : ''}`,
      `Side: ${order.side}`,
      `Price: ${String(order.price)}`,
      `Volume: ${String(order.volume)}`,
      `Order type: ${order.ordType}`,
      notionalLine,
    ].join('\n'),
    yesLabel: 'Place order',
  };
}

export function cancelQuestion(where: Where, ids: readonly number[]): ConfirmQuestion {
  const count = ids.length === 1 ? 'this order' : `these ${ids.length} orders`;
  return {
    title: 'Cancel orders',
    message: `Cancel ${count} on ${endpointName(where.endpoint, where.url)}?`,
    detail: [...whereLines(where), `Order ids: ${ids.join(', ')}`].join('\n'),
    yesLabel: 'Cancel orders',
  };
}

/** `openOrders` is what the exchange reported just before asking, or why it could not be found out. */
export function massCancelQuestion(where: Where, openOrders: { readonly count: number; readonly atLeast: boolean } | { readonly unknown: string }): ConfirmQuestion {
  const found =
    'count' in openOrders
      ? `Open orders the exchange reports now: ${openOrders.atLeast ? 'at least ' : ''}${openOrders.count}`
      : `Open orders: could not find out (${openOrders.unknown})`;
  return {
    title: 'Mass cancel',
    message: `Cancel ALL open orders of this account on ${endpointName(where.endpoint, where.url)}?`,
    detail: [...whereLines(where), found, 'Every open order in every market is cancelled.'].join('\n'),
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
    message: `Delete the key of profile "${where.profileName}"?`,
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
    message: `Remove profile "${where.profileName}"${key ? ' and delete its key' : ''}?`,
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
    message: `Let the key of profile "${where.profileName}" sign for ${endpointName(next.endpoint, next.url)}?`,
    detail: [
      `Profile: ${where.profileName}`,
      `New endpoint URL: ${next.url}`,
      `Current endpoint: ${endpointName(where.endpoint, where.url)} (${where.url})`,
      `Key fingerprint (SHA-256): ${key.fingerprint}`,
      `The key signs only for ${key.boundTo} now. After yes it signs logins and key checks only for the new endpoint.`,
      'Choose Cancel if you did not ask for this change: the settings stay as they are.',
    ].join('\n'),
    yesLabel: 'Change endpoint',
  };
}
