// Order book as a depth ladder: bids and asks side by side, each level with its cumulative depth as a bar,
// and the spread above. Bars are CSS (a custom property per row), so 200 levels stay cheap.
import { useMemo, type CSSProperties } from 'react';
import { formatAmount, isRecord, num, str } from '../format';

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

/** Decimals of the most precise volume, so the running total reads like the volumes it sums. */
function volumeDecimals(rows: readonly Level[]): number {
  let d = 0;
  for (const l of rows) d = Math.max(d, l.volume.split('.')[1]?.length ?? 0);
  return Math.min(d, 8);
}

function Side({ side, rows, max, decimals }: { readonly side: 'bid' | 'ask'; readonly rows: readonly Level[]; readonly max: number; readonly decimals: number }) {
  return (
    <table className={`grid ladder ladder-${side}`} aria-label={side === 'bid' ? 'Bids' : 'Asks'} data-testid={`book-${side}s`}>
      <thead>
        <tr>
          {side === 'bid' ? (
            <>
              <th className="num">Total</th>
              <th className="num">Volume</th>
              <th className="num">Bid</th>
            </>
          ) : (
            <>
              <th className="num">Ask</th>
              <th className="num">Volume</th>
              <th className="num">Total</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={3} className="empty">
              No {side === 'bid' ? 'bids' : 'asks'}.
            </td>
          </tr>
        ) : (
          rows.map((l, i) => {
            const style = { '--depth': `${max > 0 ? (l.cumulative / max) * 100 : 0}%` } as CSSProperties;
            const total = formatAmount(l.cumulative, decimals);
            return (
              <tr key={i} className="depth-row" style={style}>
                {side === 'bid' ? (
                  <>
                    <td className="num">{total}</td>
                    <td className="num">{l.volume}</td>
                    <td className="num price bid">{l.price}</td>
                  </>
                ) : (
                  <>
                    <td className="num price ask">{l.price}</td>
                    <td className="num">{l.volume}</td>
                    <td className="num">{total}</td>
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
  const { bids, asks, max, decimals } = useMemo(() => {
    const b = levels(isRecord(data) ? data['bids'] : undefined);
    const a = levels(isRecord(data) ? data['asks'] : undefined);
    return {
      bids: b,
      asks: a,
      max: Math.max(b[b.length - 1]?.cumulative ?? 0, a[a.length - 1]?.cumulative ?? 0),
      decimals: Math.max(volumeDecimals(b), volumeDecimals(a)),
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
          Best bid <span className="mono bid">{bids[0]?.price ?? '—'}</span>
        </span>
        <span>
          Best ask <span className="mono ask">{asks[0]?.price ?? '—'}</span>
        </span>
        <span data-testid="spread">
          Spread{' '}
          <span className="mono">
            {Number.isFinite(spread) ? `${+spread.toPrecision(10)} (${((spread / mid) * 100).toFixed(3)} %)` : '—'}
          </span>
        </span>
        <span className="muted">
          {bids.length} bid / {asks.length} ask levels
        </span>
      </div>
      <div className="book-sides">
        <Side side="bid" rows={bids} max={max} decimals={decimals} />
        <Side side="ask" rows={asks} max={max} decimals={decimals} />
      </div>
    </div>
  );
}
