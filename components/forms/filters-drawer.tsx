'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/** Wide enough for the filters to sit beside the chart (globals.css, .overview-layout). */
const BESIDE = '(min-width: 1100px)';

/**
 * The overview's filters as a disclosure (issue 26: results first). A native <details>: keyboard and
 * screen-reader support come with it, and it works without JavaScript. Closed as the server sends it,
 * so on a phone the chart comes first; on a wide screen, where the filters sit beside the chart and
 * push nothing down, it is open once hydrated.
 * NOTE: until then, `data-opening` has the CSS show its content on a wide screen (globals.css), so
 * that opening it moves nothing on the page: a layout shift during hydration threw clicks aside.
 */
export function FiltersDrawer({ summary, isOpen = false, children }: { summary: ReactNode; isOpen?: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    if (window.matchMedia(BESIDE).matches) details.open = true;
    details.removeAttribute('data-opening');
  }, []);
  return (
    <details ref={ref} className="filters-drawer panel" open={isOpen || undefined} data-opening="" data-testid="filters-drawer">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
