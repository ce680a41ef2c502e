// Backfill (issue 24): what was stored before countries and identifiers were normalised on import
// (lib/import/normalize.ts) — the seeded history, the curated case, an existing install's imports —
// gets the same codes, on every start (the seed runs on start, on the embedded database too). Cheap
// when there is nothing to do: it reads only entities holding a country that is not a code and
// identifiers without a comparison key. An admin's values are not overwritten: a value that is a
// code already stays as it is; one that cannot be resolved stays too (and is listed on the admin
// page of unresolved countries), never guessed.
import type { PrismaClient } from '../../lib/db/generated/client';
import { addressCountries, normalizeCountries } from '../../lib/normalize/countries';
import { establishedDate } from '../../lib/import/ofac-sdn-csv';
import { normalizeIdentifier } from '../../lib/normalize/identifiers';
import { inChunks, type SeedReport } from './util';

export async function seedNormalize(db: PrismaClient): Promise<SeedReport> {
  const entities = await db.$queryRaw<Array<{ id: string; source: string | null; countries: string[]; extra: Record<string, unknown> | null }>>`
    SELECT e.id, (SELECT min(x.source) FROM external_id x WHERE x.entity_id = e.id) AS source, e.countries, e.extra
    FROM entity e WHERE EXISTS (SELECT 1 FROM unnest(e.countries) c WHERE c !~ '^[a-z]{2}$' AND c !~ '^[a-z]{4}$')`;
  const rows: Array<[string, string[], string]> = [];
  let unresolved = 0;
  for (const e of entities) {
    // A value of two or three letters is a code (the curated case and admins write `IR`); the rest are names.
    const isCode = (v: string) => /^[A-Za-z]{2,3}$/.test(v.trim());
    const codes = normalizeCountries(e.countries.filter(isCode), { codeField: true });
    const names = normalizeCountries(e.countries.filter((v) => !isCode(v)), { codeField: false });
    const n = { codes: [...new Set([...codes.codes, ...names.codes])], uncertain: [...codes.uncertain, ...names.uncertain], unresolved: [...codes.unresolved, ...names.unresolved] };
    // Unresolved values stay where they were (beside the codes): nothing is dropped.
    const next = [...n.codes, ...n.unresolved];
    unresolved += n.unresolved.length;
    const extra = { ...(e.extra ?? {}), countriesAsListed: e.countries, ...(n.uncertain.length ? { countriesUncertain: n.uncertain } : {}), ...(n.unresolved.length ? { countriesUnresolved: n.unresolved } : {}) };
    if (next.join('\u0000') !== e.countries.join('\u0000')) rows.push([e.id, next, JSON.stringify(extra)]);
  }
  await inChunks(rows, (chunk) => db.$executeRawUnsafe(
    `UPDATE entity e SET countries = ARRAY(SELECT jsonb_array_elements_text(u.c)), extra = u.x::jsonb, updated_at = now()
     FROM unnest($1::text[], $2::jsonb[], $3::text[]) AS u(id, c, x) WHERE e.id = u.id`,
    chunk.map((r) => r[0]), chunk.map((r) => JSON.stringify(r[1])), chunk.map((r) => r[2]),
  ), 2000);

  const identifiers = await db.$queryRaw<Array<{ id: string; type: string; value: string; country: string | null; schema: string; source: string | null }>>`
    SELECT i.id, i.type, i.value, i.country, e.schema::text AS schema, (SELECT min(x.source) FROM external_id x WHERE x.entity_id = e.id) AS source
    FROM identifier i JOIN entity e ON e.id = i.entity_id WHERE i.key IS NULL`;
  const ids = identifiers.map((i) => {
    const n = normalizeIdentifier({ type: i.type, value: i.value, country: i.country }, { schema: i.schema, source: i.source ?? undefined });
    return [i.id, n.type, n.value, n.country, n.label, n.countryRaw, n.key] as const;
  });
  // NOTE: (entity, type, value) is unique: a normalised pair that exists already keeps the older row.
  await inChunks(ids, (chunk) => db.$executeRawUnsafe(
    `UPDATE identifier i SET type = u.type, value = u.value, country = u.country, label = u.label, country_raw = u.country_raw, key = u.key
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(id, type, value, country, label, country_raw, key)
     WHERE i.id = u.id AND NOT EXISTS (SELECT 1 FROM identifier o WHERE o.entity_id = i.entity_id AND o.type = u.type AND o.value = u.value AND o.id <> i.id)`,
    ...[0, 1, 2, 3, 4, 5, 6].map((k) => chunk.map((r) => r[k] ?? null)),
  ), 2000);
  // …and the raw row is then the same identifier twice: it goes (the normalised one says it all).
  const duplicates = await db.$executeRawUnsafe(`DELETE FROM identifier WHERE key IS NULL AND id = ANY($1::text[])`, ids.map((r) => r[0]));
  const derived = await backfillDerived(db);
  return { dataset: 'normalize', entities: rows.length, countriesUnresolved: unresolved, identifiers: ids.length, duplicateIdentifiersRemoved: duplicates, ...derived };
}

