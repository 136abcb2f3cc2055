// Highlights, for a moment, the cells whose text changed since the previous render of a watched reply. Works on
// whatever the reply view drew (table cells, key/value pairs), so every result view gets it without knowing.
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

const CELLS = 'td, dd, .kv-value, [data-watch-cell]';
const FLASH_CLASS = 'cell-changed';

/** Returns how many cells changed at the last update of `version`. */
export function useFlashChanges(container: RefObject<HTMLElement | null>, version: unknown): number {
  const previous = useRef<Map<string, string> | null>(null);
  const [changed, setChanged] = useState(0);
  useLayoutEffect(() => {
    const root = container.current;
    if (!root) return;
    const now = new Map<string, string>();
    const cells = [...root.querySelectorAll<HTMLElement>(CELLS)];
    cells.forEach((cell, i) => now.set(cellKey(cell, i), cell.textContent ?? ''));
    const before = previous.current;
    previous.current = now;
    if (!before) return;
    let count = 0;
    cells.forEach((cell, i) => {
      const key = cellKey(cell, i);
      if (before.has(key) && before.get(key) !== now.get(key)) {
        count += 1;
        // Re-adding the class restarts the fade even when the same cell changed again.
        cell.classList.remove(FLASH_CLASS);
        void cell.offsetWidth;
        cell.classList.add(FLASH_CLASS);
      }
    });
    setChanged(count);
  }, [container, version]);
  return changed;
}

/** A cell is known by its place: which table, which row, which column (else its position among the cells). */
function cellKey(cell: HTMLElement, index: number): string {
  const row = cell.closest('tr');
  const table = cell.closest('table');
  if (!row || !table) return `#${index}`;
  const tables = [...table.ownerDocument.querySelectorAll('table')].indexOf(table);
  return `${tables}|${[...table.querySelectorAll('tr')].indexOf(row)}|${[...row.children].indexOf(cell)}`;
}
