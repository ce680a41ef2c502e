import Link from 'next/link';
import { binLabel, type Granularity } from '@/lib/charts/binning';
import { netSeries, type TimelinePoint } from '@/lib/charts/series';
import type { TimelineSeries } from '@/lib/charts/timeline';
import type { Mode } from '@/lib/validation/dashboard';

/**
 * The chart's numbers as a table: the accessible alternative, and what a screen reader reads.
 * Every number links to the designations behind it (the same drill-down as a click on the chart).
 */
export function SeriesTable({ points, series, granularity, mode, drillHref }: { points: TimelinePoint[]; series: TimelineSeries[]; granularity: Granularity; mode: Mode; drillHref: (bin: string, series?: string, kind?: 'delisted') => string }) {
  const rows = mode === 'cumulative' ? points : points.filter((p) => p.total !== 0 || p.liftedTotal !== 0);
  const runningNet = new Map(netSeries(points).map((n) => [n.bin, n.runningNet]));
  return (
    // table-reflow: on a phone each period is a block of labelled numbers (globals.css).
    <div className="table-wrap table-reflow">
      <table data-testid="series-table">
        <caption className="sr-only">
          {mode === 'cumulative' ? 'Cumulative designations' : mode === 'net' ? 'Designations listed and lifted' : 'New designations'} per {granularity} and series{mode === 'cumulative' ? '' : ' (periods with none are omitted)'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {series.map((s) => (
              <th scope="col" className="num" key={s.key}>
                <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
                {s.label}
              </th>
            ))}
            <th scope="col" className="num">
              {mode === 'net' ? 'Listed' : 'Total'}
            </th>
            {mode === 'net' ? (
              <>
                <th scope="col" className="num">
                  Lifted
                </th>
                <th scope="col" className="num">
                  Net
                </th>
                <th scope="col" className="num">
                  Running net
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => {
            return (
              <tr key={p.bin} data-bin={p.bin}>
                <th scope="row">{binLabel(p.bin, granularity)}</th>
                {series.map((s) => (
                  <td className="num" key={s.key} data-series={s.key} data-label={s.label}>
                    <NumberLink n={p.values[s.key] ?? 0} href={drillHref(p.bin, s.key)} />
                    {mode === 'net' && p.lifted[s.key] ? (
                      <>
                        {' '}
                        <NumberLink n={p.lifted[s.key] ?? 0} sign="−" href={drillHref(p.bin, s.key, 'delisted')} label="lifted" />
                      </>
                    ) : null}
                  </td>
                ))}
                <td className="num" data-series="total" data-label={mode === 'net' ? 'Listed' : 'Total'}>
                  <NumberLink n={p.total} href={drillHref(p.bin)} />
                </td>
                {mode === 'net' ? (
                  <>
                    <td className="num" data-label="Lifted">
                      <NumberLink n={p.liftedTotal} href={drillHref(p.bin, undefined, 'delisted')} />
                    </td>
                    <td className="num" data-label="Net">
                      {p.net > 0 ? `+${p.net}` : p.net}
                    </td>
                    <td className="num" data-label="Running net">
                      {runningNet.get(p.bin) ?? 0}
                    </td>
                  </>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function NumberLink({ n, href, sign = '', label }: { n: number; href: string; sign?: string; label?: string }) {
  if (n === 0) return <>{sign}0</>;
  return (
    <Link href={href} scroll={false} aria-label={label ? `${n} ${label}` : undefined}>
      {sign}
      {n}
    </Link>
  );
}
