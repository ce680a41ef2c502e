import 'server-only';
// Country values no library resolved (issue 24): kept as the lists wrote them, never guessed, and
// listed here for an admin — each value with the number of source records and entities that carry
// it and a few examples to open.
import { prisma } from '../client';
import { authorize } from '../../auth/verified';
import type { Principal } from '../../auth/permissions';

export type UnresolvedCountry = { value: string; records: number; entities: number; examples: Array<{ id: string; name: string }> };

export async function listUnresolvedCountries(viewer: Principal): Promise<UnresolvedCountry[]> {
  authorize(viewer, 'data:write');
  // Records: what each list's import could not resolve (properties.extra.countriesUnresolved, and
  // identifiers' issuing countries); entities: values the backfill left beside the codes.
  const rows = await prisma.$queryRaw<Array<{ value: string; records: number; entities: number; examples: Array<{ id: string; name: string }> }>>`
    WITH found AS (
      SELECT v.value, x.id AS record_id, x.entity_id FROM external_id x
        CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(x.properties->'extra'->'countriesUnresolved') = 'array' THEN x.properties->'extra'->'countriesUnresolved' ELSE '[]'::jsonb END) AS v(value)
      UNION ALL
      -- Identifiers' issuing countries (OFAC writes a city in some: "Matricula Mercantil No … (Medellin)").
      SELECT i.country_raw, i.source_record_id, i.entity_id FROM identifier i WHERE i.country_raw IS NOT NULL AND i.country IS NULL
      UNION ALL
      SELECT c, NULL, e.id FROM entity e CROSS JOIN LATERAL unnest(e.countries) AS c
        WHERE c !~ '^[a-z]{2}(-[a-z]+)?$' AND c !~ '^[a-z]{4}$')
    SELECT f.value, count(DISTINCT f.record_id)::int AS records, count(DISTINCT f.entity_id)::int AS entities,
      (SELECT jsonb_agg(jsonb_build_object('id', e.id, 'name', e.name)) FROM (
         SELECT DISTINCT e.id, e.name FROM found g JOIN entity e ON e.id = g.entity_id
         WHERE g.value = f.value AND e.deleted_at IS NULL AND e.merged_into_id IS NULL ORDER BY e.name LIMIT 3) e) AS examples
    FROM found f GROUP BY f.value ORDER BY count(DISTINCT f.entity_id) DESC, f.value`;
  return rows.map((r) => ({ ...r, examples: r.examples ?? [] }));
}
