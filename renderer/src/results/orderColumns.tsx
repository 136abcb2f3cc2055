// Columns shared by every order table (open orders, history orders, order details' trades use their own).
import type { Column } from '../components/DataTable';
import { decimalColumn } from '../components/table/decimalColumn';
import { ServerTime } from '../components/ServerTime';
import { num, str } from '../format';

export type OrderRow = Record<string, unknown>;

const numCol = (key: string, label: string): Column<OrderRow> => decimalColumn(key, label, (r) => r[key]);

export function sideClass(side: unknown): string | undefined {
  return side === 'bid' || side === 'buy' ? 'bid' : side === 'ask' || side === 'sell' ? 'ask' : undefined;
}

export const ORDER_COLUMNS: readonly Column<OrderRow>[] = [
  { key: 'id', label: 'Id', numeric: true, value: (r) => num(r['id']), render: (r) => str(r['id']) },
  { key: 'market', label: 'Market', value: (r) => str(r['market']), render: (r) => <span className="mono">{str(r['market'])}</span> },
  { key: 'side', label: 'Side', value: (r) => str(r['side']), className: (r) => sideClass(r['side']) },
  { key: 'ord_type', label: 'Type', value: (r) => str(r['ord_type']) },
  numCol('price', 'Price'),
  numCol('volume', 'Volume'),
  numCol('remaining_volume', 'Remaining'),
  numCol('executed_volume', 'Executed'),
  numCol('avg_price', 'Avg price'),
  { key: 'state', label: 'State', value: (r) => str(r['state']), className: (r) => `state-${str(r['state'])}` },
  { key: 'created', label: 'Created', value: (r) => num(r['created_on']), render: (r) => <ServerTime value={r['created_at']} /> },
];
