// Whether a scroll box is wider than its window and how far it is scrolled: lets a narrow window say that more
// columns exist to the right (and reach them with one click) instead of silently cutting them off.
import { useCallback, useEffect, useState, type RefObject } from 'react';

export interface HorizontalOverflow {
  readonly hiddenRight: boolean;
  readonly hiddenLeft: boolean;
  scrollBy(direction: 1 | -1): void;
}

export function useHorizontalOverflow(ref: RefObject<HTMLElement | null>): HorizontalOverflow {
  const [state, setState] = useState({ hiddenRight: false, hiddenLeft: false });
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const hiddenRight = el.scrollLeft + el.clientWidth < el.scrollWidth - 1;
    const hiddenLeft = el.scrollLeft > 1;
    setState((s) => (s.hiddenRight === hiddenRight && s.hiddenLeft === hiddenLeft ? s : { hiddenRight, hiddenLeft }));
  }, [ref]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    if (el.firstElementChild) ro.observe(el.firstElementChild);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, [ref, measure]);
  const scrollBy = useCallback(
    (direction: 1 | -1) => {
      const el = ref.current;
      el?.scrollBy({ left: direction * el.clientWidth * 0.8 });
    },
    [ref],
  );
  return { ...state, scrollBy };
}
