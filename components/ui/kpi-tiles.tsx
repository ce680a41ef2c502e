import Link from 'next/link';
import type { Kpis } from '@/lib/db/metrics';
import { seriesColor } from '@/lib/charts/colors';

const fmt = new Intl.NumberFormat('en-GB');

export function KpiTiles({ kpis }: { kpis: Kpis }) {
  return (
    <section className="tiles" aria-label="Key figures">
      <div className="tile">
        <div className="tile-label">Entities</div>
        <div className="tile-value">
          <Link href="/entities">{fmt.format(kpis.entities)}</Link>
        </div>
      </div>
      <div className="tile">
        <div className="tile-label">Active designations</div>
        <div className="tile-value">{fmt.format(kpis.activeDesignations)}</div>
        <div className="small muted">{fmt.format(kpis.liftedDesignations)} lifted</div>
      </div>
      {kpis.byAuthority.map((a, i) => (
        <div className="tile" key={a.authorityId}>
          <div className="tile-label">
            <span className="swatch" style={{ background: seriesColor(a.authorityId, i) }} aria-hidden="true" />
            {a.name}
          </div>
          <div className="tile-value">
            <Link href={`/entities?authority=${encodeURIComponent(a.authorityId)}`}>{fmt.format(a.total)}</Link>
          </div>
          <div className="small muted">{fmt.format(a.active)} active</div>
        </div>
      ))}
    </section>
  );
}
