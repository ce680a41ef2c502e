'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A heading that takes the focus when it appears (or its key changes), so that keyboard and
 * screen-reader users land on content that a click elsewhere (a bar of the chart) brought in.
 */
export function FocusHeading({ id, focusKey, children, className }: { id: string; focusKey: string; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
    ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [focusKey]);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className={className}>
      {children}
    </h2>
  );
}
