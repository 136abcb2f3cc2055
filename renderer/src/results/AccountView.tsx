// Account balances: currency, available, locked, total.
import { DataTable, type Column } from '../components/DataTable';
import { isRecord, num, str } from '../format';

type Row = Record<string, unknown>;

const COLUMNS: readonly Column<Row>[] = [
  { key: 'currency', label: 'Currency', value: (r) => str(r['currency']), render: (r) => <span className="mono strong">{str(r['currency']).toUpperCase()}</span> },
  { key: 'balance', label: 'Available', numeric: true, value: (r) => num(r['balance']), render: (r) => str(r['balance']) },
  { key: 'locked', label: 'Locked', numeric: true, value: (r) => num(r['locked']), render: (r) => str(r['locked']), className: (r) => (num(r['locked']) > 0 ? 'warn' : undefined) },
  {
    key: 'total',
    label: 'Total',
    numeric: true,
    value: (r) => num(r['balance']) + num(r['locked']),
    render: (r) => {
      const t = num(r['balance']) + num(r['locked']);
      return Number.isFinite(t) ? t.toLocaleString('en-US', { maximumFractionDigits: 8 }) : '';
    },
  },
  { key: 'type', label: 'Type', value: (r) => str(r['type']) },
  { key: 'exchange', label: 'Trading', value: (r) => str(r['exchange']) },
];

export function AccountView({ data }: { readonly data: unknown }) {
  const accounts = isRecord(data) && Array.isArray(data['accounts']) ? data['accounts'].filter(isRecord) : Array.isArray(data) ? data.filter(isRecord) : [];
  return <DataTable label="Balances" testId="account-table" rows={accounts} columns={COLUMNS} rowKey={(r) => str(r['currency'])} filterable empty="No balances." />;
}
