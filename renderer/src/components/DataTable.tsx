// A dense table: sortable headers, optional text filter, optional paging and per-row actions.
// Only the current page is in the DOM, so 10k rows render as fast as 100.
import { useMemo, useState, type ReactNode } from 'react';

export interface Column<T> {
  readonly key: string;
  readonly label: string;
  readonly numeric?: boolean;
  /** Value used for sorting and filtering (numbers sort numerically). */
  readonly value: (row: T) => string | number;
  readonly render?: (row: T) => ReactNode;
  readonly className?: (row: T) => string | undefined;
}

interface Props<T> {
  readonly label: string;
  readonly rows: readonly T[];
  readonly columns: readonly Column<T>[];
  readonly rowKey: (row: T) => string;
  readonly filterable?: boolean;
  readonly pageSize?: number;
  readonly initialSort?: { readonly key: string; readonly dir: 'asc' | 'desc' };
  readonly actions?: (row: T) => ReactNode;
  readonly empty?: string;
  readonly testId?: string;
}

export function DataTable<T>({ label, rows, columns, rowKey, filterable, pageSize, initialSort, actions, empty = 'Nothing to show.', testId }: Props<T>) {
  const [sort, setSort] = useState(initialSort ?? null);
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState(0);

  const filtered = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return rows;
    return rows.filter((r) => columns.some((c) => String(c.value(r)).toLowerCase().includes(q)));
  }, [rows, columns, filter]);

  const sorted = useMemo(() => {
    if (!sort) return filtered;
    const col = columns.find((c) => c.key === sort.key);
    if (!col) return filtered;
    const sign = sort.dir === 'asc' ? 1 : -1;
    const keyed = filtered.map((r) => ({ r, v: col.value(r) }));
    keyed.sort((a, b) => {
      const x = a.v;
      const y = b.v;
      if (typeof x === 'number' && typeof y === 'number') {
        if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
        if (Number.isNaN(y)) return -1;
        return (x - y) * sign;
      }
      return String(x).localeCompare(String(y)) * sign;
    });
    return keyed.map((k) => k.r);
  }, [filtered, columns, sort]);

  const pages = pageSize ? Math.max(1, Math.ceil(sorted.length / pageSize)) : 1;
  const current = Math.min(page, pages - 1);
  const visible = pageSize ? sorted.slice(current * pageSize, (current + 1) * pageSize) : sorted;

  const toggleSort = (key: string) => {
    setSort((s) => (s && s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));
    setPage(0);
  };

  return (
    <div className="table-wrap" data-testid={testId}>
      {filterable || pageSize ? (
        <div className="table-tools">
          {filterable ? (
            <input
              type="search"
              className="filter"
              placeholder="Filter…"
              aria-label={`Filter ${label}`}
              value={filter}
              onChange={(e) => {
                setFilter(e.target.value);
                setPage(0);
              }}
            />
          ) : null}
          <span className="muted count" aria-live="polite">
            {filtered.length === rows.length ? `${rows.length} rows` : `${filtered.length} of ${rows.length} rows`}
          </span>
          {pageSize && pages > 1 ? (
            <span className="pager">
              <button type="button" className="small" onClick={() => setPage(0)} disabled={current === 0} aria-label="First page">
                «
              </button>
              <button type="button" className="small" onClick={() => setPage(current - 1)} disabled={current === 0} aria-label="Previous page">
                ‹
              </button>
              <span className="mono">
                {current + 1} / {pages}
              </span>
              <button type="button" className="small" onClick={() => setPage(current + 1)} disabled={current >= pages - 1} aria-label="Next page">
                ›
              </button>
              <button type="button" className="small" onClick={() => setPage(pages - 1)} disabled={current >= pages - 1} aria-label="Last page">
                »
              </button>
            </span>
          ) : null}
        </div>
      ) : null}
      <div className="table-scroll">
        <table className="grid" aria-label={label}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  className={c.numeric ? 'num' : undefined}
                  aria-sort={sort?.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <button type="button" className="th-button" onClick={() => toggleSort(c.key)}>
                    {c.label}
                    <span className="sort-mark" aria-hidden="true">
                      {sort?.key === c.key ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
              {actions ? <th className="actions-col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {visible.length === 0 ? (
              <tr>
                <td colSpan={columns.length + (actions ? 1 : 0)} className="empty">
                  {rows.length === 0 ? empty : 'No rows match the filter.'}
                </td>
              </tr>
            ) : (
              visible.map((r) => (
                <tr key={rowKey(r)}>
                  {columns.map((c) => (
                    <td key={c.key} className={[c.numeric ? 'num' : '', c.className?.(r) ?? ''].join(' ').trim() || undefined}>
                      {c.render ? c.render(r) : c.value(r)}
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
