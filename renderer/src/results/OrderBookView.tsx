// Order book as a depth ladder: bids and asks side by side (stacked when narrow), each level with its cumulative
// depth as a bar in its own column (so the shading never runs through digits), and the spread above.
// Bars are CSS (a custom property per row), so 200 levels stay cheap. Every price and volume goes through the
// number formatter at one precision per column (the most the book carries: the requested precision).
import { useMemo, type CSSProperties } from 'react';
import { isRecord, num, str } from '../format';
import { columnDecimals, formatDecimal } from '../numbers';

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

function Side({ side, rows, max, precision }: { readonly side: 'bid' | 'ask'; readonly rows: readonly Level[]; readonly max: number; readonly precision: Precision }) {
  return (
    <table className={`grid ladder ladder-${side}`} aria-label={side === 'bid' ? 'Bids' : 'Asks'} data-testid={`book-${side}s`}>
      <thead>
        <tr>
          {side === 'bid' ? (
            <>
              <th className="depth-col"><span className="visually-hidden">Depth</span></th>
              <th className="num">Total</th>
              <th className="num">Volume</th>
              <th className="num">Bid</th>
            </>
          ) : (
            <>
              <th className="num">Ask</th>
              <th className="num">Volume</th>
              <th className="num">Total</th>
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

export function OrderBookView({ data }: { readonly data: unknown }) {
  const { bids, asks, max, precision } = useMemo(() => {
    const b = levels(isRecord(data) ? data['bids'] : undefined);
    const a = levels(isRecord(data) ? data['asks'] : undefined);
    return {
      bids: b,
      asks: a,
      max: Math.max(b[b.length - 1]?.cumulative ?? 0, a[a.length - 1]?.cumulative ?? 0),
      precision: { price: columnDecimals([...b, ...a].map((l) => l.price)), volume: columnDecimals([...b, ...a].map((l) => l.volume)) },
    };
  }, [data]);
  const bestBid = num(bids[0]?.price);
  const bestAsk = num(asks[0]?.price);
  const spread = bestAsk - bestBid;
  const mid = (bestAsk + bestBid) / 2;
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
            {Number.isFinite(spread) ? `${formatDecimal(spread, precision.price)} (${formatDecimal((spread / mid) * 100, 3)} %)` : '—'}
          </span>
        </span>
        <span className="muted">
          {bids.length} bid / {asks.length} ask levels
        </span>
      </div>
      <div className="book-sides">
        <Side side="bid" rows={bids} max={max} precision={precision} />
        <Side side="ask" rows={asks} max={max} precision={precision} />
      </div>
    </div>
  );
}
