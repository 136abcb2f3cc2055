// Tickers: an object keyed by market id → a sortable, filterable table.
import { DataTable, type Column } from '../components/DataTable';
import { decimalColumn } from '../components/table/decimalColumn';
import { isRecord, num, str } from '../format';
import { formatPercent } from '../numbers';

interface TickerRow {
  readonly market: string;
  readonly t: Record<string, unknown>;
}

const numCol = (key: string, label: string): Column<TickerRow> => decimalColumn(key, label, (r) => r.t[key]);

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
    label: '24h %',
    numeric: true,
    value: (r) => num(r.t['h24_trend']),
    render: (r) => formatPercent(r.t['h24_trend']) || str(r.t['h24_trend']),
    className: (r) => (num(r.t['h24_trend']) > 0 ? 'up' : num(r.t['h24_trend']) < 0 ? 'down' : undefined),
  },
];

export function TickersView({ data }: { readonly data: unknown }) {
  const rows: TickerRow[] = isRecord(data) ? Object.entries(data).filter((e): e is [string, Record<string, unknown>] => isRecord(e[1])).map(([market, t]) => ({ market, t })) : [];
  return <DataTable label="Tickers" testId="tickers-table" rows={rows} columns={COLUMNS} rowKey={(r) => r.market} filterable initialSort={{ key: 'market', dir: 'asc' }} empty="No tickers." />;
}
