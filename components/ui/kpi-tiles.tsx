import Link from 'next/link';
import type { Kpis } from '@/lib/db/metrics';
import { seriesColor } from '@/lib/charts/colors';

const fmt = new Intl.NumberFormat('en-GB');

/**
 * The key figures, in one compact strip above the chart. They follow the view's filters and say so
 * (issue 26): filtered, they count exactly the designations the chart counts, in its date range.
 * `range`: that range in words ("Jan 2022 – Dec 2023"); `entitiesHref`: the entity list behind the
 * numbers (one authority's, given one), where the entity list can show exactly them — else no link:
 * a number links only to the records behind it.
 */
export function KpiTiles({ kpis, range, entitiesHref = null }: { kpis: Kpis; range?: string; entitiesHref?: ((authority?: string) => string) | null }) {
  // NOTE: a frozen view stores its figures (lib/saved-views/snapshot.ts); one frozen before they had a scope counted everything.
  const isFiltered = kpis.scope?.isFiltered ?? false;
  const heading = isFiltered ? `Matching these filters, ${range ?? 'in the date range'}, as the chart counts them` : 'Everything held';
  const n = (value: number, kpi: string) => (
    <strong className="kpi-value" data-kpi={kpi} data-value={value}>
      {fmt.format(value)}
    </strong>
  );
  return (
    <section className="kpis" aria-labelledby="kpis-title" data-testid="kpis" data-filtered={isFiltered}>
      <h2 id="kpis-title" className="kpis-title">
        {heading}
      </h2>
      <p className="kpis-figures">
        <span>{n(kpis.designations, 'designations')} designations</span> <span className="muted">({fmt.format(kpis.activeDesignations)} active, {fmt.format(kpis.liftedDesignations)} lifted)</span>
        <span aria-hidden="true"> · </span>
        <span>
          {entitiesHref ? <Link href={entitiesHref()}>{n(kpis.entities, 'entities')}</Link> : n(kpis.entities, 'entities')} {isFiltered ? 'entities designated' : 'entities'}
        </span>
        <span aria-hidden="true"> · </span>
        <span>
          {n(kpis.actions ?? 0, 'actions')} <Link href="/actions">sanctions actions</Link>
        </span>
      </p>
      {kpis.byAuthority.length ? (
        <ul className="kpis-authorities" aria-label="Designations by authority">
          {kpis.byAuthority.map((a, i) => (
            <li key={a.authorityId} data-authority={a.authorityId}>
              <span className="swatch" style={{ background: seriesColor(a.authorityId, i) }} aria-hidden="true" />
              {a.name}{' '}
              {entitiesHref ? <Link href={entitiesHref(a.authorityId)}>{fmt.format(a.total)}</Link> : <span>{fmt.format(a.total)}</span>}
              <span className="muted"> ({fmt.format(a.active)} active)</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

type StripProps = { kpis: Promise<Kpis>; range?: string; entitiesHref?: ((authority?: string) => string) | null };

/**
 * The key figures as they arrive: streamed (in a Suspense boundary) so that a filtered view's counts
 * over the rows — up to a second at 1M designations after a data change, then cached — never hold
 * back the chart.
 */
export async function KpiStrip({ kpis, ...rest }: StripProps) {
  return <KpiTiles kpis={await kpis} {...rest} />;
}

/** The strip's place while its figures are counted (the same lines, so the chart does not move). */
export function KpiTilesPending() {
  return (
    <section className="kpis" aria-busy="true" aria-label="Key figures">
      <p className="kpis-title">Counting…</p>
      <p className="kpis-figures">
        <span className="kpi-value">&nbsp;</span>
      </p>
      <p className="kpis-authorities">&nbsp;</p>
    </section>
  );
}
