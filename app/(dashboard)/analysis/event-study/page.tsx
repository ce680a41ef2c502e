import { requirePagePrincipal } from '@/lib/auth/session';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getEventStudy, type StudyRow } from '@/lib/db/event-study/study';
import { listDesignatingAuthorities } from '@/lib/db/analysis/authorities';
import { eventStudyParams, eventStudyQuerySchema, STUDY_WINDOW_DEFAULT } from '@/lib/validation/event-study';
import { objectToSearchParams, parsePageQuery, type RawSearchParams } from '@/lib/validation/search-params';
import { formatPartialDate } from '@/lib/dates';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { ChartDownloads } from '@/components/charts/chart-downloads';
import { QueryProblems } from '@/components/ui/query-problems';
import '../../explore.css';

export const metadata: Metadata = { title: 'Event study' };

const num = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const signed = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const pFmt = (p: number | null) => (p === null ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3));
const FIELD_LABELS: Record<string, string> = { measure: 'Measure', window: 'Window', baseline: 'Baseline', authority: 'Authority', merge: 'Merge overlapping milestones' };
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

function windowText(r: StudyRow): string {
  return `${formatPartialDate(r.windows.before.from)} – ${formatPartialDate(dayBefore(r.windows.before.to))} | ${formatPartialDate(r.windows.after.from)} – ${formatPartialDate(dayBefore(r.windows.after.to))}`;
}

