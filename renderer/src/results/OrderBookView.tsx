// Order book as a depth ladder: bids and asks side by side (stacked when narrow), each level with its cumulative
// depth as a bar in its own column (so the shading never runs through digits), and the spread above.
// Bars are CSS (a custom property per row), so 200 levels stay cheap. Prices at the market's price precision,
// volumes at its amount precision (learned from the markets; as many decimals as the book carries where the market
// is unknown, and never fewer than a level carries), units in the headers.
import { useMemo, type CSSProperties } from 'react';
import { isRecord, num, str } from '../format';
import { useMarketBook } from '../hooks/useMarketBook';
import { marketOf, withUnit } from '../markets';
import { addDecimals, columnDecimals, formatDecimal, MAX_SHOWN_DECIMALS, significantDecimalsOf } from '../numbers';

interface Level {
  readonly price: string;
  readonly volume: string;
  readonly cumulative: number;
}

function levels(raw: unknown): Level[] {
  if (!Array.isArray(raw)) return [];
  let sum = 0;
  const out: Level[] = [];
  for (const l of raw) {
    if (!Array.isArray(l)) continue;
    sum += num(l[1]) || 0;
    out.push({ price: str(l[0]), volume: str(l[1]), cumulative: sum });
  }
  return out;
}

interface Precision {
  readonly price: number;
  readonly volume: number;
}

interface Units {
  readonly base?: string;
  readonly quote?: string;
}

/** The decimals a column of the book shows: the market's precision, widened to any digit a level carries. */
function bookDecimals(values: readonly string[], precision: number | undefined): number {
  if (precision === undefined) return columnDecimals(values);
  let d = precision;
  for (const v of values) d = Math.max(d, significantDecimalsOf(v) || 0);
  return Math.min(d, MAX_SHOWN_DECIMALS);
}

function Side({ side, rows, max, precision, units }: { readonly side: 'bid' | 'ask'; readonly rows: readonly Level[]; readonly max: number; readonly precision: Precision; readonly units: Units }) {
  const total = (
    <th className="num" title={`Cumulative volume from the best ${side} to this level`}>
      {withUnit('Total', units.base)}
    </th>
  );
  const volume = <th className="num">{withUnit('Volume', units.base)}</th>;
  return (
    <table className={`grid ladder ladder-${side}`} aria-label={side === 'bid' ? 'Bids' : 'Asks'} data-testid={`book-${side}s`}>
      <thead>
        <tr>
          {side === 'bid' ? (
            <>
              <th className="depth-col"><span className="visually-hidden">Depth</span></th>
              {total}
              {volume}
              <th className="num">{withUnit('Bid', units.quote)}</th>
            </>
          ) : (
            <>
              <th className="num">{withUnit('Ask', units.quote)}</th>
              {volume}
              {total}
              <th className="depth-col"><span className="visually-hidden">Depth</span></th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={4} className="empty">
              No {side === 'bid' ? 'bids' : 'asks'}.
            </td>
          </tr>
        ) : (
          rows.map((l, i) => {
            const style = { '--depth': `${max > 0 ? (l.cumulative / max) * 100 : 0}%` } as CSSProperties;
            const total = formatDecimal(l.cumulative, precision.volume);
            const volume = formatDecimal(l.volume, precision.volume);
            const price = formatDecimal(l.price, precision.price);
            const bar = (
              <td className="depth-col" aria-hidden="true">
                <span className="depth-bar" />
              </td>
            );
            return (
              <tr key={i} className="depth-row" style={style}>
                {side === 'bid' ? (
                  <>
                    {bar}
                    <td className="num">{total}</td>
                    <td className="num">{volume}</td>
                    <td className="num price bid">{price}</td>
                  </>
                ) : (
                  <>
                    <td className="num price ask">{price}</td>
                    <td className="num">{volume}</td>
                    <td className="num">{total}</td>
                    {bar}
                  </>
                )}
              </tr>
            );
          })
        )}
      </tbody>
    </table>
  );
}

export function OrderBookView({ data, market }: { readonly data: unknown; readonly market?: string }) {
  const info = marketOf(useMarketBook(), market);
  const { bids, asks, max, precision } = useMemo(() => {
    const b = levels(isRecord(data) ? data['bids'] : undefined);
    const a = levels(isRecord(data) ? data['asks'] : undefined);
    return {
      bids: b,
      asks: a,
      max: Math.max(b[b.length - 1]?.cumulative ?? 0, a[a.length - 1]?.cumulative ?? 0),
      precision: {
        price: bookDecimals([...b, ...a].map((l) => l.price), info?.pricePrecision),
        volume: bookDecimals([...b, ...a].map((l) => l.volume), info?.amountPrecision),
      },
    };
  }, [data, info]);
  const units: Units = { base: info?.base, quote: info?.quote };
  // The spread is exact (decimal text arithmetic); only its percentage of the mid price is a float.
  const spreadText = bids[0] && asks[0] ? addDecimals(asks[0].price, `-${bids[0].price}`) : '';
  const spread = num(spreadText);
  const mid = (num(asks[0]?.price) + num(bids[0]?.price)) / 2;
  return (
    <div className="book" data-testid="order-book">
      <div className="book-summary">
        <span>
          Best bid <span className="mono bid">{bids[0] ? formatDecimal(bids[0].price, precision.price) : '—'}</span>
        </span>
        <span>
          Best ask <span className="mono ask">{asks[0] ? formatDecimal(asks[0].price, precision.price) : '—'}</span>
        </span>
        <span data-testid="spread">
          Spread{' '}
          <span className="mono">
            {spreadText !== '' && Number.isFinite(spread) ? `${formatDecimal(spreadText, precision.price)} (${formatDecimal((spread / mid) * 100, 3)} %)` : '—'}
          </span>
        </span>
        <span className="muted">
          {bids.length} bid / {asks.length} ask levels
        </span>
      </div>
      <div className="book-sides">
        <Side side="bid" rows={bids} max={max} precision={precision} units={units} />
        <Side side="ask" rows={asks} max={max} precision={precision} units={units} />
      </div>
    </div>
  );
}
