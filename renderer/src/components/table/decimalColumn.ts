// A numeric column of prices or volumes, read from a field of the row: sorted as a number, shown through the
// number formatter at the column's decimals.
import { num } from '../../format';
import type { Column } from './types';

export function decimalColumn<T>(key: string, label: string, get: (row: T) => unknown, decimals?: number): Column<T> {
  return { key, label, numeric: true, value: (r) => num(get(r)), decimal: get, decimals };
}
