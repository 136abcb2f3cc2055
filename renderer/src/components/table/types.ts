// The column description every table view gives DataTable.
import type { ReactNode } from 'react';

export interface Column<T> {
  readonly key: string;
  readonly label: string;
  readonly numeric?: boolean;
  /** Value used for sorting and filtering (numbers sort numerically). */
  readonly value: (row: T) => string | number;
  /**
   * A price or volume: the table shows it through the number formatter, every row of the column at the same number
   * of decimals (`decimals`, or the most any row of the column carries), grouped, decimal points aligned.
   */
  readonly decimal?: (row: T) => unknown;
  readonly decimals?: number;
  readonly render?: (row: T) => ReactNode;
  readonly className?: (row: T) => string | undefined;
}

export interface SortState {
  readonly key: string;
  readonly dir: 'asc' | 'desc';
}
