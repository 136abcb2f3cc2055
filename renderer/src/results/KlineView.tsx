// K-line as a candlestick chart with volume underneath (lightweight-charts 5, canvas; colours follow the theme).
import { useEffect, useMemo, useRef } from 'react';
import { CandlestickSeries, ColorType, createChart, HistogramSeries, type IChartApi, type UTCTimestamp } from 'lightweight-charts';
import { formatDateTime, num } from '../format';
import { useMarketBook } from '../hooks/useMarketBook';
import { marketOf } from '../markets';
import { chartPriceFormat, formatDecimal, marketDecimals, MAX_DECIMALS, plural } from '../numbers';

export interface Candle {
  readonly time: UTCTimestamp;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/**
 * The decimals of the chart's prices: the market's price precision, widened to any digit an open/high/low/close
 * carries; without a known precision, the most any of them carries. Candle prices are JSON numbers (0.0123, never
 * 0.012300), so only the market can say how many decimals its prices have. At most 8 (lightweight-charts' limit).
 */
export function candlePrecision(data: unknown, marketPrecision?: number): number {
  const prices = Array.isArray(data) ? data.flatMap((row: unknown) => (Array.isArray(row) ? row.slice(1, 5) : [])) : [];
  if (prices.length === 0 && marketPrecision === undefined) return 2;
  return marketDecimals(prices, marketPrecision, MAX_DECIMALS);
}

/** `[time, open, high, low, close, volume]` rows → ascending, de-duplicated candles (the chart requires both). */
export function toCandles(data: unknown): Candle[] {
  if (!Array.isArray(data)) return [];
  const byTime = new Map<number, Candle>();
  for (const row of data) {
    if (!Array.isArray(row) || row.length < 5) continue;
    const t = num(row[0]);
    const c = { time: t as UTCTimestamp, open: num(row[1]), high: num(row[2]), low: num(row[3]), close: num(row[4]), volume: num(row[5]) || 0 };
    if ([t, c.open, c.high, c.low, c.close].every(Number.isFinite)) byTime.set(t, c);
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

const VISIBLE_CANDLES = 300;
/** Candles drawn before the first paint: the visible ones and a margin; a longer series is completed right after. */
const FIRST_PAINT_CANDLES = 2 * VISIBLE_CANDLES;

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export function KlineView({ data, market }: { readonly data: unknown; readonly market?: string }) {
  const info = marketOf(useMarketBook(), market);
  const candles = useMemo(() => toCandles(data), [data]);
  const precision = useMemo(() => candlePrecision(data, info?.pricePrecision), [data, info]);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || candles.length === 0) return;
    let chart: IChartApi | null = null;
    let frame = 0;
    let rest = 0;
    const cancelRest = () => {
      cancelAnimationFrame(frame);
      clearTimeout(rest);
    };
    const draw = () => {
      cancelRest();
      chart?.remove();
      const up = cssVar('--bid');
      const down = cssVar('--ask');
      chart = createChart(el, {
        autoSize: true,
        // The built-in logo injects a <style> element (blocked by our CSP); the attribution is shown below instead.
        layout: { background: { type: ColorType.Solid, color: cssVar('--bg') }, textColor: cssVar('--fg-muted'), fontSize: 11, attributionLogo: false, panes: { separatorColor: cssVar('--border') } },
        grid: { vertLines: { color: cssVar('--grid') }, horzLines: { color: cssVar('--grid') } },
        rightPriceScale: { borderColor: cssVar('--border') },
        timeScale: { borderColor: cssVar('--border'), timeVisible: true, secondsVisible: false },
      });
      // Axis labels, crosshair and last-price tag at the market's precision (the default rounds to 2 decimals).
      const price = chart.addSeries(CandlestickSeries, { priceFormat: chartPriceFormat(precision), upColor: up, downColor: down, borderUpColor: up, borderDownColor: down, wickUpColor: up, wickDownColor: down });
      const volume = chart.addSeries(HistogramSeries, { priceFormat: { type: 'volume' } }, 1);
      chart.panes()[1]?.setStretchFactor(0.25);
      const show = (shown: readonly Candle[]) => {
        el.dataset['candlesLoaded'] = String(shown.length);
        price.setData(shown.map(({ time, open, high, low, close }) => ({ time, open, high, low, close })));
        volume.setData(shown.map((c) => ({ time: c.time, value: c.volume, color: c.close >= c.open ? `${up}88` : `${down}88` })));
        // Like trading terminals: the latest candles at a readable width; scroll or zoom out for the rest.
        if (shown.length > VISIBLE_CANDLES) chart?.timeScale().setVisibleLogicalRange({ from: shown.length - VISIBLE_CANDLES, to: shown.length + 2 });
        else chart?.timeScale().fitContent();
      };
      // The first paint needs only the candles it shows: the rest (thousands, for scrolling back) follow after it.
      if (candles.length <= FIRST_PAINT_CANDLES) {
        show(candles);
        return;
      }
      show(candles.slice(-FIRST_PAINT_CANDLES));
      // The chart draws the first ones in its next animation frame; the rest are set in a task after the frame
      // that follows it, so that the first paint is never held up by them (the person sees the latest candles and
      // can scroll back to the others a frame later).
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => {
          rest = window.setTimeout(() => show(candles), 0);
        });
      });
    };
    draw();
    const scheme = window.matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', draw);
    return () => {
      scheme.removeEventListener('change', draw);
      cancelRest();
      chart?.remove();
    };
  }, [candles, precision]);
  if (candles.length === 0) return <div className="muted empty-block">No candles for this market and period.</div>;
  const first = candles[0]!;
  const last = candles[candles.length - 1]!;
  return (
    <div className="kline" data-testid="kline">
      <div className="book-summary">
        <span>{plural(candles.length, 'candle')}</span>
        <span className="mono">
          {formatDateTime(first.time * 1000, false)} → {formatDateTime(last.time * 1000)}
        </span>
        <span>
          Last close <span className={`mono ${last.close >= last.open ? 'bid' : 'ask'}`} data-testid="last-close">{formatDecimal(last.close, precision)}</span>
        </span>
      </div>
      <div ref={box} className="chart" role="img" aria-label={`Candlestick chart of ${plural(candles.length, 'candle')} with volume`} data-testid="kline-chart" />
      <div className="muted attribution">Charting by TradingView Lightweight Charts™ (tradingview.com)</div>
    </div>
  );
}
