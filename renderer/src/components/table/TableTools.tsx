// Above a table: the text filter, how many rows match, and the pager.
import { plural } from '../../numbers';

interface Props {
  readonly label: string;
  readonly filterable: boolean;
  readonly filter: string;
  readonly onFilter: (text: string) => void;
  readonly matching: number;
  readonly total: number;
  readonly page: number;
  readonly pages: number;
  readonly onPage: (page: number) => void;
}

export function TableTools({ label, filterable, filter, onFilter, matching, total, page, pages, onPage }: Props) {
  return (
    <div className="table-tools">
      {filterable ? (
        <input type="search" className="filter" placeholder="Filter…" aria-label={`Filter ${label}`} value={filter} onChange={(e) => onFilter(e.target.value)} />
      ) : null}
      <span className="muted count" aria-live="polite" data-testid="row-count">
        {matching === total ? plural(total, 'row') : `${matching} of ${plural(total, 'row')}`}
      </span>
      {pages > 1 ? (
        <span className="pager">
          <button type="button" className="small" onClick={() => onPage(0)} disabled={page === 0} aria-label="First page">
            «
          </button>
          <button type="button" className="small" onClick={() => onPage(page - 1)} disabled={page === 0} aria-label="Previous page">
            ‹
          </button>
          <span className="mono">
            {page + 1} / {pages}
          </span>
          <button type="button" className="small" onClick={() => onPage(page + 1)} disabled={page >= pages - 1} aria-label="Next page">
            ›
          </button>
          <button type="button" className="small" onClick={() => onPage(pages - 1)} disabled={page >= pages - 1} aria-label="Last page">
            »
          </button>
        </span>
      ) : null}
    </div>
  );
}
