import 'server-only';
import { programLabel, type ProgramLike } from '../programs/registry';
// The designations behind one bar or point of the overview chart. Built on the chart's own scope
// (lib/db/metrics.ts timelineScope), so the list's total is the number drawn on the chart.
import { Prisma } from './generated/client';
import { prisma } from './client';
import { getSeriesRanking, timelineScope, type EventKind } from './metrics';
import { isoDay } from '../dates';
import { designationGrounds, firstPrimarySource, type SourceLink } from '../sources/legal-links';
import { DRILL_PAGE_SIZE, OTHER_KEY, type DashboardQuery } from '../validation/dashboard';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

type Precision = 'YEAR' | 'MONTH' | 'DAY';

export type DrilldownItem = {
  id: string;
  entityId: string;
  entityName: string;
  schema: string;
  authorityId: string;
  authorityName: string;
  programs: string[];
  listingDate: string | null;
  listingDatePrecision: Precision | null;
  listingDateQualifier: 'EXACT' | 'ON_OR_BEFORE';
  startDate: string | null;
  startDatePrecision: Precision | null;
  endDate: string | null;
  endDatePrecision: Precision | null;
  sourceUrl: string;
  isUncertain: boolean;
  /** The sanctions action that published it (ADR 0015), if any. */
  actionId: string | null;
  actionTitle: string | null;
  /** Its grounds (issue 26): the statement of reasons, the act, one official source (a derived EUR-Lex link says so). */
  reason: string | null;
  legalAct: string | null;
  primarySource: SourceLink | null;
};

export type Drilldown = { total: number; page: number; pageSize: number; items: DrilldownItem[] };

type Row = Omit<DrilldownItem, 'listingDate' | 'startDate' | 'endDate' | 'programs' | 'primarySource'> & {
  listingDate: Date | null;
  startDate: Date | null;
  endDate: Date | null;
  programs: Array<ProgramLike & { url: string | null }>;
  origin: string;
  originKey: string;
  actionSourceUrls: string[] | null;
  actionLegalAct: string | null;
  actionScope: string | null;
  recordDocument: string | null;
};

/**
 * Lists the designations of `q.bin` (and `q.series`, when given; none means the bin's total):
 * listed in it, lifted in it (`q.kind = 'delisted'`), or — in cumulative mode — listed up to it.
 */
export async function listDrilldown(viewer: Principal, q: DashboardQuery & { bin: string }): Promise<Drilldown> {
  authorize(viewer, 'data:read');
  const kind: EventKind = q.kind === 'delisted' && q.mode === 'net' ? 'lifted' : 'listed';
  const s = timelineScope(q, kind);
  const conditions: Prisma.Sql[] = [q.mode === 'cumulative' ? Prisma.sql`${s.bin} <= ${q.bin}` : Prisma.sql`${s.bin} = ${q.bin}`];
  if (q.series) {
    const ranking = await getSeriesRanking(viewer, q);
    if (q.series === OTHER_KEY) conditions.push(ranking.keys.length ? Prisma.sql`${s.rawKey} NOT IN (${Prisma.join(ranking.keys)})` : Prisma.sql`TRUE`);
    else conditions.push(Prisma.sql`${s.series(ranking)} = ${q.series}`);
  }
  const ids = Prisma.sql`SELECT DISTINCT d.id FROM ${s.from} WHERE ${s.where} AND ${Prisma.join(conditions, ' AND ')}`;
  const offset = (q.page - 1) * DRILL_PAGE_SIZE;
  const [[count], rows] = await Promise.all([
    prisma.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total FROM (${ids}) i`,
    prisma.$queryRaw<Row[]>`
      SELECT d.id, e.id AS "entityId", e.name AS "entityName", e.schema::text AS schema,
        d.authority_id AS "authorityId", a.short_name AS "authorityName",
        COALESCE((SELECT json_agg(json_build_object('authorityId', sp.authority_id, 'code', sp.code, 'title', sp.title, 'legalBasis', sp.legal_basis, 'url', sp.url) ORDER BY sp.code)
          FROM designation_program dp JOIN sanctions_program sp ON sp.id = dp.program_id WHERE dp.designation_id = d.id), '[]') AS programs,
        d.listing_date AS "listingDate", d.listing_date_precision::text AS "listingDatePrecision", d.listing_date_qualifier::text AS "listingDateQualifier",
        d.start_date AS "startDate", d.start_date_precision::text AS "startDatePrecision",
        d.end_date AS "endDate", d.end_date_precision::text AS "endDatePrecision",
        d.source_url AS "sourceUrl", d.is_uncertain AS "isUncertain", d.action_id AS "actionId", sa.title AS "actionTitle",
        d.reason, d.legal_act AS "legalAct", d.origin, d.origin_key AS "originKey",
        sa.source_urls AS "actionSourceUrls", sa.legal_act AS "actionLegalAct", sa.scope AS "actionScope", x.document AS "recordDocument"
      FROM designation d
      JOIN entity e ON e.id = d.entity_id
      JOIN authority a ON a.id = d.authority_id
      LEFT JOIN sanctions_action sa ON sa.id = d.action_id
      LEFT JOIN external_id x ON x.id = d.source_record_id
      WHERE d.id IN (${ids})
      ORDER BY ${kind === 'lifted' ? Prisma.raw('d.end_date') : q.basis === 'start' ? Prisma.raw('d.start_date') : Prisma.raw('d.listing_date')}, e.name_norm, d.id
      LIMIT ${DRILL_PAGE_SIZE} OFFSET ${offset}`,
  ]);
  return {
    total: count?.total ?? 0,
    page: q.page,
    pageSize: DRILL_PAGE_SIZE,
    items: rows.map(({ origin, originKey, actionSourceUrls, actionLegalAct, actionScope, recordDocument, ...r }) => {
      const grounds = designationGrounds({
        authorityId: r.authorityId,
        legalAct: r.legalAct,
        origin,
        originKey,
        sourceUrl: r.sourceUrl,
        action: r.actionId ? { sourceUrls: actionSourceUrls ?? [], legalAct: actionLegalAct, scope: actionScope } : null,
        sourceRecord: recordDocument ? { document: recordDocument, urls: [] } : null,
        programs: r.programs,
      });
      return {
        ...r,
        // Tables read programs by their titles (lib/programs/registry.ts).
        programs: r.programs.map(programLabel),
        listingDate: r.listingDate ? isoDay(r.listingDate) : null,
        startDate: r.startDate ? isoDay(r.startDate) : null,
        endDate: r.endDate ? isoDay(r.endDate) : null,
        legalAct: grounds.legalAct?.name ?? null,
        primarySource: firstPrimarySource(grounds),
      };
    }),
  };
}
