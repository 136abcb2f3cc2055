// What an account's open orders hold of a currency: the reference the exchange's `locked` balance must equal
// (a bid holds quote currency, an ask base currency).
import type { Exchange } from '../../main/sandbox/exchange';

export function lockedByOpenOrders(ex: Exchange, uid: string, currency: string): bigint {
  return ex
    .orders((o) => o.uid === uid && o.state === 'wait')
    .filter((o) => {
      const m = ex.market(o.market);
      return (o.side === 'bid' ? m?.quote : m?.base) === currency;
    })
    .reduce((sum, o) => sum + o.locked, 0n);
}
