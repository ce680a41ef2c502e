// The entities an analysis compares (issue 26): a case, sanctions programs, weapons programs' participants,
// a saved entity list — or all entities. Pure: resolving names and entities is lib/db/analysis/cohort.ts;
// this says in words what is counted, so every title and export states it exactly.

export type Cohort = {
  /** Curated cases: the entities of their actions' designations. */
  cases: Array<{ slug: string; title: string }>;
  /** Sanctions programs (AUTHORITY:CODE): entities with a designation under one of them. */
  programs: Array<{ key: string; label: string }>;
  /** Weapons programs: the entities recorded as their participants. */
  weapons: Array<{ slug: string; name: string }>;
  /** A saved entity search, resolved to at most `cap` entities in its own order. */
  view: { id: string; name: string; entityIds: string[]; total: number; cap: number } | null;
};

export const EMPTY_COHORT: Cohort = { cases: [], programs: [], weapons: [], view: null };

export function isWholeData(c: Cohort): boolean {
  return !c.cases.length && !c.programs.length && !c.weapons.length && !c.view;
}

/** The saved list holds more entities than were compared. */
export function isViewCapped(c: Cohort): boolean {
  return !!c.view && c.view.total > c.view.entityIds.length;
}

const quoted = (s: string) => `“${s}”`;

function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

const fmt = new Intl.NumberFormat('en-GB');

/**
 * The cohort in words, as a noun phrase: "entities of the case “Iran drones”", "participants in
 * Shahed-136 or Mohajer-6", joined with "that are also" when kinds narrow one another.
 */
export function describeCohort(c: Cohort): string {
  if (isWholeData(c)) return 'all entities';
  const parts: string[] = [];
  if (c.cases.length) parts.push(`entities of the ${c.cases.length === 1 ? 'case' : 'cases'} ${orList(c.cases.map((k) => quoted(k.title)))}`);
  if (c.programs.length) parts.push(`entities designated under ${orList(c.programs.map((p) => p.label))}`);
  if (c.weapons.length) parts.push(`participants in ${orList(c.weapons.map((w) => w.name))}`);
  if (c.view) {
    const capped = c.view.total > c.view.entityIds.length;
    parts.push(`${capped ? `the first ${fmt.format(c.view.entityIds.length)} of the ${fmt.format(c.view.total)}` : `the ${fmt.format(c.view.entityIds.length)}`} entities of the saved list ${quoted(c.view.name)}`);
  }
  const [first, ...rest] = parts;
  // A saved list narrows as "among …": its part names entities, not a property of them.
  const narrowing = rest.map((r) => (r.startsWith('the ') ? `among ${r}` : r));
  return narrowing.length ? `${first} that are also ${narrowing.join(' and ')}` : first!;
}

/** The same, capitalised, for a chart's subtitle. */
export function describeCohortTitle(c: Cohort): string {
  const s = describeCohort(c);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
