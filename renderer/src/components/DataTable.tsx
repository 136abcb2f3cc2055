// A dense table: sortable headers, optional text filter, optional paging and per-row actions.
// Only the current page is in the DOM, so 10k rows render as fast as 100.
import { useMemo, useRef, type ReactNode } from 'react';
import { useMarketBook } from '../hooks/useMarketBook';
import type { MarketBook } from '../markets';
import { formatAligned, shownDecimals } from '../numbers';
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

/**
 * Per decimal column, each shown row's decimals (its market's precision, or as the exchange wrote it; never fewer
 * than it carries) and the column's widest, to which the others are padded so decimal points line up. Only the
 * shown page is measured: paging changes nothing but invisible padding.
 */
function useCellDecimals<T>(visible: readonly T[], columns: readonly Column<T>[], book: MarketBook): ReadonlyMap<string, { readonly cells: readonly number[]; readonly widest: number }> {
  return useMemo(() => {
    const out = new Map<string, { cells: number[]; widest: number }>();
    for (const c of columns) {
      const get = c.decimal;
      if (!get) continue;
      const cells = visible.map((r) => c.decimals ?? shownDecimals(get(r), c.precision?.(r, book)));
      out.set(c.key, { cells, widest: cells.reduce((a, b) => Math.max(a, b), 0) });
    }
    return out;
  }, [visible, columns, book]);
}

function cell<T>(c: Column<T>, r: T, layout: { readonly cells: readonly number[]; readonly widest: number } | undefined, index: number): ReactNode {
  if (c.render) return c.render(r);
  if (c.decimal && layout) return formatAligned(c.decimal(r), layout.cells[index] ?? 0, layout.widest);
  return c.value(r);
}

export function DataTable<T>({ label, rows, columns, rowKey, filterable = false, pageSize, initialSort, actions, empty = 'Nothing to show.', testId }: Props<T>) {
  const t = useTableRows(rows, columns, pageSize, initialSort);
  const book = useMarketBook();
  const decimals = useCellDecimals(t.visible, columns, book);
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
              t.visible.map((r, i) => (
                <tr key={rowKey(r)} data-row-key={rowKey(r)}>
                  {columns.map((c) => (
                    <td key={c.key} className={[c.numeric ? 'num' : '', c.className?.(r) ?? ''].join(' ').trim() || undefined}>
                      {cell(c, r, decimals.get(c.key), i)}
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
