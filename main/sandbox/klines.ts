// K-lines (candles) built from a market's trades. A bucket without trades repeats the previous close with
// volume 0, as OceanEx does ([t, c, c, c, c, 0]); nothing is produced before a market's first trade.

import { ZERO, toNumber, type Amount } from './money';
import type { Trade } from './exchange';

export const KLINE_PERIODS_MINUTES = [1, 5, 15, 30, 60, 120, 240, 360, 720, 1440, 4320, 10080] as const;
export const DEFAULT_KLINE_LIMIT = 30;
export const MAX_KLINE_LIMIT = 10_000;

/** [time (unix s, bucket start), open, high, low, close, volume] */
export type Candle = [number, number, number, number, number, number];

export interface KlineQuery {
  readonly period: number;
  readonly limit: number;
  readonly startTime?: number;
  readonly endTime?: number;
}

/**
 * `trades` must be in time order (the exchange appends them so). Without start_time the newest `limit`
 * buckets up to end_time (default now) are returned; with start_time the first `limit` from there.
 */
export function buildKlines(trades: readonly Trade[], query: KlineQuery, nowSeconds: number): Candle[] {
  const span = query.period * 60;
  const bucketOf = (t: number): number => Math.floor(t / span) * span;
  const secondsOf = (t: Trade): number => Math.floor(t.createdAt / 1000);
  const end = query.endTime ?? nowSeconds;
  const upTo = trades.filter((t) => secondsOf(t) <= end);
  const first = upTo[0];
  if (!first) return [];

  const firstBucket = bucketOf(secondsOf(first));
  const lastBucket = bucketOf(end);
  let from: number;
  let to: number;
  if (query.startTime !== undefined) {
    from = Math.max(firstBucket, bucketOf(query.startTime));
    to = Math.min(lastBucket, from + (query.limit - 1) * span);
  } else {
    to = lastBucket;
    from = Math.max(firstBucket, to - (query.limit - 1) * span);
  }
  if (from > to) return [];

  let i = 0;
  let previousClose: Amount | undefined;
  while (i < upTo.length && secondsOf(upTo[i] as Trade) < from) previousClose = (upTo[i++] as Trade).price;

  const candles: Candle[] = [];
  for (let bucket = from; bucket <= to; bucket += span) {
    let open: Amount | undefined;
    let high = ZERO;
    let low = ZERO;
    let close = ZERO;
    let volume = ZERO;
    while (i < upTo.length && secondsOf(upTo[i] as Trade) < bucket + span) {
      const t = upTo[i++] as Trade;
      if (open === undefined) {
        open = t.price;
        high = t.price;
        low = t.price;
      }
      if (t.price > high) high = t.price;
      if (t.price < low) low = t.price;
      close = t.price;
      volume += t.volume;
    }
    if (open === undefined) {
      if (previousClose === undefined) continue;
      const c = toNumber(previousClose);
      candles.push([bucket, c, c, c, c, 0]);
    } else {
      candles.push([bucket, toNumber(open), toNumber(high), toNumber(low), toNumber(close), toNumber(volume)]);
      previousClose = close;
    }
  }
  return candles;
}
