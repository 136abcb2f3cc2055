// A dense table: sortable headers, optional text filter, optional paging and per-row actions.
// Only the current page is in the DOM, so 10k rows render as fast as 100.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { columnDecimals, formatDecimal } from '../numbers';
import { TableTools } from './table/TableTools';
import type { Column, SortState } from './table/types';
import { useHorizontalOverflow } from './table/useHorizontalOverflow';
import { useTableRows } from './table/useTableRows';

export type { Column } from './table/types';

interface Props<T> {
  readonly label: string;
  readonly rows: readonly T[];
  readonly columns: readonly Column<T>[];
  readonly rowKey: (row: T) => string;
  readonly filterable?: boolean;
  readonly pageSize?: number;
  readonly initialSort?: SortState;
  readonly actions?: (row: T) => ReactNode;
  readonly empty?: string;
  readonly testId?: string;
}

function decimalsOver<T>(rows: readonly T[], columns: readonly Column<T>[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of columns) {
    const get = c.decimal;
    if (get) out.set(c.key, c.decimals ?? columnDecimals(rows.map((r) => get(r))));
  }
  return out;
}

/**
 * Per decimal column, the decimals every row shows: over all rows, so paging or filtering never shifts them. Over
 * 10 000 rows that is 50 000 values to read, so the first paint uses the rows it shows, and the whole column's
 * decimals follow in the next task (for rows of one market's precision, nothing changes on screen).
 */
function useColumnDecimals<T>(rows: readonly T[], columns: readonly Column<T>[], shown: readonly T[]): ReadonlyMap<string, number> {
  const whole = shown.length === rows.length;
  const first = useMemo(() => decimalsOver(shown, columns), [shown, columns]);
  const [all, setAll] = useState<{ rows: readonly T[]; columns: readonly Column<T>[]; decimals: ReadonlyMap<string, number> } | null>(null);
  const known = all !== null && all.rows === rows && all.columns === columns;
  useEffect(() => {
    if (whole || known) return;
    const timer = window.setTimeout(() => setAll({ rows, columns, decimals: decimalsOver(rows, columns) }), 0);
    return () => clearTimeout(timer);
  }, [rows, columns, whole, known]);
  return known ? all.decimals : first;
}

function cell<T>(c: Column<T>, r: T, decimals: number | undefined): ReactNode {
  if (c.render) return c.render(r);
  if (c.decimal && decimals !== undefined) return formatDecimal(c.decimal(r), decimals);
  return c.value(r);
}

export function DataTable<T>({ label, rows, columns, rowKey, filterable = false, pageSize, initialSort, actions, empty = 'Nothing to show.', testId }: Props<T>) {
  const t = useTableRows(rows, columns, pageSize, initialSort);
  const decimals = useColumnDecimals(rows, columns, t.visible);
  const scroller = useRef<HTMLDivElement>(null);
  const overflow = useHorizontalOverflow(scroller);
  const mark = (key: string) => (
    <span className="sort-mark" aria-hidden="true">
      {t.sort?.key === key ? (t.sort.dir === 'asc' ? '▲' : '▼') : ''}
    </span>
  );
  return (
    <div className="table-wrap" data-testid={testId}>
      {filterable || pageSize ? (
        <TableTools label={label} filterable={filterable} filter={t.filter} onFilter={t.setFilter} matching={t.matching} total={rows.length} page={t.page} pages={t.pages} onPage={t.setPage} />
      ) : null}
      {overflow.hiddenRight || overflow.hiddenLeft ? (
        <div className="table-more" data-testid="more-columns">
          <span className="muted">The table is wider than the window.</span>
          <button type="button" className="small" onClick={() => overflow.scrollBy(-1)} disabled={!overflow.hiddenLeft}>
            ← Columns
          </button>
          <button type="button" className="small" onClick={() => overflow.scrollBy(1)} disabled={!overflow.hiddenRight}>
            More columns →
          </button>
        </div>
      ) : null}
      {/* Focusable: the box scrolls, and a keyboard user scrolls it with the arrow keys. */}
      <div className="table-scroll" ref={scroller} tabIndex={overflow.hiddenRight || overflow.hiddenLeft ? 0 : undefined} aria-label={overflow.hiddenRight || overflow.hiddenLeft ? `${label}, scrollable` : undefined} role={overflow.hiddenRight || overflow.hiddenLeft ? 'region' : undefined}>
        <table className="grid" aria-label={label}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} className={c.numeric ? 'num' : undefined} aria-sort={t.sort?.key === c.key ? (t.sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {/* The sort mark sits on the outer side, so a numeric header's text ends where its values end. */}
                  <button type="button" className="th-button" onClick={() => t.toggleSort(c.key)}>
                    {c.numeric ? mark(c.key) : null}
                    {c.label}
                    {c.numeric ? null : mark(c.key)}
                  </button>
                </th>
              ))}
              {actions ? <th className="actions-col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {t.visible.length === 0 ? (
              <tr>
                <td colSpan={columns.length + (actions ? 1 : 0)} className="empty">
                  {rows.length === 0 ? empty : 'No rows match the filter.'}
                </td>
              </tr>
            ) : (
              t.visible.map((r) => (
                <tr key={rowKey(r)}>
                  {columns.map((c) => (
                    <td key={c.key} className={[c.numeric ? 'num' : '', c.className?.(r) ?? ''].join(' ').trim() || undefined}>
                      {cell(c, r, decimals.get(c.key))}
                    </td>
                  ))}
                  {actions ? <td className="actions-col">{actions(r)}</td> : null}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
