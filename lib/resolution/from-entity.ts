// A list's entity record (lib/import/types.ts, normalised by lib/import/normalize.ts) as the matcher
// takes it. The same values are a source record's `properties` in the database (JSON: dates as
// strings), so the database loader and the evaluation read records one way.
import type { IdentifierType } from '../normalize/identifier-types';
import type { ResolutionRecord, ResolutionSchema } from './types';

export type EntityValues = {
  schema?: string;
  name?: string;
  aliases?: Array<{ name: string; kind: string }>;
  countries?: string[];
  birthDate?: { date: string | Date; precision: 'YEAR' | 'MONTH' | 'DAY' } | null;
  identifiers?: Array<{ type: string; value: string; key?: string; country: string | null }>;
  extra?: { remarks?: { birthDates?: Array<{ value: string }> }; referents?: unknown } | Record<string, unknown> | null;
};

const PRECISION: Record<number, 'YEAR' | 'MONTH' | 'DAY'> = { 4: 'YEAR', 7: 'MONTH', 10: 'DAY' };

/** '1971', '1971-01', '1971-01-21' (OFAC remarks' DOBs) → the matcher's form. */
export function partialDate(value: string): { date: string; precision: 'YEAR' | 'MONTH' | 'DAY' } | null {
  const precision = PRECISION[value.length];
  if (!precision || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(value)) return null;
  return { date: value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value, precision };
}

/** 'QDi.001' and 'QDI001' are one UN reference: compared without case and punctuation. */
export const unReferenceKey = (v: string) => v.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function toResolutionRecord(
  values: EntityValues,
  at: { id: string; entityId: string; document: string; authority: string; source: string; externalId: string; schema?: string; name?: string | null; programs: string[] },
): ResolutionRecord & { referents: string[] } {
  const name = at.name ?? values.name ?? '';
  const aliases = values.aliases ?? [];
  const births = new Map<string, { date: string; precision: 'YEAR' | 'MONTH' | 'DAY' }>();
  const b = values.birthDate;
  if (b?.date) {
    const day = (typeof b.date === 'string' ? b.date : b.date.toISOString()).slice(0, 10);
    births.set(`${day}/${b.precision}`, { date: day, precision: b.precision });
  }
  const remarks = (values.extra as { remarks?: { birthDates?: Array<{ value: string }> } } | null | undefined)?.remarks;
  for (const x of remarks?.birthDates ?? []) {
    const d = partialDate(x.value);
    if (d) births.set(`${d.date}/${d.precision}`, d);
  }
  // OFAC's remarks, the EU's extra columns and the UN's places of birth (lib/import): strings or lists of them.
  const extra = (values.extra ?? {}) as Record<string, unknown> & { remarks?: Record<string, unknown> };
  const strings = (...vs: unknown[]) => vs.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  const ids = values.identifiers ?? [];
  const ref = at.source === 'un-sc' ? at.externalId : ids.find((i) => i.type === 'unReferenceNumber')?.value;
  const referents = (values.extra as { referents?: unknown } | null | undefined)?.referents;
  return {
    id: at.id, entityId: at.entityId, document: at.document, authority: at.authority,
    schema: (at.schema ?? values.schema ?? 'Organization') as ResolutionSchema,
    names: [...new Set([name, ...aliases.filter((a) => a.kind !== 'WEAK_ALIAS').map((a) => a.name)].filter(Boolean))],
    weakNames: [...new Set(aliases.filter((a) => a.kind === 'WEAK_ALIAS').map((a) => a.name))],
    birthDates: [...births.values()],
    countries: values.countries ?? [],
    identifiers: ids.filter((i) => i.key && i.type !== 'unReferenceNumber').map((i) => ({ type: i.type as IdentifierType, key: i.key!, country: i.country ?? null })),
    programs: at.programs,
    unReference: ref ? unReferenceKey(ref) : null,
    birthPlaces: strings(extra.remarks?.birthPlaces, extra.birthPlace).flatMap((p) => p.split(';')).map((p) => p.trim()).filter(Boolean),
    contacts: strings(extra.remarks?.websites, extra.remarks?.emails, extra.website, extra.email).flatMap((c) => c.split(/[;,\s]+/)).filter(Boolean),
    referents: Array.isArray(referents) ? referents.filter((x): x is string => typeof x === 'string') : [],
  };
}

/** The document a list's record belongs to (the rule of the database trigger st_source_document). */
export const sourceDocument = (source: string, externalId: string) => (source === 'eu-journal' ? `eu:${externalId.split('#')[0]}` : source);
export const SOURCE_AUTHORITY: Record<string, string> = { 'ofac-sdn': 'US-OFAC', 'ofac-cons': 'US-OFAC', 'eu-journal': 'EU', 'eu-fsf': 'EU', 'uk-list': 'UK', 'un-sc': 'UN' };
