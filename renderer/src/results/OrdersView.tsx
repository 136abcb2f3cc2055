// Open orders and history orders: a paged table with row actions (details; cancel for open orders).
import { useMemo } from 'react';
import { choiceById } from '../../../shared/oceanex/catalogue';
import { DataTable } from '../components/DataTable';
import { useMarketBook } from '../hooks/useMarketBook';
import { useRunnerContext } from '../hooks/runnerContext';
import { isRecord, num, str } from '../format';
import { unitsOf } from '../markets';
import { orderColumns, type OrderRow } from './orderColumns';
import { plural } from '../numbers';

export function OrdersView({ data, history }: { readonly data: unknown; readonly history: boolean }) {
  const { runner, navigate } = useRunnerContext();
  const rows: OrderRow[] = useMemo(() => (isRecord(data) && Array.isArray(data['resources']) ? data['resources'].filter(isRecord) : Array.isArray(data) ? data.filter(isRecord) : []), [data]);
  const total = isRecord(data) ? num(data['resources_count']) : NaN;
  const book = useMarketBook();
  const columns = useMemo(() => orderColumns(unitsOf(book, new Set(rows.map((r) => r['market'])))), [book, rows]);
  const details = choiceById(history ? 'historyOrder' : 'orderDetails')!;
  const cancel = choiceById('cancelOrders')!;
  return (
    <div>
      {Number.isFinite(total) && total !== rows.length ? (
        <p className="muted">
          Showing {rows.length} of {plural(total, 'order')} on the server (use Page / Per page to fetch others).
        </p>
      ) : null}
      <DataTable
        label={history ? 'History orders' : 'Open orders'}
        testId="orders-table"
        rows={rows}
        columns={columns}
        rowKey={(r) => str(r['id'])}
        filterable
        pageSize={100}
        empty={history ? 'No orders in history for this market.' : 'No open orders for this market.'}
        actions={(r) => (
          <span className="row-actions">
            <button
              type="button"
              className="small"
              aria-label={`Details of order ${str(r['id'])}`}
              onClick={() => {
                navigate(details.number);
                runner.request(details.number, { id: str(r['id']) });
              }}
            >
              Details
            </button>
            {!history && (r['state'] === 'wait' || r['state'] === undefined) ? (
              <button type="button" className="small danger" aria-label={`Cancel order ${str(r['id'])}`} onClick={() => {
                  // The cancel screen shows the args; main asks the person; then the outcome.
                  navigate(cancel.number);
                  runner.request(cancel.number, { ids: str(r['id']) });
                }}>
                Cancel
              </button>
            ) : null}
          </span>
        )}
      />
    </div>
  );
}
