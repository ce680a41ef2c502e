// Countries and identifiers as codes (issue 24): every record of every format passes through here
// after the text policy (parseFiles, lib/import/run.ts), so every list's entity speaks the same
// vocabulary — ISO 3166-1 alpha-2 countries (lib/normalize/countries.ts), identifier types from the
// controlled list with the issuing country as a code and a comparison key
// (lib/normalize/identifiers.ts). Nothing is lost or guessed: the values as the list wrote them stay
// in the record's `extra` (countriesAsListed, countriesUncertain, countriesUnresolved) and in each
// identifier's label / countryRaw; what cannot be resolved is kept there and counted in the run's
// report, by value, so an admin sees it.
import { addressCountries, normalizeCountries } from '../normalize/countries';
import { normalizeIdentifier } from '../normalize/identifiers';
import { countInto, type EntityRecord, type ImportReport, type SourceRecord } from './types';

export const UNRESOLVED_COUNTRY = 'country not resolved (kept as written)';
export const UNKNOWN_IDENTIFIER_LABEL = 'identifier label not in the vocabulary (kept as "other" with its label)';

// Formats whose country fields hold codes (FtM, the EU's XML): there `na` is "not available".
const CODE_SOURCES = new Set(['eu-fsf']);
const isCodeSource = (source: string) => CODE_SOURCES.has(source) || source.startsWith('opensanctions') || source.startsWith('ftm');

// Sources whose addresses are free text ending with the country (the EU annex CSVs).
const FREE_TEXT_ADDRESSES = new Set(['eu-journal']);

export function normalizeEntity(entity: EntityRecord, report: ImportReport): EntityRecord {
  const codeField = isCodeSource(entity.source);
  const countries = normalizeCountries(entity.countries, { codeField });
  const extra: Record<string, unknown> = { ...(entity.extra ?? {}) };
  const changed = countries.codes.length !== entity.countries.length || countries.codes.some((c, i) => c !== entity.countries[i]);
  if (changed && entity.countries.length) extra.countriesAsListed = entity.countries;
  if (countries.uncertain.length) extra.countriesUncertain = countries.uncertain;
  if (countries.unresolved.length) {
    extra.countriesUnresolved = countries.unresolved;
    for (const v of countries.unresolved) countInto(report.warnings, `${UNRESOLVED_COUNTRY}: "${v}"`);
  }
  // The country an address names is the entity's too: the matcher and the split by country need it.
  // OFAC and the UN give it in a field of its own (their parsers take it); the EU's annexes write it at
  // the end of a free-text address. Marked, so a reader can tell a country the list stated from one
  // read off an address.
  const fromAddresses = FREE_TEXT_ADDRESSES.has(entity.source) ? addressCountries(entity.addresses).filter((c) => !countries.codes.includes(c)) : [];
  if (fromAddresses.length) extra.countriesFromAddresses = fromAddresses;
  const identifiers = entity.identifiers.map((item) => {
    const n = normalizeIdentifier(item, { schema: entity.schema, source: entity.source });
    if (n.type === 'other') countInto(report.warnings, `${UNKNOWN_IDENTIFIER_LABEL}: "${n.label}"`);
    return { ...item, type: n.type, value: n.value, country: n.country, label: n.label, countryRaw: n.countryRaw, key: n.key };
  });
  return { ...entity, countries: [...countries.codes, ...fromAddresses], identifiers, extra: Object.keys(extra).length ? extra : null };
}

export async function* normalizeRecords(records: AsyncIterable<SourceRecord>, report: ImportReport): AsyncGenerator<SourceRecord> {
  for await (const rec of records) yield rec.entity ? { ...rec, entity: normalizeEntity(rec.entity, report) } : rec;
}
