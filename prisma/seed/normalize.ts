// Backfill (issue 24): what was stored before countries and identifiers were normalised on import
// (lib/import/normalize.ts) — the seeded history, the curated case, an existing install's imports —
// gets the same codes, on every start (the seed runs on start, on the embedded database too). Cheap
// when there is nothing to do: it reads only entities holding a country that is not a code and
// identifiers without a comparison key. An admin's values are not overwritten: a value that is a
// code already stays as it is; one that cannot be resolved stays too (and is listed on the admin
// page of unresolved countries), never guessed.
import type { PrismaClient } from '../../lib/db/generated/client';
import { normalizeCountries } from '../../lib/normalize/countries';
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
  return { dataset: 'normalize', entities: rows.length, countriesUnresolved: unresolved, identifiers: ids.length, duplicateIdentifiersRemoved: duplicates };
}
