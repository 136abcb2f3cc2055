// A virtual list with a fixed row height: only the rows in view (plus a small overscan) are in the DOM,
// so 100k entries scroll as smoothly as 100. Optionally follows the end as rows are added.
//
// Per-frame cost matters here (the log receives thousands of entries a second), so:
// - DOM rows are recycled: a row's key is its slot (index modulo the window size), so when every visible
//   entry is new (following a fast stream) React rewrites the rows' text in place instead of removing and
//   creating a few hundred elements; rows that merely move keep their content (memoised by the caller).
// - Positions are plain `top`/`height` properties. A custom property on the spacer (inherited) would make
//   the browser recompute the style of every row whenever the list grows.
// - While following, the window is derived from the row count and the viewport height: one render per
//   change, and the layout effect only writes scrollTop (no layout read, no second render).
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  readonly count: number;
  readonly rowHeight: number;
  readonly renderRow: (index: number) => ReactNode;
  /** Keep the last row in view as rows are added. */
  readonly follow: boolean;
  /** Called when the person scrolls away from the end (to pause following) or back to it. */
  readonly onAtEndChange?: (atEnd: boolean) => void;
  readonly label: string;
  readonly testId?: string;
}

const OVERSCAN = 8;

export function VirtualList({ count, rowHeight, renderRow, follow, onAtEndChange, label, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const frame = useRef(0);
  const lastAtEnd = useRef(true);
  const written = useRef(-1); // the scrollTop this component last set while following
  const followRef = useRef(follow);
  useLayoutEffect(() => {
    followRef.current = follow;
  }, [follow]);

  const measure = useCallback(() => {
    const el = box.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const top = el.scrollTop;
    const atEnd = top + el.clientHeight >= el.scrollHeight - rowHeight;
    // Our own scroll to the end while following changes nothing the render needs.
    if (!(followRef.current && top === written.current)) setScrollTop(top);
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

  const end = Math.max(0, count * rowHeight - height);
  const top = follow ? end : Math.min(scrollTop, end);

  // Following: put the end in view before the browser paints (one write, at most once per render).
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || !follow || written.current === end) return;
    written.current = end;
    lastAtEnd.current = true;
    el.scrollTop = end;
  }, [follow, end]);

  // Paused (button or scroll): render from where the list really is.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || follow) return;
    written.current = -1;
    setScrollTop(el.scrollTop);
  }, [follow]);

  const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const last = Math.min(count, Math.ceil((top + height) / rowHeight) + OVERSCAN);
  const slots = Math.ceil(height / rowHeight) + 2 * OVERSCAN + 1; // ≥ last - first, so slot keys are unique
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i % slots} className="vrow" role="listitem" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div ref={box} className="vlist" onScroll={onScroll} tabIndex={0} role="list" aria-label={label} data-testid={testId}>
      <div className="vlist-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
