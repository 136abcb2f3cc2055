// One order (new-order ack, order details, history order): its fields and, when present, its trades. Prices at the
// market's price precision, amounts at its amount precision, units named ("Price (USDT)"), Buy/Sell in the
// person's words with the exchange's bid/ask beside it.
import { useMemo } from 'react';
import { DataTable, type Column } from '../components/DataTable';
import { ServerTime } from '../components/ServerTime';
import { decimalColumn } from '../components/table/decimalColumn';
import { isRecord, str } from '../format';
import { useMarketBook } from '../hooks/useMarketBook';
import { marketOf, unitsOf, withUnit, type MarketInfo } from '../markets';
import { formatDecimal, shownDecimals } from '../numbers';
import { sideClass, sideWords, stateWords } from './orderColumns';

type Row = Record<string, unknown>;
type Kind = 'price' | 'amount' | 'text';

const FIELDS: ReadonlyArray<[string, string, Kind, 'base' | 'quote' | undefined]> = [
  ['id', 'Order id', 'text', undefined],
  ['market', 'Market', 'text', undefined],
  ['side', 'Side', 'text', undefined],
  ['ord_type', 'Type', 'text', undefined],
  ['price', 'Price', 'price', 'quote'],
  ['volume', 'Volume', 'amount', 'base'],
  ['remaining_volume', 'Remaining', 'amount', 'base'],
  ['executed_volume', 'Executed', 'amount', 'base'],
  ['avg_price', 'Avg price', 'price', 'quote'],
  ['state', 'State', 'text', undefined],
  ['trades_count', 'Trades', 'text', undefined],
  ['created_at', 'Created', 'text', undefined],
];

function shown(key: string, kind: Kind, v: unknown, market: MarketInfo | undefined) {
  if (kind !== 'text') {
    const precision = kind === 'price' ? market?.pricePrecision : market?.amountPrecision;
    const text = formatDecimal(v, shownDecimals(v, precision));
    if (text) return text;
  }
  if (key === 'created_at') return <ServerTime value={v} />;
  if (key === 'side') return sideWords(v);
  if (key === 'state') return stateWords(v);
  return str(v);
}

// The summary line already says "received order ack. order id: …"; an ack only marks the id for tests and people.
export function OrderView({ data, ack }: { readonly data: unknown; readonly ack?: boolean }) {
  const book = useMarketBook();
  const market = isRecord(data) ? marketOf(book, data['market']) : undefined;
  const units = unitsOf(book, [isRecord(data) ? data['market'] : undefined]);
  const tradeColumns = useMemo<readonly Column<Row>[]>(() => {
    const price = (r: Row) => marketOf(book, r['market'])?.pricePrecision;
    const amount = (r: Row) => marketOf(book, r['market'])?.amountPrecision;
    const quote = (r: Row) => book.currencies.get(units.quote.toLowerCase()) ?? marketOf(book, r['market'])?.pricePrecision;
    return [
      { key: 'id', label: 'Trade id', numeric: true, value: (r) => str(r['id']) },
      { key: 'side', label: 'Side', value: (r) => str(r['side']), render: (r) => sideWords(r['side']), className: (r) => sideClass(r['side']) },
      decimalColumn<Row>('price', withUnit('Price', units.quote), (r) => r['price'], price),
      decimalColumn<Row>('volume', withUnit('Volume', units.base), (r) => r['volume'], amount),
      decimalColumn<Row>('funds', withUnit('Funds', units.quote), (r) => r['funds'], quote),
      // The fee's currency depends on the side (bid pays in base, ask in quote): shown as the exchange wrote it.
      decimalColumn<Row>('fee', 'Fee rate', (r) => r['fee']),
      { key: 'created_at', label: 'Time', value: (r) => str(r['created_at']), render: (r) => <ServerTime value={r['created_at']} /> },
    ];
  }, [book, units.base, units.quote]);
  if (!isRecord(data)) return <div className="muted">No order in the reply.</div>;
  const trades = Array.isArray(data['trades']) ? data['trades'].filter(isRecord) : null;
  return (
    <div data-testid="order-view">
      <dl className="kv kv-grid">
        {FIELDS.filter(([k]) => data[k] !== undefined).map(([k, label, kind, unit]) => (
          <div key={k} className="kv-pair">
            <dt>{withUnit(label, unit ? units[unit] : undefined)}</dt>
            <dd className={`mono ${k === 'side' ? (sideClass(data[k]) ?? '') : ''}`} data-testid={k === 'id' && ack ? 'order-id' : undefined}>
              {shown(k, kind, data[k], market)}
            </dd>
          </div>
        ))}
      </dl>
      {trades ? (
        <>
          <h2 className="subhead">Trades</h2>
          <DataTable label="Trades" rows={trades} columns={tradeColumns} rowKey={(r) => str(r['id'])} empty="No trades for this order." />
        </>
      ) : null}
    </div>
  );
}