export default async function EventStudyPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { query: q, problems } = parsePageQuery(eventStudyQuerySchema, await searchParams);
  const [study, available] = await Promise.all([getEventStudy(viewer, q), listDesignatingAuthorities(viewer)]);
  const exportQuery = objectToSearchParams(eventStudyParams(q)).toString();
  const unit = q.measure === 'actions' ? 'sanctions actions' : 'designations';
  const events = [...new Map(study.rows.map((r) => [r.eventId, r] as const)).values()];
  // Overlaps name the other milestones by their stable codes, as every chart and page does.
  const codeOf = new Map(study.rows.flatMap((r) => r.milestones.map((m) => [m.slug, m.code] as const)));
  const significant = study.rows.filter((r) => r.verdict.label === 'more than usual' || r.verdict.label === 'fewer than usual').length;
  return (
    <>
      <header className="page-header">
        <div>
          <h1>Did pressure follow diplomacy?</h1>
          <p className="muted">
            For each milestone and authority: the {unit} in the {q.window} days after it against what the authority&apos;s own history predicted, and whether the
            difference is more than the authority&apos;s usual ups and downs.
          </p>
        </div>
      </header>
      <QueryProblems problems={problems} labels={FIELD_LABELS} />
      <section className="panel no-print" aria-label="Study settings">
        <form method="get" action="/analysis/event-study" className="controls" aria-label="Study settings">
          <div className="field">
            <label htmlFor="measure">Measure</label>
            <select id="measure" name="measure" defaultValue={q.measure}>
              <option value="designations">Designations</option>
              <option value="actions">Sanctions actions</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="window">Window (days)</label>
            <input id="window" name="window" type="number" min={14} max={365} defaultValue={q.window} style={{ width: '5rem' }} />
          </div>
          <div className="field">
            <label htmlFor="baseline">Baseline</label>
            <select id="baseline" name="baseline" defaultValue={q.baseline}>
              <option value="trend">Trend (linear, fitted before the milestone)</option>
              <option value="mean">Mean rate before the milestone</option>
            </select>
          </div>
          <fieldset>
            <legend>Authorities</legend>
            <div className="checks">
              {available.map((a) => (
                <label key={a.id}>
                  <input type="checkbox" name="authority" value={a.id} defaultChecked={q.authority.includes(a.id)} /> {a.shortName}
                </label>
              ))}
            </div>
          </fieldset>
          <label>
            <input type="checkbox" name="merge" value="1" defaultChecked={q.merge} /> Merge milestones whose windows overlap
          </label>
          <div className="field">
            <button type="submit" className="btn">
              Apply
            </button>{' '}
            <Link href="/analysis/event-study" className="btn btn-quiet">
              Reset
            </Link>
          </div>
        </form>
      </section>

      <section className="panel" aria-labelledby="summary-title">
        <h2 id="summary-title" className="chart-title">
          {events.length} milestone{events.length === 1 ? '' : 's'} × {Object.keys(study.coverage).filter((a) => !q.authority.length || q.authority.includes(a)).length} authorities:{' '}
          {significant} of {study.tests} studies differ from usual at {Math.round(study.alpha * 100)}% after correction
        </h2>
        <div className="table-wrap">
          <table data-testid="event-study-table">
            <thead>
              <tr>
                <th scope="col">Milestone</th>
                <th scope="col">Authority</th>
                <th scope="col" className="num">
                  Before
                </th>
                <th scope="col" className="num">
                  After
                </th>
                <th scope="col" className="num">
                  Expected
                </th>
                <th scope="col" className="num">
                  Excess [{Math.round((1 - study.alpha) * 100)}% interval]
                </th>
                <th scope="col" className="num">
                  p
                </th>
                <th scope="col" className="num">
                  p adjusted
                </th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {study.rows.map((r, i) => {
                const first = i === 0 || study.rows[i - 1]!.eventId !== r.eventId;
                const span = study.rows.filter((x) => x.eventId === r.eventId).length;
                const ok = r.result.status === 'ok' ? r.result : null;
                return (
                  <tr key={`${r.eventId}|${r.authorityId}`} data-event={r.eventId} data-authority={r.authorityId} data-verdict={r.verdict.label}>
                    {first ? (
                      <th scope="row" rowSpan={span} style={{ textAlign: 'left', verticalAlign: 'top' }}>
                        {r.milestones.map((m) => (
                          <div key={m.slug} data-code={m.code}>
                            <span className="mono">{m.code}</span> {m.title} <span className="small muted">({formatPartialDate(m.date, m.precision)})</span>
                          </div>
                        ))}
                        <div className="small muted">{windowText(r)}</div>
                        {r.overlapsWith.length ? (
                          <div className="small" data-testid="overlap-note">
                            Windows overlap with {r.overlapsWith.map((slug) => codeOf.get(slug) ?? slug).join(', ')}: the counts are shared.{' '}
                            <Link href={`/analysis/event-study?${objectToSearchParams(eventStudyParams({ ...q, merge: true })).toString()}`}>Merge them</Link>
                          </div>
                        ) : null}
                      </th>
                    ) : null}
                    <td>
                      <AuthorityBadge id={r.authorityId} label={r.authorityName} />
                    </td>
                    <td className="num">{r.result.before ?? '—'}</td>
                    <td className="num">{r.result.after ?? '—'}</td>
                    <td className="num">{ok ? num.format(ok.expected) : '—'}</td>
                    <td className="num">{ok ? `${signed.format(ok.excess)} [${signed.format(ok.interval[0])}, ${signed.format(ok.interval[1])}]` : '—'}</td>
                    <td className="num">{pFmt(ok?.p ?? null)}</td>
                    <td className="num">{pFmt(r.adjustedP)}</td>
                    <td>
                      <span className={ok && r.verdict.label !== 'no clear change' ? 'badge' : 'muted'}>{r.verdict.label}</span>
                      <div className="small muted">{r.verdict.sentence}</div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <ChartDownloads chart="event-study" query={exportQuery} />
        {study.leftOut.length ? (
          <p className="small" data-testid="left-out">
            Left out (known only to the year, no window can be anchored): {study.leftOut.map((m) => `${m.title} (${m.date.slice(0, 4)})`).join('; ')}.
          </p>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="method-title">
        <h2 id="method-title" className="chart-title">
          How this is worked out, and its limits
        </h2>
        <ul className="small">
          <li>
            <strong>Windows.</strong> A milestone dated to the day: the {q.window} days before it and the {q.window} days from it on. Dated to the month: the
            month itself is left out (we do not know when in it), the before-window ends where the month starts, the after-window starts when it ends.
            Milestones known only to the year are left out and listed above. Windows that overlap share their counts: the table says so, and{' '}
            <strong>merge</strong> studies each overlapping group as one event.
          </li>
          <li>
            <strong>Expected.</strong> From the authority&apos;s own history before the milestone only (so the effect cannot leak into it): its counts in
            consecutive {q.window}-day blocks up to the milestone, and either their linear trend extended to the after-window (<em>trend</em>) or their mean (
            <em>mean</em>). The excess is the count after minus the count expected.
          </li>
          <li>
            <strong>Significance.</strong> The same study run at {study.placebos.toLocaleString('en-GB')} placebo dates — random days anywhere in the
            authority&apos;s data where the whole design fits, the milestone&apos;s neighbourhood included: p asks how unusual this date is among all the dates
            it could have fallen on (the share of placebo excesses at least as large, either way); the interval is the excess minus the placebo quantiles. So a
            change that lasts, or one at a month-dated milestone, needs a long history to stand out: this test errs towards &ldquo;no clear change&rdquo;. With {study.tests} studies at once, some look significant by chance: verdicts use p adjusted by Benjamini–Hochberg (false
            discovery rate {Math.round(study.alpha * 100)}%).
          </li>
          <li>
            <strong>What is counted.</strong> Listings on exact days, by listing date (not the date in force).{' '}
            {q.measure === 'actions' ? 'Actions: publications (ADR 0015), curated or grouped per authority and day.' : 'Designations: one per listing act and program addition.'} Not
            counted: OFAC&apos;s entries known only as listed on or before 18 Aug 2021 (the first edition held), and the UK&apos;s carry-over of EU listings on
            31 Dec 2020.
          </li>
          <li>
            <strong>Limits.</strong> Each authority is studied only where its data reaches:{' '}
            {Object.entries(study.coverage)
              .map(([, c]) => `${c.name} ${formatPartialDate(c.from)} – ${formatPartialDate(c.to)}`)
              .join('; ')}
            ; a window outside that is &ldquo;insufficient data&rdquo;, never 0. The OFAC history starts in Aug 2021; the UN list held is of 2018. The EU and UK files
            are 2026 consolidations that omit most entries lifted before 2026, so their older windows undercount. Milestone dates are as precise as their sources.
            An association in time is not proof of cause.
          </li>
        </ul>
        <p className="small muted">
          Default window: {STUDY_WINDOW_DEFAULT} days. <Link href="/analysis/milestone-windows">Raw counts per window</Link> · <Link href="/milestones">the milestones and their sources</Link>.
        </p>
      </section>
    </>
  );
}
