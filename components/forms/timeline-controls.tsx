import type { DashboardQuery } from '@/lib/validation/dashboard';

// A plain GET form: every setting lands in the URL, so reload, back/forward and shared links
// reproduce the view exactly, and it works before (or without) JavaScript.
export function TimelineControls({ query, authorities }: { query: DashboardQuery; authorities: Array<{ id: string; shortName: string }> }) {
  return (
    <form method="get" action="/" className="controls" aria-label="Chart settings">
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
        <label htmlFor="from">From</label>
        <input id="from" name="from" type="text" inputMode="numeric" placeholder="YYYY or YYYY-MM" defaultValue={query.from} size={10} />
      </div>
      <div className="field">
        <label htmlFor="to">To</label>
        <input id="to" name="to" type="text" inputMode="numeric" placeholder="today" defaultValue={query.to ?? ''} size={10} />
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
      <button type="submit" className="btn">
        Apply
      </button>
    </form>
  );
}
