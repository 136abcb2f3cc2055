// Tickers: an object keyed by market id → a sortable, filterable table.
import { DataTable, type Column } from '../components/DataTable';
import { isRecord, num, str } from '../format';

interface TickerRow {
  readonly market: string;
  readonly t: Record<string, unknown>;
}

const numCol = (key: string, label: string): Column<TickerRow> => ({ key, label, numeric: true, value: (r) => num(r.t[key]), render: (r) => str(r.t[key]) });

const COLUMNS: readonly Column<TickerRow>[] = [
  { key: 'market', label: 'Market', value: (r) => r.market, render: (r) => <span className="mono">{r.market}</span> },
  { key: 'name', label: 'Name', value: (r) => str(r.t['display_name'] ?? r.t['name']) },
  numCol('last', 'Last'),
  numCol('buy', 'Bid'),
  numCol('sell', 'Ask'),
  numCol('open', 'Open'),
  numCol('high', 'High'),
  numCol('low', 'Low'),
  numCol('volume', 'Volume'),
  numCol('funds', 'Funds'),
  {
    key: 'h24_trend',
    label: '24h',
    numeric: true,
    value: (r) => num(r.t['h24_trend']),
    render: (r) => signedFixed(num(r.t['h24_trend']), str(r.t['h24_trend'])),
    className: (r) => (num(r.t['h24_trend']) > 0 ? 'up' : num(r.t['h24_trend']) < 0 ? 'down' : undefined),
  },
];

/** A trend as "+1.28" / "-0.06" (two places, signed); the server's text where it is not a number. */
function signedFixed(value: number, text: string): string {
  if (!Number.isFinite(value)) return text;
  return `${value > 0 ? '+' : ''}${value.toFixed(2)}`;
}

export function TickersView({ data }: { readonly data: unknown }) {
  const rows: TickerRow[] = isRecord(data) ? Object.entries(data).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1])).map(([market, t]) => ({ market, t })) : [];
  return <DataTable label="Tickers" testId="tickers-table" rows={rows} columns={COLUMNS} rowKey={(r) => r.market} filterable initialSort={{ key: 'market', dir: 'asc' }} empty="No tickers." />;
}
