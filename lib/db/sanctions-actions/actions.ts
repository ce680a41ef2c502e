import 'server-only';
// Reading sanctions actions (issue 25, ADR 0015): the list page, one action with its designations.
import { Prisma } from '../generated/client';
import { prisma } from '../client';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';
import { endOfPartialDate, isoDay, parsePartialDate } from '../../dates';
import { programLabel, type ProgramLike } from '../../programs/registry';
import { ACTIONS_PAGE_SIZE, type ActionsQuery } from '../../validation/actions';

export type ActionSummary = {
  id: string;
  authorityId: string;
  authorityName: string;
  date: string;
  kind: 'CURATED' | 'GROUPED';
  title: string;
  sourceUrls: string[];
  legalAct: string | null;
  isUncertain: boolean;
  note: string | null;
  designations: number;
  entities: number;
  programs: string[];
};

type Row = Omit<ActionSummary, 'date' | 'programs'> & { date: Date; programs: ProgramLike[] };

const SUMMARY = Prisma.sql`
  SELECT a.id, a.authority_id AS "authorityId", au.short_name AS "authorityName", a.action_date AS date, a.kind::text AS kind, a.title,
    a.source_urls AS "sourceUrls", a.legal_act AS "legalAct", a.is_uncertain AS "isUncertain", a.note,
    (SELECT count(*)::int FROM designation d WHERE d.action_id = a.id AND d.deleted_at IS NULL) AS designations,
    (SELECT count(DISTINCT d.entity_id)::int FROM designation d WHERE d.action_id = a.id AND d.deleted_at IS NULL) AS entities,
    COALESCE((SELECT json_agg(DISTINCT jsonb_build_object('authorityId', sp.authority_id, 'code', sp.code, 'title', sp.title, 'legalBasis', sp.legal_basis))
      FROM designation d JOIN designation_program dp ON dp.designation_id = d.id JOIN sanctions_program sp ON sp.id = dp.program_id
      WHERE d.action_id = a.id AND d.deleted_at IS NULL), '[]') AS programs
  FROM sanctions_action a JOIN authority au ON au.id = a.authority_id`;

const toSummary = (r: Row): ActionSummary => ({ ...r, date: isoDay(r.date), programs: r.programs.map(programLabel).sort() });

function conditions(q: ActionsQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (q.authority.length) parts.push(Prisma.sql`a.authority_id IN (${Prisma.join(q.authority)})`);
  if (q.kind) parts.push(Prisma.sql`a.kind = ${q.kind}::"ActionKind"`);
  const from = q.from ? parsePartialDate(q.from) : null;
  const to = q.to ? parsePartialDate(q.to) : null;
  if (from) parts.push(Prisma.sql`a.action_date >= ${from.date}::date`);
  if (to) parts.push(Prisma.sql`a.action_date <= ${endOfPartialDate(to.date, to.precision)}::date`);
  if (q.q) parts.push(Prisma.sql`a.title ILIKE '%' || ${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)} || '%'`);
  return Prisma.join(parts, ' AND ');
}

/** Actions, newest first, with their designation, entity and program counts. */
export async function listActions(viewer: Principal, q: ActionsQuery): Promise<{ total: number; page: number; pageSize: number; items: ActionSummary[] }> {
  authorize(viewer, 'data:read');
  const where = conditions(q);
  const [[count], rows] = await Promise.all([
    prisma.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS total FROM sanctions_action a WHERE ${where}`,
    prisma.$queryRaw<Row[]>`${SUMMARY} WHERE ${where} ORDER BY a.action_date DESC, a.authority_id, a.kind, a.id LIMIT ${ACTIONS_PAGE_SIZE} OFFSET ${(q.page - 1) * ACTIONS_PAGE_SIZE}`,
  ]);
  return { total: count?.total ?? 0, page: q.page, pageSize: ACTIONS_PAGE_SIZE, items: rows.map(toSummary) };
}

export type ActionDesignation = {
  id: string;
  entityId: string;
  entityName: string;
  schema: string;
  programs: string[];
  listingDate: string | null;
  programAdded: boolean;
  sourceUrl: string;
  reason: string | null;
  isUncertain: boolean;
};

export type ActionDetail = ActionSummary & { items: ActionDesignation[]; sameDay: ActionSummary[] };

/** One action, every designation it published, and the authority's other actions of that day. Null: no such action. */
export async function getAction(viewer: Principal, id: string): Promise<ActionDetail | null> {
  authorize(viewer, 'data:read');
  const [row] = await prisma.$queryRaw<Row[]>`${SUMMARY} WHERE a.id = ${id}`;
  if (!row) return null;
  const [items, sameDay] = await Promise.all([
    prisma.$queryRaw<Array<Omit<ActionDesignation, 'programs' | 'listingDate'> & { programs: ProgramLike[]; listingDate: Date | null }>>`
      SELECT d.id, e.id AS "entityId", e.name AS "entityName", e.schema::text AS schema, d.listing_date AS "listingDate",
        d.origin_key LIKE '%@%' AS "programAdded", d.source_url AS "sourceUrl", d.reason, d.is_uncertain AS "isUncertain",
        COALESCE((SELECT json_agg(json_build_object('authorityId', sp.authority_id, 'code', sp.code, 'title', sp.title, 'legalBasis', sp.legal_basis) ORDER BY sp.code)
          FROM designation_program dp JOIN sanctions_program sp ON sp.id = dp.program_id WHERE dp.designation_id = d.id), '[]') AS programs
      FROM designation d JOIN entity e ON e.id = d.entity_id
      WHERE d.action_id = ${id} AND d.deleted_at IS NULL
      ORDER BY e.name_norm, d.id`,
    prisma.$queryRaw<Row[]>`${SUMMARY} WHERE a.authority_id = ${row.authorityId} AND a.action_date = ${row.date}::date AND a.id <> ${id} ORDER BY a.kind, a.id`,
  ]);
  return {
    ...toSummary(row),
    items: items.map((d) => ({ ...d, listingDate: d.listingDate ? isoDay(d.listingDate) : null, programs: d.programs.map(programLabel) })),
    sameDay: sameDay.map(toSummary),
  };
}
