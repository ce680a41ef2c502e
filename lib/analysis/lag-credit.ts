// Who moved first, credited honestly (issue 26): pure rules, unit-tested (lag-credit.test.ts). SQL
// (lib/db/analysis/lag.ts) gives, per entity, the authorities whose first listing is the earliest and
// whether that listing cites a UN reference; these credit it and summarise.

/**
 * Where the UN stands for an entity whose earliest listing (by another authority) cites a UN
 * reference number: none (no citation), before (the UN's own listing is on or before that day: the
 * UN is the origin), after (the UN listed it later: the citing authority moved first), unknown (the
 * UN's listing of that reference is not in our data).
 */
export const UN_STATUSES = ['none', 'before', 'after', 'unknown'] as const;
export type UnStatus = (typeof UN_STATUSES)[number];

/** The credit for one entity's first listing. */
export type Credit =
  | { kind: 'authority'; authority: string }
  /** Two or more authorities listed it first on the same day: credited to none of them. */
  | { kind: 'tie'; authorities: string[] }
  /** A listing citing a UN reference, the UN's own listing known and not later: the UN was first. */
  | { kind: 'un-origin' }
  /** A listing citing a UN reference whose UN listing date our data does not hold. */
  | { kind: 'un-unknown'; authorities: string[] };

export const UN = 'UN';

/**
 * The credit for an entity. `leaders`: the authorities whose first listing is on the earliest day
 * (any order). A UN reference cited by a leader decides first (the UN was the origin, or we cannot
 * say when it listed), then a tie, then the one leader.
 */
export function creditOf(leaders: readonly string[], un: UnStatus): Credit {
  const sorted = [...new Set(leaders)].sort();
  if (!sorted.length) throw new RangeError('An entity credited needs at least one authority listing it first.');
  if (un === 'before') return { kind: 'un-origin' };
  if (un === 'unknown') return { kind: 'un-unknown', authorities: sorted };
  if (sorted.length > 1) return { kind: 'tie', authorities: sorted };
  return { kind: 'authority', authority: sorted[0]! };
}

/** The old rule, kept to show what changed: the first authority of the day by code took the credit. */
export function creditByCode(leaders: readonly string[]): string {
  return [...leaders].sort()[0]!;
}

/** Entities grouped by who led and where the UN stood (SQL groups them; there are few groups). */
export type CreditGroup = { leaders: string[]; un: UnStatus; count: number };

export type LeaderRow =
  | { key: string; kind: 'authority'; authority: string; count: number }
  | { key: 'same-day'; kind: 'tie'; count: number; /** per set of tied authorities, largest first */ sets: Array<{ authorities: string[]; count: number }> }
  | { key: 'un-origin'; kind: 'un-origin'; count: number }
  | { key: 'un-unknown'; kind: 'un-unknown'; count: number };

export type LeaderSummary = {
  rows: LeaderRow[];
  /** Entities credited in all. */
  entities: number;
  /** What the old rule (ties to the first by code) gave each authority, for comparison. */
  byCode: Array<{ authority: string; count: number }>;
  /** Entities the old rule credited to another authority that now go to the UN as origin. */
  movedToUn: number;
  /** Of those, how many the old rule gave each authority. */
  movedToUnFrom: Array<{ authority: string; count: number }>;
  /** Entities the old rule credited to an authority that are now a same-day tie. */
  ties: number;
};

const byCountThenKey = <T extends { count: number }>(key: (t: T) => string) => (a: T, b: T) => b.count - a.count || key(a).localeCompare(key(b));

/** The "who listed first" table: one row per authority credited alone, then same day, UN origin, UN date unknown. */
export function summarizeLeaders(groups: readonly CreditGroup[]): LeaderSummary {
  const alone = new Map<string, number>();
  const tieSets = new Map<string, { authorities: string[]; count: number }>();
  const byCode = new Map<string, number>();
  const movedFrom = new Map<string, number>();
  let unOrigin = 0;
  let unUnknown = 0;
  let ties = 0;
  let entities = 0;
  for (const g of groups) {
    if (g.count <= 0) continue;
    entities += g.count;
    const old = creditByCode(g.leaders);
    byCode.set(old, (byCode.get(old) ?? 0) + g.count);
    const c = creditOf(g.leaders, g.un);
    if (c.kind === 'authority') alone.set(c.authority, (alone.get(c.authority) ?? 0) + g.count);
    else if (c.kind === 'tie') {
      ties += g.count;
      const key = c.authorities.join('+');
      const set = tieSets.get(key) ?? { authorities: c.authorities, count: 0 };
      set.count += g.count;
      tieSets.set(key, set);
    } else if (c.kind === 'un-origin') {
      unOrigin += g.count;
      if (old !== UN) movedFrom.set(old, (movedFrom.get(old) ?? 0) + g.count);
    } else unUnknown += g.count;
  }
  const rows: LeaderRow[] = [...alone].map(([authority, count]) => ({ key: authority, kind: 'authority' as const, authority, count })).sort(byCountThenKey((r) => r.authority));
  if (ties) rows.push({ key: 'same-day', kind: 'tie', count: ties, sets: [...tieSets.values()].sort(byCountThenKey((s) => s.authorities.join('+'))) });
  if (unOrigin) rows.push({ key: 'un-origin', kind: 'un-origin', count: unOrigin });
  if (unUnknown) rows.push({ key: 'un-unknown', kind: 'un-unknown', count: unUnknown });
  const list = (m: Map<string, number>) => [...m].map(([authority, count]) => ({ authority, count })).sort(byCountThenKey((r) => r.authority));
  const movedToUnFrom = list(movedFrom);
  return { rows, entities, byCode: list(byCode), movedToUn: movedToUnFrom.reduce((n, r) => n + r.count, 0), movedToUnFrom, ties };
}

// ───────────────────────────── Action level ─────────────────────────────

export type FirstAction = { authority: string; actionId: string; date: string; title: string; isUncertain: boolean };

export type ActionFirstRow = FirstAction & {
  /** Days after the earliest first action of the cohort (0: on the first day). */
  days: number;
  /** On the earliest day, with another authority: a tie, credited to none. */
  isFirst: boolean;
  /** Other authorities whose first action is on the same day as this one. */
  sameDayWith: string[];
};

export type ActionFirsts = {
  rows: ActionFirstRow[];
  /** The authorities whose first action is on the earliest day (two or more: a tie). */
  first: string[];
  firstDate: string | null;
};

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** Days from one ISO day to another (whole days, UTC). */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

/**
 * The action-level answer: each authority's first action (one per authority, as SQL chose it), in
 * date order, with the days after the cohort's first action and the same-day ties.
 */
export function actionFirsts(firsts: readonly FirstAction[]): ActionFirsts {
  const sorted = [...firsts].sort((a, b) => a.date.localeCompare(b.date) || a.authority.localeCompare(b.authority));
  const firstDate = sorted[0]?.date ?? null;
  const rows = sorted.map((f) => ({
    ...f,
    days: firstDate ? daysBetween(firstDate, f.date) : 0,
    isFirst: f.date === firstDate,
    sameDayWith: sorted.filter((o) => o.date === f.date && o.authority !== f.authority).map((o) => o.authority),
  }));
  return { rows, first: rows.filter((r) => r.isFirst).map((r) => r.authority), firstDate };
}

/** "EU and UK", "EU, UK and US (OFAC)". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
