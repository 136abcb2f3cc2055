// The column description every table view gives DataTable.
import type { ReactNode } from 'react';
import type { MarketBook } from '../../markets';

export interface Column<T> {
  readonly key: string;
  readonly label: string;
  readonly numeric?: boolean;
  /** Value used for sorting and filtering (numbers sort numerically). */
  readonly value: (row: T) => string | number;
  /**
   * A price or volume: the table shows it through the number formatter at the row's market precision (`precision`),
   * or `decimals`, or as many decimals as the exchange wrote; grouped, decimal points aligned.
   */
  readonly decimal?: (row: T) => unknown;
  readonly decimals?: number;
  /** The row's precision for this column from the markets learned (a price's or an amount's); undefined: unknown. */
  readonly precision?: (row: T, book: MarketBook) => number | undefined;
  readonly render?: (row: T) => ReactNode;
  readonly className?: (row: T) => string | undefined;
}

export interface SortState {
  readonly key: string;
  readonly dir: 'asc' | 'desc';
}
