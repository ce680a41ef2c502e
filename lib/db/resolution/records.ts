import 'server-only';
// The source records as the matcher takes them (lib/resolution/types.ts): one query for the
// records with their programs, one for the few records that have no values of their own yet (made
// before source records kept them, and not re-imported since: their entity's values stand in).
import type { Prisma, PrismaClient } from '../generated/client';
import type { ResolutionRecord } from '../../resolution/types';
import { toResolutionRecord, type EntityValues } from '../../resolution/from-entity';

type Db = Prisma.TransactionClient | PrismaClient;

type Props = EntityValues;

export type LoadedRecord = ResolutionRecord & {
  source: string;
  externalId: string;
  entityCreatedAt: Date;
  /** The entries an OpenSanctions entity was built from ('ofac-1005', other OpenSanctions ids): the file's own cross-references. */
  referents: string[];
};


export async function loadResolutionRecords(db: Db): Promise<LoadedRecord[]> {
  const rows = await db.$queryRaw<Array<{
    id: string; entity_id: string; document: string; authority: string; schema: string; name: string | null; source: string; external_id: string; properties: Props | null;
    created_at: Date; programs: string[];
  }>>`
    -- NOTE: one grouped join, not a subquery per record: inside an import's transaction the tables
    -- just written have no statistics, and the per-record subquery became 10k scans (15 s).
    WITH programs AS (
      SELECT d.source_record_id AS rid, array_agg(DISTINCT sp.code ORDER BY sp.code) AS codes
      FROM designation d JOIN designation_program dp ON dp.designation_id = d.id JOIN sanctions_program sp ON sp.id = dp.program_id
      WHERE d.source_record_id IS NOT NULL GROUP BY 1)
    SELECT x.id, x.entity_id, x.document, coalesce(x.authority_id, x.source) AS authority, coalesce(x.schema, e.schema)::text AS schema, x.name, x.source, x.external_id,
      x.properties, e.created_at, coalesce(p.codes, '{}') AS programs
    FROM external_id x JOIN entity e ON e.id = x.entity_id LEFT JOIN programs p ON p.rid = x.id
    WHERE e.deleted_at IS NULL AND e.merged_into_id IS NULL
    ORDER BY x.id`;
  // Records without values of their own: the entity's stand in (its names, identifiers, countries).
  const bare = [...new Set(rows.filter((r) => !r.properties).map((r) => r.entity_id))];
  const fallback = new Map<string, Props>();
  if (bare.length) {
    const ents = await db.$queryRaw<Array<{ id: string; name: string; countries: string[]; birth_date: Date | null; birth_date_precision: string | null; aliases: Array<{ name: string; kind: string }> | null; identifiers: Props['identifiers'] | null }>>`
      SELECT e.id, e.name, e.countries, e.birth_date, e.birth_date_precision::text,
        (SELECT jsonb_agg(jsonb_build_object('name', a.name, 'kind', a.kind)) FROM entity_alias a WHERE a.entity_id = e.id) AS aliases,
        (SELECT jsonb_agg(jsonb_build_object('type', i.type, 'value', i.value, 'key', i.key, 'country', i.country)) FROM identifier i WHERE i.entity_id = e.id) AS identifiers
      FROM entity e WHERE e.id = ANY(${bare}::text[])`;
    for (const e of ents) {
      fallback.set(e.id, {
        name: e.name, aliases: e.aliases ?? [], countries: e.countries, identifiers: e.identifiers ?? [],
        birthDate: e.birth_date ? { date: e.birth_date.toISOString(), precision: (e.birth_date_precision ?? 'DAY') as 'DAY' } : null,
      });
    }
  }
  return rows.map((r) => ({
    ...toResolutionRecord(r.properties ?? fallback.get(r.entity_id) ?? {}, {
      id: r.id, entityId: r.entity_id, document: r.document, authority: r.authority, source: r.source, externalId: r.external_id, schema: r.schema, name: r.name, programs: r.programs,
    }),
    source: r.source, externalId: r.external_id, entityCreatedAt: r.created_at,
  }));
}
