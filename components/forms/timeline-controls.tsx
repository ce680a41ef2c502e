import Link from 'next/link';
import type { DashboardQuery } from '@/lib/validation/dashboard';
import { ENTITY_SCHEMAS, PARTICIPANT_ROLES } from '@/lib/validation/dashboard';
import { countryLabel, roleLabel } from '@/lib/charts/timeline';
import type { FilterOptions } from '@/lib/db/metrics';
import type { PickerGroup } from '@/lib/forms/picker';
import { GroupedPicker } from './grouped-picker';

// A plain GET form: every setting lands in the URL, so reload, back/forward and shared links
// reproduce the view exactly, and it works before (or without) JavaScript. Applying it closes any
// open drill-down (bin, series, page are not fields of the form).
export function TimelineControls({ query, authorities, options }: { query: DashboardQuery; authorities: Array<{ id: string; shortName: string }>; options: FilterOptions }) {
  return (
    // NOTE: keyed on the query: defaultValue applies at mount only, and a link that changes the view
    // (client navigation) must show the new settings, not keep the old form.
    <form key={JSON.stringify(query)} method="get" action="/" className="controls" aria-label="Chart settings">
      {query.mhide.map((c) => (
        <input key={c} type="hidden" name="mhide" value={c} />
      ))}
      <div className="field">
        <label htmlFor="measure">Measure</label>
        <select id="measure" name="measure" defaultValue={query.measure}>
          <option value="designations">Designations</option>
          <option value="actions">Sanctions actions</option>
          <option value="entities">Distinct entities</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="mode">Mode</label>
        <select id="mode" name="mode" defaultValue={query.mode}>
          <option value="new">New per period</option>
          <option value="cumulative">Cumulative</option>
          <option value="net">Net: listed − lifted</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="split">Split by</label>
        <select id="split" name="split" defaultValue={query.split}>
          <option value="authority">Authority</option>
          <option value="program">Sanctions program</option>
          <option value="case">Case</option>
          <option value="weapon">Weapons program</option>
          <option value="role">Role in a weapons program</option>
          <option value="schema">Entity type</option>
          <option value="country">Country of the entity</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="top">Series shown</label>
        <input id="top" name="top" type="number" min={2} max={20} defaultValue={query.top} style={{ width: '4.5rem' }} />
      </div>
      <div className="field">
        <label htmlFor="granularity">Bins</label>
        <select id="granularity" name="granularity" defaultValue={query.granularity}>
          <option value="month">Month</option>
          <option value="quarter">Quarter</option>
          <option value="year">Year</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="basis">Date basis</label>
        <select id="basis" name="basis" defaultValue={query.basis}>
          <option value="listing">Listing date</option>
          <option value="start">Date in force</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="ukcarry">UK listings carried over (31 Dec 2020)</label>
        <select id="ukcarry" name="ukcarry" defaultValue={query.ukcarry}>
          <option value="listed">As the UK dates them</option>
          <option value="earlier">At the earlier EU or UN listing</option>
          <option value="exclude">Left out</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="from">From</label>
        <input id="from" name="from" type="text" inputMode="numeric" placeholder="YYYY or YYYY-MM" defaultValue={query.from} size={10} />
      </div>
      <div className="field">
        <label htmlFor="to">To</label>
        <input id="to" name="to" type="text" inputMode="numeric" placeholder="today" defaultValue={query.to ?? ''} size={10} />
      </div>
      <div className="field">
        <label htmlFor="q">Entity name</label>
        <input id="q" name="q" type="search" defaultValue={query.q ?? ''} size={18} placeholder="name or alias" />
      </div>
      <fieldset>
        <legend>Authorities</legend>
        <div className="checks">
          {authorities.map((a) => (
            <label key={a.id}>
              <input type="checkbox" name="authority" value={a.id} defaultChecked={query.authority.includes(a.id)} /> {a.shortName}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Entity types</legend>
        <div className="checks">
          {ENTITY_SCHEMAS.map((s) => (
            <label key={s}>
              <input type="checkbox" name="schema" value={s} defaultChecked={query.schema.includes(s)} /> {s}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Roles in a weapons program</legend>
        <div className="checks">
          {PARTICIPANT_ROLES.map((r) => (
            <label key={r}>
              <input type="checkbox" name="role" value={r} defaultChecked={query.role.includes(r)} /> {roleLabel(r)}
            </label>
          ))}
        </div>
      </fieldset>
      {options.programs.length ? (
        <GroupedPicker name="program" label="Sanctions programs" groups={programGroups(options.programs, authorities)} selected={query.program} placeholder="Type a program, e.g. Iran" />
      ) : (
        <p className="small muted">Sanctions programs: none recorded yet.</p>
      )}
      {options.cases.length ? (
        <fieldset>
          <legend>Cases (curated sanctions actions)</legend>
          <div className="checks">
            {options.cases.map((c) => (
              <label key={c.slug}>
                <input type="checkbox" name="case" value={c.slug} defaultChecked={query.case.includes(c.slug)} /> {c.title}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {options.weapons.length ? (
        <div className="field">
          <label htmlFor="weapon">Weapons programs (entities recorded as participants)</label>
          <select id="weapon" name="weapon" multiple size={5} defaultValue={query.weapon}>
            {options.weapons.map((w) => (
              <option key={w.slug} value={w.slug}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="small muted">Weapons programs: none recorded yet.</p>
      )}
      {options.countries.length ? (
        <GroupedPicker
          name="country"
          label="Countries"
          groups={[{ label: null, options: options.countries.map((c) => ({ value: c.code, label: countryLabel(c.code), count: c.count })) }]}
          selected={query.country}
          placeholder="Type a country"
        />
      ) : (
        <p className="small muted">Countries: none recorded yet.</p>
      )}
      <div className="field">
        <button type="submit" className="btn">
          Apply
        </button>{' '}
        <Link href="/" className="btn btn-quiet">
          Reset
        </Link>
      </div>
    </form>
  );
}

/** Programs grouped by authority (in the authorities' order), each read by its title (lib/programs/registry.ts). */
function programGroups(programs: FilterOptions['programs'], authorities: Array<{ id: string; shortName: string }>): PickerGroup[] {
  const order = new Map(authorities.map((a, i) => [a.id, i]));
  const ids = [...new Set(programs.map((p) => p.authorityId))].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || (a < b ? -1 : 1));
  return ids.map((id) => ({
    label: authorities.find((a) => a.id === id)?.shortName ?? id,
    options: programs
      .filter((p) => p.authorityId === id)
      .map((p) => ({ value: p.key, label: p.label, short: p.label.replace(/^[^—]*—\s*/, ''), count: p.count }))
      .sort((a, b) => a.short.localeCompare(b.short, 'en')),
  }));
}
