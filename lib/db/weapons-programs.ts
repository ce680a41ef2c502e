import 'server-only';
// Weapons programs (Shahed-136, Mohajer-6, Alabuga production…): participants by role, which
// authorities designated them and when, the supplier network, and designations per quarter.
import { prisma } from './client';
import { isoDay, type DatePrecision } from '../dates';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

export type WeaponsProgramListItem = {
  id: string;
  slug: string;
  name: string;
  type: string;
  countryOfOrigin: string | null;
  participants: number;
  designatedParticipants: number;
  supplyLinks: number;
};

export function listWeaponsPrograms(viewer: Principal): Promise<WeaponsProgramListItem[]> {
  authorize(viewer, 'data:read');
  return prisma.$queryRaw<WeaponsProgramListItem[]>`
    SELECT wp.id, wp.slug, wp.name, wp.type, wp.country_of_origin AS "countryOfOrigin",
      (SELECT count(DISTINCT pp.entity_id)::int FROM program_participant pp JOIN entity e ON e.id = pp.entity_id AND e.deleted_at IS NULL
        WHERE pp.weapons_program_id = wp.id AND pp.deleted_at IS NULL) AS participants,
      (SELECT count(DISTINCT pp.entity_id)::int FROM program_participant pp JOIN entity e ON e.id = pp.entity_id AND e.deleted_at IS NULL
        WHERE pp.weapons_program_id = wp.id AND pp.deleted_at IS NULL
          AND EXISTS (SELECT 1 FROM designation d WHERE d.entity_id = pp.entity_id AND d.deleted_at IS NULL)) AS "designatedParticipants",
      (SELECT count(*)::int FROM supply_link s WHERE s.weapons_program_id = wp.id AND s.deleted_at IS NULL) AS "supplyLinks"
    FROM weapons_program wp
    WHERE wp.deleted_at IS NULL
    ORDER BY wp.name`;
}

export type ProgramParticipantRow = {
  entityId: string;
  entityName: string;
  schema: string;
  countries: string[];
  role: string;
  isUncertain: boolean;
  sourceUrl: string;
};

/** Per participant and authority: the earliest listing, and whether every listing has been lifted. */
export type MatrixCell = { entityId: string; authority: string; firstListed: string; precision: DatePrecision | null; onOrBefore: boolean; active: boolean };

export type SupplyEdge = {
  id: string;
  supplierId: string;
  recipientId: string;
  componentCategory: string;
  isUncertain: boolean;
  sourceUrl: string;
};

export type NetworkNode = { id: string; name: string; countries: string[]; authorities: string[] };

export type QuarterCount = { bin: string; authority: string; count: number };

export type WeaponsProgramDetail = {
  program: { id: string; slug: string; name: string; aliases: string[]; type: string; countryOfOrigin: string | null; description: string | null; note: string | null; sourceUrls: string[] };
  participants: ProgramParticipantRow[];
  matrix: MatrixCell[];
  edges: SupplyEdge[];
  nodes: NetworkNode[];
  quarters: QuarterCount[];
  /** Participants' designations the quarterly chart leaves out: no exact listing day/month. */
  unplaced: number;
};

