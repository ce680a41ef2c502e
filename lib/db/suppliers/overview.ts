import 'server-only';
// Suppliers: entities that supply components (a supply link's supplier, or a program participant in
// the COMPONENT_SUPPLIER role), by country and component category, and who designated them — with
// the gap filters (several countries, designated by any of some authorities, by none of others,
// weapons program) and the supply network of the suppliers they keep.
import { Prisma } from '../generated/client';
import { caseActions } from '../cases/filter';
import { prisma } from '../client';
import { ANY_AUTHORITY, type SuppliersQuery } from '../../validation/suppliers';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

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

/** A node of the network: an entity, or a weapons program that a role-only supplier supplies (its recipient is not recorded). */
export type SupplierNetworkNode = { id: string; name: string; kind: 'entity' | 'program'; href: string; countries: string[]; authorities: string[] };
export type SupplierNetworkEdge = { id: string; supplierId: string; recipientId: string; componentCategory: string; isUncertain: boolean; program: string | null };

export type SupplierOverview = {
  /** The suppliers every filter keeps. */
  suppliers: SupplierRow[];
  /** Every supplier, whatever the filters. */
  total: number;
  /** Suppliers that the filters other than the designation ones keep (what byAuthority and undesignated count). */
  base: number;
  /** Within the filters other than country and category. */
  byCountryCategory: Array<{ country: string; category: string; count: number }>;
  /** Within the filters other than the designation ones. */
  byAuthority: Array<{ authority: string; count: number }>;
  undesignated: number;
  /** Every supplier country and weapons program, whatever the filters (the form's choices). */
  options: { countries: string[]; weapons: Array<{ slug: string; name: string }> };
  /** The supply network of `suppliers`: each supply link with its recipient, each role-only supplier to its program. */
  network: { nodes: SupplierNetworkNode[]; edges: SupplierNetworkEdge[] };
};

// One row per supply link (its recipient and program) and per program a participant supplies
// without a supply link recorded for it (category unspecified, no recipient).
const SUPPLIER_FACTS = Prisma.sql`
  supplier_facts AS (
    SELECT s.supplier_id AS entity_id, s.component_category::text AS category, wp.slug, wp.name AS program_name,
      s.id AS link_id, s.recipient_id, s.is_uncertain
    FROM supply_link s LEFT JOIN weapons_program wp ON wp.id = s.weapons_program_id AND wp.deleted_at IS NULL
    WHERE s.deleted_at IS NULL
    UNION ALL
    SELECT pp.entity_id, ${UNSPECIFIED_CATEGORY}, wp.slug, wp.name, NULL, NULL, pp.is_uncertain
    FROM program_participant pp JOIN weapons_program wp ON wp.id = pp.weapons_program_id AND wp.deleted_at IS NULL
    WHERE pp.deleted_at IS NULL AND pp.role = 'COMPONENT_SUPPLIER'
      AND NOT EXISTS (SELECT 1 FROM supply_link s2 WHERE s2.supplier_id = pp.entity_id AND s2.weapons_program_id = pp.weapons_program_id AND s2.deleted_at IS NULL)
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

/** The category and program filters, on a supplier fact `f`: both hold for one and the same link or role. */
function factFilter(q: SuppliersQuery, except: { place?: boolean } = {}): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (q.category.length && !except.place) parts.push(Prisma.sql`f.category IN (${Prisma.join(q.category)})`);
  if (q.weapon.length) parts.push(Prisma.sql`f.slug IN (${Prisma.join(q.weapon)})`);
  return Prisma.join(parts, ' AND ');
}

/**
 * The filters on a supplier `s`; `except.designation` leaves out by/notby (for the designation
 * counts), `except.place` country and category (for the country × category matrix), so each table
 * shows what choosing another value would give.
 */
function filters(q: SuppliersQuery, except: { designation?: boolean; place?: boolean } = {}): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (q.country.length && !except.place) parts.push(Prisma.sql`s.countries && ARRAY[${Prisma.join(q.country)}]::text[]`);
  if ((q.category.length && !except.place) || q.weapon.length) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM supplier_facts f WHERE f.entity_id = s.id AND ${factFilter(q, except)})`);
  if (q.case.length) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM designation cd WHERE cd.entity_id = s.id AND cd.deleted_at IS NULL AND cd.action_id IN (${caseActions(q.case)}))`);
  if (!except.designation) {
    if (q.by.length) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM firsts d WHERE d.entity_id = s.id AND d.authority_id IN (${Prisma.join(q.by)}))`);
    if (q.notby.includes(ANY_AUTHORITY)) parts.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM firsts d WHERE d.entity_id = s.id)`);
    else if (q.notby.length) parts.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM firsts d WHERE d.entity_id = s.id AND d.authority_id IN (${Prisma.join(q.notby)}))`);
  }
  return Prisma.join(parts, ' AND ');
}

