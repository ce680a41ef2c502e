import Link from 'next/link';
import type { PlacedMilestone } from '@/lib/charts/milestones';
import { formatPartialDate } from '@/lib/dates';

/** The key to the chart's milestone markers by their stable codes, with dates as precise as known and sources. */
export function MilestoneLegend({ milestones }: { milestones: PlacedMilestone[] }) {
  if (!milestones.length) return <p className="muted small">No milestone of the categories shown falls in this range.</p>;
  return (
    <ol className="milestone-list">
      {milestones.map((m) => (
        <li key={m.slug} id={`milestone-${m.slug}`} data-code={m.code}>
          <strong className="milestone-code">{m.code}</strong> {formatPartialDate(m.date, m.datePrecision)}
          {m.endDate ? `–${formatPartialDate(m.endDate, m.endDatePrecision)}` : ''} — <Link href={`/milestones#${m.slug}`}>{m.title}</Link>{' '}
          <span className="muted small">({m.category.toLowerCase()}{m.kind === 'band' ? ', shaded: period or imprecise date' : ''})</span>{' '}
          <a href={m.sourceUrl} target="_blank" rel="noreferrer noopener" className="small">
            source<span className="sr-only"> of “{m.title}”</span>
          </a>
        </li>
      ))}
    </ol>
  );
}
