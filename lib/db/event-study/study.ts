import 'server-only';
// The event study over every milestone × authority (issue 25): the database's part — daily counts per
// authority (designations, or sanctions actions: ADR 0015) and each authority's data coverage, read
// once per rollup version — and the study itself, pure, in lib/event-study.
import { prisma } from '../client';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';
import { isoDay } from '../../dates';
import { cachedAtRollupVersion } from '../rollup-cache';
import { SOURCE_AUTHORITY } from '../../resolution/from-entity';
import { UK_TRANSITION_DAY } from '../../validation/dashboard';
import { STUDY_ALPHA, STUDY_PLACEBOS, STUDY_SEED, type EventStudyQuery } from '../../validation/event-study';
import {
  benjaminiHochberg,
  eventStudy,
  mergeWindows,
  milestoneWindows,
  overlapGroups,
  verdict,
  type Coverage,
  type DailySeries,
  type StudyResult,
  type Windows,
} from '../../event-study';

type AuthorityData = { designations: DailySeries; actions: DailySeries; coverage: Coverage; name: string };

/**
 * Daily counts per authority, on exact listing days only. Left out, as in the actions model: listings
 * known only "on or before" a day (OFAC's first edition held) and the UK's carry-over of 31 Dec 2020 —
 * artefacts of the data, not pressure. Coverage: from the authority's first exact listing day to the
 * latest edition of its lists the database holds (the edition registry), or its last listing day.
 */
async function loadDaily(): Promise<Record<string, AuthorityData>> {
  const [rows, editions, names] = await Promise.all([
    prisma.$queryRaw<Array<{ authority: string; day: Date; designations: number; actions: number }>>`
      SELECT d.authority_id AS authority, d.listing_date AS day, count(*)::int AS designations, count(DISTINCT d.action_id)::int AS actions
      FROM designation d JOIN entity e ON e.id = d.entity_id AND e.deleted_at IS NULL
      WHERE d.deleted_at IS NULL AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision = 'DAY'
        AND NOT (d.authority_id = 'UK' AND d.listing_date = ${UK_TRANSITION_DAY}::date)
      GROUP BY 1, 2 ORDER BY 1, 2`,
    prisma.$queryRaw<Array<{ scope: string; day: Date }>>`SELECT scope, max(edition_date) AS day FROM list_edition GROUP BY 1`,
    prisma.authority.findMany({ select: { id: true, shortName: true } }),
  ]);
  const heldUntil = new Map<string, string>();
  for (const e of editions) {
    const authority = SOURCE_AUTHORITY[e.scope.split(':')[0]!];
    const day = isoDay(e.day);
    if (authority && (heldUntil.get(authority) ?? '') < day) heldUntil.set(authority, day);
  }
  const byAuthority = new Map<string, Array<{ day: string; designations: number; actions: number }>>();
  for (const r of rows) (byAuthority.get(r.authority) ?? byAuthority.set(r.authority, []).get(r.authority)!).push({ day: isoDay(r.day), designations: r.designations, actions: r.actions });
  const out: Record<string, AuthorityData> = {};
  for (const [authority, days] of byAuthority) {
    const from = days[0]!.day;
    const last = days[days.length - 1]!.day;
    const to = (heldUntil.get(authority) ?? last) > last ? heldUntil.get(authority)! : last;
    const length = dayDiff(from, to) + 1;
    const designations = new Array<number>(length).fill(0);
    const actions = new Array<number>(length).fill(0);
    for (const d of days) {
      const i = dayDiff(from, d.day);
      designations[i] = d.designations;
      actions[i] = d.actions;
    }
    out[authority] = { designations: { start: from, counts: designations }, actions: { start: from, counts: actions }, coverage: { from, to }, name: names.find((n) => n.id === authority)?.shortName ?? authority };
  }
  return out;
}

const dayDiff = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

export type StudyMilestone = { slug: string; code: string; title: string; date: string; precision: 'YEAR' | 'MONTH' | 'DAY'; category: string; sourceUrl: string };

