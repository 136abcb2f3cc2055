// Trading fees: maker/taker style ask and bid fee per market.
import { DataTable, type Column } from '../components/DataTable';
import { isRecord, num, str } from '../format';

type Row = Record<string, unknown>;
const fee = (r: Row, key: string): Record<string, unknown> => (isRecord(r[key]) ? (r[key] as Record<string, unknown>) : {});
const feeCol = (key: string, label: string): Column<Row> => ({
  key,
  label,
  numeric: true,
  value: (r) => num(fee(r, key)['value']),
  render: (r) => `${str(fee(r, key)['value'])}${fee(r, key)['type'] === 'relative' ? ` (${(num(fee(r, key)['value']) * 100).toPrecision(3)} %)` : ''}`,
});

const COLUMNS: readonly Column<Row>[] = [
  { key: 'market', label: 'Market', value: (r) => str(r['market_id'] ?? r['market']), render: (r) => <span className="mono">{str(r['market_id'] ?? r['market'])}</span> },
  feeCol('ask_fee', 'Ask fee'),
  feeCol('bid_fee', 'Bid fee'),
  { key: 'type', label: 'Type', value: (r) => str(fee(r, 'ask_fee')['type']) },
];

export function FeesView({ data }: { readonly data: unknown }) {
  const rows = Array.isArray(data) ? data.filter(isRecord) : [];
  return <DataTable label="Trading fees" testId="fees-table" rows={rows} columns={COLUMNS} rowKey={(r) => str(r['market_id'] ?? r['market'])} filterable empty="No fees." />;
}
