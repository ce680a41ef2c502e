import 'server-only';
// Suppliers: entities that supply components (a supply link's supplier, or a program participant in
// the COMPONENT_SUPPLIER role), by country and component category, and who designated them.
import { Prisma } from './generated/client';
import { prisma } from './client';
import type { SuppliersQuery } from '../validation/suppliers';
import { authorize } from '../auth/verified';
import type { Principal } from '../auth/permissions';

export const UNKNOWN_COUNTRY = 'unknown';
export const UNSPECIFIED_CATEGORY = 'UNSPECIFIED';

export type SupplierRow = {
  id: string;
  name: string;
  countries: string[];
  categories: string[];
  programs: Array<{ slug: string; name: string }>;
  designations: Array<{ authority: string; firstListed: string; onOrBefore: boolean }>;
};

export type SupplierOverview = {
  suppliers: SupplierRow[];
  total: number;
  byCountryCategory: Array<{ country: string; category: string; count: number }>;
  byAuthority: Array<{ authority: string; count: number }>;
  undesignated: number;
};

// Supplier × category × program facts; categories are unspecified for role-only suppliers.
const SUPPLIER_FACTS = Prisma.sql`
  supplier_facts AS (
    SELECT s.supplier_id AS entity_id, s.component_category::text AS category, wp.slug, wp.name AS program_name
    FROM supply_link s LEFT JOIN weapons_program wp ON wp.id = s.weapons_program_id AND wp.deleted_at IS NULL
    WHERE s.deleted_at IS NULL
    UNION
    SELECT pp.entity_id, ${UNSPECIFIED_CATEGORY}, wp.slug, wp.name
    FROM program_participant pp JOIN weapons_program wp ON wp.id = pp.weapons_program_id AND wp.deleted_at IS NULL
    WHERE pp.deleted_at IS NULL AND pp.role = 'COMPONENT_SUPPLIER'
      AND NOT EXISTS (SELECT 1 FROM supply_link s2 WHERE s2.supplier_id = pp.entity_id AND s2.deleted_at IS NULL)
  ),
  suppliers AS (
    SELECT e.id, e.name, e.name_norm,
      CASE WHEN cardinality(e.countries) = 0 THEN ARRAY[${UNKNOWN_COUNTRY}]::text[] ELSE e.countries END AS countries
    FROM entity e WHERE e.deleted_at IS NULL AND e.merged_into_id IS NULL AND e.id IN (SELECT entity_id FROM supplier_facts)
  ),
  firsts AS (
    SELECT DISTINCT ON (d.entity_id, d.authority_id) d.entity_id, d.authority_id, d.listing_date, d.listing_date_qualifier = 'ON_OR_BEFORE' AS on_or_before
    FROM designation d WHERE d.deleted_at IS NULL AND d.entity_id IN (SELECT id FROM suppliers)
    ORDER BY d.entity_id, d.authority_id, d.listing_date NULLS LAST
  )`;

function filters(q: SuppliersQuery): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (q.country) parts.push(Prisma.sql`${q.country} = ANY (s.countries)`);
  if (q.category) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM supplier_facts f WHERE f.entity_id = s.id AND f.category = ${q.category})`);
  if (q.designated === 'none') parts.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM firsts f WHERE f.entity_id = s.id)`);
  else if (q.designated) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM firsts f WHERE f.entity_id = s.id AND f.authority_id = ${q.designated})`);
  return Prisma.join(parts, ' AND ');
}

export async function getSupplierOverview(viewer: Principal, q: SuppliersQuery): Promise<SupplierOverview> {
  authorize(viewer, 'data:read');
  const [suppliers, byCountryCategory, byAuthority, [undesignated], [all]] = await Promise.all([
    prisma.$queryRaw<SupplierRow[]>`
      WITH ${SUPPLIER_FACTS}
      SELECT s.id, s.name, s.countries,
        ARRAY(SELECT DISTINCT f.category FROM supplier_facts f WHERE f.entity_id = s.id ORDER BY 1) AS categories,
        COALESCE((SELECT json_agg(DISTINCT jsonb_build_object('slug', f.slug, 'name', f.program_name)) FROM supplier_facts f WHERE f.entity_id = s.id AND f.slug IS NOT NULL), '[]'::json) AS programs,
        COALESCE((SELECT json_agg(json_build_object('authority', f.authority_id, 'firstListed', f.listing_date, 'onOrBefore', f.on_or_before) ORDER BY f.authority_id) FROM firsts f WHERE f.entity_id = s.id), '[]'::json) AS designations
      FROM suppliers s
      WHERE ${filters(q)}
      ORDER BY s.name_norm, s.id`,
    prisma.$queryRaw<Array<{ country: string; category: string; count: number }>>`
      WITH ${SUPPLIER_FACTS}
      SELECT c AS country, f.category, count(DISTINCT s.id)::int AS count
      FROM suppliers s CROSS JOIN LATERAL unnest(s.countries) c JOIN supplier_facts f ON f.entity_id = s.id
      GROUP BY 1, 2 ORDER BY 1, 2`,
    prisma.$queryRaw<Array<{ authority: string; count: number }>>`
      WITH ${SUPPLIER_FACTS}
      SELECT f.authority_id AS authority, count(*)::int AS count FROM firsts f GROUP BY 1 ORDER BY 2 DESC, 1`,
    prisma.$queryRaw<Array<{ count: number }>>`
      WITH ${SUPPLIER_FACTS}
      SELECT count(*)::int AS count FROM suppliers s WHERE NOT EXISTS (SELECT 1 FROM firsts f WHERE f.entity_id = s.id)`,
    prisma.$queryRaw<Array<{ count: number }>>`WITH ${SUPPLIER_FACTS} SELECT count(*)::int AS count FROM suppliers`,
  ]);
  return { suppliers, total: all?.count ?? 0, byCountryCategory, byAuthority, undesignated: undesignated?.count ?? 0 };
}