type Props = { countries?: string[]; addresses?: string[]; birthDate?: unknown; extra?: Record<string, unknown> | null };

/**
 * What the importers now read that they did not before, for records imported before (the seed skips
 * list files it applied already): the country an EU address ends with (lib/import/normalize.ts) and
 * the date an OFAC organisation was founded (lib/import/ofac-sdn-csv.ts). Written to the source
 * record and added to its entity where the entity has none; the next resolution run reads them.
 */
async function backfillDerived(db: PrismaClient): Promise<{ addressCountries: number; foundingDates: number }> {
  const eu = await db.$queryRaw<Array<{ id: string; entity_id: string; properties: Props }>>`
    SELECT id, entity_id, properties FROM external_id
    WHERE source = 'eu-journal' AND jsonb_typeof(properties->'addresses') = 'array' AND jsonb_array_length(properties->'addresses') > 0
      AND NOT coalesce(properties->'extra', '{}'::jsonb) ? 'countriesFromAddresses'`;
  const countryRows: Array<[string, string, string, string[]]> = [];
  for (const r of eu) {
    const listed = r.properties.countries ?? [];
    const add = addressCountries(r.properties.addresses ?? []).filter((c) => !listed.includes(c));
    if (!add.length) continue;
    const next: Props = { ...r.properties, countries: [...listed, ...add], extra: { ...(r.properties.extra ?? {}), countriesFromAddresses: add } };
    countryRows.push([r.id, r.entity_id, JSON.stringify(next), add]);
  }
  await inChunks(countryRows, async (chunk) => {
    await db.$executeRawUnsafe(`UPDATE external_id x SET properties = u.p::jsonb, updated_at = now() FROM unnest($1::text[], $2::text[]) AS u(id, p) WHERE x.id = u.id`, chunk.map((r) => r[0]), chunk.map((r) => r[2]));
    await db.$executeRawUnsafe(
      `UPDATE entity e SET countries = ARRAY(SELECT DISTINCT c FROM unnest(e.countries || ARRAY(SELECT jsonb_array_elements_text(u.c))) c ORDER BY 1), updated_at = now()
       FROM unnest($1::text[], $2::jsonb[]) AS u(id, c) WHERE e.id = u.id AND NOT ARRAY(SELECT jsonb_array_elements_text(u.c)) <@ e.countries`,
      chunk.map((r) => r[1]), chunk.map((r) => JSON.stringify(r[3])),
    );
  }, 2000);

  const ofac = await db.$queryRaw<Array<{ id: string; entity_id: string; properties: Props }>>`
    SELECT id, entity_id, properties FROM external_id
    WHERE source = 'ofac-sdn' AND schema::text IN ('Organization', 'Company', 'LegalEntity') AND (properties->'birthDate' IS NULL OR properties->'birthDate' = 'null'::jsonb)
      AND properties->'extra'->'remarks'->'facts' ? 'Organization Established Date'`;
  const dateRows: Array<[string, string, string, string, string]> = [];
  for (const r of ofac) {
    const facts = (r.properties.extra?.remarks as { facts?: Record<string, string[]> } | undefined)?.facts ?? {};
    const d = establishedDate(facts);
    if (!d) continue;
    dateRows.push([r.id, r.entity_id, JSON.stringify({ ...r.properties, birthDate: d }), d.date.toISOString().slice(0, 10), d.precision]);
  }
  await inChunks(dateRows, async (chunk) => {
    await db.$executeRawUnsafe(`UPDATE external_id x SET properties = u.p::jsonb, updated_at = now() FROM unnest($1::text[], $2::text[]) AS u(id, p) WHERE x.id = u.id`, chunk.map((r) => r[0]), chunk.map((r) => r[2]));
    await db.$executeRawUnsafe(
      `UPDATE entity e SET birth_date = u.d::date, birth_date_precision = u.p::"DatePrecision", updated_at = now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS u(id, d, p) WHERE e.id = u.id AND e.birth_date IS NULL`,
      chunk.map((r) => r[1]), chunk.map((r) => r[3]), chunk.map((r) => r[4]),
    );
  }, 2000);
  return { addressCountries: countryRows.length, foundingDates: dateRows.length };
}
