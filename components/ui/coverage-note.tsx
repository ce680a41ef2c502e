import type { Coverage } from '@/lib/db/metrics';

const fmt = new Intl.NumberFormat('en-GB');

/** Says what the chart leaves out and why, so no record is dropped silently. */
export function CoverageNote({ coverage, basis, showLifted = false }: { coverage: Coverage; basis: 'listing' | 'start'; showLifted?: boolean }) {
  const parts: string[] = [];
  if (coverage.noDate) parts.push(`${fmt.format(coverage.noDate)} have no ${basis === 'start' ? 'date in force' : 'listing date'}`);
  if (coverage.onOrBefore) parts.push(`${fmt.format(coverage.onOrBefore)} were already listed when the OFAC history begins (18 Aug 2021: listed on or before that day, not shown as new)`);
  if (coverage.tooImprecise) parts.push(`${fmt.format(coverage.tooImprecise)} are dated only to the year (switch to yearly bins to place them)`);
  if (showLifted && coverage.liftedTooImprecise) parts.push(`${fmt.format(coverage.liftedTooImprecise)} liftings are dated too coarsely for these bins`);
  if (coverage.outOfRange) parts.push(`${fmt.format(coverage.outOfRange)} fall outside the date range`);
  return (
    <p className="small muted" data-testid="coverage-note">
      Shown: {fmt.format(coverage.placed)} of {fmt.format(coverage.total)} designations.
      {parts.length ? ` Not shown: ${parts.join('; ')}.` : ''}
      {showLifted
        ? ' Liftings found by comparing list editions are known only within bounds (after the last edition that held the entry, on or before the first without it): each is drawn at the first edition without it.'
        : ''}
    </p>
  );
}
