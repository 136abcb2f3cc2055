// Order book as a ladder, at every width: asks above (best ask lowest, nearest the middle), the spread row, bids below
// (best bid highest, nearest the middle), prices in one column; each level with its cumulative depth as a bar in its
// own column (the shading never runs through digits). It opens scrolled to the spread; narrow, Total gives way.
// Bars are CSS (a custom property per row), so 200 levels stay cheap. Prices at the market's price precision,
// volumes at its amount precision (learned from the markets; as many decimals as the book carries where the market
// is unknown, and never fewer than a level carries), units in the headers.
import { useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';
import { isRecord, num, str } from '../format';
import { useMarketBook } from '../hooks/useMarketBook';
import { marketOf, withUnit } from '../markets';
import { addDecimals, formatDecimal, marketDecimals } from '../numbers';

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

/** One side's rows, in ladder order: asks from the highest down to the best (nearest the spread), bids from the best down. */
function SideRows({ side, rows, max, precision }: { readonly side: 'bid' | 'ask'; readonly rows: readonly Level[]; readonly max: number; readonly precision: Precision }) {
  const ordered = side === 'ask' ? [...rows].reverse() : rows;
  return (
    <tbody data-testid={side === 'bid' ? 'book-bids' : 'book-asks'} className={`ladder-${side}`}>
      {ordered.length === 0 ? (
        <tr>
          <td colSpan={4} className="empty">
            No {side === 'bid' ? 'bids' : 'asks'}.
          </td>
        </tr>
      ) : (
        ordered.map((l, i) => {
          const style = { '--depth': `${max > 0 ? (l.cumulative / max) * 100 : 0}%` } as CSSProperties;
          return (
            <tr key={i} className="depth-row" style={style} data-row-key={l.price}>
              <td className={`num price ${side}`}>{formatDecimal(l.price, precision.price)}</td>
              <td className="num">{formatDecimal(l.volume, precision.volume)}</td>
              {/* Derived from the levels above: a watch does not count it as a change of its own. */}
              <td className="num secondary" data-derived="">
                {formatDecimal(l.cumulative, precision.volume)}
              </td>
              <td className="depth-col" aria-hidden="true">
                <span className="depth-bar" />
              </td>
            </tr>
          );
        })
      )}
    </tbody>
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
        price: marketDecimals([...b, ...a].map((l) => l.price), info?.pricePrecision),
        volume: marketDecimals([...b, ...a].map((l) => l.volume), info?.amountPrecision),
      },
    };
  }, [data, info]);
  const units: Units = { base: info?.base, quote: info?.quote };
  const scroller = useRef<HTMLDivElement>(null);
  const spreadRow = useRef<HTMLTableRowElement>(null);
  // A new book opens at the spread, the middle of the ladder (only the ladder's box scrolls, not the page).
  useLayoutEffect(() => {
    const box = scroller.current;
    const row = spreadRow.current;
    if (!box || !row || box.scrollHeight <= box.clientHeight) return;
    const r = row.getBoundingClientRect();
    box.scrollTop += r.top - box.getBoundingClientRect().top - box.clientHeight / 2 + r.height / 2;
  }, [bids, asks]);
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
      <div className="book-ladder" ref={scroller}>
        <table className="grid ladder" aria-label={`Order book${market ? ` ${market}` : ''}`}>
          <thead>
            <tr>
              <th className="num">{withUnit('Price', units.quote)}</th>
              <th className="num">{withUnit('Volume', units.base)}</th>
              <th className="num secondary" title="Cumulative volume from the best price to this level">
                {withUnit('Total', units.base)}
              </th>
              <th className="depth-col">
                <span className="visually-hidden">Depth</span>
              </th>
            </tr>
          </thead>
          <SideRows side="ask" rows={asks} max={max} precision={precision} />
          <tbody>
            <tr className="spread-row" ref={spreadRow} data-testid="spread-row">
              <td colSpan={4}>
                Spread <span className="mono">{spreadText !== '' && Number.isFinite(spread) ? formatDecimal(spreadText, precision.price) : '—'}</span>
                <span className="muted"> · asks above, bids below</span>
              </td>
            </tr>
          </tbody>
          <SideRows side="bid" rows={bids} max={max} precision={precision} />
        </table>
      </div>
    </div>
  );
}
