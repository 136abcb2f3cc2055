// The sandbox's markets and their fee table. Precisions are decimal places for prices and volumes.

import { amount, type Amount } from './money';

export interface Market {
  readonly id: string;
  readonly base: string;
  readonly quote: string;
  readonly pricePrecision: number;
  readonly amountPrecision: number;
  /** Relative fees (0.001 = 0.1%); maker and taker pay the same rate, like OceanEx's published table. */
  readonly bidFee: Amount;
  readonly askFee: Amount;
  /** Where the market maker centres its quotes before any trade happened. */
  readonly referencePrice: Amount;
  /** Typical size of one market-maker quote, in base units. */
  readonly quoteSize: Amount;
  readonly minimumTradingAmount: Amount;
}

function market(
  id: string,
  base: string,
  quote: string,
  pricePrecision: number,
  amountPrecision: number,
  fee: string,
  referencePrice: string,
  quoteSize: string,
): Market {
  return {
    id,
    base,
    quote,
    pricePrecision,
    amountPrecision,
    bidFee: amount(fee),
    askFee: amount(fee),
    referencePrice: amount(referencePrice),
    quoteSize: amount(quoteSize),
    minimumTradingAmount: 0n,
  };
}

export const DEFAULT_MARKETS: readonly Market[] = [
  market('vetusdt', 'vet', 'usdt', 6, 2, '0.001', '0.025', '20000'),
  market('ethusdt', 'eth', 'usdt', 2, 4, '0.001', '3000', '2'),
  market('btcusdt', 'btc', 'usdt', 2, 6, '0.001', '60000', '0.1'),
  market('ocevet', 'oce', 'vet', 6, 2, '0.002', '0.05', '50000'),
];

export function marketName(m: Market): string {
  return `${m.base.toUpperCase()}/${m.quote.toUpperCase()}`;
}

/** Every currency traded in `markets`, in first-seen order. */
export function currenciesOf(markets: readonly Market[]): string[] {
  const seen = new Set<string>();
  for (const m of markets) {
    seen.add(m.quote);
    seen.add(m.base);
  }
  return [...seen];
}
