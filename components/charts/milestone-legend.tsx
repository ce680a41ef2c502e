import Link from 'next/link';
import type { PlacedMilestone } from '@/lib/charts/milestones';
import { formatPartialDate } from '@/lib/dates';

/** The numbered key to the chart's milestone markers, with dates as precise as known and sources. */
export function MilestoneLegend({ milestones }: { milestones: PlacedMilestone[] }) {
  if (!milestones.length) return <p className="muted small">No milestone of the categories shown falls in this range.</p>;
  return (
    <ol className="milestone-list">
      {milestones.map((m, i) => (
        <li key={m.slug} id={`milestone-${m.slug}`}>
          <strong>{i + 1}.</strong> {formatPartialDate(m.date, m.datePrecision)}
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
