// Columns shared by every order table (open orders, history orders, order details' trades use their own).
import type { Column } from '../components/DataTable';
import { decimalColumn } from '../components/table/decimalColumn';
import { ServerTime } from '../components/ServerTime';
import { num, str } from '../format';
import { marketOf, withUnit, type MarketBook } from '../markets';

export type OrderRow = Record<string, unknown>;

const pricePrecision = (r: OrderRow, book: MarketBook) => marketOf(book, r['market'])?.pricePrecision;
const amountPrecision = (r: OrderRow, book: MarketBook) => marketOf(book, r['market'])?.amountPrecision;
const price = (key: string, label: string): Column<OrderRow> => decimalColumn(key, label, (r) => r[key], pricePrecision);
const amount = (key: string, label: string): Column<OrderRow> => decimalColumn(key, label, (r) => r[key], amountPrecision);

export function sideClass(side: unknown): string | undefined {
  return side === 'bid' || side === 'buy' ? 'bid' : side === 'ask' || side === 'sell' ? 'ask' : undefined;
}

/** The exchange's side (bid/ask) in the person's words, with the exchange's word beside it: "Buy (bid)". */
export function sideWords(side: unknown): string {
  const s = str(side);
  return s === 'bid' ? 'Buy (bid)' : s === 'ask' ? 'Sell (ask)' : s === 'buy' ? 'Buy' : s === 'sell' ? 'Sell' : s;
}

/** The exchange's state in words: wait = open. */
export function stateWords(state: unknown): string {
  const s = str(state);
  return s === 'wait' ? 'Open (wait)' : s === 'done' ? 'Filled (done)' : s === 'cancel' ? 'Cancelled (cancel)' : s;
}

/** The order table's columns, units named in the headers ("Price (USDT)" for one market, "(quote)" for several). */
export function orderColumns(units: { readonly base: string; readonly quote: string }): readonly Column<OrderRow>[] {
  return [
    { key: 'id', label: 'Id', numeric: true, value: (r) => num(r['id']), render: (r) => str(r['id']) },
    { key: 'market', label: 'Market', value: (r) => str(r['market']), render: (r) => <span className="mono">{str(r['market'])}</span> },
    { key: 'side', label: 'Side', value: (r) => str(r['side']), render: (r) => sideWords(r['side']), className: (r) => sideClass(r['side']) },
    { key: 'ord_type', label: 'Type', value: (r) => str(r['ord_type']) },
    price('price', withUnit('Price', units.quote)),
    amount('volume', withUnit('Volume', units.base)),
    amount('remaining_volume', withUnit('Remaining', units.base)),
    amount('executed_volume', withUnit('Executed', units.base)),
    price('avg_price', withUnit('Avg price', units.quote)),
    { key: 'state', label: 'State', value: (r) => str(r['state']), render: (r) => stateWords(r['state']), className: (r) => `state-${str(r['state'])}` },
    { key: 'created', label: 'Created', value: (r) => num(r['created_on']), render: (r) => <ServerTime value={r['created_at']} /> },
  ];
}
