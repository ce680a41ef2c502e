// What changed (issue 27): the filter of the list of changes, shared by the page, the read API and
// the Atom feed, and its URL form. Pure: parsing lives in lib/validation/changes.ts, the query in
// lib/db/changes/list-changes.ts.

export const CHANGE_KINDS = ['LISTED', 'LIFTED', 'RELISTED', 'AMENDED'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** `since`: changes recorded after this one (its id) or after this moment (ISO time). */
export type ChangesSince = { id: string } | { at: string };

export type ChangesFilter = {
  /** Authority codes (US-OFAC, EU, UK, UN…), any of. */
  authority: string[];
  /** Program codes (SDGT, IRAN-EO13902…): the change names at least one. */
  program: string[];
  /** Weapons program slugs: the entity (live, after merges) takes part in or supplies one. */
  weapon: string[];
  /** ISO 3166-1 alpha-2, upper case, any of. */
  country: string[];
  kind: ChangeKind[];
  /** Edition date on or after / on or before, YYYY-MM-DD (a partial date already widened). */
  from: string | null;
  to: string | null;
  since: ChangesSince | null;
};

export const EMPTY_CHANGES_FILTER: ChangesFilter = { authority: [], program: [], weapon: [], country: [], kind: [], from: null, to: null, since: null };

/** The list parameters in their URL order (the page, the API and the feed spell them alike). */
export const CHANGE_LIST_PARAMS = ['authority', 'program', 'weapon', 'country', 'kind'] as const;

export function hasChangeFilters(f: ChangesFilter): boolean {
  return CHANGE_LIST_PARAMS.some((p) => f[p].length > 0) || f.from !== null || f.to !== null || f.since !== null;
}

/**
 * The filter as query parameters (list parameters repeated), for links: the page's own URL, the
 * feed's and the API's. `since` is left out unless asked: the page and the feed do not take it.
 */
export function changesSearchParams(f: ChangesFilter, opts: { since?: boolean } = {}): URLSearchParams {
  const p = new URLSearchParams();
  for (const name of CHANGE_LIST_PARAMS) for (const v of f[name]) p.append(name, v);
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (opts.since && f.since) p.set('since', 'id' in f.since ? f.since.id : f.since.at);
  return p;
}

/** `path?query` with the filter, plus extra parameters (cursor, token) appended after it. */
export function changesHref(path: string, f: ChangesFilter, extra: Record<string, string | null | undefined> = {}): string {
  const p = changesSearchParams(f);
  for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}
