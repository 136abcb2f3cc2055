// The facts an order question needs that only the exchange knows: a market's display name (for the notional's
// quote currency) and, before a mass cancel, how many orders are open. Read-only requests on the same session the
// order would go to, made only when the question is really asked.

import { choiceByNumber, type ChoiceSpec, type FieldValues } from '../../shared/oceanex/catalogue';
import { isRecord } from '../../shared/oceanex/messages';
import type { SessionApi } from '../oceanex/session-api';
import type { ConfirmQuestion } from './confirmation';
import { userMessage } from './errors';
import { oneLine } from '../../shared/plain-text';
import { cancelQuestion, endpointName, massCancelQuestion, newOrderQuestion, type Where } from './questions';

/** Open orders asked for before the mass-cancel question (one page; more is reported as "at least"). */
const OPEN_ORDERS_PROBE_PER = 1000;

export class OrderQuestions {
  /** Market display names ("VET/USDT") per session, read once for the order question's quote currency. */
  private readonly marketNames = new WeakMap<SessionApi, Promise<ReadonlyMap<string, string>>>();

  /** The question for an order, cancel or mass cancel, with what main looked up on the exchange for it. */
  async build(choice: ChoiceSpec, values: FieldValues, where: Where, session: SessionApi): Promise<ConfirmQuestion> {
    switch (choice.id) {
      case 'newOrder': {
        const market = String(values['market']);
        const names = await this.marketNamesOf(session);
        return newOrderQuestion(where, {
          market,
          ...(names.has(market) ? { marketName: names.get(market) as string } : {}),
          side: String(values['side']),
          price: values['price'],
          volume: values['volume'],
          ordType: String(values['ord_type']),
        });
      }
      case 'cancelOrders':
        return cancelQuestion(where, (values['ids'] as number[] | undefined) ?? []);
      case 'massCancel':
        return massCancelQuestion(where, await this.countOpenOrders(session));
      default:
        return {
          title: choice.label,
          message: `${choice.label} on ${endpointName(where.endpoint, where.url)}?`,
          detail: [`Sends ${choice.handler ?? ''}/${choice.action ?? ''} with ${oneLine(JSON.stringify(values), 400)}`, `Profile: ${oneLine(where.profileName, 60)}`, `Endpoint: ${oneLine(where.url, 256)}`].join('\n'),
          yesLabel: choice.label,
        };
    }
  }

  /** "vetusdt" → "VET/USDT" from the exchange's market list (a public request, once per session). */
  private marketNamesOf(session: SessionApi): Promise<ReadonlyMap<string, string>> {
    const cached = this.marketNames.get(session);
    if (cached) return cached;
    const markets = choiceByNumber(3) as ChoiceSpec;
    const lookup = session.request(markets, {}).then(
      (result) => {
        const list = result.reply.code === 0 && Array.isArray(result.reply.data) ? result.reply.data : [];
        return new Map(list.filter(isRecord).flatMap((m) => (typeof m['id'] === 'string' && typeof m['name'] === 'string' ? [[m['id'], m['name']] as const] : [])));
      },
      () => new Map<string, string>(),
    );
    // A failed lookup is not cached: the next order asks again.
    void lookup.then((names) => names.size === 0 && this.marketNames.delete(session));
    this.marketNames.set(session, lookup);
    return lookup;
  }

  /** Asks the exchange how many orders are open before the mass-cancel question (or says why it could not). */
  private async countOpenOrders(session: SessionApi): Promise<{ count: number; atLeast: boolean } | { unknown: string }> {
    const openOrders = choiceByNumber(9) as ChoiceSpec;
    try {
      // No market and no ord_type: every open order of the account (undefined fields are left out of the frame).
      const result = await session.request(openOrders, { per: OPEN_ORDERS_PROBE_PER });
      const data = result.reply.data;
      if (result.reply.code !== 0 || !isRecord(data) || !Array.isArray(data['resources'])) {
        return { unknown: `the exchange answered code ${result.reply.code} to the open-orders query` };
      }
      const listed = data['resources'].length;
      const total = typeof data['resources_count'] === 'number' ? Math.max(data['resources_count'], listed) : listed;
      return { count: total, atLeast: typeof data['resources_count'] !== 'number' && listed >= OPEN_ORDERS_PROBE_PER };
    } catch (error) {
      return { unknown: userMessage(error) };
    }
  }
}
