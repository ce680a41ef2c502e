import { seriesColor } from '@/lib/charts/colors';

/** The authority's colour, the same as on every chart. Text stays dark-on-light for contrast. */
export function AuthorityBadge({ id, label }: { id: string; label?: string }) {
  return (
    <span className="badge" style={{ borderColor: seriesColor(id, 0), marginRight: '.25rem' }}>
      <span className="swatch" style={{ background: seriesColor(id, 0) }} aria-hidden="true" />
      {label ?? id}
    </span>
  );
}