type EdgeRow = SupplierNetworkEdge & { recipientName: string; recipientCountries: string[]; recipientAuthorities: string[]; programName: string | null };

export async function getSupplierOverview(viewer: Principal, q: SuppliersQuery): Promise<SupplierOverview> {
  authorize(viewer, 'data:read');
  const [suppliers, byCountryCategory, byAuthority, [counts], edges] = await Promise.all([
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
      FROM suppliers s CROSS JOIN LATERAL unnest(s.countries) c JOIN supplier_facts f ON f.entity_id = s.id AND ${factFilter(q, { place: true })}
      WHERE ${filters(q, { place: true })}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    prisma.$queryRaw<Array<{ authority: string; count: number }>>`
      WITH ${SUPPLIER_FACTS}
      SELECT d.authority_id AS authority, count(*)::int AS count FROM firsts d JOIN suppliers s ON s.id = d.entity_id
      WHERE ${filters(q, { designation: true })}
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    prisma.$queryRaw<Array<{ total: number; base: number; undesignated: number; countries: string[]; weapons: Array<{ slug: string; name: string }> }>>`
      WITH ${SUPPLIER_FACTS}
      SELECT count(*)::int AS total,
        ARRAY(SELECT DISTINCT c FROM suppliers x CROSS JOIN LATERAL unnest(x.countries) c ORDER BY 1) AS countries,
        COALESCE((SELECT json_agg(json_build_object('slug', w.slug, 'name', w.program_name) ORDER BY w.program_name, w.slug)
          FROM (SELECT DISTINCT f.slug, f.program_name FROM supplier_facts f WHERE f.slug IS NOT NULL) w), '[]'::json) AS weapons,
        (count(*) FILTER (WHERE ${filters(q, { designation: true })}))::int AS base,
        (count(*) FILTER (WHERE ${filters(q, { designation: true })} AND NOT EXISTS (SELECT 1 FROM firsts d WHERE d.entity_id = s.id)))::int AS undesignated
      FROM suppliers s`,
    // The links (and program roles) of the suppliers kept, that pass the category and program
    // filters: the network draws what the list holds. A link to a deleted or merged-away recipient is left out.
    prisma.$queryRaw<EdgeRow[]>`
      WITH ${SUPPLIER_FACTS}, matched AS (SELECT s.id FROM suppliers s WHERE ${filters(q)})
      SELECT COALESCE(f.link_id, 'role:' || f.entity_id || ':' || f.slug) AS id, f.entity_id AS "supplierId",
        COALESCE(f.recipient_id, 'program:' || f.slug) AS "recipientId", f.category AS "componentCategory", f.is_uncertain AS "isUncertain",
        f.slug AS program, f.program_name AS "programName",
        r.name AS "recipientName", COALESCE(r.countries, '{}') AS "recipientCountries", COALESCE(r.designation_authorities, '{}') AS "recipientAuthorities"
      FROM supplier_facts f JOIN matched m ON m.id = f.entity_id
      LEFT JOIN entity r ON r.id = f.recipient_id
      WHERE ${factFilter(q)} AND (f.link_id IS NULL OR (r.deleted_at IS NULL AND r.merged_into_id IS NULL))
      ORDER BY f.entity_id, f.recipient_id NULLS LAST, f.category, f.slug, 1`,
  ]);
  return {
    suppliers,
    total: counts?.total ?? 0,
    base: counts?.base ?? 0,
    byCountryCategory,
    byAuthority,
    undesignated: counts?.undesignated ?? 0,
    options: { countries: counts?.countries ?? [], weapons: counts?.weapons ?? [] },
    network: supplierNetwork(suppliers, edges),
  };
}

function supplierNetwork(suppliers: SupplierRow[], rows: EdgeRow[]): SupplierOverview['network'] {
  const nodes = new Map<string, SupplierNetworkNode>();
  for (const s of suppliers) {
    nodes.set(s.id, { id: s.id, name: s.name, kind: 'entity', href: `/entities/${s.id}`, countries: s.countries, authorities: s.designations.map((d) => d.authority) });
  }
  for (const r of rows) {
    if (nodes.has(r.recipientId)) continue;
    nodes.set(
      r.recipientId,
      r.recipientId.startsWith('program:')
        ? { id: r.recipientId, name: r.programName ?? r.program ?? '', kind: 'program', href: `/programs/${r.program}`, countries: [], authorities: [] }
        : { id: r.recipientId, name: r.recipientName, kind: 'entity', href: `/entities/${r.recipientId}`, countries: r.recipientCountries, authorities: r.recipientAuthorities },
    );
  }
  return {
    nodes: [...nodes.values()],
    edges: rows.map((r) => ({ id: r.id, supplierId: r.supplierId, recipientId: r.recipientId, componentCategory: r.componentCategory, isUncertain: r.isUncertain, program: r.program })),
  };
}
