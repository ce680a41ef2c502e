import 'server-only';
// The source records as the matcher takes them (lib/resolution/types.ts): one query for the
// records with their programs, one for the few records that have no values of their own yet (made
// before source records kept them, and not re-imported since: their entity's values stand in).
import type { Prisma, PrismaClient } from '../generated/client';
import type { IdentifierType } from '../../normalize/identifier-types';
import type { ResolutionRecord, ResolutionSchema } from '../../resolution/types';

type Db = Prisma.TransactionClient | PrismaClient;

type Props = {
  name?: string;
  aliases?: Array<{ name: string; kind: string }>;
  countries?: string[];
  birthDate?: { date: string; precision: 'YEAR' | 'MONTH' | 'DAY' } | null;
  identifiers?: Array<{ type: string; key?: string; value: string; country: string | null }>;
  extra?: { remarks?: { birthDates?: Array<{ value: string }> }; referents?: unknown } | null;
};

export type LoadedRecord = ResolutionRecord & {
  source: string;
  externalId: string;
  entityCreatedAt: Date;
  /** The entries an OpenSanctions entity was built from ('ofac-1005', other OpenSanctions ids): the file's own cross-references. */
  referents: string[];
};

const day = (iso: string) => iso.slice(0, 10);
const PRECISION: Record<number, 'YEAR' | 'MONTH' | 'DAY'> = { 4: 'YEAR', 7: 'MONTH', 10: 'DAY' };

/** '1971', '1971-01', '1971-01-21' (OFAC remarks' DOBs) → the matcher's form. */
function partial(value: string): { date: string; precision: 'YEAR' | 'MONTH' | 'DAY' } | null {
  const precision = PRECISION[value.length];
  if (!precision || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return null;
  return { date: value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value, precision };
}

export async function loadResolutionRecords(db: Db): Promise<LoadedRecord[]> {
  const rows = await db.$queryRaw<Array<{
    id: string; entity_id: string; document: string; authority: string; schema: string; name: string | null; source: string; external_id: string; properties: Props | null;
    created_at: Date; programs: string[];
  }>>`
    SELECT x.id, x.entity_id, x.document, coalesce(x.authority_id, x.source) AS authority, coalesce(x.schema, e.schema)::text AS schema, x.name, x.source, x.external_id,
      x.properties, e.created_at,
      coalesce((SELECT array_agg(DISTINCT sp.code ORDER BY sp.code) FROM designation d JOIN designation_program dp ON dp.designation_id = d.id
        JOIN sanctions_program sp ON sp.id = dp.program_id WHERE d.source_record_id = x.id), '{}') AS programs
    FROM external_id x JOIN entity e ON e.id = x.entity_id
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
  return rows.map((r) => {
    const p: Props = r.properties ?? fallback.get(r.entity_id) ?? {};
    const name = r.name ?? p.name ?? '';
    const aliases = p.aliases ?? [];
    const births = new Map<string, { date: string; precision: 'YEAR' | 'MONTH' | 'DAY' }>();
    if (p.birthDate?.date) births.set(`${day(p.birthDate.date)}/${p.birthDate.precision}`, { date: day(p.birthDate.date), precision: p.birthDate.precision });
    for (const b of p.extra?.remarks?.birthDates ?? []) {
      const d = partial(b.value);
      if (d) births.set(`${d.date}/${d.precision}`, d);
    }
    const identifiers = (p.identifiers ?? []).filter((i) => i.key).map((i) => ({ type: i.type as IdentifierType, key: i.key!, country: i.country ?? null }));
    const ref = r.source === 'un-sc' ? r.external_id : (p.identifiers ?? []).find((i) => i.type === 'unReferenceNumber')?.value;
    // 'QDi.001' and 'QDI001' are one reference: compared without case and punctuation.
    const unRef = ref ? ref.toUpperCase().replace(/[^A-Z0-9]/g, '') : null;
    return {
      id: r.id, entityId: r.entity_id, document: r.document, authority: r.authority, schema: r.schema as ResolutionSchema,
      names: [...new Set([name, ...aliases.filter((a) => a.kind !== 'WEAK_ALIAS').map((a) => a.name)].filter(Boolean))],
      weakNames: [...new Set(aliases.filter((a) => a.kind === 'WEAK_ALIAS').map((a) => a.name))],
      birthDates: [...births.values()], countries: p.countries ?? [], identifiers, programs: r.programs, unReference: unRef,
      source: r.source, externalId: r.external_id, entityCreatedAt: r.created_at,
      referents: Array.isArray(p.extra?.referents) ? (p.extra.referents as unknown[]).filter((x): x is string => typeof x === 'string') : [],
    };
  });
}
