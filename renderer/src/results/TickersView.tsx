// Tickers: an object keyed by market id → a sortable, filterable table.
import { DataTable, type Column } from '../components/DataTable';
import { decimalColumn } from '../components/table/decimalColumn';
import { isRecord, num, str } from '../format';
import { marketOf, type MarketBook } from '../markets';
import { formatPercent } from '../numbers';

interface TickerRow {
  readonly market: string;
  readonly t: Record<string, unknown>;
}

// Each market's prices at its price precision, its volume (base) at its amount precision, funds (quote) at the quote's.
const pricePrecision = (r: TickerRow, book: MarketBook) => marketOf(book, r.market)?.pricePrecision;
const amountPrecision = (r: TickerRow, book: MarketBook) => marketOf(book, r.market)?.amountPrecision;
const quotePrecision = (r: TickerRow, book: MarketBook) => {
  const quote = marketOf(book, r.market)?.quote;
  return quote ? book.currencies.get(quote.toLowerCase()) : undefined;
};
const numCol = (key: string, label: string, precision: (r: TickerRow, book: MarketBook) => number | undefined): Column<TickerRow> => decimalColumn(key, label, (r) => r.t[key], precision);

const COLUMNS: readonly Column<TickerRow>[] = [
  { key: 'market', label: 'Market', value: (r) => r.market, render: (r) => <span className="mono">{r.market}</span> },
  { key: 'name', label: 'Name', value: (r) => str(r.t['display_name'] ?? r.t['name']) },
  // One table holds many markets: the units are each row's market's (base / quote), named in the header.
  numCol('last', 'Last (quote)', pricePrecision),
  numCol('buy', 'Bid (quote)', pricePrecision),
  numCol('sell', 'Ask (quote)', pricePrecision),
  numCol('open', 'Open (quote)', pricePrecision),
  numCol('high', 'High (quote)', pricePrecision),
  numCol('low', 'Low (quote)', pricePrecision),
  numCol('volume', 'Volume (base)', amountPrecision),
  numCol('funds', 'Funds (quote)', quotePrecision),
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
