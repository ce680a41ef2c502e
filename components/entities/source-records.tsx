// "Which list says what" (issue 24): one row per source record of the entity — its own name, dates,
// countries and identifiers as that list states them — and a line naming where the lists disagree.
import { IDENTIFIER_TYPE_LABELS, type IdentifierType } from '@/lib/normalize/identifier-types';
import { countryName } from '@/lib/normalize/countries';
import { formatPartialDate } from '@/lib/dates';

export type SourceRecordView = {
  id: string;
  source: string;
  externalId: string;
  document: string;
  name: string | null;
  link: string | null;
  properties: {
    birthDate?: { date: string; precision: 'YEAR' | 'MONTH' | 'DAY' } | null;
    countries?: string[];
    identifiers?: Array<{ type: string; value: string; country: string | null; label?: string }>;
    extra?: { remarks?: { birthDates?: Array<{ value: string }> }; countriesUnresolved?: string[] } | null;
  } | null;
};

const typeLabel = (t: string) => IDENTIFIER_TYPE_LABELS[t as IdentifierType] ?? t;

function births(r: SourceRecordView): string[] {
  const p = r.properties;
  const out = new Set<string>();
  if (p?.birthDate?.date) out.add(formatPartialDate(p.birthDate.date.slice(0, 10), p.birthDate.precision));
  for (const b of p?.extra?.remarks?.birthDates ?? []) out.add(b.value);
  return [...out];
}

/** Disagreements worth an analyst's eye: birth years that differ, countries with nothing in common. */
export function recordConflicts(records: SourceRecordView[]): string[] {
  const out: string[] = [];
  const years = new Map<string, string[]>();
  for (const r of records) for (const b of births(r)) (years.get(b.slice(-4)) ?? years.set(b.slice(-4), []).get(b.slice(-4))!).push(r.source);
  if (years.size > 1) out.push(`dates of birth differ: ${[...years].map(([y, s]) => `${y} (${[...new Set(s)].join(', ')})`).join(' vs ')}`);
  const withCountries = records.filter((r) => r.properties?.countries?.length);
  for (let i = 0; i < withCountries.length; i++) {
    for (let j = i + 1; j < withCountries.length; j++) {
      const a = withCountries[i]!;
      const b = withCountries[j]!;
      if (!a.properties!.countries!.some((c) => b.properties!.countries!.includes(c))) {
        out.push(`countries differ: ${a.source} says ${a.properties!.countries!.map(countryName).join(', ')}; ${b.source} says ${b.properties!.countries!.map(countryName).join(', ')}`);
      }
    }
  }
  return out;
}

export function SourceRecords({ records }: { records: SourceRecordView[] }) {
  if (!records.length) return <p className="muted">None.</p>;
  const conflicts = recordConflicts(records);
  return (
    <>
      {/* Focusable: the table scrolls sideways on narrow screens, and keyboard users must reach it. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="What each list says of this entity">
        <table className="data-table">
          <caption className="sr-only">What each list says of this entity</caption>
          <thead>
            <tr>
              <th scope="col">List and record</th>
              <th scope="col">Name as listed</th>
              <th scope="col">Born / founded</th>
              <th scope="col">Countries</th>
              <th scope="col">Identifiers</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id}>
                <td>
                  {r.document}:{' '}
                  {r.link ? (
                    <a href={r.link} target="_blank" rel="noreferrer noopener" className="mono">
                      {r.externalId}
                    </a>
                  ) : (
                    <span className="mono">{r.externalId}</span>
                  )}
                </td>
                <td>{r.name ?? <span className="muted">not yet re-imported</span>}</td>
                <td>{births(r).join('; ') || '—'}</td>
                <td>
                  {(r.properties?.countries ?? []).map(countryName).join(', ') || '—'}
                  {r.properties?.extra?.countriesUnresolved?.length ? <span className="small muted"> (unresolved: {r.properties.extra.countriesUnresolved.join(', ')})</span> : null}
                </td>
                <td>
                  {(r.properties?.identifiers ?? []).length ? (
                    <ul className="plain">
                      {r.properties!.identifiers!.map((i, k) => (
                        <li key={k}>
                          {typeLabel(i.type)}
                          {i.label && i.type === 'other' ? ` (${i.label})` : ''}: <span className="mono">{i.value}</span>
                          {i.country ? ` (${countryName(i.country)})` : ''}
                        </li>
                      ))}
                    </ul>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {conflicts.length ? (
        <p className="small" role="note">
          <strong>The lists disagree:</strong> {conflicts.join('; ')}.
        </p>
      ) : null}
    </>
  );
}