export async function getWeaponsProgram(viewer: Principal, slug: string): Promise<WeaponsProgramDetail | null> {
  authorize(viewer, 'data:read');
  const program = await prisma.weaponsProgram.findFirst({
    where: { slug, deletedAt: null },
    select: { id: true, slug: true, name: true, aliases: true, type: true, countryOfOrigin: true, description: true, note: true, sourceUrls: true },
  });
  if (!program) return null;
  const id = program.id;
  const [participants, matrix, edges, nodes, quarters, [unplaced]] = await Promise.all([
    prisma.$queryRaw<ProgramParticipantRow[]>`
      SELECT e.id AS "entityId", e.name AS "entityName", e.schema::text AS schema, e.countries, pp.role::text AS role, pp.is_uncertain AS "isUncertain", pp.source_url AS "sourceUrl"
      FROM program_participant pp JOIN entity e ON e.id = pp.entity_id AND e.deleted_at IS NULL
      WHERE pp.weapons_program_id = ${id} AND pp.deleted_at IS NULL
      ORDER BY pp.role, e.name_norm`,
    prisma.$queryRaw<Array<Omit<MatrixCell, 'firstListed'> & { firstListed: Date }>>`
      SELECT DISTINCT ON (d.entity_id, d.authority_id) d.entity_id AS "entityId", d.authority_id AS authority, d.listing_date AS "firstListed",
        d.listing_date_precision::text AS precision, d.listing_date_qualifier = 'ON_OR_BEFORE' AS "onOrBefore",
        bool_or(d.end_date IS NULL) OVER (PARTITION BY d.entity_id, d.authority_id) AS active
      FROM designation d
      WHERE d.deleted_at IS NULL AND d.listing_date IS NOT NULL
        AND d.entity_id IN (SELECT pp.entity_id FROM program_participant pp WHERE pp.weapons_program_id = ${id} AND pp.deleted_at IS NULL)
      ORDER BY d.entity_id, d.authority_id, d.listing_date, d.listing_date_precision DESC`,
    prisma.$queryRaw<SupplyEdge[]>`
      SELECT s.id, s.supplier_id AS "supplierId", s.recipient_id AS "recipientId", s.component_category::text AS "componentCategory",
        s.is_uncertain AS "isUncertain", s.source_url AS "sourceUrl"
      FROM supply_link s
      JOIN entity a ON a.id = s.supplier_id AND a.deleted_at IS NULL
      JOIN entity b ON b.id = s.recipient_id AND b.deleted_at IS NULL
      WHERE s.weapons_program_id = ${id} AND s.deleted_at IS NULL
      ORDER BY s.component_category, s.id`,
    prisma.$queryRaw<NetworkNode[]>`
      SELECT e.id, e.name, e.countries,
        COALESCE((SELECT array_agg(DISTINCT d.authority_id ORDER BY d.authority_id) FROM designation d WHERE d.entity_id = e.id AND d.deleted_at IS NULL), '{}') AS authorities
      FROM entity e
      WHERE e.deleted_at IS NULL AND e.id IN (
        SELECT supplier_id FROM supply_link WHERE weapons_program_id = ${id} AND deleted_at IS NULL
        UNION SELECT recipient_id FROM supply_link WHERE weapons_program_id = ${id} AND deleted_at IS NULL)
      ORDER BY e.name_norm`,
    prisma.$queryRaw<QuarterCount[]>`
      SELECT to_char(d.listing_date, 'YYYY-"Q"Q') AS bin, d.authority_id AS authority, count(*)::int AS count
      FROM designation d
      WHERE d.deleted_at IS NULL AND d.listing_date IS NOT NULL AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision >= 'MONTH'::"DatePrecision"
        AND d.entity_id IN (SELECT pp.entity_id FROM program_participant pp JOIN entity e ON e.id = pp.entity_id AND e.deleted_at IS NULL
                            WHERE pp.weapons_program_id = ${id} AND pp.deleted_at IS NULL)
      GROUP BY 1, 2 ORDER BY 1, 2`,
    prisma.$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count FROM designation d
      WHERE d.deleted_at IS NULL AND NOT (d.listing_date IS NOT NULL AND d.listing_date_qualifier = 'EXACT' AND d.listing_date_precision >= 'MONTH'::"DatePrecision")
        AND d.entity_id IN (SELECT pp.entity_id FROM program_participant pp JOIN entity e ON e.id = pp.entity_id AND e.deleted_at IS NULL
                            WHERE pp.weapons_program_id = ${id} AND pp.deleted_at IS NULL)`,
  ]);
  return {
    program,
    participants,
    matrix: matrix.map((m) => ({ ...m, firstListed: isoDay(m.firstListed) })),
    edges,
    nodes,
    quarters,
    unplaced: unplaced?.count ?? 0,
  };
}
