// Words for the app's internal states, so no screen prints a raw enum.
import type { UnknownOrder } from '../../shared/oceanex/session-state';

export const ORDER_LOOKUP: Readonly<Record<UnknownOrder['status'], string>> = {
  unknown: 'not looked up yet',
  'found-open': 'found among the open orders',
  'found-history': 'found in the order history',
  'not-found': 'not found: the exchange never took it',
};

/** The reason a disconnect was recorded, without repeating the "Disconnected" the status already says. */
export function disconnectReason(reason: string): string {
  return reason.replace(/^Disconnected\s+/i, '').replace(/^./, (c) => c.toUpperCase());
}
