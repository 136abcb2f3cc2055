// Account balances: currency, available, locked, total.
import { DataTable, type Column } from '../components/DataTable';
import { decimalColumn } from '../components/table/decimalColumn';
import { isRecord, num, str } from '../format';
import type { MarketBook } from '../markets';
import { addDecimals } from '../numbers';

type Row = Record<string, unknown>;
/** A balance at its currency's precision (the finest any market trades it at). */
const currencyPrecision = (r: Row, book: MarketBook) => book.currencies.get(str(r['currency']).toLowerCase());

const COLUMNS: readonly Column<Row>[] = [
  { key: 'currency', label: 'Currency', value: (r) => str(r['currency']), render: (r) => <span className="mono strong">{str(r['currency']).toUpperCase()}</span> },
  decimalColumn<Row>('balance', 'Available', (r) => r['balance'], currencyPrecision),
  { ...decimalColumn<Row>('locked', 'Locked', (r) => r['locked'], currencyPrecision), className: (r) => (num(r['locked']) > 0 ? 'warn' : undefined) },
  // The sum of two decimal texts, kept exact by adding them as fixed-point integers at the wider precision.
  decimalColumn<Row>('total', 'Total', (r) => addDecimals(r['balance'], r['locked']), currencyPrecision),
  { key: 'type', label: 'Type', value: (r) => str(r['type']) },
  { key: 'exchange', label: 'Trading', value: (r) => str(r['exchange']) },
];

export function AccountView({ data }: { readonly data: unknown }) {
  const accounts = isRecord(data) && Array.isArray(data['accounts']) ? data['accounts'].filter(isRecord) : Array.isArray(data) ? data.filter(isRecord) : [];
  return <DataTable label="Balances" testId="account-table" rows={accounts} columns={COLUMNS} rowKey={(r) => str(r['currency'])} filterable empty="No balances." />;
}
