import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { can } from '@/lib/auth/permissions';
import { listDesignatingAuthorities } from '@/lib/db/analysis/authorities';
import { getLagAnalysis, GAP_LIMIT, LAG_PAIR_LIMIT, type LagKind, type LagPair } from '@/lib/db/analysis/lag';
import { resolveLagCohort, COHORT_VIEW_CAP } from '@/lib/db/analysis/cohort';
import { getFilterOptions } from '@/lib/db/metrics';
import { listVisibleSavedViews } from '@/lib/db/accounts/saved-views';
import { parseLagQuery, lagSearchParams, LAG_FIELD_LABELS, type LagQuery, type LagSort } from '@/lib/validation/lag';
import type { RawSearchParams } from '@/lib/validation/search-params';
import { describeCohort, describeCohortTitle, isViewCapped, isWholeData } from '@/lib/analysis/cohort';
import { creditOf, joinNames, summarizeLeaders, UN } from '@/lib/analysis/lag-credit';
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

function lagHref(q: LagQuery, patch: Partial<LagQuery>): string {
  const s = lagSearchParams({ ...q, ...patch }).toString();
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

/** Who is credited with an entity's first listing, in words and badges (lib/analysis/lag-credit.ts). */
function FirstListedBy({ p, names }: { p: LagPair; names: Map<string, string> }) {
  const credit = creditOf(p.leaders, p.un);
  const badges = p.leaders.map((a) => <AuthorityBadge key={a} id={a} label={names.get(a)} />);
  if (credit.kind === 'un-origin') {
    return (
      <>
        <AuthorityBadge id={UN} label={names.get(UN) ?? 'UN'} /> origin
        <div className="small muted">
          {joinNames(p.leaders.filter((a) => a !== UN).map((a) => names.get(a) ?? a))} cites UN reference {p.unReference}; the UN listed it {formatPartialDate(p.unDate)}
        </div>
      </>
    );
  }
  if (credit.kind === 'un-unknown') {
    return (
      <>
        {badges}
        <div className="small flag">UN reference {p.unReference}, date unknown: not credited</div>
      </>
    );
  }
  if (credit.kind === 'tie') {
    return (
      <>
        {badges}
        <div className="small muted">same day: a tie, credited to none</div>
      </>
    );
  }
  return <>{badges}</>;
}

export default async function LagPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { query: q, problems } = parseLagQuery(await searchParams);
  const [available, options, views, resolved] = await Promise.all([
    listDesignatingAuthorities(viewer),
    getFilterOptions(viewer),
    can(viewer, 'self:manage') ? listVisibleSavedViews(viewer) : Promise.resolve([]),
    resolveLagCohort(viewer, q),
  ]);
  const { cohort } = resolved;
  // One line per setting: what the URL could not use, then what named nothing.
  const allProblems = [...problems, ...resolved.problems].reduce<typeof problems>((acc, p) => {
    const same = acc.find((x) => x.field === p.field);
    if (same) same.message = `${same.message} ${p.message}`;
    else acc.push({ ...p });
    return acc;
  }, []);
  const names = new Map(available.map((a) => [a.id, a.shortName]));
  const name = (a: string) => names.get(a) ?? a;
  const r = await getLagAnalysis(viewer, q, available.map((a) => a.id), cohort);
  const whole = isWholeData(cohort);
  const cohortWords = describeCohort(cohort);
  // The same shaping as the chart's export (/api/export/lag.svg?<this query>).
  const chart = lagChart({ authorities: r.authorities, names: Object.fromEntries(names), programName: null, cohort: describeCohortTitle(cohort), samples: r.samples });
  const series = chart.series;
  const histogram = chartRows(chart);
  const leaders = summarizeLeaders(r.credits);
  const entityViews = views.filter((v) => v.path === '/entities');
  const compared = r.authorities.map(name).join(', ');

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Cross-authority lag</h1>
          <p className="muted">
            For entities designated by two or more authorities: who listed them first, and how many days later each other authority followed. Same-day first listings are ties; a listing that cites a UN reference credits the UN where its listing date is known.
          </p>
        </div>
      </header>
      <QueryProblems problems={allProblems} labels={LAG_FIELD_LABELS} />

      <PrintSummary filters={`authorities compared: ${compared || 'none'}; ${cohortWords}; by listing date`} path={lagHref(q, {})} />
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
        {options.cases.length ? (
          <fieldset>
            <legend>Cases</legend>
            <div className="checks">
              {options.cases.map((c) => (
                <label key={c.slug}>
                  <input type="checkbox" name="case" value={c.slug} defaultChecked={q.case.includes(c.slug)} /> {c.title}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <fieldset>
          <legend>Weapons programs (participants)</legend>
          <div className="checks">
            {options.weapons.map((w) => (
              <label key={w.slug}>
                <input type="checkbox" name="weapon" value={w.slug} defaultChecked={q.weapon.includes(w.slug)} /> {w.name}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Sanctions programs</legend>
          <div className="checks">
            {cohort.programs.map((p) => (
              <label key={p.key}>
                <input type="checkbox" name="program" value={p.key} defaultChecked /> {p.label}
              </label>
            ))}
          </div>
          <label htmlFor="program-add">Add a program</label>
          <input id="program-add" name="program" list="program-options" placeholder="Type a program, e.g. EU:RUS" autoComplete="off" />
          <datalist id="program-options">
            {options.programs.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
              </option>
            ))}
          </datalist>
        </fieldset>
        <div className="field">
          <label htmlFor="view">Saved entity list</label>
          <select id="view" name="view" defaultValue={q.view ?? ''}>
            <option value="">None</option>
            {entityViews.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
                {v.isOwner ? '' : ` (shared by ${v.ownerName})`}
              </option>
            ))}
          </select>
        </div>
        {q.sort !== '-days' ? <input type="hidden" name="sort" value={q.sort} /> : null}
        <button className="btn" type="submit">
          Apply
        </button>
      </form>

      <p data-testid="lag-cohort">
        <strong>Entities compared:</strong> {cohortWords}
        {isViewCapped(cohort) ? (
          <span className="flag" data-testid="lag-cohort-capped">
            {' '}
            — the saved list matches {fmt.format(cohort.view!.total)} entities; only its first {fmt.format(COHORT_VIEW_CAP)}, in its own order, are compared
          </span>
        ) : null}
        .
      </p>

      {r.authorities.length < 2 ? (
        <p className="panel" role="status">
          Lags need two authorities with designations to compare{available.length < 2 ? `; the database holds designations of ${available.map((a) => a.shortName).join(', ') || 'no authority'} only` : '; choose at least two'}.
        </p>
      ) : (
        <>
          {r.actions ? (
            <section className="panel" aria-labelledby="actions-title">
              <h2 id="actions-title">First sanctions action per authority</h2>
              {r.actions.rows.length ? (
                <>
                  <p data-testid="action-answer">
                    First action: {joinNames(r.actions.first.map(name))} {formatPartialDate(r.actions.firstDate)}
                    {r.actions.first.length > 1 ? ' (same day: a tie)' : ''}
                    {r.actions.rows
                      .filter((a) => !a.isFirst)
                      .reduce<Array<{ date: string; days: number; authorities: string[] }>>((acc, a) => {
                        const last = acc[acc.length - 1];
                        if (last && last.date === a.date) last.authorities.push(a.authority);
                        else acc.push({ date: a.date, days: a.days, authorities: [a.authority] });
                        return acc;
                      }, [])
                      .map((g) => `; ${joinNames(g.authorities.map(name))} ${formatPartialDate(g.date)}${g.authorities.length > 1 ? ' (same day: a tie)' : ''}, ${formatLag(g.days)} later`)
                      .join('')}
                    .
                  </p>
                  <div className="table-wrap">
                    <table data-testid="action-firsts">
                      <caption className="sr-only">Each authority&apos;s first sanctions action publishing a designation of these entities{cohort.cases.length ? ', within the case' : ''}</caption>
                      <thead>
                        <tr>
                          <th scope="col">Authority</th>
                          <th scope="col">First action</th>
                          <th scope="col">On</th>
                          <th scope="col" className="num">
                            After the first
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {r.actions.rows.map((a) => (
                          <tr key={a.authority} data-authority={a.authority}>
                            <td>
                              <AuthorityBadge id={a.authority} label={name(a.authority)} />
                            </td>
                            <td>
                              <Link href={`/actions/${encodeURIComponent(a.actionId)}`}>{a.title}</Link>
                              {a.isUncertain ? <div className="small flag">the action&apos;s membership is uncertain</div> : null}
                            </td>
                            <td>{formatPartialDate(a.date)}</td>
                            <td className="num">
                              {a.days === 0 ? 'first' : formatLag(a.days)}
                              {a.sameDayWith.length ? <div className="small muted">tie: same day as {joinNames(a.sameDayWith.map(name))}</div> : null}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                  <p className="small muted">
                    {cohort.cases.length ? 'The case’s own actions' : 'Sanctions actions publishing a designation of these entities'}; a day’s listings not curated into an action are grouped per authority and day (per act for the EU). The entity-level answer below compares each entity’s first listings, whatever the action.
                  </p>
                </>
              ) : (
                <p className="muted">No sanctions action of these authorities holds a designation of these entities.</p>
              )}
            </section>
          ) : null}

          <p role="status" data-testid="lag-summary">
            {fmt.format(leaders.entities)} {leaders.entities === 1 ? 'entity' : 'entities'} ({cohortWords}) listed by two or more of {compared}: {fmt.format(r.pairsTotal)} follow-ups, of which {fmt.format(r.kinds.exact)} with exact dates
            {r.kinds['at-least'] ? `, ${fmt.format(r.kinds['at-least'])} “at least” (listed by OFAC before 18 Aug 2021)` : ''}
            {r.kinds.uncertain ? `, ${fmt.format(r.kinds.uncertain)} uncertain` : ''}.
          </p>

          <section className="panel" aria-labelledby="leaders-title">
            <h2 id="leaders-title">Who listed first</h2>
            {leaders.rows.length ? (
              <>
                <div className="table-wrap">
                  <table data-testid="leaders-table">
                    <caption className="sr-only">Entities each authority listed first alone; same-day first listings as ties; listings citing a UN reference credited to the UN</caption>
                    <thead>
                      <tr>
                        <th scope="col">Listed first</th>
                        <th scope="col" className="num">
                          Entities
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {leaders.rows.map((l) => (
                        <tr key={l.key} data-leader={l.key}>
                          <th scope="row">
                            {l.kind === 'authority' ? <AuthorityBadge id={l.authority} label={name(l.authority)} /> : null}
                            {l.kind === 'tie' ? (
                              <>
                                Same day (tie)
                                <div className="small muted">{l.sets.map((s) => `${s.authorities.map(name).join(' = ')}: ${fmt.format(s.count)}`).join('; ')}</div>
                              </>
                            ) : null}
                            {l.kind === 'un-origin' ? (
                              <>
                                <AuthorityBadge id={UN} label={name(UN)} /> as origin
                                <div className="small muted">the first listing cites a UN reference; the UN listed it the same day or earlier</div>
                              </>
                            ) : null}
                            {l.kind === 'un-unknown' ? (
                              <>
                                UN reference, date unknown
                                <div className="small muted">the first listing cites a UN reference; the UN&apos;s own listing is not in our data</div>
                              </>
                            ) : null}
                          </th>
                          <td className="num">{fmt.format(l.count)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="small" data-testid="credit-change">
                  {leaders.movedToUn ? (
                    <>
                      <strong>{fmt.format(leaders.movedToUn)}</strong> firsts move to the UN ({leaders.movedToUnFrom.map((m) => `${fmt.format(m.count)} from ${name(m.authority)}`).join(', ')}).{' '}
                    </>
                  ) : null}
                  {leaders.ties ? <>{fmt.format(leaders.ties)} same-day first listings are ties. </> : null}
                  Crediting a day&apos;s first listings to the first authority by code, as this page did before, would give{' '}
                  {leaders.byCode.map((b) => `${name(b.authority)} ${fmt.format(b.count)}`).join(', ')}.
                </p>
              </>
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
            {r.samples.length ? <ChartDownloads chart="lag" query={lagSearchParams(q).toString()} /> : null}
            <details>
              <summary>Data table</summary>
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">Follow-ups per lag bucket and authority; the same-day bucket holds ties</caption>
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
                        <th scope="row">{h.bin === 'same-day' ? `${h.label} (tie)` : h.label}</th>
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
                  <caption>Lag per other authority (exact dates only), in days</caption>
                  <thead>
                    <tr>
                      <th scope="col">Authority</th>
                      <th scope="col" className="num">
                        Entities
                      </th>
                      <th scope="col" className="num">
                        Same day (tie)
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
                          <AuthorityBadge id={s.follower} label={name(s.follower)} />
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
                      <SortTh q={q} label="Other authority" sort="follower" />
                      <th scope="col">On</th>
                      <SortTh q={q} label="Lag" sort="-days" alt="days" num />
                    </tr>
                  </thead>
                  <tbody>
                    {r.pairs.map((p) => {
                      const isTie = p.days === 0 && p.leaders.includes(p.follower);
                      return (
                        <tr key={`${p.entityId}-${p.follower}`} data-tie={isTie ? 'true' : undefined}>
                          <td>
                            <Link href={`/entities/${p.entityId}`}>{p.entityName}</Link>
                          </td>
                          <td>
                            <FirstListedBy p={p} names={names} />
                          </td>
                          <td>{formatPartialDate(p.leaderDate)}</td>
                          <td>
                            <AuthorityBadge id={p.follower} label={name(p.follower)} />
                          </td>
                          <td>{formatPartialDate(p.followerDate)}</td>
                          <td className="num">
                            {p.kind === 'at-least' ? '≥ ' : p.kind === 'uncertain' ? '~ ' : ''}
                            {isTie ? 'tie (same day)' : formatLag(p.days)}
                            {p.kind !== 'exact' ? <div className="small flag">{KIND_NOTE[p.kind]}</div> : null}
                          </td>
                        </tr>
                      );
                    })}
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
                <caption>Entities ({cohortWords}) listed by the row&apos;s authority and not by the column&apos;s</caption>
                <thead>
                  <tr>
                    <th scope="col">Listed by ↓ · not by →</th>
                    {r.authorities.map((a) => (
                      <th scope="col" key={a} className="num">
                        {name(a)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {r.authorities.map((row) => (
                    <tr key={row}>
                      <th scope="row">{name(row)}</th>
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
              {whole ? 'Entities listed by two or more' : describeCohortTitle(cohort)} still missing an authority ({fmt.format(r.gapsTotal)})
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
                              <AuthorityBadge id={l.authority} label={name(l.authority)} />
                              {l.onOrBefore ? 'on or before ' : ''}
                              {formatPartialDate(l.date)}
                            </span>
                          ))}
                        </td>
                        <td className="gap">{g.missing.map(name).join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="muted">{whole ? 'No entity listed by two or more of these authorities misses one of them. Choose a case, a program or a saved list to see entities listed by one authority only.' : 'Every entity is listed by all these authorities.'}</p>
            )}
          </section>
        </>
      )}
    </>
  );
}
