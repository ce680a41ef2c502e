import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getLagAnalysis, listDesignatingAuthorities, GAP_LIMIT, LAG_PAIR_LIMIT, type LagKind } from '@/lib/db/analysis';
import { listWeaponsPrograms } from '@/lib/db/weapons-programs';
import { lagQuerySchema, type LagQuery, type LagSort } from '@/lib/validation/analysis';
import { parsePageQuery, type RawSearchParams } from '@/lib/validation/search-params';
import { formatLag } from '@/lib/charts/lag';
import { chartRows, lagChart } from '@/lib/charts/chart-data';
import { formatPartialDate } from '@/lib/dates';
import { LagHistogram } from '@/components/charts/lag-histogram';
import { ChartDownloads } from '@/components/charts/chart-downloads';
import { PrintSummary } from '@/components/ui/print-summary';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { QueryProblems } from '@/components/ui/query-problems';
import '../../explore.css';

export const metadata: Metadata = { title: 'Cross-authority lag' };

const fmt = new Intl.NumberFormat('en-GB');
const days1 = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const FIELD_LABELS: Record<string, string> = { authority: 'Compare authorities', program: 'Entities', sort: 'Sort' };

function lagHref(q: LagQuery, patch: Partial<LagQuery>): string {
  const next = { ...q, ...patch };
  const p = new URLSearchParams();
  for (const a of next.authority) p.append('authority', a);
  if (next.program) p.set('program', next.program);
  if (next.sort !== '-days') p.set('sort', next.sort);
  const s = p.toString();
  return s ? `/analysis/lag?${s}` : '/analysis/lag';
}

const KIND_NOTE: Record<LagKind, string> = {
  exact: '',
  'at-least': 'at least: the first authority listed it on or before 18 Aug 2021, when our OFAC history starts',
  uncertain: 'uncertain: a date is only a bound or known only to the month or year',
};

function SortTh({ q, label, sort, alt, num }: { q: LagQuery; label: string; sort: LagSort; alt?: LagSort; num?: boolean }) {
  const state = q.sort === sort ? (sort === '-days' ? 'descending' : 'ascending') : alt && q.sort === alt ? 'ascending' : undefined;
  const next = q.sort === sort && alt ? alt : sort;
  return (
    <th scope="col" aria-sort={state ?? 'none'} className={num ? 'num' : undefined}>
      <Link href={lagHref(q, { sort: next })}>
        {label}
        <span aria-hidden="true">{state === 'ascending' ? ' ▲' : state === 'descending' ? ' ▼' : ''}</span>
      </Link>
    </th>
  );
}

