import Link from 'next/link';
import { MILESTONE_DASH } from '@/lib/charts/colors';
import type { MilestoneCategory } from '@/lib/validation/dashboard';

/**
 * One toggle per milestone category. Links, not buttons: the hidden categories live in the URL
 * (`mhide`), so a toggled view reloads, goes back and is shared like any other.
 */
export function MilestoneToggles({ categories, hidden, hrefFor }: { categories: Array<{ category: MilestoneCategory; count: number }>; hidden: readonly string[]; hrefFor: (nextHidden: string[]) => string }) {
  return (
    <nav aria-label="Milestone categories" className="toggles no-print">
      <span className="small muted">Milestones:</span>
      {categories.map(({ category, count }) => {
        const isShown = !hidden.includes(category);
        const next = isShown ? [...hidden, category] : hidden.filter((c) => c !== category);
        const name = category.toLowerCase();
        return (
          <Link key={category} href={hrefFor(next)} scroll={false} className={`toggle${isShown ? ' toggle-on' : ''}`} data-category={category} data-shown={isShown}>
            <svg width="22" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="22" y2="4" stroke="currentColor" strokeWidth="2" strokeDasharray={MILESTONE_DASH[category] ?? '4 4'} />
            </svg>
            <span aria-hidden="true">{isShown ? '☑' : '☐'}</span>
            <span className="sr-only">{isShown ? 'Hide' : 'Show'}</span> {name} <span className="sr-only">milestones</span> ({count})
          </Link>
        );
      })}
    </nav>
  );
}
