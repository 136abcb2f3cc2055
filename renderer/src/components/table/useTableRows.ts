// What a table shows: its rows filtered by text, sorted by one column and cut to the current page.
import { useMemo, useState } from 'react';
import type { Column, SortState } from './types';

export interface TableRows<T> {
  readonly filter: string;
  setFilter(text: string): void;
  readonly sort: SortState | null;
  toggleSort(key: string): void;
  readonly page: number;
  readonly pages: number;
  setPage(page: number): void;
  readonly matching: number;
  readonly visible: readonly T[];
}

function compare(x: string | number, y: string | number): number {
  if (typeof x === 'number' && typeof y === 'number') {
    if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
    if (Number.isNaN(y)) return -1;
    return x - y;
  }
  return String(x).localeCompare(String(y));
}

export function useTableRows<T>(rows: readonly T[], columns: readonly Column<T>[], pageSize: number | undefined, initialSort: SortState | undefined): TableRows<T> {
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  const [filter, setFilterText] = useState('');
  const [page, setPage] = useState(0);

  const filtered = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return rows;
    return rows.filter((r) => columns.some((c) => String(c.value(r)).toLowerCase().includes(q)));
  }, [rows, columns, filter]);

  const sorted = useMemo(() => {
    const col = sort ? columns.find((c) => c.key === sort.key) : undefined;
    if (!sort || !col) return filtered;
    const sign = sort.dir === 'asc' ? 1 : -1;
    // NaN (no value) sorts last in both directions.
    const keyed = filtered.map((r) => ({ r, v: col.value(r) }));
    keyed.sort((a, b) => {
      const c = compare(a.v, b.v);
      return typeof a.v === 'number' && typeof b.v === 'number' && (Number.isNaN(a.v) || Number.isNaN(b.v)) ? c : c * sign;
    });
    return keyed.map((k) => k.r);
  }, [filtered, columns, sort]);

  const pages = pageSize ? Math.max(1, Math.ceil(sorted.length / pageSize)) : 1;
  const current = Math.min(page, pages - 1);
  const visible = pageSize ? sorted.slice(current * pageSize, (current + 1) * pageSize) : sorted;
  return {
    filter,
    setFilter: (text) => {
      setFilterText(text);
      setPage(0);
    },
    sort,
    toggleSort: (key) => {
      setSort((s) => (s && s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));
      setPage(0);
    },
    page: current,
    pages,
    setPage,
    matching: filtered.length,
    visible,
  };
}
