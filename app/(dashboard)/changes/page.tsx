import type { Metadata } from 'next';
import Link from 'next/link';
import { requirePagePrincipal } from '@/lib/auth/session';
import { can } from '@/lib/auth/permissions';
import { decodeCursor, encodeCursor, type Keyset } from '@/lib/api/cursor';
import { AppError } from '@/lib/errors';
import { hasRecordedChanges, listChanges, type ChangesPage } from '@/lib/db/changes/list-changes';
import { getFeedToken } from '@/lib/db/changes/feed-token';
import { listDesignatingAuthorities } from '@/lib/db/analysis/authorities';
import { listWeaponsPrograms } from '@/lib/db/weapons-programs';
import { CHANGE_KINDS, changesHref, hasChangeFilters, type ChangesFilter } from '@/lib/changes/filter';
import { describeChangesFilter, describeFieldChanges, KIND_LABELS } from '@/lib/changes/describe';
import type { ChangeItem } from '@/lib/changes/types';
import { CHANGES_FIELD_LABELS, parseChangesPageQuery } from '@/lib/validation/changes';
import type { QueryProblem, RawSearchParams } from '@/lib/validation/search-params';
import { formatPartialDate } from '@/lib/dates';
import { AuthorityBadge } from '@/components/ui/authority-badge';
import { QueryProblems } from '@/components/ui/query-problems';
import { FeedLink } from '@/components/changes/feed-link';
import type { Principal } from '@/lib/auth/permissions';

export const metadata: Metadata = { title: 'What changed' };

const PAGE_SIZE = 50;

