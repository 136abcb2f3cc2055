// A numeric column of prices or volumes, read from a field of the row: sorted as a number, shown through the
// number formatter at the row's market precision when `precision` knows it.
import { num } from '../../format';
import type { MarketBook } from '../../markets';
import type { Column } from './types';

export function decimalColumn<T>(key: string, label: string, get: (row: T) => unknown, precision?: (row: T, book: MarketBook) => number | undefined): Column<T> {
  return { key, label, numeric: true, value: (r) => num(get(r)), decimal: get, precision };
}
