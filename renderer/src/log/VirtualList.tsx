// A virtual list with a fixed row height: only the rows in view (plus a small overscan) are in the DOM,
// so 100k entries scroll as smoothly as 100. Optionally follows the end as rows are added.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';

interface Props {
  readonly count: number;
  readonly rowHeight: number;
  readonly renderRow: (index: number) => ReactNode;
  /** A stable key per row (e.g. the entry's seq) so rows that only move are not rebuilt. Defaults to the index. */
  readonly rowKey?: (index: number) => string | number;
  /** Keep the last row in view as rows are added. */
  readonly follow: boolean;
  /** Called when the person scrolls away from the end (to pause following) or back to it. */
  readonly onAtEndChange?: (atEnd: boolean) => void;
  /** Changes whenever the rows' content changes without `count` changing (e.g. a new filter). */
  readonly version: number;
  readonly label: string;
  readonly testId?: string;
}

const OVERSCAN = 8;

export function VirtualList({ count, rowHeight, renderRow, rowKey, follow, onAtEndChange, version, label, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const frame = useRef(0);
  const lastAtEnd = useRef(true);

  const measure = useCallback(() => {
    const el = box.current;
    if (!el) return;
    setViewport((v) => (v.top === el.scrollTop && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
    const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight;
    if (atEnd !== lastAtEnd.current) {
      lastAtEnd.current = atEnd;
      onAtEndChange?.(atEnd);
    }
  }, [onAtEndChange, rowHeight]);

  const onScroll = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(measure);
  }, [measure]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => measure());
    ro.observe(el);
    return () => {
      ro.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, [measure]);

  // Following: jump to the end after each render that added rows, before the browser paints.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !follow) return;
    const end = Math.max(0, count * rowHeight - el.clientHeight);
    if (el.scrollTop !== end) {
      el.scrollTop = end;
      lastAtEnd.current = true;
      setViewport({ top: end, height: el.clientHeight });
    }
  }, [count, follow, rowHeight, version]);

  const first = Math.max(0, Math.floor(viewport.top / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((viewport.top + viewport.height) / rowHeight) + OVERSCAN);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={rowKey ? rowKey(i) : i} className="vrow" role="listitem" style={{ '--row-top': `${i * rowHeight}px` } as CSSProperties}>
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div ref={box} className="vlist" onScroll={onScroll} tabIndex={0} role="list" aria-label={label} data-testid={testId} style={{ '--row-h': `${rowHeight}px` } as CSSProperties}>
      <div className="vlist-spacer" style={{ '--list-height': `${count * rowHeight}px` } as CSSProperties}>
        {rows}
      </div>
    </div>
  );
}