export default async function LagPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { query: q, problems } = parsePageQuery(lagQuerySchema, await searchParams);
  const [available, programs] = await Promise.all([listDesignatingAuthorities(viewer), listWeaponsPrograms(viewer)]);
  const names = new Map(available.map((a) => [a.id, a.shortName]));
  const r = await getLagAnalysis(viewer, q, available.map((a) => a.id));
  const program = programs.find((p) => p.slug === q.program);
  // The same shaping as the chart's export (/api/export/lag.svg?<this query>).
  const chart = lagChart({ authorities: r.authorities, names: Object.fromEntries(names), programName: program?.name ?? null, samples: r.samples });
  const series = chart.series;
  const histogram = chartRows(chart);
  const entitiesWithPairs = r.leaders.reduce((n, l) => n + l.count, 0);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Cross-authority lag</h1>
          <p className="muted">For entities designated by two or more authorities: who listed them first, and how many days later each other authority followed.</p>
        </div>
      </header>
      <QueryProblems problems={problems} labels={FIELD_LABELS} />

      <PrintSummary
        filters={`authorities compared: ${r.authorities.map((a) => names.get(a) ?? a).join(', ') || 'none'}; ${program ? `participants in ${program.name}` : 'all entities'}; by listing date`}
        path={lagHref(q, {})}
      />
      <form method="get" action="/analysis/lag" className="panel controls no-print" aria-label="Lag settings">
        <fieldset>
          <legend>Compare authorities</legend>
          <div className="checks">
            {available.map((a) => (
              <label key={a.id}>
                <input type="checkbox" name="authority" value={a.id} defaultChecked={r.authorities.includes(a.id)} /> {a.shortName}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="program">Entities</label>
          <select id="program" name="program" defaultValue={q.program ?? ''}>
            <option value="">All entities</option>
            {programs.map((p) => (
              <option key={p.slug} value={p.slug}>
                Participants in {p.name}
              </option>
            ))}
          </select>
        </div>
        {q.sort !== '-days' ? <input type="hidden" name="sort" value={q.sort} /> : null}
        <button className="btn" type="submit">
          Apply
        </button>
      </form>

      {r.authorities.length < 2 ? (
        <p className="panel" role="status">
          Lags need two authorities with designations to compare{available.length < 2 ? `; the database holds designations of ${available.map((a) => a.shortName).join(', ') || 'no authority'} only` : '; choose at least two'}.
        </p>
      ) : (
        <>
          <p role="status" data-testid="lag-summary">
            {fmt.format(entitiesWithPairs)} {entitiesWithPairs === 1 ? 'entity' : 'entities'}
            {program ? ` in ${program.name}` : ''} listed by two or more of {r.authorities.map((a) => names.get(a) ?? a).join(', ')}: {fmt.format(r.pairsTotal)} follow-ups, of which {fmt.format(r.kinds.exact)} with exact dates
            {r.kinds['at-least'] ? `, ${fmt.format(r.kinds['at-least'])} “at least” (listed by OFAC before 18 Aug 2021)` : ''}
            {r.kinds.uncertain ? `, ${fmt.format(r.kinds.uncertain)} uncertain` : ''}.
          </p>

          <section className="panel" aria-labelledby="leaders-title">
            <h2 id="leaders-title">Who listed first</h2>
            {r.leaders.length ? (
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">Entities each authority listed first (ties on the same day go to the first authority by code)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Authority</th>
                      <th scope="col" className="num">
                        Entities listed first
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.leaders.map((l) => (
                      <tr key={l.authority}>
                        <td>
                          <AuthorityBadge id={l.authority} label={names.get(l.authority)} />
                        </td>
                        <td className="num">{fmt.format(l.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">No entity is listed by two of these authorities.</p>
            )}
          </section>

          <section className="panel" aria-labelledby="dist-title">
            <h2 id="dist-title" className="chart-title">
              {chart.title}
            </h2>
            <p className="chart-subtitle">{chart.subtitle}</p>
            {r.samples.length ? <LagHistogram data={histogram} series={series} /> : <p className="muted">No follow-up with exact dates on both sides.</p>}
            <p className="chart-source">{chart.source}.</p>
            {r.samples.length ? <ChartDownloads chart="lag" query={lagHref(q, {}).split('?')[1] ?? ''} /> : null}
            <details>
              <summary>Data table</summary>
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">Follow-ups per lag bucket and authority</caption>
                  <thead>
                    <tr>
                      <th scope="col">Lag</th>
                      {series.map((s) => (
                        <th scope="col" className="num" key={s.key}>
                          {s.label}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {histogram.map((h) => (
                      <tr key={h.bin}>
                        <th scope="row">{h.label}</th>
                        {series.map((s) => (
                          <td className="num" key={s.key}>
                            {Number(h[s.key] ?? 0)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
            {r.summary.length ? (
              <div className="table-wrap" style={{ marginTop: '.75rem' }}>
                <table>
                  <caption>Lag per following authority (exact dates only), in days</caption>
                  <thead>
                    <tr>
                      <th scope="col">Followed</th>
                      <th scope="col" className="num">
                        Entities
                      </th>
                      <th scope="col" className="num">
                        Same day
                      </th>
                      <th scope="col" className="num">
                        25th pct
                      </th>
                      <th scope="col" className="num">
                        Median
                      </th>
                      <th scope="col" className="num">
                        75th pct
                      </th>
                      <th scope="col" className="num">
                        Longest
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.summary.map((s) => (
                      <tr key={s.follower}>
                        <td>
                          <AuthorityBadge id={s.follower} label={names.get(s.follower)} />
                        </td>
                        <td className="num">{fmt.format(s.count)}</td>
                        <td className="num">{fmt.format(s.sameDay)}</td>
                        <td className="num">{days1.format(s.p25)}</td>
                        <td className="num">{days1.format(s.median)}</td>
                        <td className="num">{days1.format(s.p75)}</td>
                        <td className="num">{fmt.format(s.max)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </section>

          <section className="panel" aria-labelledby="pairs-title">
            <h2 id="pairs-title">Follow-ups ({fmt.format(r.pairsTotal)})</h2>
            {r.pairsTotal > LAG_PAIR_LIMIT ? <p className="small muted">The first {fmt.format(LAG_PAIR_LIMIT)} in this order are shown.</p> : null}
            {r.pairs.length ? (
              <div className="table-wrap">
                <table data-testid="lag-table">
                  <caption className="sr-only">Each entity&apos;s first listing and each other authority&apos;s first listing; select a column header to sort</caption>
                  <thead>
                    <tr>
                      <SortTh q={q} label="Entity" sort="entity" />
                      <SortTh q={q} label="Listed first by" sort="leader" />
                      <SortTh q={q} label="On" sort="listed" />
                      <SortTh q={q} label="Followed by" sort="follower" />
                      <th scope="col">On</th>
                      <SortTh q={q} label="Lag" sort="-days" alt="days" num />
                    </tr>
                  </thead>
                  <tbody>
                    {r.pairs.map((p) => (
                      <tr key={`${p.entityId}-${p.follower}`}>
                        <td>
                          <Link href={`/entities/${p.entityId}`}>{p.entityName}</Link>
                        </td>
                        <td>
                          <AuthorityBadge id={p.leader} label={names.get(p.leader)} />
                        </td>
                        <td>{formatPartialDate(p.leaderDate)}</td>
                        <td>
                          <AuthorityBadge id={p.follower} label={names.get(p.follower)} />
                        </td>
                        <td>{formatPartialDate(p.followerDate)}</td>
                        <td className="num">
                          {p.kind === 'at-least' ? '≥ ' : p.kind === 'uncertain' ? '~ ' : ''}
                          {p.days === 0 ? 'same day' : formatLag(p.days)}
                          {p.kind !== 'exact' ? <div className="small flag">{KIND_NOTE[p.kind]}</div> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">No entity is listed by two of these authorities.</p>
            )}
          </section>

          <section className="panel" aria-labelledby="gaps-title">
            <h2 id="gaps-title">Gaps: listed by one, not (yet) by another</h2>
            <div className="table-wrap">
              <table className="matrix" data-testid="gap-matrix">
                <caption>Entities{program ? ` in ${program.name}` : ''} listed by the row&apos;s authority and not by the column&apos;s</caption>
                <thead>
                  <tr>
                    <th scope="col">Listed by ↓ · not by →</th>
                    {r.authorities.map((a) => (
                      <th scope="col" key={a} className="num">
                        {names.get(a) ?? a}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {r.authorities.map((row) => (
                    <tr key={row}>
                      <th scope="row">{names.get(row) ?? row}</th>
                      {r.authorities.map((col) => (
                        <td key={col} className="num">
                          {row === col ? '—' : fmt.format(r.gapMatrix.find((g) => g.listed === row && g.missing === col)?.count ?? 0)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h3>
              {program ? `Participants of ${program.name}` : 'Entities listed by two or more'} still missing an authority ({fmt.format(r.gapsTotal)})
            </h3>
            {r.gapsTotal > GAP_LIMIT ? <p className="small muted">The first {fmt.format(GAP_LIMIT)}, oldest listing first.</p> : null}
            {r.gaps.length ? (
              <div className="table-wrap">
                <table data-testid="gap-table">
                  <thead>
                    <tr>
                      <th scope="col">Entity</th>
                      <th scope="col">Listed by</th>
                      <th scope="col">Not listed by</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.gaps.map((g) => (
                      <tr key={g.entityId}>
                        <td>
                          <Link href={`/entities/${g.entityId}`}>{g.entityName}</Link>
                        </td>
                        <td>
                          {g.listed.map((l) => (
                            <span key={l.authority} style={{ marginRight: '.5rem' }}>
                              <AuthorityBadge id={l.authority} label={names.get(l.authority)} />
                              {l.onOrBefore ? 'on or before ' : ''}
                              {formatPartialDate(l.date)}
                            </span>
                          ))}
                        </td>
                        <td className="gap">{g.missing.map((m) => names.get(m) ?? m).join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">{program ? 'Every participant is listed by all these authorities.' : 'No entity listed by two or more of these authorities misses one of them. Choose a weapons program to see participants listed by one authority only.'}</p>
            )}
          </section>
        </>
      )}
    </>
  );
}
