// Markets: one row per market with its precisions and minimum amount.
import { DataTable, type Column } from '../components/DataTable';
import { decimalColumn } from '../components/table/decimalColumn';
import { isRecord, str } from '../format';

type Row = Record<string, unknown>;
const n = (key: string, label: string): Column<Row> => decimalColumn(key, label, (r) => r[key]);

const COLUMNS: readonly Column<Row>[] = [
  { key: 'id', label: 'Id', value: (r) => str(r['id']), render: (r) => <span className="mono">{str(r['id'])}</span> },
  { key: 'name', label: 'Name', value: (r) => str(r['display_name'] ?? r['name']) },
  { key: 'group', label: 'Group', value: (r) => str(r['group']) },
  { key: 'enabled', label: 'Enabled', value: (r) => (r['enabled'] === false ? 'no' : 'yes') },
  n('price_precision', 'Price prec.'),
  n('amount_precision', 'Amount prec.'),
  n('minimum_trading_amount', 'Min amount'),
];

export function MarketsView({ data }: { readonly data: unknown }) {
  const rows = Array.isArray(data) ? data.filter(isRecord) : [];
  return <DataTable label="Markets" testId="markets-table" rows={rows} columns={COLUMNS} rowKey={(r) => str(r['id'])} filterable empty="No markets." />;
}
