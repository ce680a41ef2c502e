import { binLabel, type Granularity, type SeriesPoint } from '@/lib/charts/binning';
import type { TimelineSeries } from '@/lib/charts/timeline';

/** The chart's numbers as a table: the accessible alternative, and what a screen reader reads. */
export function SeriesTable({ data, series, granularity }: { data: SeriesPoint[]; series: TimelineSeries[]; granularity: Granularity }) {
  const rows = data.filter((p) => series.some((s) => Number(p[s.key] ?? 0) !== 0));
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Designations per {granularity} and authority (periods with none are omitted)</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            {series.map((s) => (
              <th scope="col" className="num" key={s.key}>
                {s.label}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.bin}>
              <th scope="row">{binLabel(p.bin, granularity)}</th>
              {series.map((s) => (
                <td className="num" key={s.key}>
                  {Number(p[s.key] ?? 0)}
                </td>
              ))}
              <td className="num">{series.reduce((n, s) => n + Number(p[s.key] ?? 0), 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
