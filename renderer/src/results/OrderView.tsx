// One order (new-order ack, order details, history order): its fields and, when present, its trades.
import { DataTable, type Column } from '../components/DataTable';
import { ServerTime } from '../components/ServerTime';
import { decimalColumn } from '../components/table/decimalColumn';
import { formatServerTime, isRecord, str } from '../format';
import { decimalsOf, formatDecimal } from '../numbers';
import { sideClass } from './orderColumns';

type Row = Record<string, unknown>;
/** Fields shown through the number formatter (grouped, at the precision the server wrote). */
const DECIMAL_FIELDS = new Set(['price', 'volume', 'remaining_volume', 'executed_volume', 'avg_price']);
const shown = (key: string, v: unknown) => (DECIMAL_FIELDS.has(key) && formatDecimal(v, decimalsOf(v))) || (key === 'created_at' ? formatServerTime(v) : str(v));

const FIELDS: ReadonlyArray<[string, string]> = [
  ['id', 'Order id'],
  ['market', 'Market'],
  ['side', 'Side'],
  ['ord_type', 'Type'],
  ['price', 'Price'],
  ['volume', 'Volume'],
  ['remaining_volume', 'Remaining'],
  ['executed_volume', 'Executed'],
  ['avg_price', 'Avg price'],
  ['state', 'State'],
  ['trades_count', 'Trades'],
  ['created_at', 'Created'],
];

const n = (key: string, label: string): Column<Row> => decimalColumn(key, label, (r) => r[key]);
const TRADE_COLUMNS: readonly Column<Row>[] = [
  n('id', 'Trade id'),
  { key: 'side', label: 'Side', value: (r) => str(r['side']), className: (r) => sideClass(r['side']) },
  n('price', 'Price'),
  n('volume', 'Volume'),
  n('funds', 'Funds'),
  n('fee', 'Fee'),
  { key: 'created_at', label: 'Time', value: (r) => str(r['created_at']), render: (r) => <ServerTime value={r['created_at']} /> },
];

// The summary line already says "received order ack. order id: …"; an ack only marks the id for tests and people.
export function OrderView({ data, ack }: { readonly data: unknown; readonly ack?: boolean }) {
  if (!isRecord(data)) return <div className="muted">No order in the reply.</div>;
  const trades = Array.isArray(data['trades']) ? data['trades'].filter(isRecord) : null;
  return (
    <div data-testid="order-view">
      <dl className="kv kv-grid">
        {FIELDS.filter(([k]) => data[k] !== undefined).map(([k, label]) => (
          <div key={k} className="kv-pair">
            <dt>{label}</dt>
            <dd className={`mono ${k === 'side' ? (sideClass(data[k]) ?? '') : ''}`} data-testid={k === 'id' && ack ? 'order-id' : undefined}>
              {shown(k, data[k])}
            </dd>
          </div>
        ))}
      </dl>
      {trades ? (
        <>
          <h2 className="subhead">Trades</h2>
          <DataTable label="Trades" rows={trades} columns={TRADE_COLUMNS} rowKey={(r) => str(r['id'])} empty="No trades for this order." />
        </>
      ) : null}
    </div>
  );
}
