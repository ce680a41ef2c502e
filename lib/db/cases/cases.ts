import 'server-only';
// Reading cases (issue 26, ADR 0017): a case counts exactly the designations of its actions.
import { Prisma } from '../generated/client';
import { prisma } from '../client';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

export type CaseSummary = {
  slug: string;
  title: string;
  description: string | null;
  actions: number;
  designations: number;
  entities: number;
  firstAction: Date | null;
  lastAction: Date | null;
};

/** The live cases with what they hold: designations and entities are live ones of live entities. */
export async function listCases(viewer: Principal): Promise<CaseSummary[]> {
  authorize(viewer, 'data:read');
  return prisma.$queryRaw<CaseSummary[]>`
    SELECT sc.slug, sc.title, sc.description,
      count(DISTINCT ca.action_id)::int AS actions,
      count(DISTINCT d.id)::int AS designations,
      count(DISTINCT d.entity_id)::int AS entities,
      min(sa.action_date) AS "firstAction", max(sa.action_date) AS "lastAction"
    FROM sanctions_case sc
    LEFT JOIN case_action ca ON ca.case_id = sc.id
    LEFT JOIN sanctions_action sa ON sa.id = ca.action_id
    LEFT JOIN (designation d JOIN entity e ON e.id = d.entity_id AND e.deleted_at IS NULL) ON d.action_id = ca.action_id AND d.deleted_at IS NULL
    WHERE sc.deleted_at IS NULL
    GROUP BY sc.id
    ORDER BY sc.title, sc.slug`;
}

export type CaseAction = {
  id: string;
  authorityId: string;
  authorityName: string;
  actionDate: Date;
  title: string;
  kind: 'CURATED' | 'GROUPED';
  isUncertain: boolean;
  sourceUrls: string[];
  legalAct: string | null;
  designations: number;
};
export type CaseAuthority = { authorityId: string; name: string; actions: number; designations: number; entities: number; firstAction: Date };
export type CaseEntity = { id: string; name: string; schema: string; countries: string[]; authorities: string[]; designations: number; firstListed: Date | null };
export type CaseQuarter = { bin: string; authorityId: string; count: number };

export type CaseDetail = {
  slug: string;
  title: string;
  description: string | null;
  sourceUrls: string[];
  note: string | null;
  origin: string;
  updatedAt: Date;
  actions: CaseAction[];
  authorities: CaseAuthority[];
  entities: CaseEntity[];
  quarters: CaseQuarter[];
  totals: { actions: number; designations: number; entities: number };
};

/** One case: its actions in time, per authority, its entities and its designations per quarter. */
export async function getCase(viewer: Principal, slug: string): Promise<CaseDetail | null> {
  authorize(viewer, 'data:read');
  const row = await prisma.sanctionsCase.findFirst({ where: { slug, deletedAt: null } });
  if (!row) return null;
  // The case's live designations of live entities; every figure below is over these.
  const scope = Prisma.sql`
    case_designation AS (
      SELECT d.id, d.entity_id, d.authority_id, d.action_id, d.listing_date
      FROM case_action ca JOIN designation d ON d.action_id = ca.action_id AND d.deleted_at IS NULL
      JOIN entity e ON e.id = d.entity_id AND e.deleted_at IS NULL
      WHERE ca.case_id = ${row.id})`;
  const [actions, authorities, entities, quarters] = await Promise.all([
    prisma.$queryRaw<CaseAction[]>`
      WITH ${scope}
      SELECT sa.id, sa.authority_id AS "authorityId", a.short_name AS "authorityName", sa.action_date AS "actionDate", sa.title, sa.kind::text AS kind,
        sa.is_uncertain AS "isUncertain", sa.source_urls AS "sourceUrls", sa.legal_act AS "legalAct",
        (SELECT count(*)::int FROM case_designation cd WHERE cd.action_id = sa.id) AS designations
      FROM case_action ca JOIN sanctions_action sa ON sa.id = ca.action_id JOIN authority a ON a.id = sa.authority_id
      WHERE ca.case_id = ${row.id}
      ORDER BY sa.action_date, sa.authority_id, sa.id`,
    prisma.$queryRaw<CaseAuthority[]>`
      SELECT sa.authority_id AS "authorityId", a.short_name AS name, count(DISTINCT sa.id)::int AS actions,
        count(d.id)::int AS designations, count(DISTINCT d.entity_id)::int AS entities, min(sa.action_date) AS "firstAction"
      FROM case_action ca JOIN sanctions_action sa ON sa.id = ca.action_id JOIN authority a ON a.id = sa.authority_id
      LEFT JOIN (designation d JOIN entity e ON e.id = d.entity_id AND e.deleted_at IS NULL) ON d.action_id = sa.id AND d.deleted_at IS NULL
      WHERE ca.case_id = ${row.id}
      GROUP BY sa.authority_id, a.short_name
      ORDER BY min(sa.action_date), sa.authority_id`,
    prisma.$queryRaw<CaseEntity[]>`
      WITH ${scope}
      SELECT e.id, e.name, e.schema::text AS schema, e.countries, array_agg(DISTINCT cd.authority_id ORDER BY cd.authority_id) AS authorities,
        count(*)::int AS designations, min(cd.listing_date) AS "firstListed"
      FROM case_designation cd JOIN entity e ON e.id = cd.entity_id
      GROUP BY e.id
      ORDER BY e.name, e.id`,
    prisma.$queryRaw<CaseQuarter[]>`
      WITH ${scope}
      SELECT to_char(listing_date, 'YYYY-"Q"Q') AS bin, authority_id AS "authorityId", count(*)::int AS count
      FROM case_designation WHERE listing_date IS NOT NULL
      GROUP BY 1, 2 ORDER BY 1, 2`,
  ]);
  return {
    slug: row.slug,
    title: row.title,
    description: row.description,
    sourceUrls: row.sourceUrls,
    note: row.note,
    origin: row.origin,
    updatedAt: row.updatedAt,
    actions,
    authorities,
    entities,
    quarters,
    totals: { actions: actions.length, designations: authorities.reduce((n, a) => n + a.designations, 0), entities: entities.length },
  };
}
