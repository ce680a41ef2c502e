// "Data as of": which edition of each list the numbers come from (the edition registry,
// list_edition, docs/adr/0013-editions-programs-and-bounds.md), and when an administrator last
// changed the data by hand. Pure: grouping registry scopes into lists and saying it in words,
// for pages, exports, the read API and frozen saved views (issue 26).

/** One list as held: its latest applied edition (of its scopes: an EU act each), and when it was applied. */
export type ListAsOf = {
  /** 'ofac-sdn', 'ofac-cons', 'eu', 'uk', 'un', or an unknown registry scope as it is. */
  key: string;
  label: string;
  authorityId: string | null;
  /** YYYY-MM-DD: the newest edition among the list's scopes. */
  editionDate: string;
  /** YYYY-MM-DD: the oldest of the scopes' latest editions, when the scopes differ (EU acts held at different dates); else null. */
  oldestEditionDate: string | null;
  /** ISO time the newest edition was applied (imported or seeded). */
  appliedAt: string;
  scopes: string[];
};

/** Plain strings only, so it can be stored in a frozen view's snapshot and sent as JSON. */
export type DataAsOf = {
  lists: ListAsOf[];
  /** ISO time of the latest change to the data made by a signed-in user (admin forms, merges), or null. */
  editedAt: string | null;
  /** "Data as of: OFAC SDN 2024-05-03 · EU 2026-07-30 · UK 2026-04-29 · UN 2018-08-24" */
  label: string;
};

export type HeldScopeEdition = { scope: string; editionDate: string; appliedAt: string };

// Registry scope origin (before ':') → the list it belongs to, in the order the label names them.
const LISTS: ReadonlyArray<{ key: string; label: string; authorityId: string; origins: readonly string[] }> = [
  { key: 'ofac-sdn', label: 'OFAC SDN', authorityId: 'US-OFAC', origins: ['ofac-sdn'] },
  { key: 'ofac-cons', label: 'OFAC Consolidated', authorityId: 'US-OFAC', origins: ['ofac-cons'] },
  { key: 'eu', label: 'EU', authorityId: 'EU', origins: ['eu-journal', 'eu-fsf'] },
  { key: 'uk', label: 'UK', authorityId: 'UK', origins: ['uk-list'] },
  { key: 'un', label: 'UN', authorityId: 'UN', origins: ['un-sc'] },
];

/** Groups the latest edition of every registry scope into lists, in a fixed order (then unknown scopes by name). */
export function summariseEditions(rows: readonly HeldScopeEdition[]): ListAsOf[] {
  const groups = new Map<string, { label: string; authorityId: string | null; rows: HeldScopeEdition[] }>();
  for (const r of rows) {
    const origin = r.scope.split(':')[0]!;
    const list = LISTS.find((l) => l.origins.includes(origin));
    const key = list?.key ?? r.scope;
    const g = groups.get(key) ?? groups.set(key, { label: list?.label ?? r.scope, authorityId: list?.authorityId ?? null, rows: [] }).get(key)!;
    g.rows.push(r);
  }
  const rank = (key: string) => {
    const i = LISTS.findIndex((l) => l.key === key);
    return i < 0 ? LISTS.length : i;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, g]) => {
      const dates = g.rows.map((r) => r.editionDate).sort();
      const newest = dates[dates.length - 1]!;
      const oldest = dates[0]!;
      const appliedAt = g.rows.filter((r) => r.editionDate === newest).map((r) => r.appliedAt).sort().pop()!;
      return { key, label: g.label, authorityId: g.authorityId, editionDate: newest, oldestEditionDate: oldest === newest ? null : oldest, appliedAt, scopes: g.rows.map((r) => r.scope).sort() };
    });
}

/** "Data as of: OFAC SDN 2024-05-03 · EU 2026-07-30 · …" (a list whose parts differ: "EU 2026-05-01 to 2026-07-30"), then the last hand edit. */
export function dataAsOfLabel(lists: readonly ListAsOf[], editedAt: string | null): string {
  if (!lists.length) return 'Data as of: no list edition recorded';
  const parts = lists.map((l) => `${l.label} ${l.oldestEditionDate ? `${l.oldestEditionDate} to ${l.editionDate}` : l.editionDate}`);
  return `Data as of: ${parts.join(' · ')}${editedAt ? ` · last edited ${editedAt.slice(0, 16).replace('T', ' ')} UTC` : ''}`;
}

export function toDataAsOf(rows: readonly HeldScopeEdition[], editedAt: string | null): DataAsOf {
  const lists = summariseEditions(rows);
  return { lists, editedAt, label: dataAsOfLabel(lists, editedAt) };
}

/** The one date a file name carries: the newest edition held (null when none is recorded). */
export function asOfStamp(asOf: Pick<DataAsOf, 'lists'>): string | null {
  return asOf.lists.map((l) => l.editionDate).sort().pop() ?? null;
}