export type StudyRow = {
  /** The milestone's slug, or the slugs of merged overlapping milestones joined by '+'. */
  eventId: string;
  milestones: StudyMilestone[];
  windows: Windows;
  authorityId: string;
  authorityName: string;
  result: StudyResult;
  /** Benjamini–Hochberg over every study that has a result. */
  adjustedP: number | null;
  verdict: ReturnType<typeof verdict>;
  /** Other milestones whose windows overlap this one's (when they are not merged). */
  overlapsWith: string[];
};

export type EventStudyResult = {
  query: EventStudyQuery;
  rows: StudyRow[];
  /** Milestones known only to the year: no window can be anchored. */
  leftOut: StudyMilestone[];
  coverage: Record<string, Coverage & { name: string }>;
  tests: number;
  alpha: number;
  placebos: number;
};

/** Every milestone (or merged group of overlapping milestones) × authority, with its verdict. */
export async function getEventStudy(viewer: Principal, q: EventStudyQuery): Promise<EventStudyResult> {
  authorize(viewer, 'data:read');
  return cachedAtRollupVersion(JSON.stringify(['event-study', q]), async () => {
    const [data, ms] = await Promise.all([
      cachedAtRollupVersion('event-study-daily', loadDaily),
      prisma.milestone.findMany({ where: { deletedAt: null }, orderBy: [{ date: 'asc' }, { slug: 'asc' }] }),
    ]);
    const milestones: StudyMilestone[] = ms.map((m) => ({ slug: m.slug, code: m.code, title: m.title, date: isoDay(m.date), precision: m.datePrecision, category: m.category, sourceUrl: m.sourceUrl }));
    const placed = milestones.flatMap((m) => {
      const windows = milestoneWindows({ date: m.date, precision: m.precision }, q.window);
      return windows ? [{ id: m.slug, m, windows }] : [];
    });
    const leftOut = milestones.filter((m) => !placed.some((p) => p.id === m.slug));
    const groups = overlapGroups(placed.map((p) => ({ id: p.id, windows: p.windows })));
    const bySlug = new Map(placed.map((p) => [p.id, p]));
    const events = q.merge
      ? groups.map((g) => ({ eventId: g.join('+'), milestones: g.map((s) => bySlug.get(s)!.m), windows: g.length > 1 ? mergeWindows(g.map((s) => bySlug.get(s)!.windows)) : bySlug.get(g[0]!)!.windows, overlapsWith: [] as string[] }))
      : placed.map((p) => ({ eventId: p.id, milestones: [p.m], windows: p.windows, overlapsWith: groups.find((g) => g.includes(p.id))!.filter((s) => s !== p.id) }));
    const authorities = Object.keys(data).filter((a) => !q.authority.length || q.authority.includes(a)).sort();
    const rows: Array<Omit<StudyRow, 'adjustedP' | 'verdict'>> = [];
    for (const e of events) {
      for (const a of authorities) {
        const d = data[a]!;
        const result = eventStudy(d[q.measure], d.coverage, e.windows, { windowDays: q.window, baseline: q.baseline, placebos: STUDY_PLACEBOS, seed: STUDY_SEED, alpha: STUDY_ALPHA });
        rows.push({ ...e, authorityId: a, authorityName: d.name, result });
      }
    }
    const ok = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.result.status === 'ok');
    const adjusted = benjaminiHochberg(ok.map(({ r }) => (r.result as Extract<StudyResult, { status: 'ok' }>).p));
    const adjustedOf = new Map(ok.map(({ i }, k) => [i, adjusted[k]!]));
    return {
      query: q,
      rows: rows.map((r, i) => {
        const adjustedP = adjustedOf.get(i) ?? null;
        return { ...r, adjustedP, verdict: verdict(r.result, adjustedP, STUDY_ALPHA, q.measure === 'actions' ? { one: 'action', other: 'actions' } : { one: 'designation', other: 'designations' }) };
      }),
      leftOut,
      coverage: Object.fromEntries(Object.entries(data).map(([a, d]) => [a, { ...d.coverage, name: d.name }])),
      tests: ok.length,
      alpha: STUDY_ALPHA,
      placebos: STUDY_PLACEBOS,
    };
  });
}
