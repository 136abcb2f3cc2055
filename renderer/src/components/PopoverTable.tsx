// The status bar's pop-over tables (orders with unknown outcome, running watches): one look, one structure.
import type { ReactNode } from 'react';

export function PopoverTable({ label, columns, children }: { readonly label: string; readonly columns: readonly string[]; readonly children: ReactNode }) {
  return (
    <div className="sb-popover" role="dialog" aria-label={label}>
      <table className="grid compact">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