function Checkboxes({ legend, name, options, checked }: { legend: string; name: string; options: Array<{ value: string; label: string }>; checked: readonly string[] }) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="checkbox" name={name} value={o.value} defaultChecked={checked.includes(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** The page of changes; a cursor that does not fit (edited, or of another order) is dropped and said. */
async function loadPage(viewer: Principal, filter: ChangesFilter, cursor: string | null, problems: QueryProblem[]): Promise<ChangesPage> {
  let key: Keyset | null = null;
  try {
    key = cursor ? decodeCursor(cursor) : null;
    return await listChanges(viewer, filter, { cursor: key, limit: PAGE_SIZE });
  } catch (err) {
    if (!(err instanceof AppError) || !err.fieldErrors?.cursor) throw err;
    problems.push({ field: 'cursor', message: 'The page position in the address is not valid: showing the newest changes.' });
    return listChanges(viewer, filter, { limit: PAGE_SIZE });
  }
}

function RunCell({ change, canSeeRuns }: { change: ChangeItem; canSeeRuns: boolean }) {
  if (!change.run) return <span className="muted">—</span>;
  const edition = <span className="small muted">edition {formatPartialDate(change.editionDate, 'DAY')}</span>;
  return (
    <>
      {canSeeRuns ? <Link href={`/admin/imports/${encodeURIComponent(change.run.id)}`}>{change.run.fileName || 'import run'}</Link> : <span>{change.run.fileName}</span>}
      <br />
      {edition}
    </>
  );
}

function WhatChanged({ change }: { change: ChangeItem }) {
  const lines = describeFieldChanges(change.fields);
  if (!lines.length) return <span className="muted">{change.kind === 'LISTED' ? 'New on the list' : change.kind === 'LIFTED' ? 'No longer on the list' : change.kind === 'RELISTED' ? 'Back on the list' : '—'}</span>;
  return (
    <ul className="change-fields">
      {lines.map((l) => (
        <li key={l.field}>
          <strong>{l.label}</strong>: {l.from === null ? l.to : `${l.from} → ${l.to}`}
        </li>
      ))}
    </ul>
  );
}

export default async function ChangesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const viewer = await requirePagePrincipal('data:read');
  const { filter, cursor, problems } = parseChangesPageQuery(await searchParams);
  const [page, authorities, weapons, token] = await Promise.all([loadPage(viewer, filter, cursor, problems), listDesignatingAuthorities(viewer), listWeaponsPrograms(viewer), getFeedToken(viewer)]);
  const isFirstPage = !cursor || problems.some((p) => p.field === 'cursor');
  const filtered = hasChangeFilters(filter);
  const anyRecorded = page.items.length > 0 || (await hasRecordedChanges(viewer));
  const authorityName = new Map(authorities.map((a) => [a.id, a.shortName]));
  const weaponName = new Map(weapons.map((w) => [w.slug, w.name]));
  const words = describeChangesFilter(filter, { authority: (a) => authorityName.get(a) ?? a, weapon: (w) => weaponName.get(w) ?? w });
  const canSeeRuns = can(viewer, 'data:write');
  const nextHref = page.nextKey ? changesHref('/changes', filter, { cursor: encodeCursor(page.nextKey) }) : null;

  return (
    <>
      <header className="page-header">
        <div>
          <h1>What changed</h1>
          <p className="muted">
            Every listing, lifting, relisting and amendment that an import of a new list edition found, record by record, with what each field was before and after. Newest edition
            first.
          </p>
        </div>
      </header>
      <QueryProblems problems={problems} labels={CHANGES_FIELD_LABELS} />

      <form method="get" action="/changes" className="panel no-print" aria-label="Change filters">
        <Checkboxes legend="Kind of change" name="kind" options={CHANGE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} checked={filter.kind} />
        <Checkboxes
          legend="Authority"
          name="authority"
          options={[...authorities.map((a) => ({ value: a.id, label: a.shortName })), ...filter.authority.filter((a) => !authorityName.has(a)).map((a) => ({ value: a, label: a }))]}
          checked={filter.authority}
        />
        {weapons.length ? (
          <Checkboxes
            legend="Weapons program (its participants and suppliers)"
            name="weapon"
            options={[...weapons.map((w) => ({ value: w.slug, label: w.name })), ...filter.weapon.filter((w) => !weaponName.has(w)).map((w) => ({ value: w, label: w }))]}
            checked={filter.weapon}
          />
        ) : null}
        <div className="controls">
          <div className="field">
            <label htmlFor="changes-program">Program code</label>
            <input id="changes-program" name="program" type="text" defaultValue={filter.program.join(', ')} placeholder="SDGT, IRAN-EO13902" size={22} />
          </div>
          <div className="field">
            <label htmlFor="changes-country">Country (ISO codes)</label>
            <input id="changes-country" name="country" type="text" defaultValue={filter.country.join(', ')} placeholder="IR, RU" size={12} />
          </div>
          <div className="field">
            <label htmlFor="changes-from">Edition from</label>
            <input id="changes-from" name="from" type="date" defaultValue={filter.from ?? ''} />
          </div>
          <div className="field">
            <label htmlFor="changes-to">Edition to</label>
            <input id="changes-to" name="to" type="date" defaultValue={filter.to ?? ''} />
          </div>
          <button className="btn" type="submit">
            Apply
          </button>
          {filtered ? (
            <Link href="/changes" className="btn btn-quiet">
              Clear
            </Link>
          ) : null}
        </div>
      </form>

      <section className="panel" aria-labelledby="changes-title">
        <h2 id="changes-title">{filtered ? 'Matching changes' : 'All changes'}</h2>
        {filtered ? (
          <p className="small" data-testid="changes-filter-words">
            {words}.
          </p>
        ) : null}
        <FeedLink href={changesHref('/feeds/changes', filter, { token })} />

        {page.items.length ? (
          <div className="table-wrap">
            <table data-testid="changes-table">
              <caption className="sr-only">Changes to the sanctions lists{filtered ? `: ${words}` : ''}, newest edition first</caption>
              <thead>
                <tr>
                  <th scope="col">Edition</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Authority</th>
                  <th scope="col">Entity</th>
                  <th scope="col">Programs</th>
                  <th scope="col">What changed</th>
                  <th scope="col">Import</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((c) => (
                  <tr key={c.id} id={`change-${c.id}`} data-testid="change-row">
                    <td data-label="Edition">
                      <time dateTime={c.editionDate}>{formatPartialDate(c.editionDate, 'DAY')}</time>
                    </td>
                    <td data-label="Kind">{KIND_LABELS[c.kind]}</td>
                    <td data-label="Authority">{c.authorityId ? <AuthorityBadge id={c.authorityId} label={c.authorityName ?? c.authorityId} /> : <span className="muted">—</span>}</td>
                    <td data-label="Entity">
                      {c.entityExists ? <Link href={`/entities/${encodeURIComponent(c.entityId)}`}>{c.entityName}</Link> : <span>{c.entityName} <span className="small muted">(deleted since)</span></span>}
                      <br />
                      <span className="small muted">
                        {c.targetType.toLowerCase()} · list key {c.sourceKey}
                      </span>
                    </td>
                    <td data-label="Programs">{c.programs.length ? c.programs.join(', ') : <span className="muted">—</span>}</td>
                    <td data-label="What changed">
                      <WhatChanged change={c} />
                    </td>
                    <td data-label="Import">
                      <RunCell change={c} canSeeRuns={canSeeRuns} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p role="status" data-testid="changes-empty">
            {!anyRecorded
              ? 'No changes recorded yet: changes are recorded from the second edition of a list on; the first edition a database imports is its baseline.'
              : filtered
                ? 'No change matches these filters.'
                : isFirstPage
                  ? 'No changes recorded yet.'
                  : 'No older changes.'}
          </p>
        )}

        {nextHref || !isFirstPage ? (
          <nav className="pager" aria-label="Pages of changes">
            {!isFirstPage ? <Link href={changesHref('/changes', filter)}>Newest changes</Link> : null}
            {nextHref ? <Link href={nextHref}>Older changes</Link> : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
