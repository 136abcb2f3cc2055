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
// Keyboard: the list is ONE tab stop (roving tab index): only the active row's control is tabbable, arrow keys,
// Page Up/Down, Home and End move the active row and its focus, scrolling it into view.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  readonly count: number;
  readonly rowHeight: number;
  /** `tabbable`: this row's control takes tabIndex 0, every other row's -1. */
  readonly renderRow: (index: number, tabbable: boolean) => ReactNode;
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
  const [active, setActive] = useState(0);
  const focusActive = useRef(false);
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
  // The active row when it is rendered, otherwise the first rendered one: Tab always finds one way into the list.
  const current = Math.min(active, Math.max(0, count - 1));
  const tabbable = current >= first && current < last ? current : first;

  // After a key moved the active row: focus its control once it is rendered.
  useLayoutEffect(() => {
    if (!focusActive.current) return;
    focusActive.current = false;
    box.current?.querySelector<HTMLElement>(`[data-row="${current}"] button, [data-row="${current}"] [tabindex]`)?.focus({ preventScroll: true });
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(height / rowHeight) - 1);
    const moves: Readonly<Record<string, number>> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    const move = moves[e.key];
    if (move === undefined || count === 0) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(count - 1, tabbable + move));
    const el = box.current;
    if (el) {
      // Scroll just enough to show the row; moving away from the end pauses following (onScroll reports it).
      if (next * rowHeight < el.scrollTop) el.scrollTop = next * rowHeight;
      else if ((next + 1) * rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = (next + 1) * rowHeight - el.clientHeight;
    }
    focusActive.current = true;
    setActive(next);
  };

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i % slots} className="vrow" role="listitem" data-row={i} style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(i, i === tabbable)}
      </div>,
    );
  }
  return (
    <div ref={box} className="vlist" onScroll={onScroll} onKeyDown={onKeyDown} tabIndex={count === 0 ? 0 : -1} role="list" aria-label={label} data-testid={testId}>
      <div className="vlist-spacer" style={{ height: count * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
