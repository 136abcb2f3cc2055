// Start-up trade history: the past N hours replayed through the real matching engine, so a fresh sandbox
// already has a last price, 24 h tickers and k-lines. A history trader takes the market maker's quotes at
// simulated past instants; before every step each market's reference price moves along a seeded,
// mean-reverting random walk and the market maker re-quotes around it. Nothing is canned: every trade is a
// real order against real resting orders, with locking, fees and settlement. Same seed (and same start
// instant) → identical trades; history never reaches the start instant itself.

import { ExchangeError, type Exchange } from './exchange';
import { currenciesOf, type Market } from './markets';
import { MARKET_MAKER_FUNDS, type MarketMaker } from './market-maker';
import { seededRandom } from './seeded-random';
import { amount, floorTo, formatAmount, mul, SCALE, type Amount } from './money';

export const HISTORY_TRADER_UID = 'IDHISTORYTRADER';
export const DEFAULT_HISTORY_HOURS = 24;
/** A week: longer replays would make start-up slow for little gain. */
export const MAX_HISTORY_HOURS = 168;

/** Time between two steps of one market, seconds (uniform). Larger steps keep start-up fast. */
const MIN_STEP_SECONDS = 60;
const MAX_STEP_SECONDS = 600;
/** The market maker's ladder during the replay: thinner than live (fewer orders → faster start-up). */
const LADDER_LEVELS = 3;
/** Taker orders per step (1..N), each a fraction of the market's quote size: together they walk 1–3 rungs. */
const MAX_TAKERS_PER_STEP = 2;
const MIN_TAKER_SIZE = 0.2;
const MAX_TAKER_SIZE = 1.2;
/** The walk of log(price / reference price): volatility, pull back to the reference, hard bound. */
const VOLATILITY_PER_SQRT_MINUTE = 0.0012;
const REVERSION_PER_MINUTE = 1 / 240;
const MAX_DEVIATION = 0.08;

/** The exchange's clock: set to past instants while history is replayed, then back to the real clock. */
export class ReplayClock {
  private simulated: number | undefined;

  constructor(private readonly real: () => number) {}

  readonly now = (): number => this.simulated ?? this.real();

  travelTo(ms: number): void {
    this.simulated = ms;
  }

  resume(): void {
    this.simulated = undefined;
  }
}

export interface HistoryOptions {
  readonly hours: number;
  readonly seed: number;
}

export interface HistorySummary {
  readonly steps: number;
  readonly trades: number;
}

/** One market's walk and its next step time. */
interface MarketWalk {
  readonly market: Market;
  readonly random: () => number;
  /** log(price / reference price) */
  deviation: number;
  nextAt: number;
}

export function validateHistoryHours(hours: number): void {
  if (!Number.isFinite(hours) || hours < 0 || hours > MAX_HISTORY_HOURS) {
    throw new RangeError(`historyHours must be between 0 and ${MAX_HISTORY_HOURS}, got ${hours}`);
  }
}

/**
 * Replays `hours` of trading ending just before the clock's current instant, then returns the clock to real
 * time and the market maker to re-quoting around the last trade. Needs the market maker's account and quotes.
 */
export function replayHistory(exchange: Exchange, marketMaker: MarketMaker, clock: ReplayClock, options: HistoryOptions): HistorySummary {
  validateHistoryHours(options.hours);
  const end = clock.now();
  const start = end - Math.round(options.hours * 3_600_000);
  const tradesBefore = exchange.trades().length;
  const funds: Record<string, string> = {};
  for (const c of currenciesOf(exchange.markets)) funds[c] = MARKET_MAKER_FUNDS;
  exchange.addAccount(HISTORY_TRADER_UID, funds);

  // Each market has its own random stream, so adding a market does not change the others' history.
  const walks: MarketWalk[] = exchange.markets.map((market, i) => {
    const random = seededRandom((options.seed ^ 0x5eed_4157) + i * 0x9e37_79b9);
    return { market, random, deviation: 0, nextAt: start + stepMs(random) };
  });

  let steps = 0;
  marketMaker.setAutoRequote(false);
  try {
    for (;;) {
      // The market whose step comes first (ties: market order): steps run in time order across markets.
      let walk: MarketWalk | undefined;
      for (const w of walks) if (w.nextAt < end && (walk === undefined || w.nextAt < walk.nextAt)) walk = w;
      if (!walk) break;
      const at = walk.nextAt;
      const nextAt = at + stepMs(walk.random);
      step(exchange, marketMaker, clock, walk, at, Math.min(nextAt, end), (nextAt - at) / 60_000);
      walk.nextAt = nextAt;
      steps++;
    }
  } finally {
    clock.resume();
    marketMaker.setAutoRequote(true);
  }
  // Quotes around the last traded price, so book, ticker and chart agree.
  for (const m of exchange.markets) marketMaker.requote(m);
  return { steps, trades: exchange.trades().length - tradesBefore };
}

function stepMs(random: () => number): number {
  return (MIN_STEP_SECONDS + Math.floor(random() * (MAX_STEP_SECONDS - MIN_STEP_SECONDS + 1))) * 1000;
}

/** Moves the walk, re-quotes around it at `at`, then 1..N market orders at instants in [at, before). */
function step(exchange: Exchange, marketMaker: MarketMaker, clock: ReplayClock, walk: MarketWalk, at: number, before: number, minutes: number): void {
  const { market, random } = walk;
  const drift = -REVERSION_PER_MINUTE * walk.deviation * minutes;
  walk.deviation += drift + VOLATILITY_PER_SQRT_MINUTE * Math.sqrt(minutes) * gaussian(random);
  walk.deviation = Math.max(-MAX_DEVIATION, Math.min(MAX_DEVIATION, walk.deviation));

  clock.travelTo(at);
  marketMaker.requote(market, priceAt(market, walk.deviation), LADDER_LEVELS);
  const takers = 1 + Math.floor(random() * MAX_TAKERS_PER_STEP);
  let instant = at;
  for (let k = 0; k < takers; k++) {
    const side = random() < 0.5 ? 'buy' : 'sell';
    const size = MIN_TAKER_SIZE + random() * (MAX_TAKER_SIZE - MIN_TAKER_SIZE);
    const volume = floorTo(mul(market.quoteSize, BigInt(Math.floor(size * 1e6)) * (SCALE / 1_000_000n)), market.amountPrecision);
    // Later takers of a step follow within the step, never at or after the next one (or the start instant).
    instant = Math.min(instant + Math.floor(random() * 30_000), before - 1);
    clock.travelTo(instant);
    try {
      exchange.placeOrder(HISTORY_TRADER_UID, { market: market.id, side, volume, ord_type: 'market' });
    } catch (e) {
      // A side emptied by earlier takers of this step, or a size that rounds to 0: skip this taker.
      if (!(e instanceof ExchangeError)) throw e;
    }
  }
}

function priceAt(market: Market, deviation: number): Amount {
  const price = amount((Number(formatAmount(market.referencePrice)) * Math.exp(deviation)).toFixed(market.pricePrecision));
  return price > 0n ? price : market.referencePrice;
}

/** Standard normal from two uniforms (Box–Muller). */
function gaussian(random: () => number): number {
  const u = 1 - random(); // (0, 1]: log stays finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}
