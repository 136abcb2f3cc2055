// Highlights, for a moment, the cells whose text changed since the previous render of a watched reply. Works on
// whatever the reply view drew (table cells, key/value pairs), so every result view gets it without knowing.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Cells the app derived from others (a book's cumulative total) are not changes of their own. */
const CELLS = 'td:not([data-derived]), dd, .kv-value, [data-watch-cell]';
const FLASH_CLASS = 'cell-changed';

export interface Changes {
  /** Cells of rows (or fields) seen before whose text changed. */
  readonly cells: number;
  /** Rows not seen before (a new price level, a new order). */
  readonly rowsAdded: number;
}

/** Returns what changed at the last update of `version`. */
export function useFlashChanges(container: RefObject<HTMLElement | null>, version: unknown): Changes {
  const previous = useRef<Map<string, string> | null>(null);
  const [changed, setChanged] = useState<Changes>({ cells: 0, rowsAdded: 0 });
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    const now = new Map<string, string>();
    const cells = [...root.querySelectorAll<HTMLElement>(CELLS)];
    const keys = cells.map((cell, i) => cellKey(root, cell, i));
    cells.forEach((cell, i) => now.set(keys[i]!, cell.textContent ?? ''));
    const before = previous.current;
    previous.current = now;
    if (!before) return;
    let count = 0;
    const newRows = new Set<string>();
    cells.forEach((cell, i) => {
      const key = keys[i]!;
      if (!before.has(key)) {
        newRows.add(key.slice(0, key.lastIndexOf('|')));
        return;
      }
      if (before.get(key) !== now.get(key)) {
        count += 1;
        // Re-adding the class restarts the fade even when the same cell changed again.
        cell.classList.remove(FLASH_CLASS);
        void cell.offsetWidth;
        cell.classList.add(FLASH_CLASS);
      }
    });
    setChanged({ cells: count, rowsAdded: newRows.size });
  }, [container, version]);
  return changed;
}

/**
 * A cell is known by its row's key — the price level or the row's id (`data-row-key`), not its position, so one new
 * level does not shift every row below it into "changed" — and its column; cells outside keyed rows by position.
 */
function cellKey(root: HTMLElement, cell: HTMLElement, index: number): string {
  const row = cell.closest('tr');
  const table = cell.closest('table');
  if (!row || !table) return `#${index}|`;
  const section = row.parentElement?.getAttribute('data-testid') ?? '';
  const tableIndex = [...root.querySelectorAll('table')].indexOf(table);
  const rowKey = row.getAttribute('data-row-key') ?? `@${[...table.querySelectorAll('tr')].indexOf(row)}`;
  return `${tableIndex}|${section}|${rowKey}|${[...row.children].indexOf(cell)}`;
}
